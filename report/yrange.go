package report

import "math"

// yRange chooses the value axis. Shares and indices (unitInterval) get the
// whole of [0,1], so that a flat 11% looks flat and the eye can compare
// figures; the range grows beyond only where the data does. Other values
// get the data range, padded a little and never narrower than a tenth of
// the data's scale, so that noise is not magnified; it crosses zero only
// where the data does. The range always contains the confidence bands.
func yRange(lo, hi float64, unitInterval bool) (float64, float64) {
	switch {
	case !isFinite(lo) || !isFinite(hi):
		return 0, 1 // nothing to show; any range will do
	case unitInterval:
		return math.Min(0, lo), math.Max(1, hi)
	}
	minSpan := 0.1 * math.Max(math.Abs(lo), math.Abs(hi))
	if minSpan == 0 {
		minSpan = 1
	}
	a, b := lo, hi
	if b-a < minSpan {
		mid := (a + b) / 2
		a, b = mid-minSpan/2, mid+minSpan/2
	}
	pad := 0.08 * (b - a)
	a, b = a-pad, b+pad
	if a < 0 && lo >= 0 { // shift up, keeping the span
		b -= a
		a = 0
	}
	return a, b
}
