package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/grassroots-sim/grassroots/experiment"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Simulator returns the moments a model simulates at params, drawing every
// random number from rng.
type Simulator func(ctx context.Context, params []float64, rng *rand.Rand) ([]float64, error)

// Target is one observed moment and its standard error.
type Target struct{ Value, SE float64 }

// Distance is the SE-weighted distance between simulated moments and the
// targets: the root mean square of (simulated - value) / se. A moment that
// is not a number is infinitely far.
func Distance(moments []float64, targets []Target) float64 {
	var sum float64
	for k, t := range targets {
		z := (moments[k] - t.Value) / t.SE
		if math.IsNaN(z) {
			return math.Inf(1)
		}
		sum += z * z
	}
	return math.Sqrt(sum / float64(len(targets)))
}

// Settings control an ABC-SMC run.
type Settings struct {
	Particles int    // population size
	Seed      uint64 // every random draw derives from it
	Workers   int    // goroutines simulating at once; results do not depend on it
	// Quantile of the previous population's distances that becomes the
	// next tolerance (Del Moral et al. 2012 adapt it by the effective
	// sample size; a fixed quantile is the common simplification).
	Quantile float64
	// The run stops after the generation whose tolerance is at most
	// Tolerance, when a generation's acceptance rate would fall below
	// MinAcceptance, or after MaxGenerations generations.
	Tolerance      float64
	MinAcceptance  float64
	MaxGenerations int
	// Progress, if not nil, is called as proposals are accepted, and
	// Finished after each generation (both from one goroutine).
	Progress func(generation, accepted, particles int)
	Finished func(Generation)
	// Checkpoint, if not nil, is given the state after every generation
	// that is not the last; SMC resumed from it (Resume) returns what it
	// would have returned uninterrupted.
	Checkpoint func(State) error
	Resume     *State
}

// State is what a run needs to go on after a generation: the generations
// so far and the last one's particles.
type State struct {
	Generations []Generation `json:"generations"`
	Particles   []Particle   `json:"particles"`
}

// check tells a state that cannot be continued with these settings.
func (st *State) check(params, particles int) error {
	if len(st.Generations) == 0 || len(st.Particles) != particles {
		return fmt.Errorf("the saved state has %d generations and %d particles, want at least 1 and %d", len(st.Generations), len(st.Particles), particles)
	}
	for _, p := range st.Particles {
		if len(p.Params) != params {
			return fmt.Errorf("the saved state's particles have %d parameters, want %d", len(p.Params), params)
		}
	}
	return nil
}

// Particle is one member of a population.
type Particle struct {
	Params   []float64
	Weight   float64 // normalised importance weight
	Distance float64
}

// Generation summarises one population.
type Generation struct {
	Index          int
	Tolerance      float64 // +Inf for the draws from the prior
	AcceptanceRate float64
	ESS            float64 // effective sample size, 1 / sum of squared weights
	Simulations    int     // proposals simulated (those outside the priors are redrawn unsimulated)
	Complete       bool    // false for a last generation abandoned at the acceptance floor
}

// Result is the final population and the history that led to it.
type Result struct {
	Particles   []Particle
	Generations []Generation
	Stop        string // why the run stopped
}

// stream returns the random source of a (generation, proposal) pair: a
// hash of the seed and the keys, so that no draw depends on which worker
// ran it or in which order.
func stream(seed uint64, keys ...uint64) *rand.Rand {
	h := splitmix(seed)
	for _, k := range keys {
		h = splitmix(h ^ splitmix(k+0x632be59bd9b4e019))
	}
	return rand.New(rand.NewPCG(h, splitmix(h^0x6a09e667f3bcc909)))
}

// splitmix is the SplitMix64 finaliser.
func splitmix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// proposal is one simulated candidate particle.
type proposal struct {
	params   []float64
	distance float64
}

