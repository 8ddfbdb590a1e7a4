package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The stream's own draws are uniform: chi-square over 10 cells for IntN and
// Float64, with 100,000 draws (the 0.999 quantile of chi-square with 9
// degrees of freedom is 27.88).
func TestStreamUniform(t *testing.T) {
	s := newStream()
	s.reset(1, 2, 3, 4)
	const n, cells = 100_000, 10
	var ints, floats [cells]float64
	for range n {
		ints[s.IntN(cells)]++
		f := s.Float64()
		if f < 0 || f >= 1 {
			t.Fatalf("Float64 = %v", f)
		}
		floats[int(f*cells)]++
	}
	for name, counts := range map[string][cells]float64{"IntN": ints, "Float64": floats} {
		var chi float64
		for _, c := range counts {
			chi += (c - n/cells) * (c - n/cells) / (n / cells)
		}
		if chi > 27.88 {
			t.Errorf("%s: chi-square %.1f over 10 cells", name, chi)
		}
	}
	for _, bound := range []int{1, 3, 1 << 40} {
		for range 1000 {
			if v := s.IntN(bound); v < 0 || v >= bound {
				t.Fatalf("IntN(%d) = %d", bound, v)
			}
		}
	}
	if math.IsNaN(s.NormFloat64()) {
		t.Fatal("normal draw is NaN")
	}
}

// Streams with different keys differ; the same keys repeat.
func TestStreamKeys(t *testing.T) {
	a, b := newStream(), newStream()
	a.reset(7, 1, 2, 3)
	b.reset(7, 1, 2, 3)
	if a.pcg.Uint64() != b.pcg.Uint64() {
		t.Fatal("same keys, different draws")
	}
	b.reset(7, 1, 2, 4)
	same := 0
	for range 100 {
		if a.pcg.Uint64() == b.pcg.Uint64() {
			same++
		}
	}
	if same > 2 {
		t.Fatalf("streams (…, 3) and (…, 4) agree on %d of 100 draws", same)
	}
}

// The stream's generator is math/rand/v2's PCG written out: the same seeds
// give the same numbers, so results do not depend on which one runs.
func TestPCGMatchesStandardLibrary(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, 2}, {^uint64(0), ^uint64(0)}, {0x9e3779b97f4a7c15, 42}} {
		want := rand.NewPCG(seed[0], seed[1])
		got := pcg{hi: seed[0], lo: seed[1]}
		for k := range 10_000 {
			if g, w := got.Uint64(), want.Uint64(); g != w {
				t.Fatalf("seed %v, draw %d: %#x, math/rand/v2 gives %#x", seed, k, g, w)
			}
		}
	}
}

// successes is Binomial(n, p): chi-square of 100,000 draws against the
// binomial distribution, for n below, at and above the 64 trials of a
// word and p from rare to sure, cells pooled so that each expects at least
// 5. The test fails at the 0.999 quantile (each case fails by chance once
// in a thousand seeds; the seed is fixed).
func TestSuccessesBinomial(t *testing.T) {
	s := newStream()
	s.reset(5, 6, 7, 8)
	const draws = 100_000
	for _, tc := range []struct {
		n int
		p float64
	}{{1, 0.3}, {10, 0.3}, {64, 0.3}, {100, 0.3}, {200, 0.05}, {64, 0.5}, {130, 0.9}, {500, 0.001}} {
		c := chanceOf(tc.p)
		counts := make([]float64, tc.n+1)
		for range draws {
			k := s.successes(c, tc.n)
			if k < 0 || k > tc.n {
				t.Fatalf("n=%d p=%v: %d successes", tc.n, tc.p, k)
			}
			counts[k]++
		}
		b := distuv.Binomial{N: float64(tc.n), P: tc.p}
		var chi, obs, exp float64
		cells := 0
		for k := range counts {
			obs += counts[k]
			exp += draws * b.Prob(float64(k))
			if exp >= 5 && draws*(1-b.CDF(float64(k))) >= 5 || k == tc.n {
				chi += (obs - exp) * (obs - exp) / exp
				obs, exp = 0, 0
				cells++
			}
		}
		if cells < 2 {
			t.Fatalf("n=%d p=%v: %d cells", tc.n, tc.p, cells)
		}
		if q := (distuv.ChiSquared{K: float64(cells - 1)}).Quantile(0.999); chi > q {
			t.Errorf("n=%d p=%v: chi-square %.1f over %d cells, above the 0.999 quantile %.1f", tc.n, tc.p, chi, cells, q)
		}
	}
}

// successes with chance 0 (or of a negative or NaN p, which Float64 < p
// never meets) never succeeds and with chance 1 always does,
// and the chance of p is the bound Float64() < p works with.
func TestSuccessesEdges(t *testing.T) {
	s := newStream()
	s.reset(1, 1, 1, 1)
	for _, n := range []int{0, 1, 63, 64, 65, 1000} {
		for _, p := range []float64{0, -1, math.NaN()} {
			if k := s.successes(chanceOf(p), n); k != 0 {
				t.Errorf("p=%v, n=%d: %d successes", p, n, k)
			}
		}
		if k := s.successes(chanceOf(1), n); k != n {
			t.Errorf("p=1, n=%d: %d successes", n, k)
		}
	}
	for _, p := range []float64{0.3, 0.5, 1e-9, 0.999999} {
		c := chanceOf(p)
		below, at := float64(c-1)*0x1p-53, float64(c)*0x1p-53
		if !(below < p) || at < p {
			t.Errorf("chanceOf(%v) = %d: %v should be below p and %v not", p, c, below, at)
		}
	}
}
