package sim

import "iter"

// shard is a fixed range of residents with its own random stream, scratch
// buffers and partial sums. Only the goroutine running the shard touches it.
type shard struct {
	index        int
	lo, hi       int
	rng          *stream
	urgent       []request // vulnerable residents' care requests, served first
	requests     []request // the others
	wishes       []wish
	participants []int32
	met          []bool  // scratch of thresholdMet: one grid's residents who meet their threshold
	gridLo       int32   // the shard's first grid
	gridIssues   []int32 // per grid from gridLo: issues raised, organization members and people at the meeting
	mutual       int     // needs resolved by mutual help
	mutualHours  float64 // the hours those needs take (efficiency)
	lapsed       int     // needs given up this week
	askedSW      int     // residents who turned to a social worker
	sums         sums
	net          netSums         // the network's counts (network.go)
	neighbours   []int32         // scratch of networkTies: one resident's strong neighbours
	groups       []packedSums    // per group but the grids', when the record measures groups
	gridGroups   []packedSums    // per grid from gridLo, when the record measures groups
	groupCells   []cellGroups    // each cell's groups, by its number within the shard
	_            [cacheLine]byte // see stream
}

// shardSizeFor returns the number of residents per shard of a community of
// n. It depends on n alone, never on the worker count, so that random
// streams and partial sums, and therefore results, do not depend on how
// many goroutines run. Large communities get shards of 1,024, which keep
// per-shard costs negligible; smaller ones get smaller shards, at least 16
// of them down to shards of 128, so that two or more workers share a week's
// work evenly: with few shards, one worker can be left with one more
// than the other, and idle (docs/performance.md).
func shardSizeFor(n int) int {
	size := 1024
	for size > 128 && n < 16*size {
		size /= 2
	}
	// Beyond 67 million residents shards grow, to stay within maxShards.
	return max(size, (n+maxShards-1)/maxShards)
}

// newShards splits residents [0, n) into shards of size residents.
func (e *Engine) newShards(n, size int) []shard {
	shards := make([]shard, (n+size-1)/size)
	for s := range shards {
		lo, hi := s*size, min(n, (s+1)*size)
		// Grids are contiguous id ranges: a shard meets only a few.
		gridLo := e.gridOf(lo)
		// Buffers at their largest from the start, so weeks never
		// allocate: a request per resident and need type at most (one
		// urgent), one wish and one decision to take part per resident.
		shards[s] = shard{index: s, lo: lo, hi: hi, rng: newStream(), gridLo: gridLo,
			gridIssues:   make([]int32, 3*(e.gridOf(hi-1)-gridLo+1)),
			urgent:       make([]request, 0, hi-lo),
			requests:     make([]request, 0, NumNeeds*(hi-lo)),
			wishes:       make([]wish, 0, hi-lo),
			participants: make([]int32, 0, hi-lo)}
	}
	return shards
}

// forShards runs fn over every shard, reseeding each shard's stream for the
// phase first.
func (e *Engine) forShards(phase uint64, fn func(shard, worker int)) {
	for s := range e.shards {
		e.reseed(&e.shards[s], phase)
	}
	e.pool.run(len(e.shards), fn)
}

// reseed sets sh's stream to this week's stream of the given phase.
func (e *Engine) reseed(sh *shard, phase uint64) {
	sh.rng.reset(e.seed, uint64(e.week), phase, uint64(sh.index))
}

// sequential reseeds and returns the stream of a phase's sequential part.
func (e *Engine) sequential(phase uint64) *stream {
	e.seq.reset(e.seed, uint64(e.week), phase+streamSequential, 0)
	return e.seq
}

// gridSpans yields each grid a shard meets with the shard's residents in
// it, [lo, hi): loops over residents that depend on the grid look it up
// once per grid rather than per resident.
func (e *Engine) gridSpans(sh *shard) iter.Seq2[int32, span] {
	return func(yield func(int32, span) bool) {
		for g := sh.gridLo; ; g++ {
			sp := span{max(sh.lo, int(e.geo.gridStart[g])), min(sh.hi, int(e.geo.gridStart[g+1]))}
			if !yield(g, sp) || sp.hi >= sh.hi {
				return
			}
		}
	}
}

// span is a range of resident ids, [lo, hi).
type span struct{ lo, hi int }
