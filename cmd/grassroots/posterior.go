package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/calibrate"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// declarePosterior declares --posterior, for the commands that run
// replications of scenarios (run, compare).
func (f *runFlags) declarePosterior(fs *flag.FlagSet) {
	fs.StringVar(&f.posterior, "posterior", "", "draw each replication's parameters from this posterior.csv (written by calibrate)")
}

// inputs adds the posterior, if any, to the files a command reads, which
// its output directory must not hold.
func (f *runFlags) inputs(files []string) []string {
	if f.posterior != "" {
		return append(files, f.posterior)
	}
	return files
}

// posteriorDraws gives each replication the parameters of one draw from a
// posterior: the same draw for every scenario of a comparison.
type posteriorDraws struct {
	post  *calibrate.Posterior
	picks []int                 // picks[r] is replication r's draw
	cfgs  map[int][]*sim.Config // each picked draw's configurations, one per scenario
}

// drawPosterior reads the posterior at path, picks every replication's
// draw (by weight, from a stream of the seed and the replication) and
// loads each scenario of refs with set and each picked draw's values, so
// that a value a scenario refuses is reported before anything runs.
func drawPosterior(path string, data *scenario.DataCache, refs, set []string, seed uint64, reps int) (*posteriorDraws, error) {
	post, err := calibrate.ReadPosterior(path)
	if err != nil {
		return nil, err
	}
	for _, s := range set {
		key, _, _ := strings.Cut(s, "=")
		if slices.Contains(post.Paths, strings.TrimSpace(key)) {
			return nil, fmt.Errorf("--set %s: the posterior %s draws %s in every replication; leave it out of --set or out of the posterior",
				s, path, strings.TrimSpace(key))
		}
	}
	d := &posteriorDraws{post: post, picks: make([]int, reps), cfgs: map[int][]*sim.Config{}}
	for r := range reps {
		i := post.Pick(seed, r)
		d.picks[r] = i
		if d.cfgs[i] != nil {
			continue
		}
		overrides := append(slices.Clone(set), post.Overrides(i)...)
		var loaded []*scenario.Scenario
		for _, ref := range refs {
			s, err := data.Load(ref, overrides)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: draw %s does not apply to %s: %w", path, post.Draws[i].Line, post.Draws[i].ID, ref, err)
			}
			shareData(loaded, s)
			loaded = append(loaded, s)
			d.cfgs[i] = append(d.cfgs[i], &s.Config)
		}
	}
	return d, nil
}

// configs returns replication r's configurations.
func (d *posteriorDraws) configs(r int) []*sim.Config { return d.cfgs[d.picks[r]] }

// record is what the manifest says of the draws.
func (d *posteriorDraws) record() *report.PosteriorDraws {
	rec := &report.PosteriorDraws{File: d.post.Source, SHA256: d.post.SHA256, Parameters: d.post.Paths}
	for _, i := range d.picks {
		rec.Draws = append(rec.Draws, d.post.Draws[i].ID)
	}
	return rec
}

// need is the largest memory need of any draw's configurations.
func (d *posteriorDraws) need(needOf func([]*sim.Config) memoryNeed) memoryNeed {
	var most memoryNeed
	for _, cfgs := range d.cfgs {
		n := needOf(cfgs)
		if n.total() > most.total() {
			most = n
		}
	}
	return most
}

// shareData makes s read the same community as an earlier scenario that
// reads the same data, which saves its memory and lets them fork.
func shareData(earlier []*scenario.Scenario, s *scenario.Scenario) {
	for _, other := range earlier {
		if s.DataHash != "" && other.DataHash == s.DataHash {
			s.Config.Data = other.Config.Data
		}
	}
}
