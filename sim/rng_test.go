package sim

import (
	"math"
	"math/rand/v2"
	"testing"
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
	if a.Uint32() != b.Uint32() {
		t.Fatal("same keys, different draws")
	}
	b.reset(7, 1, 2, 4)
	same := 0
	for range 100 {
		if a.Uint32() == b.Uint32() {
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
