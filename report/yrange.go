package report

import "math"

// yRange chooses the value axis: shares spread over more than half of [0,1]
// get the whole of it; otherwise the data range, padded a little and never
// narrower than a tenth of the data's scale, so that noise is not magnified.
// The range crosses zero (or one, for shares) only where the data does, and
// always contains the confidence bands.
func yRange(lo, hi float64, share bool) (float64, float64) {
	switch {
	case !isFinite(lo) || !isFinite(hi):
		return 0, 1 // nothing to show; any range will do
	case share && hi-lo > 0.5:
		return math.Min(0, lo), math.Max(1, hi)
	}
	minSpan := 0.1
	if !share {
		if minSpan = 0.1 * math.Max(math.Abs(lo), math.Abs(hi)); minSpan == 0 {
			minSpan = 1
		}
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
	if share && b > 1 && hi <= 1 { // shift down, keeping the span
		a -= b - 1
		b = 1
		if lo >= 0 {
			a = math.Max(a, 0)
		}
	}
	return a, b
}
