package effects

import (
	"fmt"
	"math"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// Factorial is SF3's full factorial of the four middle-stage measures on
// one outcome at the end of the project, each effect estimated replication
// by replication (the 16 cells share their seeds) with its 95% interval.
type Factorial struct {
	Metric sim.Metric
	// Main[i] is the mean outcome of the 8 cells with Measures[i] minus
	// that of the 8 without.
	Main [4]stats.Estimate
	// TwoWay[k] is pair Pairs[k] = (i, j): the main effect of i among the
	// cells with j minus that among the cells without j, that is how much
	// more i gains when j is also taken (averaged over the other two). It
	// is symmetric in i and j. Positive: the two feed each other.
	TwoWay [6]stats.Estimate
	// Synergy is all four together minus the sum of each alone, both over
	// none: y(1111) − Σ y(single) + 3·y(0000), the sum of every
	// interaction term. Positive: together they gain more than the sum of
	// their parts.
	Synergy stats.Estimate
}

// Pairs are the two-way interactions' measures, as indexes of Measures.
var Pairs = [6][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}

// cells returns y[mask][r], the outcome of every cell in every replication.
func cells(src source, m sim.Metric) [16][]float64 {
	var y [16][]float64
	for mask := range 16 {
		y[mask] = src.values(Obs{cell(mask), m, AtProjectEnd})
	}
	return y
}

// contrast returns Σ_mask w(mask)·y[mask][r] for every replication.
func contrast(y [16][]float64, w func(mask int) float64) []float64 {
	out := make([]float64, len(y[0]))
	for mask := range 16 {
		c := w(mask)
		if c == 0 {
			continue
		}
		for r, v := range y[mask] {
			out[r] += c * v
		}
	}
	return out
}

func has(mask, i int) bool { return mask&(1<<i) != 0 }

func sign(b bool) float64 {
	if b {
		return 1
	}
	return -1
}

// NewFactorial estimates the factorial's effects on m.
func NewFactorial(d *Data, m sim.Metric) Factorial { return factorial(d, m) }

func factorial(src source, m sim.Metric) Factorial {
	y := cells(src, m)
	f := Factorial{Metric: m}
	for i := range 4 {
		f.Main[i] = stats.Estimate95(contrast(y, func(mask int) float64 { return sign(has(mask, i)) / 8 }))
	}
	for k, p := range Pairs {
		f.TwoWay[k] = stats.Estimate95(contrast(y, func(mask int) float64 {
			return sign(has(mask, p[0])) * sign(has(mask, p[1])) / 4
		}))
	}
	f.Synergy = stats.Estimate95(contrast(y, func(mask int) float64 {
		switch {
		case mask == 15:
			return 1
		case mask == 0:
			return 3
		case mask&(mask-1) == 0:
			return -1
		}
		return 0
	}))
	return f
}

// String lists the effects, one per line.
func (f Factorial) String() string {
	s := fmt.Sprintf("%s at the end of the project:\n", metricName(f.Metric))
	for i, e := range f.Main {
		s += fmt.Sprintf("  main %-12s %s\n", abbrev[i], describe(e))
	}
	for k, p := range Pairs {
		s += fmt.Sprintf("  %s × %s %s\n", abbrev[p[0]], abbrev[p[1]], describe(f.TwoWay[k]))
	}
	return s + fmt.Sprintf("  synergy (all − Σ single) %s\n", describe(f.Synergy))
}

// binding returns, of several estimates that must all lie above 0, the
// one with the lowest lower bound (a NaN one first), its index, and
// whether all lie above 0.
func binding(es []stats.Estimate) (stats.Estimate, int, bool) {
	worst, all := 0, true
	for k, e := range es {
		if !(e.Low > 0) {
			all = false
		}
		if math.IsNaN(e.Low) || (!math.IsNaN(es[worst].Low) && e.Low < es[worst].Low) {
			worst = k
		}
	}
	return es[worst], worst, all
}

// owns says which outcome each measure acts on mostly (SF3).
var owns = []struct {
	measure int
	metric  sim.Metric
}{
	{1, sim.Cohesion},
	{3, sim.Participation},
	{0, sim.VulnerableCoverage},
	{0, sim.Efficiency},
	{2, sim.OrgMembership},
	{2, sim.GovernanceDiversity},
}

// SF3: each middle-stage measure alone gains less than all four together;
// each acts mostly on its own outcome; and, as a claim that can be true or
// false, the measures feed each other (together they gain more than the
// sum of their parts). All on the full factorial, at the end of the
// project, the later stage's own measures equal in every cell.
func sf3(src source) []Finding {
	var out []Finding
	for _, m := range headline {
		y := cells(src, m)
		var ds []stats.Estimate
		for i := range 4 {
			ds = append(ds, stats.Paired95(y[1<<i], y[15]))
		}
		e, k, all := binding(ds)
		out = append(out, finding("sf3_all_beat_single_"+metricName(m), "each measure alone gains less "+metricName(m)+" than all four together",
			all, e, fmt.Sprintf("all four − %s alone (the closest of the four)", Measures[k])))
	}
	mains := map[sim.Metric]Factorial{}
	for _, o := range owns {
		f, ok := mains[o.metric]
		if !ok {
			f = factorial(src, o.metric)
			mains[o.metric] = f
		}
		y := cells(src, o.metric)
		own := contrast(y, func(mask int) float64 { return sign(has(mask, o.measure)) / 8 })
		var ds []stats.Estimate
		var rivals []int
		for i := range 4 {
			if i == o.measure {
				continue
			}
			rival := contrast(y, func(mask int) float64 { return sign(has(mask, i)) / 8 })
			ds = append(ds, stats.Paired95(rival, own))
			rivals = append(rivals, i)
		}
		e, k, all := binding(ds)
		out = append(out, finding("sf3_"+Measures[o.measure]+"_owns_"+metricName(o.metric),
			Measures[o.measure]+" acts on "+metricName(o.metric)+" more than any other measure",
			all, e, fmt.Sprintf("main effect of %s − main effect of %s (the closest rival)", Measures[o.measure], Measures[rivals[k]])))
	}
	for _, m := range headline {
		f := factorial(src, m)
		var ints []string
		for k, p := range Pairs {
			ints = append(ints, fmt.Sprintf("%s×%s %s", abbrev[p[0]], abbrev[p[1]], describe(f.TwoWay[k])))
		}
		out = append(out, finding("sf3_synergy_"+metricName(m), "the measures feed each other: together they gain more "+metricName(m)+" than the sum of each alone",
			above(f.Synergy, 0), f.Synergy, "two-way interactions "+join(ints)+"; all four − Σ each alone, over none"))
	}
	return out
}
