package sim

import (
	"fmt"
	"math"
	"time"
)

// Engine runs one replication of one community. Its state comes in parts:
// the community, which the model carries from week to week; the grids' and
// the week's state; what the record keeps between weeks; and the runner,
// which holds how a week runs rather than what it models.
type Engine struct {
	cfg  Config
	seed uint64
	week int // weeks simulated so far

	community
	grids    gridState   // the grids' meeting clocks and what each holds this week
	thisWeek weekState   // what this week gives and uses; cleared when it begins
	records  records     // what the record keeps from week to week
	byGroup  groupRecord // what it keeps to measure groups (EnableGroups)
	runner

	result *Result
}

// community is the model's state, carried from week to week: residents,
// households and geography, the community's actors and institutions, and
// what last week left for this one.
type community struct {
	r          residents
	households households
	geo        geography

	vulnerable []int32 // ids of vulnerable residents
	party      []int32 // ids of party members
	workers    []communityWorker
	social     []socialWorker
	orgs       []organization
	macro      macroState

	allowed    [NumNeeds]bool    // need types within the social workers' boundary
	needHours  [NumNeeds]float64 // behaviour.need_hours by need type
	fixed      neighbours        // grown neighbours, listed when ties cannot change (influence.go)
	noLapse    []float64         // (1 − need_lapse)^k for k pending needs
	tieBelong  []float32         // belonging's weekly gain with k strong ties, before × (1 − belonging)
	components components        // union–find over strong ties (components.go)

	volunteer   [numOrgKinds]float64 // organizations' volunteer hours, given last week
	backlog     [NumNeeds]float64    // pending needs per resident at the end of last week
	globalShare float64              // share of adults who took part at their grid's last meeting
}

// gridState is each grid's meeting clock and what the grid holds this
// week, indexed by grid.
type gridState struct {
	clock   []float64 // a grid meets when its clock passes 1
	meeting []bool    // the grid meets this week
	events  []int32   // events of grid g: events[g] .. events[g+1]-1 after sorting
	serves  []bool    // [g*NumNeeds+t]: an active organization in g serves need t
	// issues raised at the meeting (the distinct ones, once resolveIssues
	// has counted them), organization members and people there, and issues
	// resolved
	raised, members, people, resolved []int32
}

func newGridState(grids int) gridState {
	g := gridState{
		clock:    make([]float64, grids),
		meeting:  make([]bool, grids),
		events:   make([]int32, grids+1),
		serves:   make([]bool, grids*NumNeeds),
		raised:   make([]int32, grids),
		members:  make([]int32, grids),
		people:   make([]int32, grids),
		resolved: make([]int32, grids),
	}
	for k := range g.clock {
		g.clock[k] = 1 - float64(k)/float64(grids) // staggered: grid 0 meets in week 0
	}
	return g
}

// records is what the record keeps from week to week.
type records struct {
	accounts  accounts     // rolling windows and running totals
	recount   recount      // what this week's record counts afresh
	counted   bool         // the record has counted every group once
	structure tieStructure // the strong-tie structure, as last measured
	network   networkStats // the network's shape, as last measured (network.go)
	// networkDue says that this week's record measures the costly network
	// figures.
	networkDue bool
}

// runner is how a week runs: which phases are on, the worker pool, the
// shards and their streams, the shard functions, scratch buffers reused
// every week and the phases' timing.
type runner struct {
	enabled   [numPhases]bool
	pool      *pool
	shards    []shard
	shardSize int
	seq       *stream // sequential steps' stream, reseeded per week and phase
	work      shardWork

	requests   []request
	deferred   []request
	wishes     []wish
	seated     []wish // wishes grouped by event
	eventStart []int32
	events     []event // this week's cultural activities
	group      []int32 // one group's ids, while it is gathered
	groups     groups  // this week's co-participation groups

	timing    bool // EnableTiming
	phaseTime [numPhases]time.Duration
}

