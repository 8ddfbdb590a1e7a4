package sweep

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/outdir"
)

// Options says where and how to run a plan.
type Options struct {
	Dir            string // output directory of this shard (see ShardDir)
	Workers        int    // goroutines in all; below 1 means 1
	Shard          Shard  // the zero Shard is the whole sweep
	Resume         bool   // continue the sweep in Dir if there is one
	ProgramVersion string // recorded, and required to match on resume and merge
	Command        []string
	// Progress, if not nil, is called after each run is saved, with the
	// runs computed so far in this session and the number this session has
	// to compute. Calls are serialised.
	Progress func(done, total int)
	// Analyze, if not nil, analyses a finished Latin hypercube sweep (the
	// whole of it, not a shard) in its directory before the manifest is
	// written; a failure is a warning of the Summary.
	Analyze Analyzer
}

// An Analyzer writes the analysis of the finished sweep in dir into dir,
// for the given outcomes (nil: DefaultOutcomes). The command passes
// sensitivity.WriteSweep, the sensitivity analysis: it is a parameter
// because that analysis is the sensitivity package's, which reads sweeps.
type Analyzer func(dir string, outcomes []string) error

// Sweep is a plan bound to its output directory, locked against other
// processes until Close.
type Sweep struct {
	plan     *Plan
	opts     Options
	lock     *dirLock
	jr       *journal
	done     []bool // by the shard's run number k
	nDone    int
	finished bool // the outputs were complete when opened
	dropped  int64
	removed  []string // temporary files of an interrupted session, cleared
}

// ErrExists is returned by Open when the directory holds a sweep and
// Options.Resume is false.
var ErrExists = errors.New("output directory holds a sweep")

// existsError is an ErrExists with its own message.
type existsError struct{ msg string }

func (e *existsError) Error() string        { return e.msg }
func (e *existsError) Is(target error) bool { return target == ErrExists }

