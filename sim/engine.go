package sim

import (
	"fmt"
	"math"
	"time"
)

// Engine runs one replication of one community.
type Engine struct {
	cfg       Config
	seed      uint64
	week      int
	pool      *pool
	shards    []shard
	shardSize int
	seq       *stream // sequential steps' stream, reseeded per week and phase
	phases    [numPhases]func()
	enabled   [numPhases]bool
	timing    [numPhases]time.Duration
	timed     bool

	r   residents
	hh  households
	geo geography

	vulnerable []int32 // ids of vulnerable residents
	party      []int32 // ids of party members
	workers    []communityWorker
	social     []socialWorker
	orgs       []organization

	env environment
	wk  weekState
	acc accounts

	// Shard functions bound once, so running a phase does not allocate.
	needsShard, serviceAskShard, activityWishShard, activityEffectShard,
	discussionShard, discussionEffectShard, attitudesShard, measureShard, linkShard, resetShard, openShard func(int)

	allowed     [NumNeeds]bool       // need types within the social workers' boundary
	volunteer   [numOrgKinds]float64 // organizations' volunteer hours, given last week
	backlog     [NumNeeds]float64    // pending needs per resident at the end of last week
	globalShare float64              // share of adults who took part at their grid's last meeting
	recount     recount              // what this week's record counts afresh
	counted     bool                 // the record has counted every group once
	structure   tieStructure         // the strong-tie structure, as last measured
	fixed       neighbours           // grown neighbours, listed when ties cannot change (influence.go)
	noLapse     []float64            // (1 − need_lapse)^k for k pending needs

	// Per-grid state.
	gridClock                                         []float64
	gridMeeting                                       []bool
	gridEvents                                        []int32 // events of grid g: gridEvents[g] .. gridEvents[g+1]-1 after sorting
	gridServes                                        []bool  // [g*NumNeeds+t]: an active organization in g serves need t
	gridRaised, gridMembers, gridPeople, gridResolved []int32

	// Scratch buffers reused every week.
	requests   []request
	deferred   []request
	wishes     []wish
	seated     []wish // wishes grouped by event
	eventStart []int32
	events     []event
	group      []int32
	groups     groups
	parent     []int32 // union–find over strong ties (components.go)
	root       []int32 // each resident's root, found by the measure
	compSize   []int32

	result *Result
}

// geography maps buildings and grids to resident id ranges.
type geography struct {
	buildingStart []int32 // residents of building b: buildingStart[b] .. buildingStart[b+1]-1
	buildingGrid  []int32
	gridStart     []int32 // residents of grid g: gridStart[g] .. gridStart[g+1]-1
	linked        []int32 // linked party members per building this week
	unlinked      []int32 // other party members per building
}

func (g *geography) grids() int { return len(g.gridStart) - 1 }

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
	e.result = &Result{Seed: seed, Residents: e.r.n, Calendar: e.cfg.Calendar}
	for m := range e.result.Values {
		e.result.Values[m] = make([]float64, 0, e.cfg.Calendar.Weeks())
	}
	return e, nil
}

func (e *Engine) bind() {
	for k, s := range e.cfg.Phases.Switches() {
		e.enabled[k] = s.Enabled
	}
	// The needs phase runs in the week's opening pass (see opening).
	e.phases = [numPhases]func(){e.calendar, nil, e.services, e.activities, e.organizations, e.discussion, e.attitudes, e.measure}
	e.needsShard = e.needsOn
	e.serviceAskShard = e.askOn
	e.activityWishShard = e.wishOn
	e.activityEffectShard = e.attendOn
	e.discussionShard = e.decideOn
	e.discussionEffectShard = e.outcomeOn
	e.attitudesShard = e.attitudesOn
	e.measureShard = e.measureOn
	e.linkShard = e.linkOn
	e.resetShard = e.resetOn
	e.openShard = e.openOn
	n := e.r.n
	grids := e.geo.grids()
	e.gridClock = make([]float64, grids)
	for g := range e.gridClock {
		e.gridClock[g] = 1 - float64(g)/float64(grids) // staggered: grid 0 meets in week 0
	}
	e.gridMeeting = make([]bool, grids)
	e.gridEvents = make([]int32, grids+1)
	e.gridServes = make([]bool, grids*NumNeeds)
	e.gridRaised = make([]int32, grids)
	e.gridMembers = make([]int32, grids)
	e.gridPeople = make([]int32, grids)
	e.gridResolved = make([]int32, grids)
	e.noLapse = make([]float64, e.cfg.Behaviour.NeedCap+1)
	for k := range e.noLapse {
		e.noLapse[k] = math.Pow(1-e.cfg.Behaviour.NeedLapse, float64(k))
	}
	e.parent = make([]int32, n)
	e.root = make([]int32, n)
	e.compSize = make([]int32, n)
	for _, t := range e.cfg.Project.Boundary {
		for k, name := range NeedTypes {
			if name == t {
				e.allowed[k] = true
			}
		}
	}
	e.mapServices()
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
	e.shards = make([]shard, (n+e.shardSize-1)/e.shardSize)
	for s := range e.shards {
		lo, hi := s*e.shardSize, min(n, (s+1)*e.shardSize)
		// Grids are contiguous id ranges: a shard meets only a few.
		gridLo := e.gridOf(lo)
		// Buffers at their largest from the start, so weeks never
		// allocate: a request per resident and need type at most (one
		// urgent), one wish and one decision to take part per resident.
		e.shards[s] = shard{lo: lo, hi: hi, rng: newStream(), gridLo: gridLo,
			gridIssues:   make([]int32, 3*(e.gridOf(hi-1)-gridLo+1)),
			urgent:       make([]request, 0, hi-lo),
			requests:     make([]request, 0, NumNeeds*(hi-lo)),
			wishes:       make([]wish, 0, hi-lo),
			participants: make([]int32, 0, hi-lo)}
	}
}

// Close releases the worker goroutines.
func (e *Engine) Close() { e.pool.close() }

// Week returns the number of weeks simulated so far.
func (e *Engine) Week() int { return e.week }

// Residents returns the population size.
func (e *Engine) Residents() int { return e.r.n }

// Result returns what has been recorded so far.
func (e *Engine) Result() *Result { return e.result }
