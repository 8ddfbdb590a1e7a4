package calibrate

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// The prior distributions a parameter may have.
const (
	PriorUniform    = "uniform"
	PriorNormal     = "normal"
	PriorLogUniform = "loguniform"
)

var priorKinds = []string{PriorUniform, PriorNormal, PriorLogUniform}

// Prior is a parameter's prior: uniform on [Min, Max], normal (Mean, SD)
// truncated to [Min, Max], or log-uniform on [Min, Max]. An Integer
// prior's values are rounded to integers; its density at an integer is
// taken as the continuous one's (close to the mass rounding gives it).
type Prior struct {
	Kind     string
	Min, Max float64
	Mean, SD float64 // normal only
	Integer  bool
}

// check returns what makes p impossible, or "".
func (p Prior) check() string {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !finite(p.Min) || !finite(p.Max):
		return "min and max must be finite numbers"
	case p.Min >= p.Max:
		return fmt.Sprintf("min %g must be below max %g", p.Min, p.Max)
	case p.Kind == PriorLogUniform && p.Min <= 0:
		return fmt.Sprintf("a loguniform prior needs min > 0, got %g", p.Min)
	case p.Kind == PriorNormal && (!finite(p.Mean) || !finite(p.SD) || p.SD <= 0):
		return fmt.Sprintf("a normal prior needs a finite mean and sd > 0, got mean %g, sd %g", p.Mean, p.SD)
	case p.Kind == PriorNormal && p.mass() < 1e-9:
		return fmt.Sprintf("normal(mean %g, sd %g) puts practically no probability between min %g and max %g", p.Mean, p.SD, p.Min, p.Max)
	}
	return ""
}

// mass is the normal's probability of [Min, Max].
func (p Prior) mass() float64 {
	a, b := p.standard()
	if a > 0 { // the upper tail: subtract survival functions for accuracy
		return distuv.UnitNormal.Survival(a) - distuv.UnitNormal.Survival(b)
	}
	return distuv.UnitNormal.CDF(b) - distuv.UnitNormal.CDF(a)
}

// standard returns the truncation bounds in standard deviations from the
// mean.
func (p Prior) standard() (a, b float64) {
	return (p.Min - p.Mean) / p.SD, (p.Max - p.Mean) / p.SD
}

// Sample draws one value from p with one uniform draw of rng (by the
// inverse of the distribution function), so that a particle's draws do not
// depend on rejection loops.
func (p Prior) Sample(rng *rand.Rand) float64 {
	if p.Integer && p.Kind == PriorUniform {
		// Every integer of [Min, Max] equally likely, the ends included.
		lo, hi := math.Ceil(p.Min), math.Floor(p.Max)
		return math.Min(hi, lo+math.Floor(rng.Float64()*(hi-lo+1)))
	}
	return p.Round(p.sample(rng.Float64()))
}

// Round rounds x to an integer within [Min, Max] if p is an integer's
// prior, and returns it unchanged otherwise.
func (p Prior) Round(x float64) float64 {
	if !p.Integer {
		return x
	}
	return math.Min(math.Floor(p.Max), math.Max(math.Ceil(p.Min), math.Round(x)))
}

func (p Prior) sample(u float64) float64 {
	var x float64
	switch p.Kind {
	case PriorNormal:
		a, b := p.standard()
		if a > 0 { // mirror the upper tail onto the lower, where CDF is accurate
			a, b = -b, -a
			lo, hi := distuv.UnitNormal.CDF(a), distuv.UnitNormal.CDF(b)
			x = p.Mean - p.SD*distuv.UnitNormal.Quantile(lo+u*(hi-lo))
		} else {
			lo, hi := distuv.UnitNormal.CDF(a), distuv.UnitNormal.CDF(b)
			x = p.Mean + p.SD*distuv.UnitNormal.Quantile(lo+u*(hi-lo))
		}
	case PriorLogUniform:
		x = math.Exp(math.Log(p.Min) + u*(math.Log(p.Max)-math.Log(p.Min)))
	default:
		x = p.Min + u*(p.Max-p.Min)
	}
	return math.Min(p.Max, math.Max(p.Min, x))
}

// Density is p's density at x, up to a constant factor (which cancels in
// importance weights): 0 outside [Min, Max].
func (p Prior) Density(x float64) float64 {
	if !(x >= p.Min && x <= p.Max) {
		return 0
	}
	switch p.Kind {
	case PriorNormal:
		z := (x - p.Mean) / p.SD
		return math.Exp(-z * z / 2)
	case PriorLogUniform:
		return 1 / x
	}
	return 1
}

// String describes p as a calibration file writes it.
func (p Prior) String() string {
	if p.Kind == PriorNormal {
		return fmt.Sprintf("normal(mean %g, sd %g) on [%g, %g]", p.Mean, p.SD, p.Min, p.Max)
	}
	return fmt.Sprintf("%s on [%g, %g]", p.Kind, p.Min, p.Max)
}
