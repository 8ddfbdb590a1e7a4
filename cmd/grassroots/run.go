package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// defaultScenario is what "grassroots run" runs without arguments.
const defaultScenario = "full-programme"

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint(*l) }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// runFlags are the flags shared by commands that run scenarios.
type runFlags struct {
	fs        *flag.FlagSet // to tell --reps 0 from no --reps
	reps      int
	seed      uint64
	seedSet   bool
	workers   int
	out       string
	set       listFlag
	posterior string // run and compare: draw each replication's parameters from this posterior.csv
	quiet     bool
	profile   profileFlags
	memory    *memoryFlag // nil for commands without --max-memory
}

// declare declares the flags on fs; outDefault says where --out defaults
// to, for the help.
func (f *runFlags) declare(fs *flag.FlagSet, outDefault string) {
	f.fs = fs
	fs.IntVar(&f.reps, "reps", 0, "replications (default: the scenario's)")
	fs.Func("seed", "scenario seed, 0 to 2^63-1 (default: the scenario's)", func(s string) error {
		v, err := parseSeed(s)
		if err != nil {
			return err
		}
		f.seed, f.seedSet = v, true
		return nil
	})
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "worker goroutines; results do not depend on it")
	fs.StringVar(&f.out, "out", "", "output directory (default "+outDefault+")")
	fs.Var(&f.set, "set", "override a scenario value, as dotted.path=value (repeatable)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress on stderr")
	f.profile.declare(fs)
}

// withProfiles runs fn, which starts the requested profiles once it knows
// it will run (profileFlags.start), and ends them after it.
func (f *runFlags) withProfiles(fn func() error) error {
	err := fn()
	if serr := f.profile.stop(); err == nil {
		err = serr
	}
	return err
}

// parseSeed reads a --seed value.
func parseSeed(s string) (uint64, error) {
	v, err := strconv.ParseUint(s, 10, 63) // TOML integers stop at 2^63-1
	if err != nil {
		return 0, fmt.Errorf("want an integer from 0 to %d", uint64(math.MaxInt64))
	}
	return v, nil
}

// check rejects flag values out of range.
func (f *runFlags) check() error {
	repsSet := false
	f.fs.Visit(func(fl *flag.Flag) { repsSet = repsSet || fl.Name == "reps" })
	// 0 is the default that stands for the scenario's own number, so
	// --reps 0 must not silently mean it.
	if f.reps < 0 || f.reps > 10000 || repsSet && f.reps == 0 {
		return fmt.Errorf("--reps must be from 1 to 10000, got %d", f.reps)
	}
	if f.workers < 1 {
		return fmt.Errorf("--workers must be at least 1, got %d", f.workers)
	}
	return nil
}

