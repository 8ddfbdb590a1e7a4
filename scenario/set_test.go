package scenario

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func TestSet(t *testing.T) {
	cases := []struct {
		set   string
		check func(s *Scenario) bool
	}{
		{"community.households=2000", func(s *Scenario) bool { return s.Config.Community.Households == 2000 }},
		{" community.households = 2000 ", func(s *Scenario) bool { return s.Config.Community.Households == 2000 }},
		{"community.household_size_mean=2.5", func(s *Scenario) bool { return s.Config.Community.HouseholdSizeMean == 2.5 }},
		{"community.household_size_mean=3", func(s *Scenario) bool { return s.Config.Community.HouseholdSizeMean == 3 }},
		{"behaviour.event_appeal=-2e0", func(s *Scenario) bool { return s.Config.Behaviour.EventAppeal == -2 }},
		{"project.enabled=true", func(s *Scenario) bool { return s.Config.Project.Enabled }},
		{"phases.needs.enabled=false", func(s *Scenario) bool { return !s.Config.Phases.Needs.Enabled }},
		{"participation.rule=threshold", func(s *Scenario) bool { return s.Config.Participation.Rule == "threshold" }},
		{`participation.rule="threshold"`, func(s *Scenario) bool { return s.Config.Participation.Rule == "threshold" }},
		{`participation.influence='global'`, func(s *Scenario) bool { return s.Config.Participation.Influence == "global" }},
		{`project.boundary=["care","civic"]`, func(s *Scenario) bool {
			return slices.Equal(s.Config.Project.Boundary, []string{"care", "civic"})
		}},
		{`project.boundary=[]`, func(s *Scenario) bool { return s.Config.Project.Boundary == nil }},
		{`participation.thresholds=[0.1, 1, 0]`, func(s *Scenario) bool {
			return slices.Equal(s.Config.Participation.Thresholds, []float64{0.1, 1, 0})
		}},
		{`community.education_mix=[0.25,0.25,0.25,0.25]`, func(s *Scenario) bool {
			return slices.Equal(s.Config.Community.EducationMix, []float64{0.25, 0.25, 0.25, 0.25})
		}},
		{`stages.middle.handover={intensity=0.5}`, func(s *Scenario) bool {
			return s.Config.Stages.Middle.Handover == sim.Measure{Intensity: 0.5}
		}},
		{"seed=42", func(s *Scenario) bool { return s.Seed == 42 }},
		{"replications=3", func(s *Scenario) bool { return s.Replications == 3 }},
		{"name=my-run", func(s *Scenario) bool { return s.Name == "my-run" }},
		{"name=", func(s *Scenario) bool { return s.Name == "x" }},
		{"description=", func(s *Scenario) bool { return s.Description == "" }},
		{`description="a\tb"`, func(s *Scenario) bool { return s.Description == "a\tb" }},
	}
	for _, c := range cases {
		t.Run(c.set, func(t *testing.T) {
			s, err := LoadBytes("x.toml", nil, []string{c.set})
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(s) {
				t.Errorf("--set %s not applied: %+v", c.set, s)
			}
		})
	}
}

func TestSetOrder(t *testing.T) {
	// Overrides apply after the whole chain, in order.
	s, err := LoadBytes("x.toml", []byte("[community]\nhouseholds = 50\n"),
		[]string{"community.households=70", "community.households=90"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Community.Households != 90 {
		t.Errorf("households = %d, want 90", s.Config.Community.Households)
	}
	// A table set with --set keeps the keys it does not name.
	s, err = LoadBytes("x.toml", []byte("[stages.later.handover]\nweekly_cost = 5\n"),
		[]string{"stages.later.handover={intensity=2}"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config.Stages.Later.Handover; got != (sim.Measure{Intensity: 2, WeeklyCost: 5}) {
		t.Errorf("handover = %+v", got)
	}
}

func TestSetErrors(t *testing.T) {
	top := strings.Join(names(documentType), ", ")
	cases := []struct{ set, want string }{
		{"community.households", `--set community.households: missing "=": write --set path=value, e.g. --set community.households=2000`},
		{"communty.households=3", `--set communty.households=3: unknown key "communty"; allowed top-level keys: ` + top + ` (did you mean "community"?)`},
		{"community.househols=3", `--set community.househols=3: unknown key "community.househols"; allowed keys in [community]: ` +
			strings.Join(names(reflect.TypeFor[sim.Community]()), ", ") + ` (did you mean "households"?)`},
		{"community..households=3", `--set community..households=3: empty key in path "community..households"`},
		{"=3", `--set =3: empty key in path ""`},
		{"extends=baseline", `--set extends=baseline: key "extends": cannot be set with --set; write a scenario file that extends the one you want`},
		{"community.households=many", `--set community.households=many: key "community.households": must be an integer, got string "many"`},
		{"community.households=2.5", `--set community.households=2.5: key "community.households": must be an integer, got float 2.5`},
		{"community.households=12x", `--set community.households=12x: key "community.households": value 12x is not a valid TOML number, boolean, quoted string, array or table`},
		{"project.boundary=[care]", `--set project.boundary=[care]: key "project.boundary": value [care] is not a valid TOML number, boolean, quoted string, array or table; quote strings inside arrays, e.g. ["care", "civic"]`},
		{"project.boundary=care", `--set project.boundary=care: key "project.boundary": must be an array of strings, got string "care"`},
		{"community=3", `--set community=3: key "community": must be a table, got integer 3`},
		{"community.households.x=3", `--set community.households.x=3: key "community.households": must be an integer, got a table`},
		{"behaviour.drift=2", `--set behaviour.drift=2: key "behaviour.drift": must be at most 1, got 2`},
		{"participation.rule=logit", `--set participation.rule=logit: key "participation.rule": must be one of "logistic", "threshold"; got "logit"`},
		{"seed=-1", `--set seed=-1: key "seed": must be a non-negative integer, got integer -1`},
		{"phases.measure.enabled=false", `--set phases.measure.enabled=false: key "phases.measure.enabled": the measure phase records the week and cannot be switched off`},
		// A long value is echoed clipped to 60 runes (it was echoed whole).
		{"community.households=" + strings.Repeat("1", 18000) + "x", "--set community.households=" + strings.Repeat("1", 38) +
			`…: key "community.households": value ` + strings.Repeat("1", 59) + "… is not a valid TOML number, boolean, quoted string, array or table"},
		{"community.households=1\ncommunity.grids=3", `--set community.households=1
community.grids=3: key "community.households": value 1
community.grids=3 is not a valid TOML number, boolean, quoted string, array or table`},
	}
	for _, c := range cases {
		t.Run(c.set, func(t *testing.T) {
			_, err := LoadBytes("x.toml", nil, []string{c.set})
			if es := mustErrors(t, err); es.Error() != c.want {
				t.Errorf("got  %s\nwant %s", es, c.want)
			}
		})
	}
}
