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
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

var cmdCompare = &command{
	Name:      "compare",
	UsageLine: "grassroots compare SCENARIO... [--baseline NAME] [--reps N] [--seed S] [--workers W] [--metrics a,b,...] [--out DIR] [--set path=value]... [--posterior FILE] [--max-memory SIZE] [--quiet]",
	Short:     "compare scenarios with a baseline, paired by replication",
	Long: `Compare runs every scenario with common random numbers (replication r of
each uses the same seed) and reports each one's difference from the baseline
with a 95% interval over the paired replications. Scenarios that share their
first weeks are simulated once up to the week they first differ and then
forked, which gives the same numbers as separate runs, faster.

It writes to the output directory (default results/compare-<names>/):

	<metric>.png, .svg   the scenarios' mean curves with 95% bands, overlaid
	<metric>_diff.png,   each scenario's paired difference from the baseline,
	  .svg               week by week, with its 95% band
	comparison.csv       per scenario, metric and point in time (end_of_project,
	                     end_of_horizon, auc): the mean, the paired difference
	                     from the baseline and its 95% interval, the total cost,
	                     the extra cost and the gain per 10,000 yuan of it
	groups.csv           per scenario, replication, week and group of residents
	                     (as run writes it)
	report.html          one self-contained page to read or print: the scenarios
	                     and what each changes, the figures, the table, who
	                     gains by income fifth (each fifth's paired difference,
	                     the gap and the concentration index in words), the
	                     assumptions and what the model cannot tell
	manifest.json        scenarios, hashes, seeds, versions

and prints the comparison at the end of the project and of the horizon as
a Markdown table on stdout. The baseline is --baseline (default: the first
scenario) and is added to the scenarios if missing; the seed and number of
replications default to the baseline's. All scenarios must share the
baseline's calendar (align them with --set calendar.<stage>_weeks=N, which
applies to every scenario); communities of different sizes are compared
with a warning. --posterior DIR/posterior.csv (from calibrate) draws each
replication's parameters from that posterior, by weight, the same draw for
every scenario of the replication, so that the intervals include what the
calibration leaves uncertain; the manifest records the file, its sha256 and
each replication's draw. Beyond 80 characters of names, the default directory is
results/compare-<12 hex digits of a hash of the names>.
Outputs are replaced as a whole and memory is checked first, as for run.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		var f runFlags
		f.declare(fs, "results/compare-<names joined by +>, or compare-<hash> when longer than 80 characters")
		f.memory = declareMemory(fs)
		f.declarePosterior(fs)
		baseline := fs.String("baseline", "", "the scenario the others are compared with (default: the first)")
		metrics := fs.String("metrics", "participation,cohesion", "metrics to draw and tabulate, comma-separated")
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) == 0 {
				return usageError(env, "needs at least one scenario")
			}
			if err := f.check(); err != nil {
				return usageError(env, "%v", err)
			}
			ms, err := parseMetrics(*metrics)
			if err != nil {
				return usageError(env, "%v", err)
			}
			return f.withProfiles(func() error { return compareScenarios(ctx, env, args, *baseline, ms, &f) })
		}
	},
}

// parseMetrics reads a --metrics list of metric names.
func parseMetrics(list string) ([]sim.Metric, error) {
	var ms []sim.Metric
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		m, ok := sim.MetricByName(name)
		if !ok {
			names := make([]string, len(sim.Metrics))
			for k, info := range sim.Metrics {
				names[k] = info.Name
			}
			return nil, fmt.Errorf("unknown metric %q%s; known: %s", name, scenario.Suggest(name, names), strings.Join(names, ", "))
		}
		ms = append(ms, m)
	}
	return ms, nil
}

func compareScenarios(ctx context.Context, env *env, refs []string, baseline string, metrics []sim.Metric, f *runFlags) error {
	if baseline == "" {
		baseline = refs[0]
	}
	// The baseline goes first: the others fork from it.
	ordered := []string{baseline}
	for _, r := range refs {
		if r != baseline {
			ordered = append(ordered, r)
		}
	}
	var scenarios []*scenario.Scenario
	cfgs := make([]*sim.Config, len(ordered))
	names := make([]string, len(ordered))
	data := f.memory.dataCache() // scenarios on the same data files share one reading
	for i, ref := range ordered {
		s, err := data.Load(ref, f.set)
		if err != nil {
			return err
		}
		warn(env, s)
		if i > 0 && s.Config.Calendar != scenarios[0].Config.Calendar {
			return calendarMismatch(s, scenarios[0])
		}
		if i > 0 && s.Config.Community.Households != scenarios[0].Config.Community.Households {
			fmt.Fprintf(env.stderr, "warning: %s has %d households, the baseline %s %d: the differences mix the scenario's effect with the community's size\n",
				s.Name, s.Config.Community.Households, scenarios[0].Name, scenarios[0].Config.Community.Households)
		}
		for _, other := range names[:i] {
			if other == s.Name {
				return fmt.Errorf("scenario %s given twice", s.Name)
			}
		}
		// Scenarios reading the same data share one copy of it, which
		// also lets them fork from each other.
		shareData(scenarios, s)
		scenarios = append(scenarios, s)
		cfgs[i] = &scenarios[i].Config
		names[i] = s.Name
	}
	seed, reps := scenarios[0].Seed, scenarios[0].Replications
	if f.seedSet {
		seed = f.seed
	}
	if f.reps > 0 {
		reps = f.reps
	}
	replication := func(int) []*sim.Config { return cfgs }
	need := compareMemory(cfgs, reps, f.workers)
	var draws *posteriorDraws
	if f.posterior != "" {
		var err error
		if draws, err = drawPosterior(f.posterior, data, ordered, f.set, seed, reps); err != nil {
			return err
		}
		replication = draws.configs
		need = draws.need(func(c []*sim.Config) memoryNeed { return compareMemory(c, reps, f.workers) })
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", compareDirName(names))
	}
	var inputs []string
	for _, s := range scenarios {
		inputs = append(inputs, s.Files()...)
	}
	inputs = f.inputs(inputs)
	out, err := checkOutputDir(dir, runOutputExts, inputs, f.profile.own()...)
	if err != nil {
		return err
	}
	out.noteRemoved(env.stderr)
	if err := f.memory.check(need, true); err != nil {
		return err
	}
	if err := f.profile.start(inputs); err != nil {
		return err
	}
	results, wall, err := simulate(ctx, env.stderr, f.quiet, "compare", out, func(progress func(int, int)) ([][]*sim.Result, error) {
		return experiment.CompareEach(ctx, len(cfgs), replication, experiment.Options{Seed: seed, Replications: reps, Workers: f.workers, Progress: progress, Groups: true})
	})
	if err != nil {
		return err
	}
	cmp, err := report.Compare(names, results, 0, metrics)
	if err != nil {
		return err
	}
	cmp.Posterior = f.posterior
	err = out.write(ctx, env.args, func(tmp string) error {
		return writeComparison(tmp, names, results, metrics, cmp, scenarios, seed, draws, f.workers, wall, env.args)
	})
	if err != nil {
		return err
	}
	if err := report.WriteComparisonMarkdown(env.stdout, cmp); err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(env.stderr, "compared %d scenarios × %d replications in %.2fs; wrote %s\n", len(names), reps, wall.Seconds(), dir)
	}
	return nil
}

// calendarMismatch explains why s cannot be compared with the baseline:
// their weeks and points in time would not line up. It names each
// differing stage and the --set that aligns them (--set applies to every
// scenario compared).
func calendarMismatch(s, base *scenario.Scenario) error {
	a, b := s.Config.Calendar, base.Config.Calendar
	var diffs, sets []string
	for _, c := range []struct {
		key        string
		have, want int
	}{
		{"pre_project_weeks", a.PreProject, b.PreProject},
		{"initial_weeks", a.Initial, b.Initial},
		{"middle_weeks", a.Middle, b.Middle},
		{"later_weeks", a.Later, b.Later},
		{"follow_up_weeks", a.FollowUp, b.FollowUp},
	} {
		if c.have != c.want {
			diffs = append(diffs, fmt.Sprintf("%s %d, the baseline's %d", c.key, c.have, c.want))
			sets = append(sets, fmt.Sprintf("--set calendar.%s=%d", c.key, c.want))
		}
	}
	return fmt.Errorf("%s has another calendar than the baseline %s (%s): the weeks and the points compared would not line up; "+
		"give every scenario the same [calendar], e.g. with %s, which applies to all of them",
		s.Name, base.Name, strings.Join(diffs, "; "), strings.Join(sets, " "))
}

// compareMemory estimates what comparing cfgs needs. Each replication
// running holds the communities of one branch of the fork plan at once (a
// scenario's engine lives while the scenarios forked from it run).
func compareMemory(cfgs []*sim.Config, reps, workers int) memoryNeed {
	concurrent, _ := experiment.Split(workers, reps)
	plan := experiment.PlanForks(cfgs)
	n := memoryNeed{what: "the comparison", engines: concurrent, other: processOverhead}
	branch := make([]int64, len(cfgs)) // bytes held while scenario i runs
	var seen []*sim.Population
	groups := 0 // the most groups of a scenario: groups.csv's writer holds a few chunks of their rows
	for i, cfg := range cfgs {
		groups = max(groups, sim.GroupCount(cfg))
		est := sim.EstimateBytes(cfg)
		branch[i] = est
		// PlanForks puts every parent before its children.
		if p := plan.Parent[i]; p >= 0 && p < i {
			branch[i] += branch[p]
		}
		n.perEngine = max(n.perEngine, branch[i])
		n.residents = max(n.residents, residentsOf(cfg))
		n.other += int64(reps) * resultBytes(cfg)
		if cfg.Data != nil && !slices.Contains(seen, cfg.Data) {
			seen = append(seen, cfg.Data)
			n.other += dataBytes(cfg.Data)
		}
	}
	n.other += report.GroupsWriterBytes(groups)
	return n
}

// compareDirName names the output after the scenarios, or after a hash of
// their names when that would be too long for a directory name.
func compareDirName(names []string) string {
	joined := strings.Join(names, "+")
	if len(joined) <= 80 {
		return "compare-" + joined
	}
	h := sha256.Sum256([]byte(strings.Join(names, "\n")))
	return "compare-" + hex.EncodeToString(h[:])[:12]
}

func writeComparison(dir string, names []string, results [][]*sim.Result, metrics []sim.Metric, cmp report.Comparison,
	scenarios []*scenario.Scenario, seed uint64, draws *posteriorDraws, workers int, wall time.Duration, args []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// groups.csv, the largest file, is written while the figures are drawn.
	wait := report.WriteGroupsFile(filepath.Join(dir, "groups.csv"), names, results)
	if err := errors.Join(writeComparisonFiles(dir, names, results, metrics, cmp, scenarios, seed), wait()); err != nil {
		return err
	}
	// One manifest entry per scenario, as run does, under one file.
	var all []report.Manifest
	for i, s := range scenarios {
		m, err := manifest(s, results[i], workers, wall, args)
		if err != nil {
			return err
		}
		m.Seed = seed
		if draws != nil {
			m.Posterior = draws.record()
		}
		all = append(all, m)
	}
	return atomicfile.WriteJSON(filepath.Join(dir, "manifest.json"), struct {
		Baseline  string            `json:"baseline"`
		GoVersion string            `json:"go_version"`
		Scenarios []report.Manifest `json:"scenarios"`
	}{names[0], runtime.Version(), all})
}

// writeComparisonFiles writes the comparison's figures, comparison.csv and
// report.html.
func writeComparisonFiles(dir string, names []string, results [][]*sim.Result, metrics []sim.Metric, cmp report.Comparison,
	scenarios []*scenario.Scenario, seed uint64) error {
	for _, m := range metrics {
		series := make([]report.Series, len(names))
		for i := range names {
			series[i] = report.Series{Label: names[i], Results: results[i]}
		}
		p, err := report.Curve(m, series)
		if err != nil {
			return err
		}
		if err := report.SaveFigure(p, dir, sim.Metrics[m].Name); err != nil {
			return err
		}
		if len(series) > 1 {
			if p, err = report.Difference(m, series, 0); err != nil {
				return err
			}
			if err := report.SaveFigure(p, dir, sim.Metrics[m].Name+"_diff"); err != nil {
				return err
			}
		}
	}
	err := atomicfile.Write(filepath.Join(dir, "comparison.csv"), func(w io.Writer) error {
		return report.WriteComparison(w, cmp)
	})
	if err != nil {
		return err
	}
	return report.WriteHTMLFile(filepath.Join(dir, "report.html"), report.ScenarioReport(scenarios, results, metrics, seed, version()))
}
