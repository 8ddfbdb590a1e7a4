package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadFile(t *testing.T) {
	path := writeFile(t, "funding.toml", `# a planner's question
base = "full-programme"
method = "lhs"
samples = 12
seed = 9
replications = 3
groups = true

[vary]
macro.bureaucracy = { min = 0.3, max = 0.8 }
"macro.channel_openness" = [0.2, 0.5]
project.social_workers = 6

[vary.community]
households = { min = 100, max = 200 }
`)
	s, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "funding" || s.Base != "full-programme" || s.Method != MethodLHS || s.Samples != 12 ||
		!s.SeedSet || s.Seed != 9 || s.Replications != 3 || !s.Groups || s.Timeseries {
		t.Errorf("spec %+v", s)
	}
	var got []string
	for _, p := range s.Params {
		got = append(got, p.String())
	}
	want := "macro.bureaucracy=0.3:0.8 macro.channel_openness=0.2,0.5 community.households=100:200"
	if strings.Join(got, " ") != want {
		t.Errorf("params in file order: %v, want %s", got, want)
	}
	if !s.Params[2].Integer || s.Params[0].Integer {
		t.Error("integer ranges: bounds written as integers are integer ranges")
	}
	if len(s.Fixed) != 1 || s.Fixed[0].String() != "project.social_workers=6" || s.Fixed[0].Line != 12 {
		t.Errorf("fixed %+v", s.Fixed)
	}
	if s.Params[0].Line != 10 || s.Params[2].Line != 15 {
		t.Errorf("lines %d %d", s.Params[0].Line, s.Params[2].Line)
	}
}

func TestLoadFileErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown key", "base = \"baseline\"\nsampels = 3\n[vary]\nmacro.bureaucracy = [0.1, 0.2]\n", `funny.toml:2: key "sampels": unknown key`},
		{"suggestion", "base = \"baseline\"\nsampels = 3\n[vary]\nmacro.bureaucracy = [0.1]\n", `did you mean "samples"`},
		{"wrong type", "base = \"baseline\"\nsamples = \"many\"\n[vary]\nx = [1]\n", "funny.toml:2:"},
		{"no vary", "base = \"baseline\"\n", `key "vary"`},
		{"bad range key", "base = \"baseline\"\n[vary]\nmacro.bureaucracy = { min = 0.1, maks = 0.2 }\n", `funny.toml:3: key "vary.macro.bureaucracy": unknown key "maks"`},
		{"grid range without n", "base = \"baseline\"\n[vary]\nmacro.bureaucracy = { min = 0.1, max = 0.2 }\n", "funny.toml:3:"},
		{"lhs without samples", "base = \"baseline\"\nmethod = \"lhs\"\n[vary]\nmacro.bureaucracy = { min = 0.1, max = 0.2 }\n", `funny.toml:2: key "samples"`},
		{"bad method", "base = \"baseline\"\nmethod = \"random\"\n[vary]\nx = [1]\n", `funny.toml:2: key "method"`},
		{"empty list", "base = \"baseline\"\n[vary]\nx = []\n", "empty list"},
		{"min above max", "base = \"baseline\"\nmethod = \"lhs\"\nsamples = 3\n[vary]\nx = { min = 2, max = 1 }\n", "above its maximum"},
		{"syntax", "base = \n", "funny.toml:1:"},
		{"negative seed", "base = \"baseline\"\nseed = -5\n[vary]\nmacro.bureaucracy = [0.1]\n", `funny.toml:2: key "seed": must be a non-negative integer, got integer -5`},
		{"zero replications", "base = \"baseline\"\nreplications = 0\n[vary]\nmacro.bureaucracy = [0.1]\n", `funny.toml:2: key "replications": must be from 1 to 10000, got 0`},
		{"vary seed", "base = \"baseline\"\n[vary]\nseed = [1, 2]\n", `funny.toml:3: key "vary.seed": "seed" is not a model parameter and cannot be varied`},
		{"fixed name", "base = \"baseline\"\n[vary]\nname = \"x\"\nmacro.bureaucracy = [0.1]\n", `funny.toml:3: key "vary.name": "name" is not a model parameter`},
		{"unknown outcome", "base = \"baseline\"\noutcomes = [\"participation_end\"]\n[vary]\nmacro.bureaucracy = [0.1]\n", `funny.toml:2: key "outcomes": unknown outcome "participation_end"`},
		{"name with a path", "name = \"../../../../victim2\"\nbase = \"baseline\"\n[vary]\nx = [1]\n", `funny.toml:1: key "name": must be at most 100 letters, digits, '-', '_' or '.' (it names the output directory), got "../../../../victim2"`},
		{"name dot-dot", "base = \"baseline\"\nname = \"..\"\n[vary]\nx = [1]\n", `funny.toml:2: key "name": must be at most 100`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadFile(writeFile(t, "funny.toml", tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestIsSweepFile(t *testing.T) {
	if !IsSweepFile(writeFile(t, "s.toml", "base = \"baseline\"\n[vary]\nx = [1]\n")) {
		t.Error("sweep file not recognised")
	}
	if IsSweepFile(writeFile(t, "s.toml", "extends = \"baseline\"\n[macro]\nbureaucracy = 0.5\n")) {
		t.Error("scenario taken for a sweep file")
	}
	if IsSweepFile("baseline") {
		t.Error("built-in name taken for a sweep file")
	}
}

// A value out of range at some point is reported at the line of the
// parameter in the sweep file, with the point, before anything runs.
func TestPlanReportsBadPointAtItsLine(t *testing.T) {
	path := writeFile(t, "bad.toml", "base = \"baseline\"\n\n[vary]\nmacro.bureaucracy = [0.5, 0.99]\n")
	s, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewPlan(s, 2)
	if err == nil {
		t.Fatal("no error for bureaucracy 0.99")
	}
	msg := err.Error()
	if !strings.Contains(msg, "bad.toml:4:") || !strings.Contains(msg, "at most 0.95") || !strings.Contains(msg, "point 1") {
		t.Errorf("error %q does not point at bad.toml:4 and point 1", msg)
	}
	// The same from the command line names the --vary flag.
	p, _ := ParseVary("macro.bureaucracy=0.5,0.99")
	_, err = NewPlan(&Spec{Base: "baseline", Params: []Param{p}}, 1)
	if err == nil || !strings.Contains(err.Error(), "--vary macro.bureaucracy=0.5,0.99") {
		t.Errorf("command-line error %v", err)
	}
	// Setting a varied parameter is a contradiction.
	_, err = NewPlan(&Spec{Base: "baseline", Params: []Param{p}, Set: []string{"macro.bureaucracy=0.1"}}, 1)
	if err == nil || !strings.Contains(err.Error(), "varied") {
		t.Errorf("--set of a varied parameter: %v", err)
	}
}

func TestBaseRelativeToSweepFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.toml"), []byte("extends = \"baseline\"\n[macro]\nbureaucracy = 0.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sub", "s.toml")
	if err := os.WriteFile(path, []byte("base = \"../mine.toml\"\n[vary]\nmacro.channel_openness = [0.2, 0.4]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := p.Config(1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Scenario.Config.Macro.Bureaucracy != 0.5 || cfg.Macro.ChannelOpenness != 0.4 {
		t.Errorf("base not read relative to the sweep file: %+v", p.Scenario.Config.Macro)
	}
}

// The example sweep files load and every point is a valid scenario.
func TestExampleSweepFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "sweeps", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example sweep files: %v", err)
	}
	for _, f := range files {
		s, err := LoadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		p, err := NewPlan(s, 2)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if err := checkOutcomes(p.outcomes()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// A sweep over a community read from data reads the files once: every
// point's configuration, kept or loaded again, holds the same Population.
func TestPlanReadsDataOnce(t *testing.T) {
	vary, err := ParseVary("macro.bureaucracy=0.3,0.6")
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(&Spec{Base: filepath.Join("..", "scenarios", "data", "example.toml"), Params: []Param{vary}}, 2)
	if err != nil {
		t.Fatal(err)
	}
	data := p.Scenario.Config.Data
	if data == nil {
		t.Fatal("the example scenario read no data")
	}
	for i := range p.Points {
		kept, err := p.Config(i)
		if err != nil {
			t.Fatal(err)
		}
		again, err := p.load(i)
		if err != nil {
			t.Fatal(err)
		}
		if kept.Data != data || again.Data != data {
			t.Errorf("point %d holds a reading of its own", i)
		}
	}
}

// An outcome named by its earlier name, <metric>_end_of_follow_up, reads
// as <metric>_end_of_horizon, the name runs.csv has now (issue 14).
func TestOutcomeEarlierName(t *testing.T) {
	s, err := parseFile("sw.toml", "base = \"baseline\"\noutcomes = [\"cost_end_of_follow_up\", \"trust_auc\"]\n[vary]\nmacro.bureaucracy = [0.1, 0.2]\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Outcomes, ","); got != "cost_end_of_horizon,trust_auc" {
		t.Errorf("outcomes %s", got)
	}
}