// SMC runs population Monte Carlo ABC (Beaumont et al. 2009) with a
// quantile-adaptive tolerance: generation 0 draws from the priors; each
// later generation proposes by perturbing a particle of the previous one,
// picked by weight, with a Gaussian of twice the population's weighted
// covariance, keeps proposals closer than the tolerance and weights them
// prior / sum of previous weight × kernel. Proposal i of generation g uses
// only stream (Seed, g, i), and a generation keeps the first Particles
// accepted proposals in index order, so the result is the same whatever
// the number of workers.
func SMC(ctx context.Context, priors []Prior, targets []Target, simulate Simulator, s Settings) (*Result, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	res := &Result{}
	var prev []Particle
	tolerance := math.Inf(1)
	if st := s.Resume; st != nil {
		if err := st.check(len(priors), s.Particles); err != nil {
			return nil, err
		}
		res.Generations, prev = slices.Clone(st.Generations), st.Particles
		tolerance = nextTolerance(prev, s.Quantile)
	}
	for g := len(res.Generations); ; g++ {
		var k *kernel
		if g > 0 {
			var err error
			if k, err = newKernel(prev, priors); err != nil {
				return nil, err
			}
		}
		propose := func(ctx context.Context, i int) (proposal, error) {
			rng := stream(s.Seed, uint64(g), uint64(i))
			var p []float64
			if k == nil {
				p = make([]float64, len(priors))
				for j, pr := range priors {
					p[j] = pr.Sample(rng)
				}
			} else if p = k.inside(rng, priors); p == nil {
				return proposal{}, fmt.Errorf("generation %d: %d perturbations in a row fell outside the priors", g, maxRedraws)
			}
			m, err := simulate(ctx, p, rng)
			if err != nil {
				return proposal{}, err
			}
			return proposal{params: p, distance: Distance(m, targets)}, nil
		}
		limit := s.maxAttempts()
		if g == 0 {
			limit = s.Particles
		}
		accepted, gen, err := s.generation(ctx, g, tolerance, limit, propose)
		if err != nil {
			return nil, err
		}
		gen.Tolerance = tolerance
		if !gen.Complete {
			res.Generations = append(res.Generations, gen)
			res.Stop = fmt.Sprintf("generation %d stopped: its acceptance rate fell below %g; the result is generation %d", g, s.MinAcceptance, g-1)
			break
		}
		cur := make([]Particle, len(accepted))
		for i, a := range accepted {
			cur[i] = Particle{Params: a.params, Distance: a.distance, Weight: 1}
			if k != nil {
				cur[i].Weight = priorDensity(priors, a.params) / k.mixture(a.params)
			}
		}
		normalise(cur)
		gen.ESS = ess(cur)
		res.Generations = append(res.Generations, gen)
		if s.Finished != nil {
			s.Finished(gen)
		}
		prev = cur
		next := nextTolerance(cur, s.Quantile)
		switch {
		case tolerance <= s.Tolerance:
			res.Stop = fmt.Sprintf("tolerance %.4g reached the target %g", tolerance, s.Tolerance)
		case g+1 >= s.MaxGenerations:
			res.Stop = fmt.Sprintf("reached %d generations", s.MaxGenerations)
		case !(next < tolerance):
			res.Stop = fmt.Sprintf("tolerance stopped falling at %.4g", tolerance)
		}
		if res.Stop != "" {
			break
		}
		if s.Checkpoint != nil {
			if err := s.Checkpoint(State{Generations: res.Generations, Particles: prev}); err != nil {
				return nil, err
			}
		}
		tolerance = next
	}
	res.Particles = prev
	return res, nil
}

func (s Settings) check() error {
	switch {
	case s.Particles < 2:
		return fmt.Errorf("at least 2 particles are needed, got %d", s.Particles)
	case !(s.Quantile > 0 && s.Quantile < 1):
		return fmt.Errorf("the tolerance quantile must be between 0 and 1, got %g", s.Quantile)
	case !(s.MinAcceptance >= 0 && s.MinAcceptance < 1):
		return fmt.Errorf("the minimum acceptance rate must be in [0, 1), got %g", s.MinAcceptance)
	case s.MaxGenerations < 1:
		return fmt.Errorf("at least 1 generation is needed, got %d", s.MaxGenerations)
	}
	return nil
}

