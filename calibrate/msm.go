package calibrate

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Estimate is a method-of-simulated-moments point estimate.
type Estimate struct {
	Params []float64
	// SE are the standard errors from the numerical Jacobian; +Inf for a
	// parameter the targets do not inform.
	SE          []float64
	Distance    float64 // at Params
	Evaluations int     // simulations, the Jacobian's included
	Status      string  // why the optimiser stopped
}

// msmKey keys the one stream every evaluation of MSM starts from.
const msmKey = 1 << 41

// MSM minimises the SE-weighted distance over the parameters with
// Nelder–Mead, every evaluation drawing the same random numbers (common
// random numbers: stream (seed, msmKey)), so that the objective is a fixed
// function of the parameters. The search runs in unbounded coordinates
// mapped onto each prior's [Min, Max] by a logistic, from the prior's
// centre; the prior's shape is otherwise ignored. replications is the
// number of simulations the simulator averages, for the standard errors:
// V = (1 + 1/replications) (JᵀWJ)⁻¹ with J the Jacobian of the moments
// (central differences) and W = diag(1/se²), the efficient weighting for
// independent targets.
func MSM(ctx context.Context, priors []Prior, targets []Target, simulate Simulator, seed uint64, replications, maxEvaluations int) (*Estimate, error) {
	d := len(priors)
	if len(targets) < d {
		return nil, fmt.Errorf("the method of simulated moments needs at least as many targets as parameters, got %d targets for %d parameters", len(targets), d)
	}
	est := &Estimate{}
	var failed error
	moments := func(theta []float64) []float64 {
		if failed != nil {
			return nil
		}
		est.Evaluations++
		m, err := simulate(ctx, theta, stream(seed, msmKey))
		if err != nil {
			failed = err
		}
		return m
	}
	objective := func(z []float64) float64 {
		m := moments(toBounds(priors, z))
		if m == nil {
			return math.Inf(1)
		}
		return Distance(m, targets)
	}
	z0 := make([]float64, d)
	for j, p := range priors {
		z0[j] = fromBounds(p, centre(p))
	}
	res, err := optimize.Minimize(optimize.Problem{Func: objective}, z0, &optimize.Settings{
		FuncEvaluations: maxEvaluations,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-3, Relative: 1e-3, Iterations: 5 * d},
	}, &optimize.NelderMead{SimplexSize: 1})
	if failed != nil {
		return nil, failed
	}
	if err != nil && res == nil {
		return nil, err
	}
	est.Params, est.Distance, est.Status = toBounds(priors, res.X), res.F, res.Status.String()
	if err != nil {
		est.Status += ": " + err.Error()
	}
	j := jacobian(priors, est.Params, moments)
	if failed != nil {
		return nil, failed
	}
	est.SE = standardErrors(j, targets, replications)
	return est, nil
}

// centre is where MSM starts: the prior's mean for a normal, the geometric
// middle for a log-uniform, else the middle.
func centre(p Prior) float64 {
	switch p.Kind {
	case PriorNormal:
		return math.Min(p.Max, math.Max(p.Min, p.Mean))
	case PriorLogUniform:
		return math.Sqrt(p.Min * p.Max)
	}
	return (p.Min + p.Max) / 2
}

// toBounds maps unbounded coordinates onto the priors' bounds.
func toBounds(priors []Prior, z []float64) []float64 {
	theta := make([]float64, len(z))
	for j, p := range priors {
		theta[j] = p.Round(p.Min + (p.Max-p.Min)/(1+math.Exp(-z[j])))
	}
	return theta
}

// fromBounds is toBounds' inverse for one coordinate, kept finite.
func fromBounds(p Prior, x float64) float64 {
	u := math.Min(1-1e-9, math.Max(1e-9, (x-p.Min)/(p.Max-p.Min)))
	return math.Log(u / (1 - u))
}

// jacobian differentiates the moments at theta by central differences of
// 2% of each prior's range (one-sided at a bound; at least 1 for an
// integer): the model's moments move in small steps, which a finer
// difference would see as noise.
func jacobian(priors []Prior, theta []float64, moments func([]float64) []float64) *mat.Dense {
	var j *mat.Dense
	for c, p := range priors {
		h := 0.02 * (p.Max - p.Min)
		if p.Integer {
			h = math.Max(1, math.Round(h))
		}
		lo, hi := math.Max(p.Min, theta[c]-h), math.Min(p.Max, theta[c]+h)
		at := func(x float64) []float64 {
			t := append([]float64(nil), theta...)
			t[c] = x
			return moments(t)
		}
		mLo, mHi := at(lo), at(hi)
		if mLo == nil || mHi == nil {
			return nil
		}
		if j == nil {
			j = mat.NewDense(len(mLo), len(priors), nil)
		}
		for k := range mLo {
			j.Set(k, c, (mHi[k]-mLo[k])/(hi-lo))
		}
	}
	return j
}

// standardErrors are the square roots of V's diagonal; a singular JᵀWJ
// (a parameter no target moves) gives +Inf for every parameter.
func standardErrors(j *mat.Dense, targets []Target, replications int) []float64 {
	_, d := j.Dims()
	se := make([]float64, d)
	w := make([]float64, len(targets))
	for k, t := range targets {
		w[k] = 1 / (t.SE * t.SE)
	}
	var wj mat.Dense
	wj.Apply(func(r, _ int, v float64) float64 { return w[r] * v }, j)
	var full mat.Dense
	full.Mul(j.T(), &wj)
	a := mat.NewSymDense(d, nil)
	for r := range d {
		for c := r; c < d; c++ {
			a.SetSym(r, c, full.At(r, c))
		}
	}
	var chol mat.Cholesky
	var inv mat.SymDense
	if !chol.Factorize(a) || chol.InverseTo(&inv) != nil {
		for c := range se {
			se[c] = math.Inf(1)
		}
		return se
	}
	for c := range d {
		se[c] = math.Sqrt((1 + 1/float64(replications)) * inv.At(c, c))
	}
	return se
}
