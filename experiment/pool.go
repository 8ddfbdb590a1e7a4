package experiment

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// forEachReplication calls run(r) for r in [0, n) on at most `concurrent`
// goroutines, reports progress after each success (calls serialised), and
// stops at the first error or when ctx is cancelled. It returns that error,
// or ctx's.
func forEachReplication(ctx context.Context, n, concurrent int, progress func(done, total int), run func(ctx context.Context, r int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrent)
	var (
		mu   sync.Mutex
		done int
	)
	for r := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := run(gctx, r); err != nil {
				return err
			}
			if progress != nil {
				mu.Lock()
				done++
				progress(done, n)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// ForEach calls run(i) for i in [0, n) on up to workers goroutines, with
// the same progress reports and the same stop at the first error or at
// ctx's cancellation as the replications of Run. Callers that must not
// depend on the number of workers keep each run's result by its index.
func ForEach(ctx context.Context, n, workers int, progress func(done, total int), run func(ctx context.Context, i int) error) error {
	return forEachReplication(ctx, n, max(1, min(workers, n)), progress, run)
}