// New builds the community described by cfg for the replication whose seed
// is seed (see ReplicationSeed), to be run on the given number of worker
// goroutines (values below 1 mean 1). Call Close when done.
func New(cfg *Config, seed uint64, workers int) (*Engine, error) {
	if errs := cfg.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("invalid configuration: %v", errs[0])
	}
	e := &Engine{cfg: cloneConfig(cfg), seed: seed}
	if err := e.build(); err != nil {
		return nil, err
	}
	e.pool = newPool(workers)
	e.seq = newStream()
	e.bind()
	e.result = &Result{Seed: seed, Residents: e.r.n, Calendar: e.cfg.Calendar, Project: e.cfg.ProjectRuns()}
	for m := range e.result.Values {
		e.result.Values[m] = make([]float64, 0, e.cfg.Calendar.Weeks())
	}
	return e, nil
}

// bind prepares what running weeks needs beyond the community as built:
// the phases' switches and shard functions, the grids' state, the tables
// taken from the configuration, and the shards. New and Fork call it.
func (e *Engine) bind() {
	for k, s := range e.cfg.Phases.Switches() {
		e.enabled[k] = s.Enabled
	}
	e.bindWork()
	n := e.r.n
	e.grids = newGridState(e.geo.grids())
	e.noLapse = make([]float64, e.cfg.Behaviour.NeedCap+1)
	for k := range e.noLapse {
		e.noLapse[k] = math.Pow(1-e.cfg.Behaviour.NeedLapse, float64(k))
	}
	// Indexed by a count of strong ties: at most the longest tie list.
	most := int32(0)
	for i := range e.r.n {
		most = max(most, e.r.tieStart[i+1]-e.r.tieStart[i])
	}
	b := &e.cfg.Behaviour
	e.tieBelong = make([]float32, most+1)
	for k := range e.tieBelong {
		e.tieBelong[k] = float32(b.StrongBelong * min(1, float64(k)/b.StrongTiesFull))
	}
	e.components = components{parent: make([]int32, n), root: make([]int32, n), size: make([]int32, n)}
	nh := e.cfg.Behaviour.NeedHours
	e.needHours = [NumNeeds]float64{NeedCare: nh.Care, NeedEconomic: nh.Economic, NeedCultural: nh.Cultural, NeedCivic: nh.Civic, NeedChildren: nh.Children}
	for _, t := range e.cfg.Project.Boundary {
		for k, name := range NeedTypes {
			if name == t {
				e.allowed[k] = true
			}
		}
	}
	e.mapServices()
	for h := range len(e.households.start) - 1 {
		if lo, hi := e.households.members(h); hi-lo == 1 {
			e.r.flags[lo] |= flagAlone
		}
	}
	if !e.enabled[phaseAttitudes] {
		e.fixed = e.fixedNeighbours()
	}
	if !e.enabled[phaseActivities] {
		// No event is attended, and the week's reset leaves event alone.
		for i := range e.r.event {
			e.r.event[i] = -1
		}
	}
	e.shardSize = shardSizeFor(n)
	e.shards = e.newShards(n, e.shardSize)
}

// Close releases the worker goroutines.
func (e *Engine) Close() { e.pool.close() }

// Week returns the number of weeks simulated so far.
func (e *Engine) Week() int { return e.week }

// Residents returns the population size.
func (e *Engine) Residents() int { return e.r.n }

// Result returns what has been recorded so far.
func (e *Engine) Result() *Result { return e.result }

// shardWork holds the functions the pool runs over shards, bound once
// (bindWork) so that running a phase does not allocate.
type shardWork struct {
	open, wish, attend, decide, outcome, attitudes, link, record func(shard, worker int)
}

// bindWork binds the shard functions, each calling a method on its shard.
func (e *Engine) bindWork() {
	on := func(fn func(*shard)) func(int, int) { return func(s, _ int) { fn(&e.shards[s]) } }
	e.work = shardWork{
		open:      on(e.openShard),
		wish:      on(e.wishShard),
		attend:    on(e.attendShard),
		decide:    on(e.decideShard),
		outcome:   on(e.outcomeShard),
		attitudes: on(e.attitudesShard),
		link:      on(e.linkShard),
		record:    func(s, worker int) { e.recordShard(&e.shards[s], worker) },
	}
}
