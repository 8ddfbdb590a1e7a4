package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Ratio95 returns the estimate of mean(num)/mean(den) over paired
// replications, with a 95% interval by the delta method:
// var(R) ≈ (s²_num − 2R·s_num,den + R²·s²_den) / (n·mean(den)²), and
// Student's t with n−1 degrees of freedom. A denominator whose mean is 0,
// lengths that differ, fewer than two pairs or a NaN make the interval NaN.
func Ratio95(num, den []float64) Estimate {
	n := len(num)
	if n != len(den) || n < 2 {
		return nan(0)
	}
	mn, md := stat.Mean(num, nil), stat.Mean(den, nil)
	r := mn / md
	vn, vd := stat.Variance(num, nil), stat.Variance(den, nil)
	cov := stat.Covariance(num, den, nil)
	v := (vn - 2*r*cov + r*r*vd) / (float64(n) * md * md)
	if md == 0 || math.IsNaN(v) || v < 0 {
		e := nan(n)
		e.Mean = r
		return e
	}
	se := math.Sqrt(v)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return Estimate{Mean: r, SD: se * math.Sqrt(float64(n)), Low: r - t*se, High: r + t*se, N: n}
}

// Wilson95 returns the Wilson score 95% interval of a proportion of k
// successes in n trials; NaN bounds for no trials.
func Wilson95(k, n int) (p, low, high float64) {
	if n <= 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	const z = 1.959963984540054
	p = float64(k) / float64(n)
	nf := float64(n)
	centre := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z / (1 + z*z/nf) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return p, max(0, centre-half), min(1, centre+half)
}
