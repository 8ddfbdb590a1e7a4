package sim

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Randomness flows from one seed to named streams. A stream is identified by
// the replication seed and up to three keys (week, phase, shard); its PCG
// state is a hash of them, so no stream depends on which goroutine uses it
// or on the order in which shards run.

// Stream keys for the phases and for construction.
const (
	streamBuild = iota + 1
	streamNeeds
	streamServices
	streamActivities
	streamOrganizations
	streamDiscussion
	streamAttitudes
	streamCalendar
	streamSequential = 1 << 20 // added to a phase key for its sequential part
)

// mix is the SplitMix64 finaliser: a bijective, well-avalanching hash.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// streamSeed returns the two PCG words of stream (a, b, c) of seed.
func streamSeed(seed, a, b, c uint64) (uint64, uint64) {
	h := mix(seed ^ mix(a^mix(b^mix(c))))
	return h, mix(h ^ 0x6a09e667f3bcc909)
}

// ReplicationSeed derives replication rep's seed from a scenario seed.
// Replication r of every scenario run with the same seed gets the same
// value: that is what makes comparisons use common random numbers.
func ReplicationSeed(seed uint64, rep int) uint64 {
	return mix(mix(seed) ^ uint64(rep+1)*0xd1b54a32d192ed03)
}

// stream is a reseedable random source owned by one shard or one
// sequential step. Reseeding does not allocate.
type stream struct {
	pcg pcg
	*rand.Rand
	// Streams of different shards are drawn from at once by different
	// workers: keep each on cache lines of its own, or the cores would
	// take turns owning them (docs/performance.md).
	_ [cacheLine]byte
}

// cacheLine is the padding that keeps per-shard data apart (two 64-byte
// lines, for the adjacent-line prefetcher).
const cacheLine = 128

func newStream() *stream {
	s := &stream{}
	s.Rand = rand.New(&s.pcg)
	return s
}

func (s *stream) reset(seed, a, b, c uint64) {
	s.pcg.hi, s.pcg.lo = streamSeed(seed, a, b, c)
}

// pcg is the generator of math/rand/v2's PCG: a 128-bit linear
// congruential state with the DXSM output permutation (O'Neill's PCG; the
// multiplier and increment of pcg-cpp). The same seeds give the same
// numbers; it is written out so that the draws built on it inline, which
// rand.PCG's step did not within the budget.
type pcg struct{ hi, lo uint64 }

// Uint64 advances the state and returns the next 64 bits.
func (p *pcg) Uint64() uint64 {
	const mulHi, mulLo = 2549297995355413924, 4865540595714422341
	const incHi, incLo = 6364136223846793005, 1442695040888963407
	hi, lo := bits.Mul64(p.lo, mulLo)
	hi += p.hi*mulLo + p.lo*mulHi
	lo, carry := bits.Add64(lo, incLo, 0)
	hi += incHi + carry
	p.hi, p.lo = hi, lo
	// DXSM: two xorshifts and two multiplies of the high half.
	hi ^= hi >> 32
	hi *= 0xda942042e4dd58b5
	hi ^= hi >> 48
	return hi * (lo | 1)
}

// The hot draws call the PCG directly rather than through rand.Rand's
// Source interface, so that they inline; the rarer ones (normal draws,
// shuffles) go through the embedded rand.Rand on the same state.

// Float64 returns a uniform draw in [0, 1) with 53 random bits.
func (s *stream) Float64() float64 {
	return float64(s.pcg.Uint64()>>11) * 0x1p-53
}

// IntN returns a uniform draw in [0, n) for n > 0, without modulo bias
// (Lemire's multiply-and-reject).
func (s *stream) IntN(n int) int {
	bound := uint64(n)
	hi, lo := bits.Mul64(s.pcg.Uint64(), bound)
	if lo < bound {
		threshold := -bound % bound
		for lo < threshold {
			hi, lo = bits.Mul64(s.pcg.Uint64(), bound)
		}
	}
	return int(hi)
}

// bernoulli reports true with probability p.
func (s *stream) bernoulli(p float64) bool {
	return s.Float64() < p
}

// chance is a probability p as the bound that a Float64 draw's 53 bits
// fall below when the draw does: Float64 is k·2⁻⁵³ for an integer k < 2⁵³,
// and k·2⁻⁵³ < p exactly when k < ⌈p·2⁵³⌉ (scaling by 2⁵³ is exact).
type chance uint64

func chanceOf(p float64) chance {
	if !(p > 0) { // as Float64() < p never holds for p ≤ 0 or NaN
		return 0
	}
	return chance(math.Ceil(min(p, 1) * 0x1p53))
}

// successes returns how many of n independent trials succeed, each with
// chance c: a Binomial(n, p) draw, exact to the 53 bits Float64 < p works
// with. Trials go 64 at a time, one per bit of a word (bit slicing): each
// has a 53-bit uniform, compared with c from the top bit down, and the
// words drawn are those uniforms' bits, one bit position at a time. A
// trial is decided at the first bit where its uniform and c differ, and
// half of the undecided are decided at each bit, so 64 trials take about
// eight draws instead of 64.
func (s *stream) successes(c chance, n int) int {
	if c > 1<<53-1 { // p = 1: every draw is below
		return n
	}
	var k int
	for ; n > 0; n -= 64 {
		undecided := ^uint64(0)
		if n < 64 {
			undecided = 1<<n - 1
		}
		var hit uint64
		for bit := 52; bit >= 0 && undecided != 0; bit-- {
			u := s.pcg.Uint64()
			if c>>bit&1 != 0 {
				hit |= undecided &^ u // uniform's bit 0 under c's 1: below c
				undecided &= u
			} else {
				undecided &^= u // uniform's bit 1 over c's 0: above c
			}
		}
		k += bits.OnesCount64(hit) // still undecided: equal to c, not below
	}
	return k
}

// shuffle puts s in a uniformly random order (Fisher–Yates).
func shuffle[T any](rng *stream, s []T) {
	for k := len(s) - 1; k > 0; k-- {
		j := rng.IntN(k + 1)
		s[k], s[j] = s[j], s[k]
	}
}