var cmdRun = &command{
	Name:      "run",
	UsageLine: "grassroots run [SCENARIO] [--reps N] [--seed S] [--workers W] [--out DIR] [--set path=value]... [--posterior FILE] [--metrics a,b,...] [--snapshots weeks=W,...|every=N[;reps=all]] [--max-memory SIZE] [--quiet]",
	Short:     "run a scenario and write its curves and tables",
	Long: `Run simulates every replication of a scenario and writes to the output
directory (default results/<scenario name>/):

	timeseries.csv     one row per replication and week, one column per metric
	groups.csv         one row per replication, week and group of residents
	                   (income quintile, education, age, vulnerable, party
	                   member, grid): size, adults and the per-person metrics
	summary.csv        mean, sd and 95% interval of each metric at the end of
	                   the project, at the end of the horizon and over the horizon
	participation.png  participation in community affairs, mean and 95% band,
	participation.svg  stages shaded if a project runs
	cohesion.png       cohesion, likewise
	cohesion.svg       (--metrics a,b draws metrics a and b instead)
	report.html        one page to read or print: the figures, the summary,
	                   the assumptions and what the model cannot tell
	manifest.json      the resolved scenario, its hash, seeds, versions and speed
	snapshots/         with --snapshots: the community at the end of the
	                   weeks named, as data (docs/data.md)

SCENARIO is a file or a built-in name (see "grassroots list"); the default is
full-programme. The same scenario and seed give byte-identical tables
whatever --workers is. --posterior DIR/posterior.csv (from calibrate) draws
each replication's parameters from that posterior, by weight, as compare
does; the manifest records the file and each replication's draw.

The outputs are written into a temporary directory beside the output
directory and swapped into place when complete: an interrupted run (Ctrl-C)
leaves the previous outputs as they were. An existing output directory is
therefore replaced only if grassroots wrote it (it holds the marker
.grassroots-output) and it holds nothing else and no input of the run; any
other non-empty directory is refused before the run. Before building
anything, run estimates the memory it needs and refuses to start above
--max-memory (default 80% of the machine's memory).

--snapshots weeks=0,20,60 (or every=N: weeks 0, N, 2N, ...) writes the
community of replication 0 at the end of each week named into
snapshots/week-WWW/, in the format "grassroots population" writes
(households.csv, residents.csv, ties.csv, with a scenario.toml reading
them), plus memberships.csv; ";reps=all" (quote it in a shell) writes every
replication's, into snapshots/rep-R/week-WWW/. docs/data.md says what a
snapshot carries and what it does not.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		var f runFlags
		f.declare(fs, "results/<scenario name>")
		f.memory = declareMemory(fs)
		f.declarePosterior(fs)
		metrics := fs.String("metrics", "participation,cohesion", "metrics to draw, comma-separated")
		var snaps snapshotFlag
		fs.Var(&snaps, "snapshots", "write the community at the end of these weeks: weeks=W,W,... or every=N, optionally ;reps=all")
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) > 1 {
				return usageError(env, "takes one scenario, got %d", len(args))
			}
			if err := f.check(); err != nil {
				return usageError(env, "%v", err)
			}
			figures, err := parseMetrics(*metrics)
			if err != nil {
				return usageError(env, "%v", err)
			}
			ref := defaultScenario
			if len(args) == 1 {
				ref = args[0]
			}
			return f.withProfiles(func() error { return runScenario(ctx, env, ref, figures, &f, &snaps) })
		}
	},
}

func runScenario(ctx context.Context, env *env, ref string, figures []sim.Metric, f *runFlags, snaps *snapshotFlag) error {
	data := f.memory.dataCache()
	s, err := data.Load(ref, f.set)
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(env.stderr, "%s: %s\n", s.Name, s.BuildsOn())
	}
	warn(env, s)
	if f.reps > 0 {
		s.Replications = f.reps
	}
	if f.seedSet {
		s.Seed = f.seed
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", s.Name)
	}
	inputs := f.inputs(s.Files())
	out, err := checkOutputDir(dir, runOutputExts, inputs, f.profile.own()...)
	if err != nil {
		return err
	}
	out.noteRemoved(env.stderr)
	weeks, taking, err := snaps.resolve(s.Name, s.Config.Calendar.Weeks(), s.Replications)
	if err != nil {
		return err
	}
	need := runMemory(s, f.workers)
	var draws *posteriorDraws
	if f.posterior != "" {
		if len(weeks) > 0 {
			return usageError(env, "--snapshots and --posterior cannot be combined yet: take snapshots of a run at fixed parameters")
		}
		if draws, err = drawPosterior(f.posterior, data, []string{ref}, f.set, s.Seed, s.Replications); err != nil {
			return err
		}
		need = draws.need(func(c []*sim.Config) memoryNeed {
			return runMemory(&scenario.Scenario{Name: s.Name, Replications: s.Replications, Config: *c[0]}, f.workers)
		})
	}
	need.other += snapshotBytes(taking, need.residents, tiesOf(&s.Config, need.residents))
	if err := f.memory.check(need, true); err != nil {
		return err
	}
	if err := f.profile.start(inputs); err != nil {
		return err
	}
	var taken snapshots
	results, wall, err := simulate(ctx, env.stderr, f.quiet, "run "+s.Name, out, func(progress func(int, int)) ([]*sim.Result, error) {
		opts := experiment.Options{Seed: s.Seed, Replications: s.Replications, Workers: f.workers, Progress: progress,
			Snapshots: taken.plan(weeks, snaps.all), Groups: true}
		if draws == nil {
			return experiment.Run(ctx, &s.Config, opts)
		}
		all, err := experiment.CompareEach(ctx, 1, draws.configs, opts)
		if err != nil {
			return nil, err
		}
		return all[0], nil
	})
	if err != nil {
		return err
	}
	m, err := manifest(s, results, f.workers, wall, env.args)
	if err != nil {
		return err
	}
	if draws != nil {
		m.Posterior = draws.record()
	}
	err = out.write(ctx, env.args, func(tmp string) error {
		html := report.ScenarioReport([]*scenario.Scenario{s}, [][]*sim.Result{results}, figures, s.Seed, version())
		if err := report.WriteHTMLFile(filepath.Join(tmp, "report.html"), html); err != nil {
			return err
		}
		if err := report.WriteRun(tmp, s.Name, results, figures, m); err != nil {
			return err
		}
		return taken.write(tmp, s, ref, snaps.all)
	})
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(env.stderr, "%s: %d replications × %d weeks × %d residents in %.2fs (%s resident-weeks/s); wrote %s\n",
			s.Name, len(results), results[0].Weeks(), results[0].Residents, wall.Seconds(), readableRate(m.ResidentWeeksPerSecond), dir)
	}
	if ctx.Err() != nil {
		fmt.Fprintf(env.stderr, "interrupted after the outputs were complete: %s holds the new outputs\n", dir)
	}
	return nil
}

// runOutputExts are the kinds of file run and compare write
// (report.WriteRun, writeComparison, report.html), which a profile written beside them
// must not be named like.
var runOutputExts = []string{".csv", ".png", ".svg", ".json", ".html"}

// runMemory estimates what running s needs: as many communities at once as
// replications run in parallel, every replication's result, the data.
func runMemory(s *scenario.Scenario, workers int) memoryNeed {
	concurrent, _ := experiment.Split(workers, s.Replications)
	return memoryNeed{
		what:      s.Name,
		engines:   concurrent,
		perEngine: sim.EstimateBytes(&s.Config),
		residents: residentsOf(&s.Config),
		other: int64(s.Replications)*resultBytes(&s.Config) + report.GroupsWriterBytes(sim.GroupCount(&s.Config)) +
			dataBytes(s.Config.Data) + processOverhead,
	}
}

func manifest(s *scenario.Scenario, results []*sim.Result, workers int, wall time.Duration, args []string) (report.Manifest, error) {
	var resolved bytes.Buffer
	if err := s.Encode(&resolved); err != nil {
		return report.Manifest{}, err
	}
	seeds := make([]uint64, len(results))
	for r, res := range results {
		seeds[r] = res.Seed
	}
	weeks, residents := results[0].Weeks(), results[0].Residents
	return report.Manifest{
		Scenario:               s.Name,
		ScenarioHash:           s.Hash(),
		Sources:                s.Sources,
		Seed:                   s.Seed,
		Replications:           len(results),
		ReplicationSeeds:       seeds,
		Workers:                workers,
		ProgramVersion:         version(),
		GoVersion:              runtime.Version(),
		Weeks:                  weeks,
		Residents:              residents,
		WallSeconds:            wall.Seconds(),
		ResidentWeeksPerSecond: float64(len(results)*weeks*residents) / wall.Seconds(),
		Command:                args,
		ResolvedScenario:       resolved.String(),
	}, nil
}
