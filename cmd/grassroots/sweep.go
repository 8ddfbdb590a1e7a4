package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/grassroots-sim/grassroots/sensitivity"
	"github.com/grassroots-sim/grassroots/sweep"
)

var cmdSweep = &command{
	Name:      "sweep",
	UsageLine: "grassroots sweep SWEEP.toml|SCENARIO [--vary path=values]... [--method grid|lhs] [--samples N] [--reps N] [--seed S] [--workers W] [--out DIR] [--set path=value]... [--timeseries] [--groups] [--resume] [--shard K/N] [--shards N] [--quiet]",
	Short:     "run a scenario over a grid or Latin hypercube of parameter values",
	Long: `Sweep runs every point of a parameter sweep for every replication, on a
pool of --workers goroutines, saving each run to a journal as it finishes.
The sweep is a sweep file (a TOML file with a [vary] table, see README.md)
or a scenario with one --vary per parameter:

	--vary path=v1,v2,v3   these values (as with --set)
	--vary path=min:max:n  n evenly spaced values from min to max (grid)
	--vary path=min:max    a range for a Latin hypercube (--method lhs)
	--vary path=plausible  the key's plausible range ("grassroots params");
	                       plausible:n for n values of a grid

--method grid (the default) runs every combination; --method lhs draws
--samples points of a Latin hypercube from the seed. Replication r of every
point uses the same seed (common random numbers).

It writes to the output directory (default results/sweep-<name>/):

	points.csv       point id and the value of every varied parameter
	runs.csv         point, replication, seed, then every metric at the end
	                 of the project, at the end of the horizon and its
	                 time average (<metric>_end_of_project, _end_of_horizon,
	                 _auc), one row per run, sorted
	timeseries.csv   with --timeseries: point, replication, seed, week, stage
	                 and every metric, one row per run and week
	groups.csv       with --groups: the columns of groups.csv of "grassroots
	                 run", with point in place of scenario: one row per run,
	                 week and group of residents (income quintile,
	                 education, age, vulnerable, party member, grid)
	sensitivity.csv  for a Latin hypercube: PRCC of every parameter with every
	tornado.png/.svg outcome, and its tornado plot (see "grassroots help
	                 sensitivity")
	heatmap_<outcome>.png/.svg
	                 for a grid over two parameters: each outcome (mean
	                 over the replications) over the two, one cell per point
	manifest.json    the sweep, its base scenario and seeds
	timing.json      how this session ran: workers, wall time, speed

An interrupted sweep (Ctrl-C, kill, a crash or a scheduler's time limit)
keeps every finished run; the same command with --resume computes only the
missing ones, and the files are then byte for byte what an uninterrupted
sweep writes (timing.json apart). --resume on a new directory starts the
sweep, so job scripts can always pass it.

--shard K/N runs shard K (from 1) of N: run i (runs ordered by point, then
replication) belongs to shard i mod N + 1. Without --shard, the shard comes
from a Slurm job array (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of
--shards or $GRASSROOTS_SHARDS); --shard 1/1 turns that off. A shard writes
into DIR/shard-K-of-N/; "grassroots merge" combines the shards.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		var f runFlags
		f.declare(fs, "results/sweep-<name>: the sweep file's name, else the scenario's")
		var vary listFlag
		fs.Var(&vary, "vary", "vary a parameter of SCENARIO: path=v1,v2,..., path=min:max:n or path=min:max (repeatable)")
		method := fs.String("method", "", `"grid" or "lhs" (default: the sweep file's, else grid)`)
		samples := fs.Int("samples", 0, "points of a Latin hypercube")
		resume := fs.Bool("resume", false, "continue the sweep in the output directory, computing only missing runs")
		shard := fs.String("shard", "", "run shard K of N only, as K/N with K from 1 (default: from Slurm or Kubernetes variables)")
		shards := fs.Int("shards", 0, "number of shards of a Kubernetes Indexed Job (default $"+sweep.EnvShards+")")
		timeseries := fs.Bool("timeseries", false, "also write timeseries.csv, one row per run and week")
		groups := fs.Bool("groups", false, "also write groups.csv, one row per run, week and group of residents")
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) != 1 {
				return usageError(env, "takes one sweep file or scenario, got %d", len(args))
			}
			if err := f.check(); err != nil {
				return usageError(env, "%v", err)
			}
			if *samples < 0 || *shards < 0 {
				return usageError(env, "--samples and --shards must be positive")
			}
			var spec *sweep.Spec
			if sweep.IsSweepFile(args[0]) {
				if len(vary) > 0 {
					return usageError(env, "--vary applies to a scenario; a sweep file lists its parameters under [vary]")
				}
				s, err := sweep.LoadFile(args[0])
				if err != nil {
					return err
				}
				spec = s
			} else {
				if _, err := os.Stat(args[0]); err != nil && looksLikePath(args[0]) {
					return fmt.Errorf("no such sweep file or scenario %q", args[0])
				}
				if len(vary) == 0 {
					return usageError(env, "%s is a scenario, not a sweep file (one with a [vary] table): give the parameters to vary with --vary path=values", args[0])
				}
				spec = &sweep.Spec{Base: args[0], Method: sweep.MethodGrid}
				for _, v := range vary {
					p, err := sweep.ParseVary(v)
					if err != nil {
						return usageError(env, "%v", err)
					}
					spec.Params = append(spec.Params, p)
				}
			}
			if *method != "" {
				spec.Method = *method
			}
			if *samples > 0 {
				spec.Samples = *samples
			}
			if f.reps > 0 {
				spec.Replications = f.reps
			}
			if f.seedSet {
				spec.Seed, spec.SeedSet = f.seed, true
			}
			spec.Set = append(spec.Set, f.set...)
			spec.Timeseries = spec.Timeseries || *timeseries
			spec.Groups = spec.Groups || *groups
			sh, source, err := chooseShard(*shard, *shards)
			if err != nil {
				return usageError(env, "%v", err)
			}
			return f.withProfiles(func() error { return runSweep(ctx, env, spec, &f, sh, source, *resume) })
		}
	},
}

