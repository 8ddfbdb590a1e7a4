package sim

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// pool runs a function over shard indices on the calling goroutine and a
// fixed set of helper goroutines. With one worker it runs inline: the
// easiest way to see that concurrency changes nothing. Which goroutine runs
// which shard varies, but each shard's work depends only on the shard,
// never on the goroutine.
//
// A week runs about ten parallel steps; in a small community each is over
// in tens of microseconds, less than it takes the operating system to wake
// a sleeping thread. So the caller works too instead of waiting, it never
// waits for a helper that has nothing to do, and helpers spin (yielding
// their processor every spinChecks checks) for a while before they sleep:
// within a run they are always awake, between runs they cost nothing.
//
// The caller takes shards from the front, helpers alternately from the
// back and the front, until they meet. With two workers each keeps to its
// end of the community from step to step, so the residents it touches stay
// in its own core's cache rather than moving between cores every step.
type pool struct {
	helpers int
	// ticket is the run's generation (bits 32-63), the next shard from
	// the front (16-31) and one past the next from the back (0-15).
	// Taking a shard is a compare-and-swap of the whole word, so a helper
	// late from an earlier run can never take a shard of the current one.
	ticket atomic.Uint64
	done   atomic.Int64 // shards of the current run finished
	fn     func(shard, worker int)

	mu       sync.Mutex
	wake     *sync.Cond
	sleepers int
	closed   bool
}

// maxShards is the most shards a run can have (16 bits of the ticket).
const maxShards = 1<<16 - 1

// spinFor is how long an idle helper keeps yielding its processor before
// it goes to sleep: longer than the sequential steps between two parallel
// ones (tens of microseconds), so that within a run helpers do not sleep,
// only at its end (docs/performance.md counts the sleeps).
const spinFor = 500 * time.Microsecond

// spinChecks is how many times a spinning worker checks before it yields
// its processor. Yielding takes the scheduler's lock, a few hundred
// nanoseconds; yielding at every check made a default replication 1-2%
// slower (docs/performance.md). A few checks are far less than a time
// slice, so a worker without a processor of its own still gets one soon.
const spinChecks = 16

// newPool starts a pool of the given number of workers, the caller
// included, but no more than GOMAXPROCS: a spinning helper without a
// processor of its own would only take turns with the caller.
func newPool(workers int) *pool {
	p := &pool{helpers: max(min(workers, runtime.GOMAXPROCS(0)), 1) - 1}
	p.wake = sync.NewCond(&p.mu)
	for h := range p.helpers {
		go p.help(h+1, h%2 == 0)
	}
	return p
}

// workers is the number of workers, the caller included: fn's worker
// index is below it.
func (p *pool) workers() int { return p.helpers + 1 }

func (p *pool) help(worker int, fromBack bool) {
	var seen uint64 // generation last worked on
	for {
		gen, ok := p.await(seen)
		if !ok {
			return
		}
		seen = gen
		p.work(gen, worker, fromBack)
	}
}

// await returns the generation of a run newer than seen, spinning and then
// sleeping until there is one; false once the pool is closed.
func (p *pool) await(seen uint64) (uint64, bool) {
	start := time.Now()
	for k := 0; k&63 != 0 || time.Since(start) < spinFor; k++ {
		if gen := p.ticket.Load() >> 32; gen != seen {
			return gen, true
		}
		if k%spinChecks == spinChecks-1 {
			runtime.Gosched()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sleepers++
	for p.ticket.Load()>>32 == seen && !p.closed {
		p.wake.Wait()
	}
	p.sleepers--
	return p.ticket.Load() >> 32, !p.closed
}

// work runs shards of generation gen as the given worker, from the front
// or from the back, until none is left.
func (p *pool) work(gen uint64, worker int, fromBack bool) {
	for {
		t := p.ticket.Load()
		front, back := int(t>>16&0xffff), int(t&0xffff)
		if t>>32 != gen || front >= back {
			return
		}
		s, next := front, t+1<<16
		if fromBack {
			s, next = back-1, t-1
		}
		if !p.ticket.CompareAndSwap(t, next) {
			continue
		}
		p.fn(s, worker)
		p.done.Add(1)
	}
}

// run calls fn(s, w) for every s in [0, n), n ≤ maxShards, and returns
// when all are done. w is the index of the worker that runs s: the caller
// is 0, the helpers 1 to helpers. A shard's work must not depend on w;
// what w is for is scratch space of the worker's own, which stays in its
// core's cache from shard to shard.
func (p *pool) run(n int, fn func(shard, worker int)) {
	if p.helpers == 0 || n == 1 {
		for s := range n {
			fn(s, 0)
		}
		return
	}
	p.fn = fn
	p.done.Store(0)
	gen := p.ticket.Load()>>32 + 1
	p.ticket.Store(gen<<32 | uint64(n)) // publishes fn to helpers
	p.mu.Lock()
	if p.sleepers > 0 {
		p.wake.Broadcast()
	}
	p.mu.Unlock()
	p.work(gen, 0, false)
	for k := 0; p.done.Load() < int64(n); k++ {
		if k%spinChecks == spinChecks-1 {
			runtime.Gosched()
		}
	}
	p.fn = nil
}

// close stops the helpers. The pool must not be used afterwards.
func (p *pool) close() {
	p.mu.Lock()
	p.closed = true
	p.wake.Broadcast()
	p.mu.Unlock()
}
