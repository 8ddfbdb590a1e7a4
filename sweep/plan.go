package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Plan is a resolved sweep: its points, each with a validated
// configuration, the seed and the replications.
type Plan struct {
	Spec Spec
	// Scenario is the base scenario with the fixed values and --set
	// overrides applied; every point differs from it only in the varied
	// parameters.
	Scenario     *scenario.Scenario
	Seed         uint64
	Replications int
	Points       []Point
	// Hash identifies what the sweep computes: the resolved base
	// scenario, the parameters, the points, the seed, the replications and
	// whether time series are kept. Resuming and merging require it to
	// match.
	Hash    string
	configs []sim.Config // by point, when there are at most keepConfigs points
	shared  []string     // the overrides every point starts from
	// data reads a data community once for every point that names it
	// (without it, each point held a parsed copy of its own).
	data *scenario.DataCache
}

// keepConfigs is the most points whose configurations a plan keeps in
// memory (about 1.5 kB each); beyond it they are loaded again when run,
// so memory stays bounded whatever the sweep's size.
const keepConfigs = 20_000

// Runs returns the number of runs, points × replications. Run i is
// replication i mod Replications of point i / Replications.
func (p *Plan) Runs() int { return len(p.Points) * p.Replications }

// run returns the point and replication of run i.
func (p *Plan) run(i int) (point, rep int) { return i / p.Replications, i % p.Replications }

// NewPlan loads the base scenario, generates the points and loads every
// point's scenario (on up to workers goroutines), so that a value out of
// range anywhere in the sweep is reported before anything runs.
func NewPlan(spec *Spec, workers int) (*Plan, error) {
	s := *spec
	if s.Method == "" {
		s.Method = MethodGrid
	}
	if errs := s.check(); len(errs) > 0 {
		return nil, errs
	}
	shared := s.sharedOverrides()
	data := &scenario.DataCache{}
	base, err := data.Load(s.Base, shared)
	if err != nil {
		return nil, s.relocate(err, nil)
	}
	if s.Name == "" {
		s.Name = base.Name
	}
	p := &Plan{Spec: s, Scenario: base, Seed: base.Seed, Replications: base.Replications, shared: shared, data: data}
	if s.SeedSet {
		p.Seed = s.Seed
	}
	if s.Replications > 0 {
		p.Replications = s.Replications
	}
	switch s.Method {
	case MethodLHS:
		p.Points, err = lhsPoints(s.Params, s.Samples, p.Seed)
	default:
		p.Points, err = gridPoints(s.Params)
	}
	if err != nil {
		return nil, err
	}
	if len(p.Points) > maxRuns/p.Replications {
		return nil, fmt.Errorf("%d points × %d replications is more than the %d runs a sweep may have", len(p.Points), p.Replications, maxRuns)
	}
	if err := p.loadConfigs(workers); err != nil {
		return nil, err
	}
	p.Hash = p.hash()
	return p, nil
}

// sharedOverrides are the overrides every point starts from: the fixed
// values, then --set.
func (s *Spec) sharedOverrides() []string {
	out := make([]string, 0, len(s.Fixed)+len(s.Set))
	for _, f := range s.Fixed {
		out = append(out, f.String())
	}
	return append(out, s.Set...)
}

// overrides returns the overrides of a point's values.
func (s *Spec) overrides(pt Point) []string {
	out := make([]string, len(s.Params))
	for j, p := range s.Params {
		out[j] = p.Path + "=" + pt.Values[j].TOML
	}
	return out
}

