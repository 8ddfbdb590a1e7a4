package report

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

var figdir = flag.String("figdir", "", "render example figures into this directory for a visual check")

// realistic builds smooth, noisy replications that rise during the project
// and partly fall back in the follow-up, for looking at figures.
func realistic(reps int, cal sim.Calendar, lift float64, seed uint64) []*sim.Result {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]*sim.Result, reps)
	for r := range out {
		res := &sim.Result{Replication: r, Calendar: cal, Project: lift > 0}
		off := rng.NormFloat64() * 0.02
		for m := range res.Values {
			res.Values[m] = make([]float64, cal.Weeks())
			v := 0.25 + off
			for w := range cal.Weeks() {
				target := 0.25
				switch {
				case w >= cal.ProjectEnd():
					target += 0.6 * lift
				case w >= cal.PreProject:
					target += lift
				}
				v += 0.06*(target-v) + rng.NormFloat64()*0.01
				res.Values[m][w] = math.Max(0, math.Min(1, v))
				if !sim.Metrics[m].UnitInterval() {
					res.Values[m][w] *= 1000
				}
			}
		}
		out[r] = res
	}
	return out
}

// TestRenderExamples writes figures to look at:
// go test ./report -run RenderExamples -figdir /tmp/figs
func TestRenderExamples(t *testing.T) {
	if *figdir == "" {
		t.Skip("no -figdir")
	}
	cal := sim.Calendar{PreProject: 8, Initial: 12, Middle: 26, Later: 12, FollowUp: 52}
	short := sim.Calendar{PreProject: 2, Initial: 2, Middle: 40, Later: 3, FollowUp: 100}
	for _, f := range []struct {
		base   string
		m      sim.Metric
		series []Series
	}{
		{"single", sim.Participation, []Series{{"baseline", realistic(10, cal, 0.25, 1)}}},
		{"multi", sim.Cohesion, []Series{
			{"baseline", realistic(10, cal, 0, 2)},
			{"more social workers", realistic(10, cal, 0.2, 3)},
			{"no follow-up", realistic(5, cal, 0.1, 4)},
		}},
		{"yuan", sim.OrgFunds, []Series{{"baseline", realistic(10, cal, 0.25, 1)}}},
		{"short_stages", sim.TrustMean, []Series{{"short stages", realistic(4, short, 0.05, 5)}}},
		{"fixture", sim.Participation, []Series{{"baseline", fixture(testReps, testWeeks, testCalendar)}}},
	} {
		p, err := Curve(f.m, f.series)
		if err != nil {
			t.Fatal(err)
		}
		if err := SaveFigure(p, *figdir, f.base); err != nil {
			t.Fatal(err)
		}
	}
}
