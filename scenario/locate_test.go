package scenario

import (
	"strings"
	"testing"
)

func TestIndexLines(t *testing.T) {
	text := strings.Join([]string{
		`# comment [not.a.table]`,           // 1
		`name = "a # b" # trailing`,         // 2
		`seed=1`,                            // 3
		`[community]`,                       // 4
		`households = 800`,                  // 5
		`  "quoted key" = 1`,                // 6
		`'literal' = 2`,                     // 7
		`dotted . key.deep = 3`,             // 8
		`arr = [`,                           // 9
		`  1, # ] not the end`,              // 10
		`  [2, 3],`,                         // 11
		`]`,                                 // 12
		`inline = { a = 1, b = { c = 2 },`,  // 13
		`  d = 3 }`,                         // 14
		`text = """`,                        // 15
		`[fake]`,                            // 16
		`fake = 1 \"""`,                     // 17
		`"""`,                               // 18
		`lit = '''`,                         // 19
		`[fake2]'''`,                        // 20
		`after = 4`,                         // 21
		`[ stages . "initial" ]   # header`, // 22
		`home_visits.intensity = 1`,         // 23
		`[[list]]`,                          // 24
		`x = 1`,                             // 25
		"\"esc\\u0041\\tpe\" = 1",           // 26
		`date = 1979-05-27 07:32:00Z`,       // 27
		`next = 5`,                          // 28
		"crlf = 1\r",                        // 29
		`last = "x"`,                        // 30
	}, "\n")
	ix, deep := indexLines(text)
	if deep != 0 {
		t.Errorf("deep = %d, want 0", deep)
	}
	want := map[string]int{
		"name":                                 2,
		"seed":                                 3,
		"community":                            4,
		"community.households":                 5,
		"community.quoted key":                 6,
		"community.literal":                    7,
		"community.dotted":                     8,
		"community.dotted.key.deep":            8,
		"community.arr":                        9,
		"community.inline":                     13,
		"community.inline.b.c":                 13,
		"community.inline.d":                   14,
		"community.text":                       15,
		"community.lit":                        19,
		"community.after":                      21,
		"stages.initial":                       22,
		"stages.initial.home_visits.intensity": 23,
		"list":                                 24,
		"list.x":                               25,
		"list.escA\tpe":                        26,
		"list.date":                            27,
		"list.next":                            28,
		"list.crlf":                            29,
		"list.last":                            30,
		"list.0":                               24,
		"list.0.x":                             25,
		"list.0.last":                          30,
	}
	for k, line := range want {
		if got, ok := ix[k]; !ok || got != line {
			t.Errorf("line of %q = %d (found %v), want %d", k, got, ok, line)
		}
	}
	for _, k := range []string{"fake", "community.fake", "fake2", "community.fake2"} {
		if _, ok := ix[k]; ok {
			t.Errorf("%q indexed, but it is inside a string", k)
		}
	}
	// Unindexed keys fall back to their nearest parent.
	if got := ix.line([]string{"community", "inline", "zzz"}); got != 13 {
		t.Errorf("fallback line = %d, want 13", got)
	}
	if got := ix.line([]string{"nowhere"}); got != 0 {
		t.Errorf("unknown key line = %d, want 0", got)
	}
}

func TestKeyLinesArrayOfTables(t *testing.T) {
	line := KeyLines("[[t]]\nm = 1\n\n[[t]]\nm = 2\n[other]\nm = 3\n")
	for _, c := range []struct {
		key  string
		want int
	}{{"t.0.m", 2}, {"t.1", 4}, {"t.1.m", 5}, {"t.m", 2}, {"t.2.m", 1}, {"other.m", 7}} {
		if got := line(strings.Split(c.key, ".")); got != c.want {
			t.Errorf("line of %s = %d, want %d", c.key, got, c.want)
		}
	}
}

func FuzzIndexLines(f *testing.F) {
	for _, s := range []string{"a = [", "[a", `"\u`, `a = """`, "a = {b = [{c = '", "\x00[", `a."b\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ix, _ := indexLines(s)
		for _, l := range ix {
			if l < 1 || l > strings.Count(s, "\n")+1 {
				t.Fatalf("line %d out of range", l)
			}
		}
	})
}

func TestDeepKeys(t *testing.T) {
	key := strings.Repeat("a.", maxKeyParts) + "a"
	for _, text := range []string{"x = 1\n" + key + " = 1\n", "x = 1\n[" + key + "]\n", "x = 1\ny = {" + key + " = 1}\n"} {
		_, err := LoadBytes("x.toml", []byte(text), nil)
		want := "x.toml:2: nests deeper than 32 levels (inline tables, arrays and dotted key parts count); flatten it"
		if err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	}
	if _, deep := indexLines(strings.Repeat("a.", maxKeyParts-1) + "a = 1"); deep != 0 {
		t.Errorf("a key of %d parts is flagged", maxKeyParts)
	}
}
