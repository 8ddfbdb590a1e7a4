package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/scenarios"
	"github.com/grassroots-sim/grassroots/sim"
)

// writeFiles creates files (name → text) under a new temporary directory
// and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// mustErrors asserts err is an Errors and returns it.
func mustErrors(t *testing.T, err error) Errors {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("got error %v (%T), want a non-empty Errors", err, err)
	}
	return es
}

func TestDefaults(t *testing.T) {
	s, err := LoadBytes("dir/my-scenario.toml", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "my-scenario" || s.Description != "" || s.Seed != 1 || s.Replications != 10 {
		t.Errorf("got name %q description %q seed %d replications %d", s.Name, s.Description, s.Seed, s.Replications)
	}
	if !reflect.DeepEqual(s.Config, sim.Defaults()) {
		t.Errorf("empty scenario does not give sim.Defaults():\n%+v", s.Config)
	}
	if !slices.Equal(s.Sources, []string{"dir/my-scenario.toml"}) {
		t.Errorf("Sources = %q", s.Sources)
	}
}

func TestDefaultName(t *testing.T) {
	cases := map[string]string{
		"a/b/my scenario.toml": "my-scenario",
		"x.TOML":               "x.TOML",
		"run.v2.toml":          "run.v2",
		"..toml":               "scenario",
		"":                     "scenario",
		"/":                    "scenario",
		"builtin:baseline":     "baseline",
		"été.toml":             "été",
	}
	for in, want := range cases {
		s, err := LoadBytes(in, nil, nil)
		if err != nil {
			t.Fatalf("LoadBytes(%q): %v", in, err)
		}
		if s.Name != want {
			t.Errorf("name from %q = %q, want %q", in, s.Name, want)
		}
	}
}

func TestBaselineIsDefaults(t *testing.T) {
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	// baseline.toml writes the defaults out to document them; if this fails,
	// sim.Defaults changed and baseline.toml must follow.
	if !reflect.DeepEqual(s.Config, sim.Defaults()) {
		t.Errorf("baseline differs from sim.Defaults():\n got %+v\nwant %+v", s.Config, sim.Defaults())
	}
	if s.Name != "baseline" || s.Seed != 20240601 || s.Replications != 20 || s.Config.Project.Enabled {
		t.Errorf("got name %q seed %d replications %d project %v", s.Name, s.Seed, s.Replications, s.Config.Project.Enabled)
	}
}

func TestFullProgramme(t *testing.T) {
	s, err := Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Config.Stages
	checks := []struct {
		name string
		got  sim.Measure
		want sim.Measure
	}{
		{"initial.home_visits", st.Initial.HomeVisits, sim.Measure{Intensity: 1, WeeklyCost: 300}},
		{"initial.team_training", st.Initial.TeamTraining, sim.Measure{Intensity: 1, WeeklyCost: 400}},
		{"initial.party_linkage", st.Initial.PartyLinkage, sim.Measure{}},
		{"middle.home_visits", st.Middle.HomeVisits, sim.Measure{Intensity: 0.4, WeeklyCost: 120}},
		{"middle.party_linkage", st.Middle.PartyLinkage, sim.Measure{Intensity: 1, WeeklyCost: 200}},
		{"middle.cultural_activities", st.Middle.CulturalActivities, sim.Measure{Intensity: 1, WeeklyCost: 600}},
		{"middle.organization_cultivation", st.Middle.OrganizationCultivation, sim.Measure{Intensity: 1, WeeklyCost: 800}},
		{"middle.discussion_channels", st.Middle.DiscussionChannels, sim.Measure{Intensity: 1, WeeklyCost: 250}},
		{"middle.handover", st.Middle.Handover, sim.Measure{}},
		{"later.home_visits", st.Later.HomeVisits, sim.Measure{}},
		{"later.party_linkage", st.Later.PartyLinkage, sim.Measure{Intensity: 0.8, WeeklyCost: 160}},
		{"later.cultural_activities", st.Later.CulturalActivities, sim.Measure{Intensity: 0.6, WeeklyCost: 360}},
		{"later.organization_cultivation", st.Later.OrganizationCultivation, sim.Measure{Intensity: 0.5, WeeklyCost: 400}},
		{"later.discussion_channels", st.Later.DiscussionChannels, sim.Measure{Intensity: 0.8, WeeklyCost: 200}},
		{"later.multi_actor_services", st.Later.MultiActorServices, sim.Measure{Intensity: 1, WeeklyCost: 500}},
		{"later.handover", st.Later.Handover, sim.Measure{Intensity: 1, WeeklyCost: 300}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("stages.%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if !s.Config.Project.Enabled {
		t.Error("project not enabled")
	}
	// Everything else comes from the baseline.
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := base.Config
	want.Project.Enabled, want.Stages = true, s.Config.Stages
	if !reflect.DeepEqual(s.Config, want) {
		t.Errorf("full-programme differs from baseline beyond project and stages")
	}
	if s.Name != "full-programme" || s.Seed != base.Seed || s.Replications != base.Replications {
		t.Errorf("got name %q seed %d replications %d", s.Name, s.Seed, s.Replications)
	}
	if !slices.Equal(s.Sources, []string{"builtin:baseline", "builtin:full-programme"}) {
		t.Errorf("Sources = %q", s.Sources)
	}
}

func TestExtends(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.toml": `name = "base"
description = "the base"
seed = 7
replications = 3
[community]
households = 500
grids = 4
education_mix = [0.25, 0.25, 0.25, 0.25]
[project]
boundary = ["care", "economic", "cultural", "civic", "children"]
[participation]
thresholds = [0.1, 0.2, 0.3]
`,
		"sub/child.toml": `extends = "../base.toml"
replications = 5
[community]
households = 1000
education_mix = [0.5, 0.5, 0, 0]
[project]
boundary = ["civic"]
`,
		"sub/grandchild.toml": `extends = "child.toml"
[participation]
thresholds = []
`,
	})
	s, err := Load(filepath.Join(dir, "sub/child.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := sim.Defaults()
	want.Community.Households = 1000                        // child
	want.Community.Grids = 4                                // base, untouched by child
	want.Community.EducationMix = []float64{0.5, 0.5, 0, 0} // replaced, not merged
	want.Project.Boundary = []string{"civic"}               // shorter slice replaces longer
	want.Participation.Thresholds = []float64{0.1, 0.2, 0.3}
	if !reflect.DeepEqual(s.Config, want) {
		t.Errorf("got  %+v\nwant %+v", s.Config, want)
	}
	// Name and description belong to each file; seed and replications
	// are inherited.
	if s.Name != "child" || s.Description != "" || s.Seed != 7 || s.Replications != 5 {
		t.Errorf("got name %q description %q seed %d replications %d", s.Name, s.Description, s.Seed, s.Replications)
	}
	wantSources := []string{filepath.Join(dir, "base.toml"), filepath.Join(dir, "sub/child.toml")}
	if !slices.Equal(s.Sources, wantSources) {
		t.Errorf("Sources = %q, want %q", s.Sources, wantSources)
	}

	g, err := Load(filepath.Join(dir, "sub/grandchild.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if g.Config.Participation.Thresholds != nil || len(g.Sources) != 3 {
		t.Errorf("grandchild: thresholds %v, sources %q", g.Config.Participation.Thresholds, g.Sources)
	}
}

// The decoder must replace a non-empty slice (not append to it or merge
// element-wise) and keep fields whose keys are absent: extends relies on both.
func TestDecoderSemantics(t *testing.T) {
	doc := document{Config: sim.Defaults()}
	doc.Project.Boundary = []string{"care", "economic", "cultural"}
	doc.Participation.Thresholds = []float64{0.1, 0.2, 0.3}
	text := "[project]\nboundary = [\"civic\"]\n[participation]\nthresholds = []\n"
	if _, err := toml.Decode(text, &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Project.Boundary, []string{"civic"}) {
		t.Errorf("boundary = %q, want [civic]", doc.Project.Boundary)
	}
	if len(doc.Participation.Thresholds) != 0 {
		t.Errorf("thresholds = %v, want empty", doc.Participation.Thresholds)
	}
	if doc.Project.Skill != sim.Defaults().Project.Skill || doc.Community.Households != 800 {
		t.Error("absent keys were changed")
	}
	// The embedded sim.Config is flattened: its tables are top-level keys.
	if _, err := toml.Decode("[community]\nhouseholds = 5\n", &doc); err != nil || doc.Community.Households != 5 {
		t.Errorf("embedded config not flattened: households %d, %v", doc.Community.Households, err)
	}
}

func TestCycles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.toml":    "extends = \"b.toml\"\n",
		"b.toml":    "# b\nextends = \"./a.toml\"\n",
		"self.toml": "extends = \"self.toml\"\n",
	})
	es := mustErrors(t, func() error { _, err := Load(filepath.Join(dir, "a.toml"), nil); return err }())
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	want := &Error{Source: b, Line: 2, Key: "extends", Msg: "cycle: " + a + " -> " + b + " -> " + a}
	if len(es) != 1 || es[0].Error() != want.Error() {
		t.Errorf("got %v\nwant %v", es, want)
	}
	es = mustErrors(t, func() error { _, err := Load(filepath.Join(dir, "self.toml"), nil); return err }())
	if !strings.Contains(es.Error(), "cycle:") {
		t.Errorf("self extends: %v", es)
	}
}

func TestFileWinsOverBuiltin(t *testing.T) {
	dir := writeFiles(t, map[string]string{"baseline": "name = \"mine\"\n"})
	t.Chdir(dir)
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "mine" || !slices.Equal(s.Sources, []string{"baseline"}) {
		t.Errorf("got name %q sources %q, want the file", s.Name, s.Sources)
	}
	// A built-in name with a .toml suffix is a path.
	if _, err := Load("full-programme.toml", nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("full-programme.toml: got %v, want a missing file", err)
	}
}

func TestExtendsErrors(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"unknown built-in", "# x\nextends = \"baselin\"\n",
			`x.toml:2: key "extends": unknown built-in scenario "baselin"; built-ins: ` + builtinList + ` (did you mean "baseline"?)`},
		{"missing file", "extends = \"nope/missing.toml\"\n",
			`x.toml:1: key "extends": no such file "nope/missing.toml"; built-ins: ` + builtinList},
		{"not a string", "extends = 3\n", `x.toml:1: key "extends": must be a string naming a built-in or a file, got integer 3`},
		{"empty", "extends = ''\n", `x.toml:1: key "extends": must name a built-in or a file, got an empty string`},
		{"directory", "extends = \"./testdata\"\n", `x.toml:1: key "extends": "./testdata" is not a regular file but a directory`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadBytes("x.toml", []byte(c.text), nil)
			if es := mustErrors(t, err); es.Error() != c.want {
				t.Errorf("got  %v\nwant %v", es, c.want)
			}
		})
	}
	if _, err := Load("no-such-scenario", nil); err == nil || !strings.Contains(err.Error(), "built-ins: "+builtinList) {
		t.Errorf("Load of unknown name: %v", err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		overrides []string
		want      []string // Error() of each error, in order
	}{
		{"unknown key", "[community]\nhoushold = 3\n", nil, []string{
			`x.toml:2: unknown key "community.houshold"; allowed keys in [community]: ` + strings.Join(names(reflect.TypeFor[sim.Community]()), ", ") + ` (did you mean "households"?)`}},
		{"unknown top-level key, no suggestion", "zzzzzzzz = 1\n", nil, []string{
			`x.toml:1: unknown key "zzzzzzzz"; allowed top-level keys: ` + strings.Join(names(documentType), ", ")}},
		{"case matters", "[Community]\nhouseholds = 3\n", nil, []string{
			`x.toml:1: unknown key "Community"; allowed top-level keys: ` + strings.Join(names(documentType), ", ") + ` (did you mean "community"?)`}},
		{"wrong type", "seed = 1.5\n[community]\nhouseholds = \"many\"\n[project]\nenabled = 1\n", nil, []string{
			`x.toml:1: key "seed": must be a non-negative integer, got float 1.5`,
			`x.toml:3: key "community.households": must be an integer, got string "many"`,
			`x.toml:5: key "project.enabled": must be a boolean (true or false), got integer 1`}},
		{"table expected", "community = 3\n", nil, []string{`x.toml:1: key "community": must be a table, got integer 3`}},
		{"array element type", "[project]\nboundary = [\"care\", 2]\n", nil, []string{
			`x.toml:2: key "project.boundary": element 2 must be a string, got integer 2`}},
		{"out of range", "replications = 0\n[community]\nhouseholds = 0\neducation_mix = [0.5, 0.5, 1.5, -0.5]\n", nil, []string{
			`x.toml:1: key "replications": must be at least 1, got 0`,
			`x.toml:3: key "community.households": must be at least 1, got 0`,
			`x.toml:4: key "community.education_mix": element 3 must be at most 1, got 1.5`,
			`x.toml:4: key "community.education_mix": element 4 must be at least 0, got -0.5`,
			`x.toml:4: key "community.education_mix": shares must sum to 1, got 2`,
			`(default): key "community.buildings": cannot exceed community.households (0), got 32`}},
		{"nan", "[behaviour]\ndrift = nan\n", nil, []string{`x.toml:2: key "behaviour.drift": must be a number, got nan`}},
		{"inf", "[behaviour]\ndrift = -inf\n", nil, []string{`x.toml:2: key "behaviour.drift": must be at least 0, got -Inf`}},
		{"enum", "[participation]\nrule = \"threshhold\"\n[project]\nboundary = [\"care\", \"wealth\"]\n", nil, []string{
			`x.toml:2: key "participation.rule": must be one of "logistic", "threshold"; got "threshhold" (did you mean "threshold"?)`,
			`x.toml:4: key "project.boundary": element 2 must be one of "care", "economic", "cultural", "civic", "children"; got "wealth"`}},
		{"cross-field", "[community]\ngrids = 40\n", nil, []string{
			`x.toml:2: key "community.grids": cannot exceed community.buildings (32), got 40`}},
		{"cross-field located at the override", "[community]\ngrids = 40\n", []string{"community.grids=50"}, []string{
			`--set community.grids=50: key "community.grids": cannot exceed community.buildings (32), got 50`}},
		{"cross-field at a default", "[community]\nbuildings = 3\n", nil, []string{
			`(default): key "community.grids": cannot exceed community.buildings (3), got 6`}},
		{"cross-field on a table", "[calendar]\npre_project_weeks = 0\ninitial_weeks = 0\nmiddle_weeks = 0\nlater_weeks = 0\nfollow_up_weeks = 0\n", nil, []string{
			`x.toml:6: key "calendar": the horizon is empty: give at least one week to some stage`}},
		{"inline tables and dotted keys", "stages.initial.home_visits = { intensity = 11,\n  weekly_cost = -1 }\n[stages]\nmiddle.handover.intensity = -2\n", nil, []string{
			`x.toml:1: key "stages.initial.home_visits.intensity": must be at most 10, got 11`,
			`x.toml:2: key "stages.initial.home_visits.weekly_cost": must be at least 0, got -1`,
			`x.toml:4: key "stages.middle.handover.intensity": must be at least 0, got -2`}},
		{"name", "name = \"../up\"\n", nil, []string{
			`x.toml:1: key "name": must be at most 100 letters, digits, '-', '_' or '.' (it names the output directory), got "../up"`}},
		{"syntax", "[community]\nhouseholds = = 3\n", nil, []string{
			`x.toml:2: syntax error: expected value but found '=' instead`}},
		{"all at once, sorted", "[project]\nskill = 2\nskil = 1\n[community]\nhouseholds = \"x\"\nbuildings = 0\n",
			[]string{"macro.bureaucracy=1", "nope=1", "seed=x"}, []string{
				`x.toml:2: key "project.skill": must be at most 1, got 2`,
				`x.toml:3: unknown key "project.skil"; allowed keys in [project]: ` + strings.Join(names(reflect.TypeFor[sim.Project]()), ", ") + ` (did you mean "skill"?)`,
				`x.toml:5: key "community.households": must be an integer, got string "x"`,
				`x.toml:6: key "community.buildings": must be at least 1, got 0`,
				`--set macro.bureaucracy=1: key "macro.bureaucracy": must be at most 0.95, got 1`,
				`--set nope=1: unknown key "nope"; allowed top-level keys: ` + strings.Join(names(documentType), ", "),
				`--set seed=x: key "seed": must be a non-negative integer, got string "x"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadBytes("x.toml", []byte(c.text), c.overrides)
			es := mustErrors(t, err)
			got := strings.Split(es.Error(), "\n")
			if !slices.Equal(got, c.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

// builtinList is how errors list the built-in scenarios.
var builtinList = strings.Join(scenarios.Names(), ", ")
