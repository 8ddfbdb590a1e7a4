package sensitivity

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Coefficient is the PRCC of one parameter with one outcome.
type Coefficient struct {
	Outcome   string
	Parameter string
	PRCC      float64 // in [-1, 1]; NaN when undefined (a constant outcome)
	P         float64 // two-sided p-value of PRCC = 0
	N         int     // observations used
	DF        int     // degrees of freedom of the t test: N - 2 - (parameters - 1)
}

// Analyze computes the PRCC of every parameter with every outcome.
// x[j][i] is parameter j in observation i and ys[o][i] outcome o;
// observations with a non-finite value in an outcome are left out for that
// outcome. The coefficients come outcome by outcome, parameters in the
// order given.
func Analyze(params []string, x [][]float64, outcomes []string, ys [][]float64) ([]Coefficient, error) {
	if len(params) != len(x) || len(outcomes) != len(ys) {
		return nil, errors.New("sensitivity: names and columns differ in number")
	}
	if len(params) == 0 {
		return nil, errors.New("sensitivity: no parameters")
	}
	var out []Coefficient
	for o, y := range ys {
		keep := finiteRows(x, y)
		xs := make([][]float64, len(x))
		for j := range x {
			xs[j] = pick(x[j], keep)
		}
		r, p, df, err := PRCC(xs, pick(y, keep))
		if err != nil {
			return nil, fmt.Errorf("outcome %s: %w", outcomes[o], err)
		}
		for j := range params {
			out = append(out, Coefficient{Outcome: outcomes[o], Parameter: params[j], PRCC: r[j], P: p[j], N: len(keep), DF: df})
		}
	}
	return out, nil
}

func finiteRows(x [][]float64, y []float64) []int {
	var keep []int
rows:
	for i, v := range y {
		if !finite(v) {
			continue
		}
		for j := range x {
			if i >= len(x[j]) || !finite(x[j][i]) {
				continue rows
			}
		}
		keep = append(keep, i)
	}
	return keep
}

func pick(v []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = v[i]
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// PRCC returns the partial rank correlation coefficient of each column
// x[j] with y, its two-sided p-value from Student's t with df = n - 2 -
// (k - 1) degrees of freedom (n observations, k parameters), and df. Every
// parameter must vary; y may be constant, which makes every coefficient
// NaN.
func PRCC(x [][]float64, y []float64) (r, p []float64, df int, err error) {
	n, k := len(y), len(x)
	df = n - 2 - (k - 1)
	if k == 0 {
		return nil, nil, df, errors.New("no parameters")
	}
	if df < 1 {
		return nil, nil, df, fmt.Errorf("%d observations are too few for %d parameters: need at least %d", n, k, k+2)
	}
	ranks := make([][]float64, k)
	for j := range x {
		if len(x[j]) != n {
			return nil, nil, df, fmt.Errorf("parameter %d has %d values for %d outcomes", j, len(x[j]), n)
		}
		ranks[j] = Ranks(x[j])
		if spread(ranks[j]) == 0 {
			return nil, nil, df, fmt.Errorf("parameter %d does not vary", j)
		}
	}
	ry := Ranks(y)
	r, p = make([]float64, k), make([]float64, k)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}
	for j := range k {
		// Regress the ranks of x[j] and of y on the ranks of the others.
		design := mat.NewDense(n, k, nil)
		for i := range n {
			design.Set(i, 0, 1)
			c := 1
			for l := range k {
				if l != j {
					design.Set(i, c, ranks[l][i])
					c++
				}
			}
		}
		ex, err1 := residuals(design, ranks[j])
		ey, err2 := residuals(design, ry)
		if err := errors.Join(err1, err2); err != nil {
			return nil, nil, df, fmt.Errorf("parameter %d is (nearly) a combination of the others: %w", j, err)
		}
		r[j], p[j] = math.NaN(), math.NaN()
		// Ranks run to n, so leftovers below this are rounding, not spread.
		if tol := 1e-9 * float64(n); spread(ex) <= tol || spread(ey) <= tol {
			continue
		}
		rj := math.Max(-1, math.Min(1, stat.Correlation(ex, ey, nil)))
		r[j] = rj
		if math.Abs(rj) == 1 {
			p[j] = 0
			continue
		}
		ts := rj * math.Sqrt(float64(df)/(1-rj*rj))
		p[j] = 2 * t.Survival(math.Abs(ts))
	}
	return r, p, df, nil
}

// residuals returns v minus its least-squares fit on the columns of design.
func residuals(design *mat.Dense, v []float64) ([]float64, error) {
	var qr mat.QR
	qr.Factorize(design)
	b := mat.NewVecDense(len(v), append([]float64(nil), v...))
	var beta mat.Dense
	if err := qr.SolveTo(&beta, false, b); err != nil {
		return nil, err
	}
	var fit mat.Dense
	fit.Mul(design, &beta)
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i] - fit.At(i, 0)
	}
	return out, nil
}

// spread returns max(v) - min(v), 0 for no values.
func spread(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return hi - lo
}
