package sensitivity

import "sort"

// Ranks returns the rank of every value of xs, from 1, giving tied values
// the mean of the ranks they span.
func Ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	ranks := make([]float64, len(xs))
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && xs[idx[end]] == xs[idx[start]] {
			end++
		}
		// Positions start..end-1 hold ranks start+1..end; their mean:
		r := float64(start+1+end) / 2
		for _, i := range idx[start:end] {
			ranks[i] = r
		}
		start = end
	}
	return ranks
}
