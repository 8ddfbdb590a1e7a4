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
)

var cmdCalibrate = &command{
	Name:      "calibrate",
	UsageLine: "grassroots calibrate FILE [--method abc-smc|msm] [--out DIR] [--particles N] [--seed S] [--workers W] [--resume] [--quiet]",
	Short:     "fit a scenario's parameters to a community's survey numbers",
	Long: `Calibrate fits the parameters listed in a calibration file to its targets
(a metric's mean over some weeks, with the survey's standard error) by
approximate Bayesian computation with sequential Monte Carlo (--method
abc-smc, the default), and writes to the output directory (default
results/calibrate-<name>/):

	posterior.csv        the final population: draw, weight, every parameter
	generations.csv      generation, tolerance, acceptance_rate, ess,
	                     simulations, complete
	fit.csv              each target: metric, weeks, value, se and the
	                     posterior predictive mean and 95% interval
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
checkpoint starts afresh.`,
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
		fs.StringVar(&f.out, "out", "", "output directory (default results/calibrate-<name>)")
		fs.BoolVar(&f.quiet, "quiet", false, "no progress on stderr")
		resume := fs.Bool("resume", false, "abc-smc: go on from the last generation an interrupted run finished")
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
			return runCalibrate(ctx, env, args[0], *method, *particles, *resume, &f)
		}
	},
}

func runCalibrate(ctx context.Context, env *env, path, method string, particles int, resume bool, f *runFlags) error {
	file, err := calibrate.Load(path)
	if err != nil {
		return err
	}
	if particles > 0 {
		file.Particles = particles
	}
	if f.seedSet {
		file.Seed = f.seed
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", "calibrate-"+file.Name)
	}
	out, err := checkOutputDir(dir, calibrate.Extensions, append(file.Scenario.Files(), file.Source))
	if err != nil {
		return err
	}
	if method == calibrate.MethodMSM {
		return runMSM(ctx, env, file, out, f)
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
	c.Command, c.Version = env.args, version()
	if err := out.write(ctx, env.args, func(tmp string) error { return c.Write(tmp, out.path) }); err != nil {
		return err
	}
	if err := os.Remove(checkpoint); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	fmt.Fprintf(env.stdout, "%-40s %12s %12s %12s\n", "parameter", "median", "5%", "95%")
	for j, p := range file.Params {
		fmt.Fprintf(env.stdout, "%-40s %12.4g %12.4g %12.4g\n", p.Path, c.Result.Quantile(j, 0.5), c.Result.Quantile(j, 0.05), c.Result.Quantile(j, 0.95))
	}
	if !f.quiet {
		runs := c.SessionSimulations() * file.Replications
		fmt.Fprintf(env.stderr, "%s; %d simulations (%d model runs of %d weeks) in %.1fs, %.3g runs/s; wrote %s\n",
			c.Result.Stop, c.SessionSimulations(), runs, file.Horizon(), c.Wall.Seconds(), float64(runs)/c.Wall.Seconds(), dir)
		if c.Resumed > 0 {
			fmt.Fprintf(env.stderr, "(this session; %d generations were read from the checkpoint)\n", c.Resumed)
		}
	}
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
