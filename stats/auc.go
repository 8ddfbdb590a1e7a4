package stats

import "math"

// AUC returns the area under a weekly curve by the trapezoid rule with unit
// spacing, divided by the number of intervals len(ys)-1. The result is the
// curve's time average, in the metric's own unit, so horizons of different
// length stay comparable. One value is its own average; no values give NaN.
func AUC(ys []float64) float64 {
	switch len(ys) {
	case 0:
		return math.NaN()
	case 1:
		return ys[0]
	}
	var area float64
	for i := 1; i < len(ys); i++ {
		area += (ys[i-1] + ys[i]) / 2
	}
	return area / float64(len(ys)-1)
}