// looksLikePath tells a file path from a built-in scenario name.
func looksLikePath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".toml")
}

// chooseShard takes --shard, else the scheduler's variables.
func chooseShard(flagValue string, count int) (sweep.Shard, string, error) {
	if flagValue != "" {
		s, err := sweep.ParseShard(flagValue)
		return s, "--shard", err
	}
	s, source, err := sweep.ShardFromEnv(os.Getenv, count)
	if err == nil && source == "" && count > 0 {
		err = errors.New("--shards is the shard count of a Kubernetes Indexed Job, but JOB_COMPLETION_INDEX is not set; use --shard K/N")
	}
	return s, source, err
}

func runSweep(ctx context.Context, env *env, spec *sweep.Spec, f *runFlags, sh sweep.Shard, source string, resume bool) error {
	plan, err := sweep.NewPlan(spec, f.workers)
	if err != nil {
		return err
	}
	name := plan.Spec.Name
	out := f.out
	if out == "" {
		out = filepath.Join("results", "sweep-"+name)
	}
	dir := sweep.ShardDir(out, sh)
	inputs := plan.Scenario.Files()
	if plan.Spec.Source != "" {
		inputs = append(inputs, plan.Spec.Source)
	}
	if err := f.profile.check(inputs, out); err != nil {
		return err // before Open starts a journal
	}
	var bar *progress
	sw, err := sweep.Open(plan, sweep.Options{
		Dir: dir, Workers: f.workers, Shard: sh, Resume: resume,
		ProgramVersion: sweepVersion(), Command: env.args,
		Progress: func(done, total int) { bar.update(done, total) },
		Analyze:  sensitivity.WriteSweep,
	})
	if err != nil {
		return err
	}
	defer sw.Close()
	noteRemoved(env.stderr, dir, sw.Removed())
	if !f.quiet {
		fmt.Fprintf(env.stderr, "sweep %s: %s of %d points × %d replications = %d runs", name, plan.Spec.Method, len(plan.Points), plan.Replications, plan.Runs())
		if !sh.Whole() {
			fmt.Fprintf(env.stderr, "; shard %s (from %s): %d runs", sh, source, sw.Total())
		}
		fmt.Fprintln(env.stderr)
		switch {
		case sw.Finished():
			fmt.Fprintf(env.stderr, "%s already holds this sweep, finished\n", dir)
		case sw.Done() > 0 || sw.Dropped() > 0:
			fmt.Fprintf(env.stderr, "resuming: %d of %d runs already saved", sw.Done(), sw.Total())
			if sw.Dropped() > 0 {
				fmt.Fprintf(env.stderr, "; dropped %d bytes of a torn record", sw.Dropped())
			}
			fmt.Fprintln(env.stderr)
		}
	}
	if sw.Finished() {
		return nil
	}
	if err := f.profile.start(inputs, out); err != nil {
		return err
	}
	bar = newProgress(env.stderr, f.quiet, "sweep "+name)
	sum, err := sw.Run(ctx)
	bar.finish()
	if err != nil {
		return err
	}
	if err := sw.Close(); err != nil {
		return err
	}
	for _, w := range sum.Warnings {
		fmt.Fprintln(env.stderr, "warning:", w)
	}
	if !f.quiet {
		fmt.Fprintf(env.stderr, "computed %d runs in %.2fs (%s runs/s, %s resident-weeks/s); wrote %s\n",
			sum.Computed, sum.Wall.Seconds(), readableRate(float64(sum.Computed)/sum.Wall.Seconds()), readableRate(sum.ResidentWeeks/sum.Wall.Seconds()), dir)
	}
	if plan.Spec.Method == sweep.MethodLHS && sh.Whole() && len(sum.Warnings) == 0 && plan.Spec.Runner == nil {
		a, err := sensitivity.AnalyzeSweep(dir, plan.Spec.Outcomes, false)
		if err == nil {
			return sensitivity.WriteMarkdown(env.stdout, a.Coefficients)
		}
	}
	return nil
}

// sweepVersion is the program version recorded by sweeps, which refuse to
// resume or merge across versions. A development build has no version
// that tells one model from another, so its executable's hash is added.
func sweepVersion() string {
	v := version()
	if !strings.HasPrefix(v, "devel") {
		return v
	}
	exe, err := os.Executable()
	if err != nil {
		return v
	}
	f, err := os.Open(exe)
	if err != nil {
		return v
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return v
	}
	return v + "+exe." + hex.EncodeToString(h.Sum(nil))[:12]
}
