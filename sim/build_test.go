package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSmallestIsSortsPrefix checks the quickselect against a sort: the k
// smallest keys, by key then id, are the same set for every k, on keys
// with many ties, signed zeros and infinities, and on sorted and reversed
// input.
func TestSmallestIsSortsPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		n := 1 + rng.IntN(200)
		keys := make([]keyed, n)
		for i := range keys {
			var key float64
			switch rng.IntN(6) {
			case 0:
				key = math.Inf(1)
			case 1:
				key = math.Copysign(0, -1)
			case 2:
				key = 0
			case 3:
				key = float64(rng.IntN(3)) // ties
			default:
				key = rng.ExpFloat64()
			}
			keys[i] = keyed{key, int32(i)}
		}
		switch trial % 3 {
		case 1:
			slices.SortFunc(keys, cmpKeyed)
		case 2:
			slices.SortFunc(keys, func(a, b keyed) int { return cmpKeyed(b, a) })
		}
		sorted := slices.Clone(keys)
		slices.SortFunc(sorted, cmpKeyed)
		for k := range n + 1 {
			got := slices.Clone(keys)
			smallest(got, k)
			ids := func(ks []keyed) []int32 {
				out := make([]int32, len(ks))
				for i, x := range ks {
					out[i] = x.id
				}
				slices.Sort(out)
				return out
			}
			if !slices.Equal(ids(got[:k]), ids(sorted[:k])) {
				t.Fatalf("trial %d, %d keys, k = %d: chose %v, a sort %v", trial, n, k, ids(got[:k]), ids(sorted[:k]))
			}
		}
	}
}

// cmpKeyed is the order chooseVulnerable's sort used: key, then id.
func cmpKeyed(a, b keyed) int {
	if a.key != b.key {
		if a.key < b.key {
			return -1
		}
		return 1
	}
	return int(a.id - b.id)
}
