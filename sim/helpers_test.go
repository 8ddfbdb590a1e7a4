package sim

import (
	"context"
	"fmt"
	"math"
	"testing"
)

// programme is the full three-stage programme of the field study, as in
// scenarios/full-programme.toml, for tests that must not depend on the
// scenario package.
func programme() Config {
	c := Defaults()
	c.Project.Enabled = true
	c.Stages.Initial.HomeVisits = Measure{Intensity: 1, WeeklyCost: 300}
	c.Stages.Initial.TeamTraining = Measure{Intensity: 1, WeeklyCost: 400}
	c.Stages.Middle.HomeVisits = Measure{Intensity: 0.4, WeeklyCost: 120}
	c.Stages.Middle.PartyLinkage = Measure{Intensity: 1, WeeklyCost: 200}
	c.Stages.Middle.CulturalActivities = Measure{Intensity: 1, WeeklyCost: 600}
	c.Stages.Middle.OrganizationCultivation = Measure{Intensity: 1, WeeklyCost: 800}
	c.Stages.Middle.DiscussionChannels = Measure{Intensity: 1, WeeklyCost: 250}
	c.Stages.Later.PartyLinkage = Measure{Intensity: 0.8, WeeklyCost: 160}
	c.Stages.Later.CulturalActivities = Measure{Intensity: 0.6, WeeklyCost: 360}
	c.Stages.Later.OrganizationCultivation = Measure{Intensity: 0.5, WeeklyCost: 400}
	c.Stages.Later.DiscussionChannels = Measure{Intensity: 0.8, WeeklyCost: 200}
	c.Stages.Later.MultiActorServices = Measure{Intensity: 1, WeeklyCost: 500}
	c.Stages.Later.Handover = Measure{Intensity: 1, WeeklyCost: 300}
	return c
}

// short shrinks the calendar so a test runs every stage in a few weeks.
func short(c Config) Config {
	c.Calendar = Calendar{PreProject: 2, Initial: 4, Middle: 8, Later: 4, FollowUp: 4}
	return c
}

// onlyPhases switches off every phase but the named ones (and the record, switched as "measure").
func onlyPhases(c Config, names ...string) Config {
	phases := PhaseNames()
	for k, s := range c.Phases.Switches() {
		s.Enabled = phases[k] == "measure"
		for _, n := range names {
			if phases[k] == n {
				s.Enabled = true
			}
		}
	}
	return c
}

func mustNew(t testing.TB, c Config, seed uint64, workers int) *Engine {
	t.Helper()
	e, err := New(&c, seed, workers)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// recordDiff says where got's record first differs from want's, bit for
// bit; "" when every metric of every week is the same.
func recordDiff(want, got *Result) string {
	for m := range NumMetrics {
		if len(got.Values[m]) != len(want.Values[m]) {
			return fmt.Sprintf("%s: %d weeks, want %d", Metrics[m].Name, len(got.Values[m]), len(want.Values[m]))
		}
		for wk, a := range want.Values[m] {
			if b := got.Values[m][wk]; math.Float64bits(a) != math.Float64bits(b) {
				return fmt.Sprintf("%s in week %d is %v, want %v", Metrics[m].Name, wk, b, a)
			}
		}
	}
	return ""
}

func mustRun(t testing.TB, c Config, seed uint64, workers int) (*Engine, *Result) {
	t.Helper()
	e := mustNew(t, c, seed, workers)
	res, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return e, res
}
