package experiment

import (
	"sync"

	"github.com/grassroots-sim/grassroots/sim"
)

// Resume keeps engines of earlier comparisons at the start of each
// scenario's middle stage, so that a later comparison whose scenarios
// differ from them only from there on (a longer middle or later stage,
// another follow-up) forks from them where sim.ForkWeek allows, instead of
// simulating those weeks again. The results are the same bit for bit: a
// fork at ForkWeek is a fresh run. The workbench's sliders use it: moving a
// stage length changes every scenario, the baseline included. It is safe
// for concurrent use.
type Resume struct {
	mu     sync.Mutex
	budget int64  // bytes of kept engines at most (sim.EstimateBytes each)
	held   int64  // bytes kept now
	kept   []kept // oldest first
}

// kept is one engine of one replication of one configuration.
type kept struct {
	cfg    *sim.Config
	seed   uint64 // the comparison's seed
	r      int
	groups bool // whether it measures groups: a fork inherits that
	e      *sim.Engine
	bytes  int64
}

// NewResume returns a Resume that holds at most budget bytes of engines,
// dropping the oldest first.
func NewResume(budget int64) *Resume { return &Resume{budget: budget} }

// keepWeek is the week at whose start Resume keeps a run of cfg: the
// first of its middle stage.
func keepWeek(cfg *sim.Config) int { return cfg.Calendar.PreProject + cfg.Calendar.Initial }

// find returns the kept engine of replication r of the comparison seeded
// seed that replication r of cfg can fork from, the latest if several, or
// nil.
func (z *Resume) find(cfg *sim.Config, seed uint64, r int, groups bool) *sim.Engine {
	z.mu.Lock()
	defer z.mu.Unlock()
	var best *sim.Engine
	for _, k := range z.kept {
		if k.seed == seed && k.r == r && k.groups == groups && sim.ForkWeek(k.cfg, cfg) >= k.e.Week() &&
			(best == nil || k.e.Week() > best.Week()) {
			best = k.e
		}
	}
	return best
}

// keep keeps a copy of e, replication r of cfg, if the budget allows.
func (z *Resume) keep(cfg *sim.Config, seed uint64, r int, groups bool, e *sim.Engine) error {
	bytes := sim.EstimateBytes(cfg)
	if bytes > z.budget {
		return nil
	}
	c, err := e.Fork(cfg, 1)
	if err != nil {
		return err
	}
	own := *cfg
	z.mu.Lock()
	defer z.mu.Unlock()
	for z.held+bytes > z.budget {
		z.kept[0].e.Close()
		z.held -= z.kept[0].bytes
		z.kept = z.kept[1:]
	}
	z.kept = append(z.kept, kept{cfg: &own, seed: seed, r: r, groups: groups, e: c, bytes: bytes})
	z.held += bytes
	return nil
}

// startFrom adjusts replication r's plan to start scenarios from kept
// engines: scenario i starts from one whose week is later than the week
// the plan forks i at, and then forks from nothing; a scenario whose parent
// now starts later than its fork week starts afresh, or from a kept engine
// of its own. It returns the engine each scenario starts from, nil for the
// plan's fork or a fresh build, and the plan to follow, a copy.
func (z *Resume) startFrom(cfgs []*sim.Config, plan Plan, seed uint64, r int, groups bool) ([]*sim.Engine, Plan) {
	p := Plan{Parent: append([]int(nil), plan.Parent...), Week: append([]int(nil), plan.Week...)}
	starts := make([]*sim.Engine, len(cfgs))
	for i, cfg := range cfgs {
		if k := z.find(cfg, seed, r, groups); k != nil && k.Week() > p.Week[i] {
			starts[i] = k
			p.Parent[i], p.Week[i] = -1, k.Week()
		}
	}
	// Parents come before their children (PlanForks), so one pass in order
	// settles every chain.
	for i := range cfgs {
		if q := p.Parent[i]; q >= 0 && p.Week[q] > p.Week[i] {
			p.Parent[i], p.Week[i] = -1, 0
		}
	}
	return starts, p
}
