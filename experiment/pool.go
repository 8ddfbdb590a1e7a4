package experiment

import (
	"context"
	"sync"
)

// forEachReplication calls run(r) for r in [0, n) on `concurrent`
// goroutines, reports progress after each success (calls serialised), and
// stops at the first error or when ctx is cancelled. It returns that error,
// or ctx's.
func forEachReplication(ctx context.Context, n, concurrent int, progress func(done, total int), run func(ctx context.Context, r int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		done     int
	)
	for range concurrent {
		wg.Go(func() {
			for r := range jobs {
				err := run(ctx, r)
				mu.Lock()
				switch {
				case err != nil && firstErr == nil:
					firstErr = err
					cancel()
				case err == nil:
					done++
					if progress != nil {
						progress(done, n)
					}
				}
				mu.Unlock()
			}
		})
	}
feed:
	for r := range n {
		select {
		case jobs <- r:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
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
