package tomlnest

import (
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// nested is x = {a={a=...}} of the given depth, as in issue 13.
func nested(depth int) string {
	return "x = " + strings.Repeat("{a=", depth) + "1" + strings.Repeat("}", depth) + "\n"
}

func TestCheck(t *testing.T) {
	deepKey := strings.Repeat("a.", MaxDepth+1) + "a = 1\n"
	cases := []struct {
		name, text string
		line       int
	}{
		{"empty", "", 0},
		{"flat", "a = 1\nb.c = [1, 2.5, {d = 3}]\n[t.u]\nv = 'x'\n[[w]]\n", 0},
		{"at the limit", nested(MaxDepth), 0},
		{"one deeper", nested(MaxDepth + 1), 1},
		{"depth 8000", nested(8000), 1},
		{"arrays", "\n\nx = " + strings.Repeat("[", 40) + strings.Repeat("]", 40), 3},
		{"arrays across lines", "x = [\n" + strings.Repeat("[\n", 40) + strings.Repeat("]", 41), 33},
		{"dotted key", "\n" + deepKey, 2},
		{"dotted key at the limit", strings.Repeat("a.", MaxDepth) + "a = 1\n", 0},
		{"table header", "[" + strings.Repeat("a.", MaxDepth) + "a]\n", 1},
		{"dots in values", "x = [" + strings.Repeat("1.5, ", 100) + "]\ny = 1.5e3\n", 0},
		{"brackets in strings", `a = "` + strings.Repeat("{[", 50) + `\"` + "\"\nb = '" + strings.Repeat("{", 50) + "'\n", 0},
		{"brackets in multi-line strings", "a = \"\"\"\n" + strings.Repeat("{", 50) + "\n\"\"\"\"\"\nb = '''\n" + strings.Repeat("[", 50) + "''''\n" + nested(MaxDepth+1), 6},
		{"brackets in comments", "# " + strings.Repeat("{", 50) + "\na = 1 # " + strings.Repeat("[", 50) + "\n", 0},
		{"dots in quoted keys", `"` + strings.Repeat("a.", 50) + `" = 1` + "\n", 0},
		{"escaped newline", "a = \"\"\"x\\\n\"\"\"\n" + nested(MaxDepth+1), 3},
		{"headers do not add up", strings.Repeat("[a.b.c]\n", 50), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Check(c.text); got != c.line {
				t.Errorf("Check = %d, want %d", got, c.line)
			}
		})
	}
}

// A 48 KB file nested 8,000 deep, which exhausted memory in the decoder,
// is rejected at once.
func TestCheckDeepIsFast(t *testing.T) {
	text := nested(8000)
	start := time.Now()
	if Check(text) != 1 {
		t.Fatal("not rejected")
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("took %v", d)
	}
}

// depth is how deeply a decoded value nests: 0 for a scalar, 1 + the
// deepest element for a table or an array.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	default:
		return 0
	}
	return 1 + d
}

// FuzzCheck: Check never panics, and never rejects a text the decoder
// accepts unless its decoded value nests deeper than MaxDepth.
func FuzzCheck(f *testing.F) {
	f.Add(nested(8000))
	f.Add(nested(MaxDepth))
	f.Add("a.b.c = 1\n[t]\nx = [1, {y.z = 'w'}]\n[[u.v]]\nq = \"\"\"\n{[\"\"\"\"\n")
	f.Add("x = " + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1))
	f.Add("k = '''{'''\nl = \"\\\"[\" # [\n")
	f.Fuzz(func(t *testing.T, text string) {
		line := Check(text)
		if line < 0 || line > 1+strings.Count(text, "\n") {
			t.Fatalf("line %d out of range", line)
		}
		if len(text) > 4096 {
			return // the decoder takes 40 s on the seed nested 8,000 deep
		}
		var doc map[string]any
		if _, err := toml.Decode(text, &doc); err != nil {
			return
		}
		if d := depth(doc); line > 0 && d <= MaxDepth {
			t.Fatalf("rejected at line %d a text the decoder accepts, nested %d deep", line, d)
		}
	})
}
