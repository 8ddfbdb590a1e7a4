package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/grassroots-sim/grassroots/sensitivity"
	"github.com/grassroots-sim/grassroots/sweep"
)

var cmdMerge = &command{
	Name:      "merge",
	UsageLine: "grassroots merge DIR... --out DIR [--quiet]",
	Short:     "combine the outputs of a sweep's shards",
	Long: `Merge combines the outputs of the shards of one sweep (see "grassroots help
sweep") into --out, which then holds exactly the files a single machine
would have written for the whole sweep (timing.json apart). Each DIR is a
shard's output directory or a directory of shard-K-of-N directories.

It checks that every shard belongs to the same sweep and program version
and that every (point, replication) appears exactly once. Otherwise it
lists the unfinished shards and the runs missing (with the shard that
should hold them) or duplicated, writes nothing and exits with status 1.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		out := fs.String("out", "", "output directory (required)")
		quiet := fs.Bool("quiet", false, "no summary on stderr")
		return func(_ context.Context, env *env, args []string) error {
			if len(args) == 0 {
				return usageError(env, "needs at least one shard directory")
			}
			if *out == "" {
				return usageError(env, "needs --out DIR")
			}
			res, err := sweep.Merge(args, *out, sensitivity.WriteSweep)
			noteRemoved(env.stderr, *out, res.Removed)
			if err != nil {
				return err
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(env.stderr, "warning:", w)
			}
			if !*quiet {
				fmt.Fprintf(env.stderr, "merged %d runs from %d shard directories into %s\n", res.Runs, len(res.Dirs), *out)
			}
			return nil
		}
	},
}
