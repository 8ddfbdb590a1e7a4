package sim

import (
	"sync"
	"sync/atomic"
)

// pool runs a function over shard indices on a fixed set of goroutines.
// With one worker it runs inline: the easiest way to see that concurrency
// changes nothing. Shards are handed out through an atomic counter, so which
// goroutine runs which shard varies, but each shard's work depends only on
// the shard, never on the goroutine.
type pool struct {
	workers int
	wake    []chan struct{}
	wg      sync.WaitGroup
	next    atomic.Int64
	n       int64
	fn      func(shard int)
}

func newPool(workers int) *pool {
	p := &pool{workers: max(workers, 1)}
	if p.workers > 1 {
		p.wake = make([]chan struct{}, p.workers)
		for i := range p.wake {
			p.wake[i] = make(chan struct{})
			go p.loop(p.wake[i])
		}
	}
	return p
}

func (p *pool) loop(wake chan struct{}) {
	for range wake {
		for {
			s := p.next.Add(1) - 1
			if s >= p.n {
				break
			}
			p.fn(int(s))
		}
		p.wg.Done()
	}
}

// run calls fn(s) for every s in [0, n) and returns when all are done.
func (p *pool) run(n int, fn func(shard int)) {
	if p.workers == 1 || n == 1 {
		for s := range n {
			fn(s)
		}
		return
	}
	p.fn, p.n = fn, int64(n)
	p.next.Store(0)
	p.wg.Add(len(p.wake))
	for _, w := range p.wake {
		w <- struct{}{}
	}
	p.wg.Wait()
	p.fn = nil
}

// close stops the goroutines. The pool must not be used afterwards.
func (p *pool) close() {
	for _, w := range p.wake {
		close(w)
	}
	p.wake = nil
}
