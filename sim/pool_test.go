package sim

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestPoolRunsEveryShardOnce runs many short steps of varying size, as a
// week does, on 1 to 5 workers, and checks that every shard ran exactly
// once in each. Between some steps the caller pauses past the helpers' spin,
// so that they sleep and must be woken.
func TestPoolRunsEveryShardOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(5)) // pools are capped at GOMAXPROCS
	for _, workers := range []int{1, 2, 3, 5} {
		p := newPool(workers)
		counts := make([]atomic.Int32, 300)
		var spin atomic.Int64
		steps := 1500
		if testing.Short() {
			steps = 300
		}
		for step := range steps {
			n := 1 + step*37%len(counts)
			p.run(n, func(s, _ int) {
				counts[s].Add(1)
				for k := range s % 7 * 20 { // shards of uneven cost
					spin.Add(int64(k))
				}
			})
			for s := range counts {
				want := int32(0)
				if s < n {
					want = 1
				}
				if got := counts[s].Swap(0); got != want {
					p.close()
					t.Fatalf("%d workers, step %d of %d shards: shard %d ran %d times", workers, step, n, s, got)
				}
			}
			if step%100 == 99 {
				time.Sleep(2 * spinFor)
			}
		}
		p.close()
	}
}

// TestShardSizeWithinPool checks that no community needs more shards than
// a run can hand out.
func TestShardSizeWithinPool(t *testing.T) {
	for _, n := range []int{1, 100, 2786, 16_383, 16_384, 1_000_000, maxShards * 1024, maxShards*1024 + 1, 1 << 34} {
		size := shardSizeFor(n)
		if shards := (n + size - 1) / size; shards > maxShards || size < 128 {
			t.Errorf("%d residents: shards of %d, %d of them", n, size, shards)
		}
	}
}
