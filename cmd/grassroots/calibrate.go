package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/grassroots-sim/grassroots/calibrate"
	"github.com/grassroots-sim/grassroots/sweep"
)

var cmdCalibrate = &command{
	Name:      "calibrate",
	UsageLine: "grassroots calibrate FILE [--method abc-smc|msm] [--out DIR] [--particles N] [--seed S] [--workers W] [--resume] [--shard K/N|auto|none | --merge-shards DIR] [--quiet]",
	Short:     "fit a scenario's parameters to a community's survey numbers",
	Long: `Calibrate fits the parameters listed in a calibration file to its targets
(a metric's mean over some weeks, of the community or of one group of
residents, with the survey's standard error) by
approximate Bayesian computation with sequential Monte Carlo (--method
abc-smc, the default), and writes to the output directory (default
results/calibrate-<name>/):

	posterior.csv        the final population: draw, weight, every parameter
	generations.csv      generation, tolerance, acceptance_rate, ess,
	                     simulations, complete
	fit.csv              each target: metric, group_by, group, weeks, value,
	                     se and the posterior predictive mean and 95%
	                     interval
	calibrated.toml      a scenario extending the base with every parameter
	                     at its posterior median
	posterior.png/.svg   marginal posteriors over the priors, and pairs
	fit.png/.svg         the targets against the posterior predictive
	manifest.json        the calibration, seed, counts, speed and command

--method msm instead minimises the same distance by Nelder-Mead with common
random numbers (the method of simulated moments): a quicker point estimate,
written to estimates.csv (parameter, estimate, se, ci95_low, ci95_high; the
standard errors from the numerical Jacobian), with fit.csv and fit.png/.svg
at the estimate, calibrated.toml and manifest.json. It needs at least as
many targets as parameters.

The file format and the algorithm are described in docs/calibration.md;
calibration/example.toml is an example. Each simulation runs only as far as
the last target week. The same file and seed give byte-identical outputs
whatever --workers is (manifest.json apart, which records workers and time).
Errors in the file are reported, with their lines, before anything runs.

While ABC-SMC runs, the state after each generation is kept in a file beside
the output directory (.DIR.checkpoint.json, removed at the end). A
calibration interrupted or killed midway goes on from its last finished
generation when run again with --resume, and writes what it would have
written uninterrupted (manifest.json's time apart); --resume with no
checkpoint starts afresh.

--shard K/N spreads ABC-SMC over machines: it simulates shard K's part of
the next generation (proposals i with i mod N = K-1) into
DIR/shard-K-of-N/gen-G.csv, DIR being --out (default
results/calibrate-<name>-shards/) on a file system every machine sees. When
every shard has run, --merge-shards DIR finishes the generation into
DIR/checkpoint.json, and the shards are run again for the next one; the
merge that ends the calibration writes the outputs to --out, byte for byte
those of one machine (manifest.json apart). A merge whose shards have not
accepted enough proposals says so: run every shard again, and each extends
its file. A killed shard goes on from its file. Without --shard (or with
--shard auto), a Slurm job array's task takes its shard from
SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT, and a
Kubernetes Indexed Job's pod from JOB_COMPLETION_INDEX of
$GRASSROOTS_SHARDS, as sweep does (deploy/slurm/calibrate.sbatch);
--shard none runs on one machine whatever they say, and --merge-shards,
--resume and --method msm always do. See docs/calibration.md.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		var f runFlags
		method := fs.String("method", calibrate.MethodABC, `calibration method: "abc-smc" or "msm"`)
		particles := fs.Int("particles", 0, "particles per generation (default: the file's, else 200)")
		fs.Func("seed", "seed, 0 to 2^63-1 (default: the file's, else the base scenario's)", func(s string) error {
			v, err := parseSeed(s)
			f.seed, f.seedSet = v, err == nil
			return err
		})
		fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "simulations run at once; results do not depend on it")
		fs.StringVar(&f.out, "out", "", "output directory (default results/calibrate-<name>); with --shard, the shards' (default results/calibrate-<name>-shards)")
		fs.BoolVar(&f.quiet, "quiet", false, "no progress on stderr")
		resume := fs.Bool("resume", false, "abc-smc: go on from the last generation an interrupted run finished")
		shard := fs.String("shard", "", "abc-smc: simulate shard K of N of the next generation, as K/N with K from 1; auto: from a Slurm job array's or Kubernetes Indexed Job's variables (the default under one); none: on one machine whatever they say")
		merge := fs.String("merge-shards", "", "abc-smc: finish the generation the shards in `DIR` simulated")
		return func(ctx context.Context, env *env, args []string) error {
			switch {
			case len(args) != 1:
				return usageError(env, "takes one calibration file, got %d arguments", len(args))
			case !slices.Contains(calibrate.Methods, *method):
				return usageError(env, "--method %q: want abc-smc or msm", *method)
			case *particles != 0 && (*particles < 2 || *particles > 100_000):
				return usageError(env, "--particles must be from 2 to 100000, got %d", *particles)
			case *resume && *method != calibrate.MethodABC:
				return usageError(env, "--resume applies to abc-smc; msm starts afresh")
			case f.workers < 1:
				return usageError(env, "--workers must be at least 1, got %d", f.workers)
			}
			given := *shard != "" && *shard != shardNone
			switch {
			case given && *merge != "":
				return usageError(env, "--shard runs one shard and --merge-shards merges them: give one of them")
			case (given || *merge != "") && *method != calibrate.MethodABC:
				return usageError(env, "--shard and --merge-shards apply to abc-smc")
			case (given || *merge != "") && *resume:
				return usageError(env, "--resume is for one machine: shards always go on from their files and checkpoint")
			}
			// Without --shard, a scheduler's variables name the shard,
			// unless the command is one of those that run on one machine.
			oneMachine := *merge != "" || *resume || *method != calibrate.MethodABC
			sh, source, err := calibrationShard(*shard, oneMachine)
			if err != nil {
				return usageError(env, "--shard: %v", err)
			}
			if source != "" {
				return runShard(ctx, env, args[0], *particles, sh, source, &f)
			}
			return runCalibrate(ctx, env, args[0], *method, *particles, *resume, *merge, &f)
		}
	},
}

// The --shard values that are not K/N.
const (
	shardAuto = "auto" // from the scheduler's variables
	shardNone = "none" // one machine
)

// calibrationShard takes --shard: K/N; none, one machine; auto, or nothing
// unless oneMachine, the shard a Slurm job array or a Kubernetes Indexed
// Job gives (sweep.ShardFromEnv), if any. source says where the shard
// came from, "" for none: the calibration runs on one machine.
func calibrationShard(flagValue string, oneMachine bool) (sh sweep.Shard, source string, err error) {
	switch {
	case flagValue == shardNone || flagValue == "" && oneMachine:
		return sweep.Shard{}, "", nil
	case flagValue != "" && flagValue != shardAuto:
		sh, err = sweep.ParseShard(flagValue)
		return sh, "--shard", err
	}
	sh, source, err = sweep.ShardFromEnv(os.Getenv, 0)
	if err == nil && source == "" && flagValue == shardAuto {
		err = errors.New("auto: no Slurm job array (SLURM_ARRAY_TASK_ID) or Kubernetes Indexed Job (JOB_COMPLETION_INDEX) names the shard; give K/N")
	}
	return sh, source, err
}

// loadCalibration reads the calibration file, with the flags' overrides.
func loadCalibration(path string, particles int, f *runFlags) (*calibrate.File, error) {
	file, err := calibrate.Load(path)
	if err != nil {
		return nil, err
	}
	if particles > 0 {
		file.Particles = particles
	}
	if f.seedSet {
		file.Seed = f.seed
	}
	return file, nil
}

func runCalibrate(ctx context.Context, env *env, path, method string, particles int, resume bool, shards string, f *runFlags) error {
	file, err := loadCalibration(path, particles, f)
	if err != nil {
		return err
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", "calibrate-"+file.Name)
	}
	if shards != "" && within(dir, filepath.Join(shards, "x")) { // shards is dir or inside it
		return fmt.Errorf("--out %s would replace the shards' directory %s: write the outputs elsewhere", dir, shards)
	}
	out, err := checkOutputDir(dir, calibrate.Extensions, append(file.Scenario.Files(), file.Source))
	if err != nil {
		return err
	}
	if method == calibrate.MethodMSM {
		return runMSM(ctx, env, file, out, f)
	}
	if shards != "" {
		return mergeShards(ctx, env, file, shards, out, f)
	}
	if !f.quiet {
		fmt.Fprintf(env.stderr, "calibrate %s: %d parameters, %d targets through week %d; %d particles × %d replications, seed %d\n",
			file.Name, len(file.Params), len(file.Targets), file.Horizon()-1, file.Particles, file.Replications, file.Seed)
	}
	var bar *progress
	progressed := func(g, accepted, total int) {
		if accepted == 1 {
			bar.finish()
			bar = newProgress(env.stderr, f.quiet, fmt.Sprintf("generation %d", g))
		}
		bar.update(accepted, total)
	}
	finished := func(g calibrate.Generation) {
		bar.finish()
		if !f.quiet {
			fmt.Fprintf(env.stderr, "generation %d: tolerance %.4g, acceptance %.3g, ESS %.0f, %d simulations\n",
				g.Index, g.Tolerance, g.AcceptanceRate, g.ESS, g.Simulations)
		}
	}
	bar = newProgress(env.stderr, f.quiet, "generation 0")
	checkpoint := checkpointPath(out.path)
	c, err := calibrate.Run(ctx, file, calibrate.Options{
		Workers: f.workers, Progress: progressed, Finished: finished,
		Checkpoint: checkpoint, Resume: resume, Version: sweepVersion(),
	})
	bar.finish()
	if err != nil {
		if ctx.Err() != nil {
			return out.interrupted()
		}
		return err
	}
	if err := writeCalibration(ctx, env, c, out); err != nil {
		return err
	}
	if err := os.Remove(checkpoint); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	printPosterior(env, c, out.path, f.quiet)
	return nil
}

// writeCalibration writes an ABC-SMC calibration's outputs.
func writeCalibration(ctx context.Context, env *env, c *calibrate.Calibration, out *outputDir) error {
	c.Command, c.Version = env.args, version()
	return out.write(ctx, env.args, func(tmp string) error { return c.Write(tmp, out.path) })
}

// printPosterior prints the posterior's summary on stdout and the run's
// on stderr.
func printPosterior(env *env, c *calibrate.Calibration, dir string, quiet bool) {
	file := c.File
	fmt.Fprintf(env.stdout, "%-40s %12s %12s %12s\n", "parameter", "median", "5%", "95%")
	for j, p := range file.Params {
		fmt.Fprintf(env.stdout, "%-40s %12.4g %12.4g %12.4g\n", p.Path, c.Result.Quantile(j, 0.5), c.Result.Quantile(j, 0.05), c.Result.Quantile(j, 0.95))
	}
	if !quiet {
		runs := c.SessionSimulations() * file.Replications
		fmt.Fprintf(env.stderr, "%s; %d simulations (%d model runs of %d weeks) in %.1fs, %.3g runs/s; wrote %s\n",
			c.Result.Stop, c.SessionSimulations(), runs, file.Horizon(), c.Wall.Seconds(), float64(runs)/c.Wall.Seconds(), dir)
		if c.Resumed > 0 {
			fmt.Fprintf(env.stderr, "(this session; %d generations were read from the checkpoint)\n", c.Resumed)
		}
	}
}

// runShard simulates one shard of the next generation of a sharded
// calibration.
func runShard(ctx context.Context, env *env, path string, particles int, sh sweep.Shard, source string, f *runFlags) error {
	file, err := loadCalibration(path, particles, f)
	if err != nil {
		return err
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", "calibrate-"+file.Name+"-shards")
	}
	bar := newProgress(env.stderr, f.quiet, "shard "+sh.String())
	rep, err := calibrate.RunShard(ctx, file, dir, sh, calibrate.Options{
		Workers: f.workers, Version: sweepVersion(),
		Progress: func(_, accepted, goal int) { bar.update(accepted, goal) },
	})
	bar.finish()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %s keeps the proposals simulated so far; run the shard again to go on", rep.File)
		}
		return err
	}
	if !f.quiet {
		if rep.Finished != "" {
			fmt.Fprintf(env.stderr, "calibrate %s: the calibration in %s has finished (%s): nothing to do\n", file.Name, dir, rep.Finished)
		} else {
			from := ""
			if source != "--shard" {
				from = " (from " + source + ")"
			}
			fmt.Fprintf(env.stderr, "calibrate %s, shard %s%s, generation %d: simulated %d proposals; %s holds %d, %d accepted\n",
				file.Name, sh, from, rep.Index, rep.Simulated, rep.File, rep.Rows, rep.Accepted)
		}
	}
	return nil
}

// mergeShards finishes the generation the shards in dir simulated, and
// writes the outputs if it was the last.
func mergeShards(ctx context.Context, env *env, file *calibrate.File, dir string, out *outputDir, f *runFlags) error {
	var finished func(calibrate.Generation)
	if !f.quiet {
		finished = func(g calibrate.Generation) {
			fmt.Fprintf(env.stderr, "generation %d: tolerance %.4g, acceptance %.3g, ESS %.0f, %d simulations\n",
				g.Index, g.Tolerance, g.AcceptanceRate, g.ESS, g.Simulations)
		}
	}
	o := calibrate.Options{Workers: f.workers, Finished: finished, Version: sweepVersion()}
	c, rep, err := calibrate.MergeShards(ctx, file, dir, o, func(c *calibrate.Calibration) error {
		return writeCalibration(ctx, env, c, out)
	})
	if err != nil {
		if ctx.Err() != nil {
			return out.interrupted()
		}
		return err
	}
	if c == nil {
		if !f.quiet {
			fmt.Fprintf(env.stderr, "merged generation %d from %d shards (%d proposals); run the shards again for generation %d\n",
				rep.Generation.Index, rep.Shards, rep.Proposals, rep.Generation.Index+1)
		}
		return nil
	}
	printPosterior(env, c, out.path, f.quiet)
	return nil
}

func runMSM(ctx context.Context, env *env, file *calibrate.File, out *outputDir, f *runFlags) error {
	if !f.quiet {
		fmt.Fprintf(env.stderr, "calibrate %s by simulated moments: %d parameters, %d targets through week %d; %d replications an evaluation, seed %d\n",
			file.Name, len(file.Params), len(file.Targets), file.Horizon()-1, file.Replications, file.Seed)
	}
	c, err := calibrate.RunMSM(ctx, file, f.workers)
	if err != nil {
		if ctx.Err() != nil {
			return out.interrupted()
		}
		return err
	}
	c.Command, c.Version = env.args, version()
	if err := out.write(ctx, env.args, func(tmp string) error { return c.Write(tmp, out.path) }); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%-40s %12s %12s\n", "parameter", "estimate", "se")
	for j, p := range file.Params {
		fmt.Fprintf(env.stdout, "%-40s %12.4g %12.4g\n", p.Path, c.Estimate.Params[j], c.Estimate.SE[j])
	}
	if !f.quiet {
		runs := c.Simulations() * file.Replications
		fmt.Fprintf(env.stderr, "%s at distance %.4g; %d simulations (%d model runs of %d weeks) in %.1fs, %.3g runs/s; wrote %s\n",
			c.Estimate.Status, c.Estimate.Distance, c.Simulations(), runs, file.Horizon(), c.Wall.Seconds(), float64(runs)/c.Wall.Seconds(), out.path)
	}
	return nil
}

// checkpointPath is where an ABC-SMC calibration writing to dir keeps its
// state: beside dir, which is replaced as a whole at the end.
func checkpointPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".checkpoint.json")
}
