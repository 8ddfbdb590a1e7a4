package workbench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Job states.
const (
	running   = "running"
	done      = "done"
	failed    = "failed"
	cancelled = "cancelled"
)

// Why a job was cancelled, as its page says.
var (
	errCancelled  = errors.New("cancelled from its page")
	errPageClosed = errors.New("its page was closed")
)

// job is one comparison running or run in the background.
type job struct {
	id        string
	scenarios []*scenario.Scenario // baseline first
	seed      uint64
	reps      int
	started   time.Time
	cancel    context.CancelCauseFunc

	mu       sync.Mutex
	state    string
	err      error
	finished time.Duration
	progress int                // replications done
	changed  chan struct{}      // closed and replaced at every change
	watchers int                // progress pages connected
	results  [][]*sim.Result    // [scenario][replication] once done
	figures  map[string]figures // by metric name, drawn on demand
}

// figures are one metric's drawings of a finished job.
type figures struct{ levels, diff string }

// snapshot is a job's state at one moment, for pages and events.
type snapshot struct {
	ID, State, Error string
	Done, Total      int
	Names            []string
	Seconds          float64
}

func (j *job) snapshot() snapshot {
	j.mu.Lock()
	defer j.mu.Unlock()
	sn := snapshot{ID: j.id, State: j.state, Done: j.progress, Total: j.reps, Seconds: j.finished.Seconds()}
	if j.state == running {
		sn.Seconds = time.Since(j.started).Seconds()
	}
	if j.err != nil {
		sn.Error = j.err.Error()
	}
	for _, s := range j.scenarios {
		sn.Names = append(sn.Names, s.Name)
	}
	return sn
}

// update changes the job under its lock and wakes whoever waits for news.
func (j *job) update(f func()) {
	j.mu.Lock()
	f()
	close(j.changed)
	j.changed = make(chan struct{})
	j.mu.Unlock()
}

// watch registers a progress page and returns the channel that signals the
// next change. unwatch undoes it; the last page leaving a running job
// cancels it, since nobody will see its result.
func (j *job) watch() <-chan struct{} {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.watchers++
	return j.changed
}

func (j *job) next() <-chan struct{} {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.changed
}

func (j *job) unwatch() {
	j.mu.Lock()
	j.watchers--
	last := j.watchers == 0 && j.state == running
	j.mu.Unlock()
	if last {
		j.cancel(errPageClosed)
	}
}

// jobTable holds the jobs, forgetting the oldest finished ones beyond
// keepJobs so that memory stays bounded.
type jobTable struct {
	mu       sync.Mutex
	byID     map[string]*job
	order    []string
	maxBytes int64 // keepBytes, smaller in tests
}

const keepJobs = 20

func newJobTable() *jobTable { return &jobTable{byID: map[string]*job{}, maxBytes: keepBytes} }

func (t *jobTable) get(id string) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byID[id]
}

// keepBytes bounds the results the finished jobs hold together: a
// comparison measures groups of residents, about 0.35 MB a replication of
// a default scenario, so that 20 jobs of 500 replications would not fit in
// memory. Beyond it the oldest finished jobs are forgotten, as beyond
// keepJobs; the newest is always kept.
const keepBytes = 1 << 30

func (t *jobTable) add(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byID[j.id] = j
	t.order = append(t.order, j.id)
	t.trimLocked()
}

// trim forgets the oldest finished jobs while there are more than keepJobs
// or their results hold more than keepBytes. Call it when a job finishes.
func (t *jobTable) trim() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.trimLocked()
}

func (t *jobTable) trimLocked() {
	var held int64
	for _, id := range t.order {
		held += t.byID[id].bytes()
	}
	for i := 0; (len(t.order) > keepJobs || held > t.maxBytes) && i < len(t.order)-1; {
		old := t.byID[t.order[i]]
		if old.snapshot().State == running {
			i++
			continue
		}
		held -= old.bytes()
		delete(t.byID, old.id)
		t.order = append(t.order[:i], t.order[i+1:]...)
	}
}

// bytes is about the memory j's results hold: their values and their
// groups' values.
func (j *job) bytes() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	var n int64
	for _, rs := range j.results {
		for _, r := range rs {
			if r == nil {
				continue
			}
			n += 8 * int64(len(r.GroupValues)+int(sim.NumMetrics)*r.Weeks())
		}
	}
	return n
}

