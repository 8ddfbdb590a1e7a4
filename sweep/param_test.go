package sweep

import (
	"math"
	"strings"
	"testing"
)

func TestParseVary(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // Param.String()
		rng  bool
		n    int
	}{
		{"macro.bureaucracy=0.3,0.5,0.7", "macro.bureaucracy=0.3,0.5,0.7", false, 0},
		{"macro.bureaucracy = 0.3, 0.5", "macro.bureaucracy=0.3,0.5", false, 0},
		{"macro.channel_openness=0.2:0.8:4", "macro.channel_openness=0.2:0.8:4", true, 4},
		{"project.social_workers=2:8", "project.social_workers=2:8", true, 0},
		{"participation.rule=logistic,threshold", `participation.rule="logistic","threshold"`, false, 0},
		{`project.boundary=["care","civic"],["care"]`, `project.boundary=["care", "civic"],["care"]`, false, 0},
		{"phases.services.enabled=true,false", "phases.services.enabled=true,false", false, 0},
		{"behaviour.need_lapse=plausible", "behaviour.need_lapse=0.025:0.1", true, 0},
		{"behaviour.event_appeal=plausible:3", "behaviour.event_appeal=-2:0:3", true, 3},
	} {
		p, err := ParseVary(tc.in)
		if err != nil {
			t.Errorf("ParseVary(%q): %v", tc.in, err)
			continue
		}
		if got := p.String(); got != tc.want || p.IsRange() != tc.rng || p.Count != tc.n {
			t.Errorf("ParseVary(%q) = %q range=%v n=%d, want %q range=%v n=%d", tc.in, got, p.IsRange(), p.Count, tc.want, tc.rng, tc.n)
		}
	}
	for _, bad := range []string{"macro.bureaucracy", "=1,2", "a..b=1", "x=1,,2", "x=[1,2", "x=a:b:3", "x=0:1:0", "x=1.2.3"} {
		if _, err := ParseVary(bad); err == nil {
			t.Errorf("ParseVary(%q) accepted", bad)
		}
	}
}

