package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/sensitivity"
	"github.com/grassroots-sim/grassroots/sweep"
)

var cmdSensitivity = &command{
	Name:      "sensitivity",
	UsageLine: "grassroots sensitivity DIR [--outcomes a,b,...] [--per-run] [--out DIR] [--quiet]",
	Short:     "rank a sweep's parameters by their effect on outcomes (PRCC)",
	Long: `Sensitivity reads a finished sweep's points.csv and runs.csv and computes,
for every varied numeric parameter and every outcome, the partial rank
correlation coefficient (PRCC): the correlation of the ranks of parameter
and outcome once what the other parameters explain of each is removed. It
measures monotone effects, positive or negative, from -1 to 1. Its p-value
tests PRCC = 0 with Student's t on n - 2 - (k - 1) degrees of freedom (n
observations, k parameters).

Outcomes are runs.csv columns (default: those the sweep file names, else
participation and cohesion at the end of the project and of the follow-up). Each point is one observation,
its outcomes averaged over its replications; --per-run makes each run one.

It writes to --out (default DIR):

	sensitivity.csv   outcome, parameter, prcc, p_value, n, df
	tornado.png/.svg  the coefficients as bars, the most influential
	                  parameter at the top, not significant ones faded

and prints the table as Markdown on stdout. A Latin hypercube sweep runs
this by itself when it finishes.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		outcomes := fs.String("outcomes", "", "runs.csv columns to analyse, comma-separated (default: the sweep's, else "+strings.Join(sweep.DefaultOutcomes, ",")+")")
		perRun := fs.Bool("per-run", false, "one observation per run instead of per point")
		out := fs.String("out", "", "output directory (default: the sweep's)")
		quiet := fs.Bool("quiet", false, "no notes on stderr")
		return func(_ context.Context, env *env, args []string) error {
			if len(args) != 1 {
				return usageError(env, "takes one sweep directory, got %d", len(args))
			}
			var names []string
			for _, o := range strings.Split(*outcomes, ",") {
				if o = strings.TrimSpace(o); o != "" {
					names = append(names, o)
				}
			}
			a, err := sensitivity.AnalyzeSweep(args[0], names, *perRun)
			if err != nil {
				return err
			}
			dir := *out
			if dir == "" {
				dir = args[0]
			}
			if err := sensitivity.WriteAnalysis(dir, a); err != nil {
				return err
			}
			if !*quiet {
				for _, s := range a.Skipped {
					fmt.Fprintln(env.stderr, "skipped", s)
				}
				fmt.Fprintf(env.stderr, "wrote %s/%s and %s/%s.png, .svg\n", dir, sensitivity.File, dir, sensitivity.TornadoBase)
			}
			return sensitivity.WriteMarkdown(env.stdout, a.Coefficients)
		}
	},
}
