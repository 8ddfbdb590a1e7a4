package sim

import "math"

// logistic is the choice probability of a utility u.
func logistic(u float64) float64 { return 1 / (1 + math.Exp(-u)) }

// belowLogistic reports whether x < s·logistic(u), for s ≥ 0: a random-
// utility choice, with x a uniform draw and s a scale of the probability
// (1, or the meeting's openness). It answers exactly as computing
// s·logistic(u) would, bit for bit, but most draws need no math.Exp, which
// took 6% of a default replication (docs/performance.md).
//
// logistic is increasing, so over a cell [u_k, u_k+1/32) of the table its
// value lies between its values at the cell's ends. Those are widened by a
// relative 1e-12, far beyond the few ulps by which computed values can
// stray from the true function and beyond the rounding of s times them
// (TestBelowLogisticIsExact checks it at cell ends and on the boundary of
// the choice). A draw outside the widened band is answered by the table;
// inside it, at most one draw in 128 (logistic's slope is at most 1/4, so
// the band is at most 1/128 wide), or for u outside the table, by
// computing.
func belowLogistic(x, s, u float64) bool {
	t := (u + logisticSpan) * logisticSteps
	if t >= 0 && t < 2*logisticSpan*logisticSteps && s >= 0 {
		b := &logisticBounds[int(t)]
		if x < s*b[0] {
			return true
		}
		if x >= s*b[1] {
			return false
		}
	}
	return x < s*logistic(u)
}

// The table covers u in [-logisticSpan, logisticSpan) in cells of
// 1/logisticSteps.
const (
	logisticSpan  = 16
	logisticSteps = 32
	logisticSlack = 1e-12 // relative widening of each cell's bounds
)

// logisticBounds holds each cell's lower and upper bound of logistic,
// widened by logisticSlack.
var logisticBounds = func() (b [2 * logisticSpan * logisticSteps][2]float64) {
	for k := range b {
		lo := float64(k)/logisticSteps - logisticSpan
		hi := float64(k+1)/logisticSteps - logisticSpan
		b[k] = [2]float64{logistic(lo) * (1 - logisticSlack), logistic(hi) * (1 + logisticSlack)}
	}
	return b
}()
