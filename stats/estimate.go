package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a mean over replications with its sample standard deviation
// and a two-sided 95% confidence interval for the mean.
type Estimate struct {
	Mean, SD, Low, High float64
	N                   int
}

// nan is the estimate of nothing: every statistic undefined.
func nan(n int) Estimate {
	v := math.NaN()
	return Estimate{Mean: v, SD: v, Low: v, High: v, N: n}
}

// Estimate95 returns the mean of xs, its sample standard deviation and the
// 95% confidence interval mean ± t(0.975, N-1)·SD/√N. One value has no
// spread to measure: SD and the interval are NaN (not 0 and [x, x], which
// would read as certainty). With none every field but N is NaN. A NaN in xs
// makes the statistics NaN, so gaps are never hidden.
func Estimate95(xs []float64) Estimate {
	n := len(xs)
	switch n {
	case 0:
		return nan(0)
	case 1:
		e := nan(1)
		e.Mean = xs[0]
		return e
	}
	mean, sd := stat.MeanStdDev(xs, nil)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(n))
	return Estimate{Mean: mean, SD: sd, Low: mean - half, High: mean + half, N: n}
}

// Paired95 returns the estimate of mean(b[i] - a[i]) over paired replications,
// which removes the variation the pairs share (common random numbers). If
// the lengths differ there are no pairs: every field is NaN and N is 0.
func Paired95(a, b []float64) Estimate {
	if len(a) != len(b) {
		return nan(0)
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = b[i] - a[i]
	}
	return Estimate95(d)
}
