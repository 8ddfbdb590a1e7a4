package report

import (
	"fmt"
	"math"
	"slices"

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
	return overWeeks(r, at, func(w int) float64 { return q.week(r, w) })
}

// overWeeks is a weekly quantity of r (value(w) in week w) at at: its
// time average, or its value in the last week of the project or of the
// horizon.
func overWeeks(r *sim.Result, at string, value func(w int) float64) float64 {
	switch at {
	case AtAUC:
		ys := make([]float64, r.Weeks())
		for w := range ys {
			ys[w] = value(w)
		}
		return stats.AUC(ys)
	case AtEndOfProject:
		if pe := r.Calendar.ProjectEnd(); pe > 0 && pe <= r.Weeks() {
			return value(pe - 1)
		}
	}
	return value(r.Weeks() - 1)
}

// EquityStatements says in plain words, for every scenario of c but the
// baseline, how it moves each equity summary at at (AtEndOfProject or
// AtEndOfHorizon): whether the gap between the richest and the poorest
// fifth narrows or widens, and by how many percentage points with the 95%
// interval, and how the concentration index moves. metric keeps the
// summaries of that metric only (participation, vulnerable_coverage); ""
// or a metric without summaries keeps them all. Nothing when c has no
// equity rows (results without groups).
func EquityStatements(c Comparison, at, metric string) []string {
	keep := func(q Equity) bool { return sim.GroupMetrics[q.metric].Name == metric }
	if !slices.ContainsFunc(Equities, keep) {
		keep = func(Equity) bool { return true }
	}
	var out []string
	for _, r := range c.Rows {
		q, ok := equityByName(r.Metric)
		if !ok || r.At != at || r.Scenario == c.Baseline || !keep(q) {
			continue
		}
		if s := equityStatement(q, r, c.Baseline); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// equityStatement is EquityStatements' sentence for one row.
func equityStatement(q Equity, r ComparisonRow, baseline string) string {
	subject := ShortName(sim.GroupMetrics[q.metric].Name)
	base := r.Value.Mean - r.Diff.Mean // the baseline's mean: the mean of the paired differences is the difference of the means
	if !isFinite(r.Value.Mean) || !isFinite(r.Diff.Mean) {
		return fmt.Sprintf("%s: the %s of %s cannot be measured (a fifth of residents has nobody it is over).", r.Scenario, q.Unit, subject)
	}
	// Change in the gap's or the index's size, positive when it shrinks:
	// the size is |value|, so the sign of the baseline's value says which
	// way a difference moves it.
	sign := -1.0
	if base < 0 {
		sign = 1
	}
	shrink, low, high := sign*r.Diff.Mean, sign*r.Diff.Low, sign*r.Diff.High
	if low > high {
		low, high = high, low
	}
	clear := r.Diff.N >= 2 && (low > 0 || high < 0)
	verdict := "an interval that includes zero"
	if r.Diff.N < 2 {
		verdict = "with no interval from one replication"
	}
	if q.concentration {
		switch {
		case !clear:
			verdict = "no clear change, " + verdict
		case shrink > 0:
			verdict = "spread more evenly across incomes"
		case base >= 0:
			verdict = "more concentrated among the richer"
		default:
			verdict = "more concentrated among the poorer"
		}
		return fmt.Sprintf("%s: the concentration index of %s by income goes from %s with %s to %s, a difference of %s %s: %s.",
			r.Scenario, subject, formatIn(base, 3, true), baseline, formatIn(r.Value.Mean, 3, true),
			formatIn(r.Diff.Mean, 3, true), equityInterval(r.Diff, 1, 3), verdict)
	}
	lead := "the richest fifth's lead over the poorest"
	if base < 0 {
		lead = "the poorest fifth's lead over the richest"
	}
	amount := func(v float64) string { return formatIn(100*math.Abs(v), 1, false) }
	size := fmt.Sprintf("(%s: %s points with %s, %s with %s)", lead, amount(base), baseline, amount(r.Value.Mean), r.Scenario)
	verb, factor := "narrows", 100*sign
	if shrink < 0 {
		verb, factor = "widens", -100*sign
	}
	if clear {
		return fmt.Sprintf("%s %s the gap in %s between the richest and the poorest fifth by %s percentage points %s %s.",
			r.Scenario, verb, subject, amount(shrink), equityInterval(r.Diff, factor, 1), size)
	}
	return fmt.Sprintf("%s does not clearly change the gap in %s between the richest and the poorest fifth: it %s it by %s percentage points %s, %s %s.",
		r.Scenario, subject, verb, amount(shrink), equityInterval(r.Diff, factor, 1), verdict, size)
}

// equityInterval is the 95% interval of factor × d, in brackets.
func equityInterval(d stats.Estimate, factor float64, decimals int) string {
	if d.N < 2 {
		return fmt.Sprintf("[no interval: n = %d]", d.N)
	}
	a, b := factor*d.Low, factor*d.High
	if a > b {
		a, b = b, a
	}
	return fmt.Sprintf("[%s, %s]", formatIn(a, decimals, true), formatIn(b, decimals, true))
}
