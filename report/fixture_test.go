package report

import (
	"math"

	"github.com/grassroots-sim/grassroots/sim"
)

// testCalendar has every stage, 20 weeks in all; the project ends after week 15.
var testCalendar = sim.Calendar{PreProject: 2, Initial: 4, Middle: 6, Later: 4, FollowUp: 4}

const (
	testReps  = 3
	testWeeks = 20
)

// fixtureValue is metric m of replication r in week w: a smooth rise through
// the project with a replication offset, shares kept inside [0,1], and an
// undefined efficiency in week 0 to exercise missing values.
func fixtureValue(m sim.Metric, r, w int) float64 {
	if m == sim.Efficiency && w == 0 {
		return math.NaN()
	}
	base := 0.1 + 0.03*float64(m%7)
	v := base + 0.02*float64(w) + 0.01*float64(r) + 0.001*math.Sin(float64(w*(r+1)))
	if sim.Metrics[m].UnitInterval() {
		return math.Min(v, 1)
	}
	return 100 * float64(m) * v / 3
}

// fixture builds synthetic results without the engine.
func fixture(reps, weeks int, cal sim.Calendar) []*sim.Result {
	out := make([]*sim.Result, reps)
	for r := range out {
		res := &sim.Result{Replication: r, Seed: uint64(1000 + r), Calendar: cal, Project: true}
		for m := range res.Values {
			res.Values[m] = make([]float64, weeks)
			for w := range weeks {
				res.Values[m][w] = fixtureValue(sim.Metric(m), r, w)
			}
		}
		out[r] = res
	}
	return out
}