// maxAttempts bounds the proposals of one generation: beyond it the
// acceptance rate is below the floor.
func (s Settings) maxAttempts() int {
	if s.MinAcceptance <= 0 {
		return math.MaxInt32
	}
	return int(math.Ceil(float64(s.Particles) / s.MinAcceptance))
}

// generation simulates proposals in index order, in batches on s.Workers
// goroutines, until s.Particles are within tolerance or maxAttempts are
// spent. Only proposals up to the last one kept count, so the counts do not
// depend on the batch size.
func (s Settings) generation(ctx context.Context, g int, tolerance float64, maxAttempts int,
	propose func(context.Context, int) (proposal, error)) ([]proposal, Generation, error) {
	batch := max(1, 4*s.Workers)
	if g == 0 {
		batch = max(batch, 64) // everything is accepted: no waste
	}
	var accepted []proposal
	gen := Generation{Index: g}
	for gen.Simulations < maxAttempts && len(accepted) < s.Particles {
		n := min(batch, maxAttempts-gen.Simulations)
		out := make([]proposal, n)
		first := gen.Simulations
		err := experiment.ForEach(ctx, n, s.Workers, nil, func(ctx context.Context, i int) error {
			var err error
			out[i], err = propose(ctx, first+i)
			return err
		})
		if err != nil {
			return nil, gen, err
		}
		for _, p := range out {
			gen.Simulations++
			if p.distance <= tolerance || math.IsInf(tolerance, 1) {
				accepted = append(accepted, p)
				if s.Progress != nil {
					s.Progress(g, len(accepted), s.Particles)
				}
				if len(accepted) == s.Particles {
					break
				}
			}
		}
	}
	gen.AcceptanceRate = float64(len(accepted)) / float64(gen.Simulations)
	gen.Complete = len(accepted) == s.Particles
	return accepted, gen, nil
}

func priorDensity(priors []Prior, p []float64) float64 {
	d := 1.0
	for j, pr := range priors {
		d *= pr.Density(p[j])
	}
	return d
}

func normalise(ps []Particle) {
	var sum float64
	for _, p := range ps {
		sum += p.Weight
	}
	for i := range ps {
		ps[i].Weight /= sum
	}
}

func ess(ps []Particle) float64 {
	var sq float64
	for _, p := range ps {
		sq += p.Weight * p.Weight
	}
	return 1 / sq
}

// nextTolerance is the q-quantile of the population's distances.
func nextTolerance(ps []Particle, q float64) float64 {
	d := make([]float64, len(ps))
	for i, p := range ps {
		d[i] = p.Distance
	}
	slices.Sort(d)
	return stat.Quantile(q, stat.Empirical, d, nil)
}

// kernel is the perturbation of a generation: a Gaussian centred on a
// previous particle with twice their weighted covariance (Beaumont et al.
// 2009).
type kernel struct {
	prev []Particle
	cum  []float64   // cumulative weights, for picking a particle
	chol [][]float64 // lower Cholesky factor of the covariance
}

