package report

import (
	"math"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// Equity is a summary of who gains, from the income quintiles of
// groups.csv (docs/model.md §4.11, "For whom"): the gap between the top and
// bottom quintiles, or the income-rank concentration index.
type Equity struct {
	Name, Layer, Unit, Doc string
	metric                 sim.GroupMetric
	concentration          bool
}

// Equities are the equity summaries, in the order summary.csv and
// comparison.csv give them, after the metrics.
var Equities = []Equity{
	{"participation_income_gap", "micro", "share difference", "participation of the top income quintile − participation of the bottom one", sim.GParticipation, false},
	{"participation_concentration", "micro", "concentration index", "income-rank concentration index of participation over adults: > 0 when it concentrates among the richer, < 0 among the poorer", sim.GParticipation, true},
	{"vulnerable_coverage_income_gap", "macro", "share difference", "vulnerable_coverage of the top income quintile − that of the bottom one", sim.GVulnerableCoverage, false},
	{"vulnerable_coverage_concentration", "macro", "concentration index", "income-rank concentration index of vulnerable_coverage over vulnerable residents with a care need", sim.GVulnerableCoverage, true},
}

// equityByName returns the equity summary named name.
func equityByName(name string) (Equity, bool) {
	for _, q := range Equities {
		if q.Name == name {
			return q, true
		}
	}
	return Equity{}, false
}

// week is the summary in week w of r, NaN when r has no groups or a
// quintile has nobody the metric is over.
func (q Equity) week(r *sim.Result, w int) float64 {
	var mean, persons [5]float64
	seen := 0
	for k, g := range r.Groups {
		if g.By != sim.ByIncome || seen == 5 {
			continue
		}
		mean[seen] = r.GroupValue(w, k, q.metric)
		switch sim.GroupMetrics[q.metric].Over {
		case sim.OverAdults:
			persons[seen] = float64(g.Adults)
		case sim.OverSize:
			persons[seen] = float64(g.Size)
		case sim.OverNeedy:
			persons[seen] = r.GroupValue(w, k, sim.GCareNeedy)
		}
		seen++
	}
	if seen < 5 {
		return math.NaN()
	}
	if !q.concentration {
		return mean[4] - mean[0]
	}
	return concentrationIndex(mean[:], persons[:])
}

// concentrationIndex is the income-rank concentration index from grouped
// data (Kakwani, Wagstaff and van Doorslaer 1997): groups ordered from the
// poorest, with mean y_q over n_q persons, whose mean fractional rank is
// R_q = (persons in poorer groups + n_q/2) / all persons; then
// CI = 2/μ · Σ f_q y_q R_q − 1, with f_q = n_q / all and μ the overall
// mean. It lies in [−1, 1], 0 when every group has the same mean; NaN
// when the overall mean is 0 or nobody is counted. Groups with nobody are
// left out.
func concentrationIndex(mean, persons []float64) float64 {
	var total, mu float64
	for q, n := range persons {
		if n > 0 {
			total += n
			mu += n * mean[q]
		}
	}
	if total == 0 || mu == 0 {
		return math.NaN()
	}
	mu /= total
	var s, before float64
	for q, n := range persons {
		if n == 0 {
			continue
		}
		f := n / total
		rank := before + f/2
		s += f * mean[q] * rank
		before += f
	}
	return 2*s/mu - 1
}

// equityValue is one replication's equity summary at at (AtEndOfProject,
// AtEndOfHorizon or AtAUC), as summaryValue is for a metric.
func equityValue(r *sim.Result, q Equity, at string) float64 {
	if r == nil || len(r.Groups) == 0 || r.Weeks() == 0 {
		return math.NaN()
	}
	switch at {
	case AtAUC:
		ys := make([]float64, r.Weeks())
		for w := range ys {
			ys[w] = q.week(r, w)
		}
		return stats.AUC(ys)
	case AtEndOfProject:
		if pe := r.Calendar.ProjectEnd(); pe > 0 && pe <= r.Weeks() {
			return q.week(r, pe-1)
		}
	}
	return q.week(r, r.Weeks()-1)
}
