// Package prim finds boxes in parameter space where a case of interest
// concentrates, by the patient rule induction method's peeling (Friedman
// and Fisher 1999, "Bump hunting in high-dimensional data"), as scenario
// discovery uses it (Bryant and Lempert 2010; EMA Workbench). Pasting is
// not implemented.
package prim

import (
	"math"
	"sort"
)

// Box is the hyper-rectangle Lo[j] ≤ x_j ≤ Hi[j] and what it holds.
type Box struct {
	Lo, Hi []float64
	// N is the points inside; Mass their share of all points; Density the
	// share of cases among them; Coverage the share of all cases inside.
	N                       int
	Mass, Density, Coverage float64
}

// Restricted returns the dimensions whose limits are inside the range of
// the data (lo, hi per dimension), that is the parameters the box names.
func (b Box) Restricted(lo, hi []float64) []int {
	var out []int
	for j := range b.Lo {
		if b.Lo[j] > lo[j] || b.Hi[j] < hi[j] {
			out = append(out, j)
		}
	}
	return out
}

// Peel returns the peeling trajectory from the box around all points: at
// each step it removes a share alpha of the points inside from the low or
// the high end of one dimension, the peel that leaves the highest density
// of cases, until fewer than minMass of all points would remain.
// x[j][i] is dimension j of point i; y[i] marks the cases. The first box
// holds every point.
func Peel(x [][]float64, y []bool, alpha, minMass float64) []Box {
	n := len(y)
	if n == 0 || len(x) == 0 {
		return nil
	}
	cases := 0
	for _, c := range y {
		if c {
			cases++
		}
	}
	inside := make([]int, n)
	for i := range inside {
		inside[i] = i
	}
	lo, hi := make([]float64, len(x)), make([]float64, len(x))
	for j := range x {
		lo[j], hi[j] = math.Inf(1), math.Inf(-1)
		for _, v := range x[j] {
			lo[j], hi[j] = math.Min(lo[j], v), math.Max(hi[j], v)
		}
	}
	box := func() Box {
		b := Box{Lo: append([]float64(nil), lo...), Hi: append([]float64(nil), hi...), N: len(inside)}
		k := 0
		for _, i := range inside {
			if y[i] {
				k++
			}
		}
		b.Mass = float64(len(inside)) / float64(n)
		b.Density = float64(k) / float64(max(1, len(inside)))
		b.Coverage = math.NaN()
		if cases > 0 {
			b.Coverage = float64(k) / float64(cases)
		}
		return b
	}
	out := []Box{box()}
	for {
		best, bestJ, bestLow := -1.0, -1, false
		var bestCut float64
		var bestKeep []int
		for j := range x {
			vals := make([]float64, len(inside))
			for k, i := range inside {
				vals[k] = x[j][i]
			}
			sort.Float64s(vals)
			q := int(alpha * float64(len(vals)))
			for _, low := range []bool{true, false} {
				var cut float64
				var keep []int
				if low {
					cut = vals[q]
					keep = filter(inside, func(i int) bool { return x[j][i] >= cut })
					if len(keep) == len(inside) { // ties at the bottom
						keep = filter(inside, func(i int) bool { return x[j][i] > cut })
						cut = nextAbove(vals, cut)
					}
				} else {
					cut = vals[len(vals)-1-q]
					keep = filter(inside, func(i int) bool { return x[j][i] <= cut })
					if len(keep) == len(inside) {
						keep = filter(inside, func(i int) bool { return x[j][i] < cut })
						cut = nextBelow(vals, cut)
					}
				}
				if len(keep) == 0 || len(keep) == len(inside) || float64(len(keep)) < minMass*float64(n) {
					continue
				}
				d := density(keep, y)
				if d > best || (d == best && len(keep) > len(bestKeep)) {
					best, bestJ, bestLow, bestCut, bestKeep = d, j, low, cut, keep
				}
			}
		}
		if bestJ < 0 {
			return out
		}
		if bestLow {
			lo[bestJ] = bestCut
		} else {
			hi[bestJ] = bestCut
		}
		inside = bestKeep
		out = append(out, box())
	}
}

// Choose returns the box of the trajectory with the highest density among
// those holding at least minCoverage of the cases (the first such box on a
// tie), or the first box if none does.
func Choose(traj []Box, minCoverage float64) Box {
	best := 0
	for k, b := range traj {
		if b.Coverage >= minCoverage && b.Density > traj[best].Density {
			best = k
		}
	}
	return traj[best]
}

func filter(idx []int, keep func(int) bool) []int {
	var out []int
	for _, i := range idx {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

func density(idx []int, y []bool) float64 {
	k := 0
	for _, i := range idx {
		if y[i] {
			k++
		}
	}
	return float64(k) / float64(len(idx))
}

// nextAbove and nextBelow return the sorted value next to v: a box's new
// limit is the smallest (largest) value it keeps.
func nextAbove(sorted []float64, v float64) float64 {
	for _, s := range sorted {
		if s > v {
			return s
		}
	}
	return v
}

func nextBelow(sorted []float64, v float64) float64 {
	for k := len(sorted) - 1; k >= 0; k-- {
		if sorted[k] < v {
			return sorted[k]
		}
	}
	return v
}