// "plausible" takes the key's plausible range from the schema, integers
// only for integer keys, and says why when there is none.
func TestParseVaryPlausible(t *testing.T) {
	for _, tc := range []struct {
		in      string
		integer bool
		err     string
	}{
		{"behaviour.issue_pool=plausible", false, ""}, // 4:16, a float key
		{"behaviour.need_cap=plausible", true, ""},    // 6:24, an int key
		{"community.households=plausible", false, "--vary community.households=plausible: community.households has no plausible range (see grassroots params); give values or min:max"},
		{"behaviour.need_lapz=plausible", false, `--vary behaviour.need_lapz=plausible: "behaviour.need_lapz" is not a scenario key (see grassroots params)`},
		{"behaviour.need_lapse=plausible:0", false, `--vary behaviour.need_lapse=plausible:0: number of values "0" must be a positive integer`},
	} {
		p, err := ParseVary(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseVary(%q) error %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !p.IsRange() || p.Integer != tc.integer {
			t.Errorf("ParseVary(%q) = %+v, %v; want a range with Integer %v", tc.in, p, err, tc.integer)
		}
	}
}

func TestGridValues(t *testing.T) {
	p := Param{Path: "x", Min: 0.1, Max: 0.7, Count: 4}
	var got []string
	for _, v := range p.gridValues() {
		got = append(got, v.TOML)
	}
	// 0.1 + 0.6/3 is 0.30000000000000004 in floating point.
	if strings.Join(got, " ") != "0.1 0.3 0.5 0.7" {
		t.Errorf("grid values %v", got)
	}
	ints := Param{Path: "n", Min: 2, Max: 8, Count: 4, Integer: true}
	got = nil
	for _, v := range ints.gridValues() {
		got = append(got, v.TOML)
	}
	if strings.Join(got, " ") != "2 4 6 8" {
		t.Errorf("integer grid values %v", got)
	}
}

func TestGridOrder(t *testing.T) {
	a := Param{Path: "a", Levels: []Value{numberValue(1), numberValue(2)}}
	b := Param{Path: "b", Levels: []Value{numberValue(10), numberValue(20), numberValue(30)}}
	pts, err := gridPoints([]Param{a, b})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pts {
		got = append(got, p.Values[0].TOML+"/"+p.Values[1].TOML)
	}
	if want := "1/10 1/20 1/30 2/10 2/20 2/30"; strings.Join(got, " ") != want {
		t.Errorf("grid order %v, want %s (first parameter slowest)", got, want)
	}
}

// Every stratum of every parameter holds exactly one point, and the same
// seed gives the same points.
func TestLHSStratified(t *testing.T) {
	params := []Param{
		{Path: "x", Min: 0, Max: 1},
		{Path: "y", Min: -5, Max: 5},
		{Path: "k", Min: 1, Max: 10, Integer: true},
		{Path: "l", Levels: []Value{numberValue(1), numberValue(2)}},
	}
	const n = 10
	pts, err := lhsPoints(params, n, 42)
	if err != nil {
		t.Fatal(err)
	}
	for j, p := range params[:3] {
		seen := make([]bool, n)
		for _, pt := range pts {
			v := pt.Values[j].Num
			s := int((v - p.Min) / (p.Max - p.Min) * n)
			if p.Integer {
				s = int(v - p.Min)
			}
			s = min(s, n-1)
			if v < p.Min || v > p.Max || seen[s] {
				t.Fatalf("%s: value %v out of range or in a used stratum", p.Path, v)
			}
			seen[s] = true
			if p.Integer && v != math.Trunc(v) {
				t.Fatalf("%s: %v is not an integer", p.Path, v)
			}
		}
	}
	count := map[string]int{}
	for _, pt := range pts {
		count[pt.Values[3].TOML]++
	}
	if count["1"] != 5 || count["2"] != 5 {
		t.Errorf("levels not balanced: %v", count)
	}
	again, _ := lhsPoints(params, n, 42)
	other, _ := lhsPoints(params, n, 43)
	same := func(a, b []Point) bool {
		for i := range a {
			for j := range a[i].Values {
				if a[i].Values[j] != b[i].Values[j] {
					return false
				}
			}
		}
		return true
	}
	if !same(pts, again) {
		t.Error("same seed, different points")
	}
	if same(pts, other) {
		t.Error("different seeds, same points")
	}
}

func TestShards(t *testing.T) {
	const total = 23
	for _, n := range []int{1, 2, 3, 7, 30} {
		owners := make([]int, total)
		sum := 0
		for k := 1; k <= n; k++ {
			s := Shard{Index: k, Count: n}
			runs := s.runs(total)
			sum += runs
			for j := range runs {
				i := s.nth(j)
				if !s.owns(i) {
					t.Fatalf("shard %s: nth(%d) = %d not owned", s, j, i)
				}
				owners[i]++
			}
		}
		for i, o := range owners {
			if o != 1 {
				t.Fatalf("N=%d: run %d in %d shards", n, i, o)
			}
		}
		if sum != total {
			t.Fatalf("N=%d: shards hold %d runs, want %d", n, sum, total)
		}
	}
	if _, err := ParseShard("0/4"); err == nil {
		t.Error("0/4 accepted; shards count from 1")
	}
	if s, err := ParseShard("4/4"); err != nil || s.Index != 4 {
		t.Errorf("4/4: %v %v", s, err)
	}
	for _, bad := range []string{"5/4", "1", "a/b", "1/0", "-1/3"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		name  string
		env   func(string) string
		count int
		want  Shard
		fail  bool
	}{
		{"none", env(), 0, Shard{}, false},
		{"slurm from 0", env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4"), 0, Shard{1, 4}, false},
		{"slurm from 1", env("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "4"), 0, Shard{4, 4}, false},
		{"slurm step", env("SLURM_ARRAY_TASK_ID", "6", "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3"), 0, Shard{3, 3}, false},
		{"slurm out of range", env("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_COUNT", "4"), 0, Shard{}, true},
		{"k8s count flag", env("JOB_COMPLETION_INDEX", "2"), 5, Shard{3, 5}, false},
		{"k8s count var", env("JOB_COMPLETION_INDEX", "0", EnvShards, "2"), 0, Shard{1, 2}, false},
		{"k8s no count", env("JOB_COMPLETION_INDEX", "0"), 0, Shard{}, true},
		{"k8s garbage", env("JOB_COMPLETION_INDEX", "x", EnvShards, "2"), 0, Shard{}, true},
	} {
		got, src, err := ShardFromEnv(tc.env, tc.count)
		if (err != nil) != tc.fail || got != tc.want {
			t.Errorf("%s: got %v (%q) err %v, want %v fail=%v", tc.name, got, src, err, tc.want, tc.fail)
		}
	}
}

func TestShardDir(t *testing.T) {
	if got := ShardDir("out", Shard{}); got != "out" {
		t.Errorf("whole sweep dir %q", got)
	}
	if got := ShardDir("out", Shard{3, 10}); !strings.HasSuffix(got, "shard-3-of-10") {
		t.Errorf("shard dir %q", got)
	}
}