func newKernel(prev []Particle, priors []Prior) (*kernel, error) {
	d := len(priors)
	w := make([]float64, len(prev))
	x := mat.NewDense(len(prev), d, nil)
	for i, p := range prev {
		// Weights summing to the count: gonum divides by their sum - 1.
		w[i] = p.Weight * float64(len(prev))
		x.SetRow(i, p.Params)
	}
	var cov mat.SymDense
	stat.CovarianceMatrix(&cov, x, w)
	cov.ScaleSym(2, &cov)
	// A parameter the population no longer varies would make the
	// covariance singular: keep a sliver of its prior's spread.
	var chol mat.Cholesky
	for jitter := 1e-12; ; jitter *= 100 {
		for j, pr := range priors {
			span := pr.Max - pr.Min
			cov.SetSym(j, j, cov.At(j, j)+jitter*span*span)
		}
		if chol.Factorize(&cov) {
			break
		}
		if jitter > 1 {
			return nil, errors.New("the population's covariance cannot be factorised")
		}
	}
	var l mat.TriDense
	chol.LTo(&l)
	k := &kernel{prev: prev, cum: make([]float64, len(prev)), chol: make([][]float64, d)}
	for j := range d {
		k.chol[j] = make([]float64, j+1)
		for c := 0; c <= j; c++ {
			k.chol[j][c] = l.At(j, c)
		}
	}
	sum := 0.0
	for i, p := range prev {
		sum += p.Weight
		k.cum[i] = sum
	}
	return k, nil
}

// maxRedraws bounds the perturbations tried for one proposal.
const maxRedraws = 100_000

// inside proposes until a proposal has prior density (Beaumont et al.
// redraw those outside the prior's support), or returns nil after
// maxRedraws tries. Integer parameters are rounded.
func (k *kernel) inside(rng *rand.Rand, priors []Prior) []float64 {
	for range maxRedraws {
		p := k.propose(rng)
		for j, pr := range priors {
			if pr.Integer {
				p[j] = math.Round(p[j])
			}
		}
		if priorDensity(priors, p) > 0 {
			return p
		}
	}
	return nil
}

// propose picks a particle by weight and perturbs it.
func (k *kernel) propose(rng *rand.Rand) []float64 {
	u := rng.Float64() * k.cum[len(k.cum)-1]
	i := min(len(k.prev)-1, sortSearch(k.cum, u))
	z := make([]float64, len(k.chol))
	for j := range z {
		z[j] = rng.NormFloat64()
	}
	x := slices.Clone(k.prev[i].Params)
	for j, row := range k.chol {
		for c, l := range row {
			x[j] += l * z[c]
		}
	}
	return x
}

// sortSearch returns the first index whose cumulative weight exceeds u.
func sortSearch(cum []float64, u float64) int {
	i, _ := slices.BinarySearchFunc(cum, u, func(c, u float64) int {
		if c <= u {
			return -1
		}
		return 1
	})
	return i
}

// mixture is sum over previous particles of weight × kernel density at x,
// up to the kernel's constant factor (the same for every x).
func (k *kernel) mixture(x []float64) float64 {
	d := len(x)
	y := make([]float64, d)
	var sum float64
	for _, p := range k.prev {
		// Solve L y = x - p by forward substitution: the exponent is |y|².
		var q float64
		for j := range d {
			v := x[j] - p.Params[j]
			for c := 0; c < j; c++ {
				v -= k.chol[j][c] * y[c]
			}
			y[j] = v / k.chol[j][j]
			q += y[j] * y[j]
		}
		sum += p.Weight * math.Exp(-q/2)
	}
	return sum
}

// Predict simulates n draws from the population, resampled by weight
// (systematic resampling), and returns their moments. Draw i uses stream
// (seed, predictKey, i), apart from every generation's.
func Predict(ctx context.Context, ps []Particle, n int, seed uint64, workers int, simulate Simulator) ([][]float64, error) {
	const predictKey = 1 << 40
	u := stream(seed, predictKey).Float64()
	draws := make([][]float64, n)
	var cum float64
	i := 0
	for k := range n {
		at := (u + float64(k)) / float64(n)
		for i < len(ps)-1 && cum+ps[i].Weight < at {
			cum += ps[i].Weight
			i++
		}
		draws[k] = ps[i].Params
	}
	out := make([][]float64, n)
	err := experiment.ForEach(ctx, n, workers, nil, func(ctx context.Context, k int) error {
		var err error
		out[k], err = simulate(ctx, draws[k], stream(seed, predictKey, uint64(k)))
		return err
	})
	return out, err
}
