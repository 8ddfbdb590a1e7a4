package sim

import "math/bits"

// tieShare is the share of i's household members and ties who did what
// bit says last week; children are left out.
//
// When ties can change (the attitudes phase runs), it reads them where
// they live: the household's id range and i's tie slots. A neighbour's
// prevTook byte is turned by a table into 1 (grown) or 1<<32 + 1 (grown and
// did it), and the values are summed: the count of grown neighbours builds
// up in the low half, the count of those who did it in the high half; no
// branch depends on what a neighbour did (in the full programme that is as
// good as random, so a branch on it would be mispredicted often). When
// they cannot, it reads the fixed list of grown neighbours built once (see
// fixedNeighbours), which is the same count with less to read.
func (e *Engine) tieShare(i int, bit uint8) float64 {
	r := &e.r
	if e.fixed.start != nil {
		return e.fixed.share(i, r.prevTook, bit)
	}
	weight := &influence[bits.TrailingZeros8(bit)]
	var sum uint64
	lo, hi := e.households.members(int(r.household[i]))
	for _, p := range r.prevTook[lo:hi] {
		sum += weight[p]
	}
	sum -= weight[r.prevTook[i]] // i does not influence itself
	to, _ := r.ties(i)
	for _, j := range to {
		sum += weight[r.prevTook[j]]
	}
	n, did := uint32(sum), sum>>32
	if n == 0 {
		return 0
	}
	return float64(did) / float64(n)
}

// influence[b][p] is what a neighbour whose prevTook is p adds to tieShare
// for the did bit 1<<b.
var influence = func() (w [8][256]uint64) {
	for b := range w {
		for p := range w[b] {
			if grown(uint8(p)) {
				w[b][p] = 1
				if p>>b&1 != 0 {
					w[b][p] = 1<<32 + 1
				}
			}
		}
	}
	return w
}()

// neighbours lists each resident's grown household members and ties in
// compact adjacency: those of i are id[start[i]:start[i+1]]. need[i] is
// the least count of them who took part that meets i's threshold (see
// leastMeeting).
type neighbours struct {
	start, id []int32
	need      []uint32
}

// fixedNeighbours lists the grown neighbours of every resident, for runs
// in which nothing changes ties or ages after the community is built (the
// attitudes phase, which grows and fades ties, is off). Influence then
// reads one contiguous list per resident, as a threshold model on a fixed
// graph does, instead of the household's range and its tie list
// (docs/performance.md).
func (e *Engine) fixedNeighbours() neighbours {
	r := &e.r
	each := func(i int, visit func(j int)) {
		lo, hi := e.households.members(int(r.household[i]))
		for j := lo; j < hi; j++ {
			if j != i && grown(r.prevTook[j]) {
				visit(j)
			}
		}
		to, _ := r.ties(i)
		for _, j := range to {
			if grown(r.prevTook[j]) {
				visit(int(j))
			}
		}
	}
	nb := neighbours{start: make([]int32, r.n+1)}
	for i := range r.n {
		count := int32(0)
		each(i, func(int) { count++ })
		nb.start[i+1] = nb.start[i] + count
	}
	nb.id = make([]int32, 0, nb.start[r.n])
	nb.need = make([]uint32, r.n)
	for i := range r.n {
		each(i, func(j int) { nb.id = append(nb.id, int32(j)) })
		nb.need[i] = leastMeeting(r.threshold[i], int(nb.start[i+1]-nb.start[i]))
	}
	return nb
}

// leastMeeting is the least k for which k of n neighbours meet threshold
// t (meetsThreshold of k/n, a share of 0 without neighbours), or n+1 if
// none does. Comparing counts with it is the same decision without a
// division (neighbours.meets).
func leastMeeting(t float32, n int) uint32 {
	for k := range n + 1 {
		share := 0.0
		if n > 0 {
			share = float64(k) / float64(n)
		}
		if meetsThreshold(share, t) {
			return uint32(k)
		}
	}
	return uint32(n + 1)
}

// did is how many of i's neighbours have bit set in prev. Every neighbour
// listed is grown, and those who did it are counted by adding the bit
// itself: no table, no branch.
func (nb *neighbours) did(i int, prev []uint8, bit uint8) uint32 {
	var did uint32
	for _, j := range nb.id[nb.start[i]:nb.start[i+1]] {
		did += uint32(prev[j] & bit)
	}
	return did >> bits.TrailingZeros8(bit)
}

// meets is the threshold rule (meetsThreshold) for resident i on the
// fixed list, by counts: as many of its neighbours took part as need[i]
// (TestLeastMeetingIsTheThresholdRule).
func (nb *neighbours) meets(i int, prev []uint8) bool {
	return nb.did(i, prev, didAffairs) >= nb.need[i]
}

// metSpan sets met[k] to meets(lo+k, prev) for every grown resident of the
// span met covers, and to false for children, who do not take part.
func (nb *neighbours) metSpan(lo int, prev []uint8, met []bool) {
	for k := range met {
		i := lo + k
		met[k] = grown(prev[i]) && nb.meets(i, prev)
	}
}

// share is the share of i's neighbours whose prev byte has bit set; the
// count of neighbours is the list's length.
func (nb *neighbours) share(i int, prev []uint8, bit uint8) float64 {
	n := nb.start[i+1] - nb.start[i]
	if n == 0 {
		return 0
	}
	return float64(nb.did(i, prev, bit)) / float64(n)
}
