package calibrate

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// A linear model, m_k = a + b·x_k plus noise of the same seed at every
// evaluation: MSM finds the weighted least-squares fit to the targets,
// and its standard errors are sqrt((1 + 1/S) (XᵀWX)⁻¹) with X the design.
func TestMSMLinearModel(t *testing.T) {
	xs := []float64{0, 1, 2, 3}
	const a, b, noise = 0.3, 0.1, 0.001
	model := func(_ context.Context, p []float64, rng *rand.Rand) ([]float64, error) {
		m := make([]float64, len(xs))
		for k, x := range xs {
			m[k] = p[0] + p[1]*x + noise*rng.NormFloat64()
		}
		return m, nil
	}
	targets := make([]Target, len(xs))
	for k, x := range xs {
		targets[k] = Target{Value: a + b*x, SE: 0.02}
	}
	priors := []Prior{{Kind: PriorUniform, Min: 0, Max: 1}, {Kind: PriorUniform, Min: -1, Max: 1}}
	est, err := MSM(context.Background(), priors, targets, model, 5, 1, 400)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("estimate %.4f, se %.4f, distance %.3g, %d evaluations, %s", est.Params, est.SE, est.Distance, est.Evaluations, est.Status)
	if math.Abs(est.Params[0]-a) > 0.005 || math.Abs(est.Params[1]-b) > 0.003 {
		t.Errorf("estimate %v, want [%g %g] (the noise moves it by about %g)", est.Params, a, b, noise)
	}
	// XᵀWX = (1/se²) [[4, 6], [6, 14]]; its inverse's diagonal is se² [14, 4] / 20.
	wantA, wantB := math.Sqrt(2*0.02*0.02*14/20), math.Sqrt(2*0.02*0.02*4/20)
	if math.Abs(est.SE[0]/wantA-1) > 0.01 || math.Abs(est.SE[1]/wantB-1) > 0.01 {
		t.Errorf("se %v, want [%.5f %.5f]", est.SE, wantA, wantB)
	}
}

func TestMSMNeedsEnoughTargets(t *testing.T) {
	priors := []Prior{{Kind: PriorUniform, Min: 0, Max: 1}, {Kind: PriorUniform, Min: 0, Max: 1}}
	_, err := MSM(context.Background(), priors, []Target{{1, 1}}, nil, 1, 1, 10)
	want := "the method of simulated moments needs at least as many targets as parameters, got 1 targets for 2 parameters"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
