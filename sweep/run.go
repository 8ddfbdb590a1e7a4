package sweep

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/sim"
)

// ErrInterrupted is wrapped by the error Run returns when its context is
// cancelled; every run finished before that is saved.
var ErrInterrupted = errors.New("sweep interrupted")

// Summary is what one session of a sweep did.
type Summary struct {
	Computed      int           // runs computed in this session
	Wall          time.Duration // time of this session
	ResidentWeeks float64       // simulated in this session
	Warnings      []string      // problems that did not stop the sweep
}

// saved is a finished run on its way to the journal.
type saved struct {
	line          []byte
	residentWeeks float64
}

// Run computes the runs the journal lacks on a pool of Options.Workers
// goroutines, saving each as it finishes, then writes the outputs. Memory
// is bounded by the number of workers, not of runs: a worker holds one
// simulation and at most one finished run waits for the journal per
// worker. If ctx is cancelled, the finished runs are saved and the error
// wraps ErrInterrupted.
func (s *Sweep) Run(ctx context.Context) (Summary, error) {
	start := time.Now()
	var sum Summary
	if s.finished {
		return sum, nil
	}
	todo := len(s.done) - s.nDone
	concurrent, inner := experiment.Split(s.opts.Workers, todo)
	inner = max(1, inner)

	// The workers run in an errgroup: the first error cancels the others.
	// The writer is outside it, since it must drain until every worker is
	// done; it stops the workers through stop.
	writeCtx, stop := context.WithCancel(ctx)
	defer stop()
	g, runCtx := errgroup.WithContext(writeCtx)
	jobs := make(chan int)
	out := make(chan saved, concurrent)
	for range concurrent {
		g.Go(func() error {
			// Runs come in order, so a worker's runs mostly share a
			// point: keep its configuration.
			cached := -1
			var cfg *sim.Config
			for i := range jobs {
				point, rep := s.plan.run(i)
				if r := s.plan.Spec.Runner; r != nil {
					values, rw, err := r.Run(runCtx, s.plan.Overrides(point), s.plan.Seed, rep, inner)
					if err != nil {
						if runCtx.Err() == nil {
							return fmt.Errorf("point %d replication %d: %w", point, rep, err)
						}
						continue
					}
					row := runnerRow(point, rep, sim.ReplicationSeed(s.plan.Seed, rep), values)
					line, err := encodeLine(journalRecord{Run: i, Row: row})
					if err != nil {
						return err
					}
					out <- saved{line: line, residentWeeks: rw}
					continue
				}
				if point != cached {
					c, err := s.plan.Config(point)
					if err != nil {
						return err
					}
					cached, cfg = point, c
				}
				res, err := experiment.ReplicateGroups(runCtx, cfg, s.plan.Seed, rep, inner, s.plan.Spec.Groups)
				if err != nil {
					if runCtx.Err() == nil {
						return fmt.Errorf("point %d replication %d: %w", point, rep, err)
					}
					continue
				}
				rec := journalRecord{Run: i, Residents: res.Residents, Weeks: res.Weeks(), Row: runRow(point, rep, res)}
				if s.plan.Spec.Timeseries {
					rec.Timeseries = timeseriesRows(point, res)
				}
				if s.plan.Spec.Groups {
					rec.Groups = groupsRows(point, res)
				}
				line, err := encodeLine(rec)
				if err != nil {
					return err
				}
				// Always hand a finished run over, even when stopping:
				// the writer drains until every worker is done.
				out <- saved{line: line, residentWeeks: float64(res.Residents) * float64(res.Weeks())}
			}
			return nil
		})
	}
	var writeErr error
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		writeErr = s.write(out, todo, &sum, stop)
	}()

feed:
	for k, done := range s.done {
		if done {
			continue
		}
		select {
		case jobs <- s.opts.Shard.nth(k):
		case <-runCtx.Done():
			break feed
		}
	}
	close(jobs)
	err := g.Wait()
	close(out)
	<-writerDone
	sum.Wall = time.Since(start)

	if err == nil {
		err = writeErr
	}
	if err != nil {
		return sum, err
	}
	if ctx.Err() != nil {
		return sum, fmt.Errorf("%w: %d of %d runs saved in %s; run the same command with --resume to finish",
			ErrInterrupted, s.nDone, len(s.done), s.opts.Dir)
	}
	if err := s.finalize(&sum); err != nil {
		return sum, err
	}
	sum.Wall = time.Since(start)
	return sum, s.writeTiming(sum)
}

// write appends finished runs to the journal, several at a time when they
// queue up, with one sync per batch.
// On the journal's first error it calls stop, drains out and returns the
// error.
func (s *Sweep) write(out <-chan saved, todo int, sum *Summary, stop func()) error {
	var batch []saved
	var lines [][]byte
	var broken error
	for first := range out {
		batch = append(batch[:0], first)
	more:
		for len(batch) < cap(out)+1 {
			select {
			case r, ok := <-out:
				if !ok {
					break more
				}
				batch = append(batch, r)
			default:
				break more
			}
		}
		if broken != nil {
			continue // keep draining so that workers can finish
		}
		lines = lines[:0]
		for _, r := range batch {
			lines = append(lines, r.line)
		}
		if err := s.jr.append(lines); err != nil {
			broken = fmt.Errorf("saving runs: %w", err)
			stop()
			continue
		}
		for _, r := range batch {
			// s.done is being read by the feeder; the count alone
			// is the writer's, and finalize rereads the journal.
			s.nDone++
			sum.Computed++
			sum.ResidentWeeks += r.residentWeeks
			if s.opts.Progress != nil {
				s.opts.Progress(sum.Computed, todo)
			}
		}
	}
	return broken
}
