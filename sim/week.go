package sim

import (
	"context"
	"slices"
	"time"
)

// phaseNames are the phases' names in the order Step runs them, as
// scenarios name their switches (phases.<name>.enabled). The record is
// switched as "measure", the key scenarios use (kept as it is).
var phaseNames = [numPhases]string{"calendar", "needs", "services", "activities", "organizations", "discussion", "attitudes", "measure"}

// PhaseNames returns the phases' names in the order Step runs them, as
// Config.Phases names their switches.
func PhaseNames() []string { return slices.Clone(phaseNames[:]) }

// The phases, in the order Step runs them.
const (
	phaseCalendar = iota
	phaseNeeds
	phaseServices
	phaseActivities
	phaseOrganizations
	phaseDiscussion
	phaseAttitudes
	phaseRecord
	numPhases
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

// Step simulates one week: the model's weekly schedule, each phase run only
// if it is switched on (Config.Phases).
func (e *Engine) Step() {
	e.beginWeek()
	e.phase(phaseCalendar, e.calendar)
	e.clock(phaseNeeds, e.opening) // always: the week's reset, needs, services' requests
	e.phase(phaseServices, e.services)
	e.phase(phaseActivities, e.activities)
	e.phase(phaseOrganizations, e.organizations)
	e.phase(phaseDiscussion, e.discussion)
	e.phase(phaseAttitudes, e.attitudes)
	e.phase(phaseRecord, e.record)
	e.week++
}

// phase runs phase p if it is switched on.
func (e *Engine) phase(p int, run func()) {
	if e.enabled[p] {
		e.clock(p, run)
	}
}

// clock runs run, adding its wall time to phase p's when timing.
func (e *Engine) clock(p int, run func()) {
	if !e.timing {
		run()
		return
	}
	t := time.Now()
	run()
	e.phaseTime[p] += time.Since(t)
}

// EnableTiming makes Step accumulate the wall time of each phase. Work that
// shares another phase's pass counts as that phase's: services' requests
// (and the week's reset) count as the needs phase's, and without the
// attitudes phase the discussion's outcome counts as the record's.
func (e *Engine) EnableTiming() { e.timing = true }

// PhaseTimes returns the accumulated time of each phase, in the order of
// PhaseNames.
func (e *Engine) PhaseTimes() []time.Duration { return slices.Clone(e.phaseTime[:]) }

// beginWeek clears the week's shared state. Residents' records are cleared
// by the opening pass (resetShard), after the calendar, which reads none of
// them.
func (e *Engine) beginWeek() {
	e.records.recount = e.recountNow()
	e.thisWeek = weekState{}
	e.groups.reset()
	for g := range e.grids.meeting {
		e.grids.meeting[g] = false
	}
}

// opening is the week's first pass over the residents: the reset, the needs
// phase and the services phase's requests (askShard), each if switched on.
// Each touches only its resident's state and reads none that the others
// write, so they run in one pass over each shard, one after the other with
// the streams they would have had apart: the same results, one wait for the
// workers instead of three.
func (e *Engine) opening() { e.pool.run(len(e.shards), e.work.open) }

// openShard is the opening pass over one shard.
func (e *Engine) openShard(sh *shard) {
	e.resetShard(sh)
	if e.enabled[phaseNeeds] {
		e.reseed(sh, streamNeeds)
		e.needsShard(sh)
	}
	if e.enabled[phaseServices] {
		e.reseed(sh, streamServices)
		e.askShard(sh)
	}
}

// resetShard clears one shard's record of what its residents did this week.
func (e *Engine) resetShard(sh *shard) {
	clear(e.r.took[sh.lo:sh.hi])
	if e.enabled[phaseActivities] { // without it, event stays -1 (bind)
		for i := sh.lo; i < sh.hi; i++ {
			e.r.event[i] = -1
		}
	}
	if e.records.recount.ties { // components are measured again this week
		for i := sh.lo; i < sh.hi; i++ {
			e.components.parent[i] = int32(i) // plain: no other shard reads it in this pass
		}
	}
}

// weekState is what one week gives and uses; it is reset every week.
type weekState struct {
	workerPaid, workerNeedHours float64 // community workers' paid hours and service hours left for needs
	workerIssueHours            float64 // service hours kept for issues raised in discussions
	teamHours, teamUsed         float64 // social workers' casework hours available and used
	partyHours                  float64
	volunteerUsed               float64
	resolved                    [numResolvers]int // needs, by resolver
	issueBy                     [numResolvers]int // issues, by resolver
	issuesRaised                int
	issuesResolved              int
	grants                      float64 // funds given to each organization this week
	spent                       float64 // cost of this week
	outcomeInRecord             bool    // the discussion's outcome is applied in the record's pass
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