// Open prepares dir for the plan: a new journal, or with opts.Resume the
// existing one, cut after its last whole record.
func Open(plan *Plan, opts Options) (*Sweep, error) {
	if opts.Shard.Count <= 1 {
		opts.Shard = Shard{Index: 1, Count: 1}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	s := &Sweep{plan: plan, opts: opts, lock: lock, done: make([]bool, opts.Shard.runs(plan.Runs()))}
	// Locked, no other sweep writes here; a sensitivity analysis may, so
	// its files' temporaries are left alone.
	s.removed = atomicfile.RemoveTemps(opts.Dir, ownFiles...)
	if err := s.open(); err != nil {
		lock.unlock()
		return nil, err
	}
	return s, nil
}

func (s *Sweep) open() error {
	dir := s.opts.Dir
	jpath := filepath.Join(dir, journalName)
	hdr := newHeader(s.plan, s.opts.ProgramVersion, s.opts.Shard)
	m, merr := ReadManifest(filepath.Join(dir, "manifest.json"))
	switch {
	case merr == nil:
		want, err := s.plan.manifest(s.opts.ProgramVersion, s.opts.Shard)
		if err != nil {
			return err
		}
		switch {
		case m.SweepHash != want.SweepHash:
			return fmt.Errorf("%s holds another, finished sweep (%s); choose another --out", dir, describe(m))
		case !sameShard(m.Shard, want.Shard):
			return fmt.Errorf("%s holds another shard of this sweep, finished (%s); choose another --out", dir, shardName(m.Shard))
		case m.ProgramVersion != want.ProgramVersion:
			return fmt.Errorf("%s holds this sweep, finished by program version %s (this is %s), whose results may differ; choose another --out",
				dir, m.ProgramVersion, want.ProgramVersion)
		}
		if !s.opts.Resume {
			return &existsError{fmt.Sprintf("%s holds this sweep, finished; add --resume to accept it as it is, or choose another --out", dir)}
		}
		// A crash between writing the manifest and removing the journal
		// leaves both; the manifest is written last, so the outputs are
		// whole.
		if err := os.Remove(jpath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		s.finished = true
		s.nDone = len(s.done)
		return nil
	case !errors.Is(merr, fs.ErrNotExist):
		return fmt.Errorf("%s holds other output: %v; choose another --out", dir, merr)
	}

	if _, err := os.Stat(jpath); err == nil {
		refuse, records := false, 0
		end, ok, err := scanJournal(jpath, func(old journalHeader) error {
			if !s.opts.Resume {
				refuse = true
				return nil
			}
			if why := old.mismatch(hdr); why != "" {
				return fmt.Errorf("cannot resume the sweep in %s: %s; resume it with the command line that started it, or choose another --out", dir, why)
			}
			return nil
		}, func(_ int64, _ int, rec *journalRecord) error {
			records++
			if refuse {
				return nil
			}
			return s.mark(rec.Run)
		})
		if err != nil {
			return err
		}
		if ok && refuse {
			return &existsError{fmt.Sprintf("%s holds an unfinished sweep (%d runs saved); add --resume to continue it, or choose another --out", dir, records)}
		}
		if ok {
			if fi, err := os.Stat(jpath); err == nil {
				s.dropped = fi.Size() - end
			}
			s.jr, err = openJournal(jpath, end)
			return err
		}
		// A journal torn inside its header holds no runs: start afresh.
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	} else if err := checkEmpty(dir); err != nil {
		return err
	}
	var err error
	if s.jr, err = createJournal(jpath, hdr); err != nil {
		return err
	}
	atomicfile.SyncDir(dir)
	return nil
}

// checkEmpty refuses to start a sweep in a directory holding anything but
// its lock: with neither a journal nor a manifest it holds no sweep, so
// files in it are someone else's, which the sweep's outputs would
// overwrite.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.Name() == lockName })
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty (%s) and holds no sweep (no %s or %s): a sweep would write over such files, so it is left alone; choose another --out or empty it",
			dir, outdir.List(entries), journalName, ManifestFile)
	}
	return nil
}

// mark records run i as done.
func (s *Sweep) mark(i int) error {
	if i < 0 || i >= s.plan.Runs() || !s.opts.Shard.owns(i) {
		return fmt.Errorf("record of run %d, which is not in shard %s of %d runs", i, s.opts.Shard, s.plan.Runs())
	}
	k := i / s.opts.Shard.Count
	if !s.done[k] {
		s.done[k] = true
		s.nDone++
	}
	return nil
}

func sameShard(a, b *ShardInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func shardName(s *ShardInfo) string {
	if s == nil {
		return "the whole sweep"
	}
	return fmt.Sprintf("shard %d of %d", s.Index, s.Count)
}

func describe(m Manifest) string {
	return fmt.Sprintf("%s of %s, %d points × %d replications, seed %d", m.Method, m.Scenario, m.Points, m.Replications, m.Seed)
}

// Total returns the number of runs of this shard.
func (s *Sweep) Total() int { return len(s.done) }

// Done returns the number of runs already saved when the sweep was opened.
func (s *Sweep) Done() int { return s.nDone }

// Finished reports whether the outputs were already complete when opened.
func (s *Sweep) Finished() bool { return s.finished }

// Removed returns the temporary files an interrupted session left, which
// Open removed.
func (s *Sweep) Removed() []string { return s.removed }

// ownFiles are the files only a sweep holding the directory's lock writes.
var ownFiles = []string{PointsFile, RunsFile, TimeseriesFile, GroupsFile, ManifestFile, TimingFile}

// Dropped returns the bytes of torn journal cut off when resuming.
func (s *Sweep) Dropped() int64 { return s.dropped }

// Close releases the journal and the directory lock.
func (s *Sweep) Close() error {
	var err error
	if s.jr != nil {
		err = s.jr.close()
		s.jr = nil
	}
	s.lock.unlock()
	return err
}
