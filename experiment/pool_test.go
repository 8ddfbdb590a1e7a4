package experiment

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// The pool stops at the first error and returns it; progress counts
// successes only, and a cancelled context stops it too.
func TestForEachReplicationStopsFirst(t *testing.T) {
	boom := errors.New("boom")
	for _, concurrent := range []int{1, 2, 8} {
		var calls, reported atomic.Int64
		err := forEachReplication(context.Background(), 1000, concurrent,
			func(done, total int) { reported.Store(int64(done)) },
			func(ctx context.Context, r int) error {
				calls.Add(1)
				if r == 3 {
					return boom
				}
				return nil
			})
		if !errors.Is(err, boom) {
			t.Errorf("concurrent %d: error %v, want boom", concurrent, err)
		}
		if n := calls.Load(); n >= 1000 {
			t.Errorf("concurrent %d: %d calls after the error at 3", concurrent, n)
		}
		if reported.Load() >= calls.Load() {
			t.Errorf("concurrent %d: %d reported for %d calls, one failed", concurrent, reported.Load(), calls.Load())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := forEachReplication(ctx, 10, 2, nil, func(context.Context, int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
