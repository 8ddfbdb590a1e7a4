package sim

import (
	"context"
	"time"
)

// Phase names, in the order Step runs them.
var PhaseNames = [numPhases]string{"calendar", "needs", "services", "activities", "organizations", "discussion", "attitudes", "measure"}

const (
	phaseCalendar = iota
	phaseNeeds
	phaseServices
	phaseActivities
	phaseOrganizations
	phaseDiscussion
	phaseAttitudes
	phaseMeasure
	numPhases
)

// Step simulates one week: the eight phases in order.
func (e *Engine) Step() {
	e.beginWeek()
	for p, run := range e.phases {
		if p == phaseNeeds {
			e.opening()
			continue
		}
		if !e.enabled[p] {
			continue
		}
		if e.timed {
			t := time.Now()
			run()
			e.timing[p] += time.Since(t)
		} else {
			run()
		}
	}
	e.week++
}

// EnableTiming makes Step accumulate the wall time of each phase. Without
// the attitudes phase, the discussion's outcome is applied in the record's
// pass, so its time counts as the measure's.
func (e *Engine) EnableTiming() { e.timed = true }

// PhaseTimes returns the accumulated time of each phase, by PhaseNames.
func (e *Engine) PhaseTimes() [numPhases]time.Duration { return e.timing }

// beginWeek clears the week's shared state. Residents' records are cleared
// by the opening pass (resetOn), after the calendar, which reads none of
// them.
func (e *Engine) beginWeek() {
	e.recount = e.recountNow()
	e.wk = weekState{}
	e.groups.reset()
	for g := range e.gridMeeting {
		e.gridMeeting[g] = false
	}
}

// opening is the week's first pass over the residents: the reset, the needs
// phase and the services phase's requests (askOn). Each touches only its
// resident's state and reads none that the others write, so they run in one
// pass over each shard, one after the other with the streams they would
// have had apart: the same results, one wait for the workers instead of
// three. Timed (EnableTiming), they run apart, so that each phase's time is
// its own.
func (e *Engine) opening() {
	if !e.timed {
		e.pool.run(len(e.shards), e.openShard)
		return
	}
	e.pool.run(len(e.shards), e.resetShard)
	e.timedShards(phaseNeeds, streamNeeds, e.needsShard)
	e.timedShards(phaseServices, streamServices, e.serviceAskShard)
}

// timedShards runs phase p's shard function apart, adding to its time.
func (e *Engine) timedShards(p int, key uint64, fn func(int)) {
	if e.enabled[p] {
		t := time.Now()
		e.forShards(key, fn)
		e.timing[p] += time.Since(t)
	}
}

func (e *Engine) openOn(s int) {
	e.resetOn(s)
	if e.enabled[phaseNeeds] {
		e.reseed(s, streamNeeds)
		e.needsOn(s)
	}
	if e.enabled[phaseServices] {
		e.reseed(s, streamServices)
		e.askOn(s)
	}
}

// resetOn clears one shard's record of what its residents did this week.
func (e *Engine) resetOn(s int) {
	sh := &e.shards[s]
	clear(e.r.took[sh.lo:sh.hi])
	if e.enabled[phaseActivities] { // without it, event stays -1 (bind)
		for i := sh.lo; i < sh.hi; i++ {
			e.r.event[i] = -1
		}
	}
	if e.recount.ties { // components are measured again this week
		for i := sh.lo; i < sh.hi; i++ {
			e.parent[i] = int32(i) // plain: no other shard reads it in this pass
		}
	}
}

// weekState is what one week gives and uses; it is reset every week.
type weekState struct {
	cwPaid, cwHours float64 // community workers' paid hours and service hours left for needs
	cwIssueHours    float64 // service hours kept for issues raised in discussions
	swHours, swUsed float64 // social workers' casework hours available and used
	partyHours      float64
	volunteerUsed   float64
	resolved        [numResolvers]int // needs, by resolver
	issueBy         [numResolvers]int // issues, by resolver
	issuesRaised    int
	issuesResolved  int
	grants          float64 // funds given to each organization this week
	spent           float64 // cost of this week
	outcomeInRecord bool    // the discussion's outcome is applied in the record's pass
}

// Who resolves needs and issues, for governance diversity.
const (
	byCommittee = iota
	bySocialWorkers
	byPartyMembers
	byOrganizations
	byResidents
	numResolvers
)

// Run simulates the whole horizon, or what remains of it, and returns the
// recorded result. It stops early with ctx's error if ctx is cancelled.
func (e *Engine) Run(ctx context.Context) (*Result, error) {
	for e.week < e.cfg.Calendar.Weeks() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e.Step()
	}
	return e.result, nil
}