// loadConfigs loads every point's scenario, keeping the configurations if
// there are not too many. On failure it reports the first failing point in
// point order, whichever goroutine found it.
func (p *Plan) loadConfigs(workers int) error {
	keep := len(p.Points) <= keepConfigs
	if keep {
		p.configs = make([]sim.Config, len(p.Points))
	}
	errs := make([]error, len(p.Points))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	firstBad := len(p.Points)
	for range max(1, min(workers, len(p.Points))) {
		wg.Go(func() {
			for i := range next {
				cfg, err := p.load(i)
				if err != nil {
					errs[i] = err
					mu.Lock()
					firstBad = min(firstBad, i)
					mu.Unlock()
					continue
				}
				if keep {
					p.configs[i] = *cfg
				}
			}
		})
	}
	for i := range p.Points {
		mu.Lock()
		stop := firstBad < i
		mu.Unlock()
		if stop {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if firstBad < len(p.Points) {
		return errs[firstBad]
	}
	return nil
}

// relocate rewrites scenario errors caused by the sweep's own overrides so
// that they point at the sweep file's line (or the --vary flag) and name
// the point.
func (s *Spec) relocate(err error, pt *Point) error {
	var serrs scenario.Errors
	if !errors.As(err, &serrs) {
		return err
	}
	out := make(Errors, 0, len(serrs))
	for _, e := range serrs {
		re := new(Error)
		*re = *e
		if strings.HasPrefix(e.Source, "--set ") {
			for _, f := range s.Fixed {
				if e.Source == scenario.SetSource(f.String()) && s.Source != "" {
					re.Source, re.Line = s.Source, f.Line
				}
			}
			if pt != nil {
				for j, prm := range s.Params {
					if e.Source != scenario.SetSource(prm.Path+"="+pt.Values[j].TOML) {
						continue
					}
					re.Source, re.Line = s.Source, prm.Line
					if s.Source == "" {
						re.Source = "--vary " + prm.String()
					}
					re.Msg += fmt.Sprintf(" (at point %d, %s)", pt.ID, strings.Join(s.overrides(*pt), " "))
				}
			}
		}
		out = append(out, re)
	}
	return out
}

// Overrides returns the overrides that make point i of the base scenario:
// the fixed values and --set, then the point's values.
func (p *Plan) Overrides(i int) []string {
	return append(p.shared[:len(p.shared):len(p.shared)], p.Spec.overrides(p.Points[i])...)
}

// columns are the outcome columns of runs.csv: the runner's, or nil for
// every metric (OutcomeColumns).
func (p *Plan) columns() []string {
	if p.Spec.Runner == nil {
		return nil
	}
	return p.Spec.Runner.Columns()
}

// load loads the scenario of point i.
func (p *Plan) load(i int) (*sim.Config, error) {
	pt := p.Points[i]
	s, err := p.data.Load(p.Spec.Base, p.Overrides(i))
	if err != nil {
		return nil, p.Spec.relocate(err, &pt)
	}
	return &s.Config, nil
}

// Config returns the configuration of point i: kept, or loaded again.
func (p *Plan) Config(i int) (*sim.Config, error) {
	if p.configs != nil {
		return &p.configs[i], nil
	}
	return p.load(i)
}

// hashInput is what Plan.Hash covers.
type hashInput struct {
	Format       int         `json:"format"`
	Scenario     string      `json:"scenario"`
	Method       string      `json:"method"`
	Samples      int         `json:"samples"`
	Seed         uint64      `json:"seed"`
	Replications int         `json:"replications"`
	Params       []ParamInfo `json:"parameters"`
	Points       [][]string  `json:"points"`
	Timeseries   bool        `json:"timeseries"`
	Groups       bool        `json:"groups,omitempty"` // omitted when off: the hash of a sweep without groups.csv is as it was
	Runner       string      `json:"runner,omitempty"`
	Columns      []string    `json:"columns,omitempty"`
}

// formatVersion changes whenever the meaning or layout of the outputs
// does, so that no sweep resumes or merges across it.
const formatVersion = 1

func (p *Plan) hash() string {
	in := hashInput{
		Format:       formatVersion,
		Scenario:     p.Scenario.Hash(),
		Method:       p.Spec.Method,
		Samples:      p.Spec.Samples,
		Seed:         p.Seed,
		Replications: p.Replications,
		Params:       paramInfos(p.Spec.Params),
		Timeseries:   p.Spec.Timeseries,
		Groups:       p.Spec.Groups,
		Columns:      p.columns(),
	}
	if p.Spec.Runner != nil {
		in.Runner = p.Spec.Runner.Name()
	}
	for _, pt := range p.Points {
		vals := make([]string, len(pt.Values))
		for j, v := range pt.Values {
			vals[j] = v.TOML
		}
		in.Points = append(in.Points, vals)
	}
	b, err := json.Marshal(in)
	if err != nil {
		return ""
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