func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// start runs the comparison of scenarios (baseline first) in the
// background. The caller holds a simulation slot, which the job releases
// when it ends.
func (s *Server) start(scenarios []*scenario.Scenario, seed uint64, reps int) *job {
	ctx, cancel := context.WithCancelCause(context.Background())
	j := &job{id: newID(), scenarios: scenarios, seed: seed, reps: reps, started: time.Now(), cancel: cancel,
		state: running, changed: make(chan struct{}), figures: map[string]figures{}}
	s.jobs.add(j)
	go func() {
		defer s.release()
		defer cancel(nil)
		results, err := s.runJob(ctx, j)
		j.update(func() {
			j.finished = time.Since(j.started)
			switch {
			case err == nil:
				j.state, j.results = done, results
			case context.Cause(ctx) != nil && ctx.Err() != nil:
				j.state, j.err = cancelled, context.Cause(ctx)
			default:
				j.state, j.err = failed, err
			}
		})
		s.jobs.trim()
	}()
	return j
}

// runJob runs a job's comparison, turning a panic into the job's error so
// that the server outlives it.
func (s *Server) runJob(ctx context.Context, j *job) (results [][]*sim.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.opts.Log.Printf("panic in comparison %s: %v\n%s", j.id, v, debug.Stack())
			results, err = nil, fmt.Errorf("the simulation failed (%v); the details are in the terminal that runs grassroots serve", v)
		}
	}()
	return compare(ctx, j.scenarios, j.seed, j.reps, s.opts.Workers, true, func(done, _ int) {
		j.update(func() { j.progress = done })
	}, nil)
}

// compare runs scenarios (baseline first) with common random numbers,
// forking those that share their first weeks, as "grassroots compare" does;
// with groups, measuring groups of residents for who gains, as it does
// too (the jobs and the interactive comparison both do).
func compare(ctx context.Context, scenarios []*scenario.Scenario, seed uint64, reps, workers int, groups bool, progress func(int, int), resume *experiment.Resume) ([][]*sim.Result, error) {
	cfgs := make([]*sim.Config, len(scenarios))
	for i, s := range scenarios {
		cfgs[i] = &s.Config
	}
	return experiment.Compare(ctx, cfgs, experiment.Options{Seed: seed, Replications: reps, Workers: workers, Progress: progress, Groups: groups, Resume: resume})
}

// prepare checks that scenarios (baseline first) can be compared, as the
// command line does: distinct names, one calendar, and scenarios on the
// same data share one copy of it so that they can fork from each other.
func prepare(scenarios []*scenario.Scenario) error {
	for i, s := range scenarios {
		for _, other := range scenarios[:i] {
			if other.Name == s.Name {
				return fmt.Errorf("scenario %s is chosen twice", s.Name)
			}
			if s.DataHash != "" && other.DataHash == s.DataHash {
				s.Config.Data = other.Config.Data
			}
		}
		if i > 0 && s.Config.Calendar != scenarios[0].Config.Calendar {
			var differ []string
			for _, c := range scenario.Diff(&scenarios[0].Config, &s.Config) {
				if strings.HasPrefix(c.Key, "calendar.") {
					differ = append(differ, fmt.Sprintf("%s %s in the baseline, %s", c.Key, c.From, c.To))
				}
			}
			return fmt.Errorf("%s has other stage lengths than the baseline %s (%s), so their curves would not line up; compare scenarios with the same calendar",
				s.Name, scenarios[0].Name, strings.Join(differ, "; "))
		}
	}
	return nil
}

// draw returns the figures of metric m for a finished job, drawing them
// the first time.
func (j *job) draw(m sim.Metric) (figures, error) {
	name := sim.Metrics[m].Name
	j.mu.Lock()
	f, ok := j.figures[name]
	j.mu.Unlock()
	if ok {
		return f, nil
	}
	f, err := drawFigures(m, j.scenarios, j.results)
	if err != nil {
		return figures{}, err
	}
	j.mu.Lock()
	j.figures[name] = f
	j.mu.Unlock()
	return f, nil
}

// drawFigures draws metric m's levels and, with more than one scenario,
// the difference from the first, as data: URIs.
func drawFigures(m sim.Metric, scenarios []*scenario.Scenario, results [][]*sim.Result) (figures, error) {
	series := make([]report.Series, len(scenarios))
	for i, s := range scenarios {
		series[i] = report.Series{Label: s.Name, Results: results[i]}
	}
	var f figures
	p, err := report.Curve(m, series)
	if err != nil {
		return f, err
	}
	u, err := report.SVGDataURI(p)
	if err != nil {
		return f, err
	}
	f.levels = string(u)
	if len(series) > 1 {
		if p, err = report.Difference(m, series, 0); err != nil {
			return f, err
		}
		if u, err = report.SVGDataURI(p); err != nil {
			return f, err
		}
		f.diff = string(u)
	}
	return f, nil
}
