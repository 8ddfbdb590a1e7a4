package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/grassroots-sim/grassroots/findings"
	"github.com/grassroots-sim/grassroots/sweep"
)

// defaultFindingsSamples and defaultFindingsReps size a findings run to
// about 15 minutes on two cores (docs/validation.md gives the timing).
const (
	defaultFindingsSamples = 64
	defaultFindingsReps    = 10
)

var cmdFindings = &command{
	Name:      "findings",
	UsageLine: "grassroots findings [--samples N] [--reps R] [--seed S] [--out DIR] [--resume] [--shard K/N] [--workers W] [--quiet]",
	Short:     "test the study's findings over the plausible ranges of the parameters",
	Long: fmt.Sprintf(`Findings runs the checks of the study's findings (SF1 to SF6, the same code
as "go test ./effects") at every point of a Latin hypercube over the
plausible ranges ("grassroots params") of every key of the %s
tables that has one, except the threshold rule's keys, unused by the
default logistic rule. Every point applies its values to each scenario the
checks use (baseline, full-programme, the SF3 factorial, ...), except to
the key a scenario is about (heavy-bureaucracy keeps its bureaucracy).

It is a sweep (see "grassroots help sweep"): each run is one replication of
every scenario at one point, saved to a journal as it finishes; --resume
continues an interrupted run, --shard K/N runs one shard and "grassroots
merge" combines them (and writes the findings files). It writes to the
output directory (default results/findings/) points.csv, runs.csv (every
number the checks read, per run), manifest.json and timing.json, then:

	findings.csv        point, every varied parameter, and per finding
	                    <name>_held (1 or 0) and <name>_effect
	findings.md         per finding: the share of points where it holds
	                    (Wilson 95%% interval), the parameters that drive its
	                    effect (PRCC) and the PRIM box where it fails
	finding_<name>.png  its effect against its two most influential
	                    parameters, coloured by whether it holds

The default size, %d points × %d replications, takes about 15 minutes on
two cores.`, strings.Join(findings.Groups, ", "), defaultFindingsSamples, defaultFindingsReps),
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		samples := fs.Int("samples", defaultFindingsSamples, "points of the Latin hypercube")
		reps := fs.Int("reps", defaultFindingsReps, "replications per point")
		var f runFlags
		f.fs = fs
		fs.Func("seed", "seed of the points and replications, 0 to 2^63-1 (default: the baseline's)", func(s string) error {
			v, err := parseSeed(s)
			if err != nil {
				return err
			}
			f.seed, f.seedSet = v, true
			return nil
		})
		fs.StringVar(&f.out, "out", "", "output directory (default results/findings)")
		resume := fs.Bool("resume", false, "continue the findings run in the output directory")
		shard := fs.String("shard", "", "run shard K of N only, as K/N with K from 1")
		fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "worker goroutines; results do not depend on it")
		fs.BoolVar(&f.quiet, "quiet", false, "no progress on stderr")
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) != 0 {
				return usageError(env, "takes no arguments, got %q", strings.Join(args, " "))
			}
			if *samples < 1 || *reps < 2 {
				return usageError(env, "--samples must be at least 1 and --reps at least 2 (an interval needs two replications), got %d and %d", *samples, *reps)
			}
			if f.workers < 1 {
				return usageError(env, "--workers must be at least 1, got %d", f.workers)
			}
			spec, err := findings.Spec(*samples, *reps, f.seed, f.seedSet)
			if err != nil {
				return err
			}
			sh, source, err := chooseShard(*shard, 0)
			if err != nil {
				return usageError(env, "%v", err)
			}
			if f.out == "" {
				f.out = filepath.Join("results", "findings")
			}
			if err := runSweep(ctx, env, spec, &f, sh, source, *resume); err != nil {
				return err
			}
			if !sh.Whole() {
				return nil // "grassroots merge" writes the findings files
			}
			return writeFindings(env, f.out, f.quiet)
		}
	},
}

// writeFindings writes findings.csv, findings.md and the figures of the
// findings run in dir and prints the summary table.
func writeFindings(env *env, dir string, quiet bool) error {
	r, err := findings.Write(dir)
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(env.stderr, "wrote %s, %s and %d figures in %s\n", findings.CSVFile, findings.MarkdownFile, len(r.Findings[0]), dir)
	}
	return nil
}

// mergedFindings writes the findings files of a merged findings run.
func mergedFindings(env *env, out string, quiet bool) error {
	m, err := sweep.ReadManifest(filepath.Join(out, sweep.ManifestFile))
	if err != nil || m.Runner != (findings.Runner{}).Name() {
		return err
	}
	return writeFindings(env, out, quiet)
}
