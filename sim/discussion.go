package sim

import (
	"math"
	"slices"
)

// discussion holds the meetings on community affairs. Each grid meets at
// the channels' interval (grids are staggered so that some grid meets most
// weeks). Linked party members invite neighbours; under the discussion
// measure social workers invite residents and bring organization members,
// and after handover organizations keep bringing theirs; every adult of a meeting grid decides
// whether to take part (the participation decision); participants raise
// issues; the committee resolves what its capacity and responsiveness allow,
// social workers and organization members in the room resolve some
// themselves; then participants' efficacy and trust move toward the share
// of their grid's issues that were resolved.
func (e *Engine) discussion() {
	// Each grid meets at the (possibly intervened) interval. Grid clocks
	// start staggered, so meetings spread over the weeks.
	held := false
	for g := range e.grids.clock {
		e.grids.clock[g] += 1 / e.macro.interval
		if e.grids.clock[g] >= 1 {
			e.grids.clock[g] -= math.Floor(e.grids.clock[g])
			e.grids.meeting[g] = true
			held = true
		}
	}
	if !held {
		return
	}
	rng := e.sequential(streamDiscussion)
	e.invite(rng)
	e.forShards(streamDiscussion, e.work.decide)

	grids := e.geo.grids()
	for g := range grids {
		e.grids.raised[g], e.grids.members[g], e.grids.people[g] = 0, 0, 0
	}
	for s := range e.shards {
		sh := &e.shards[s]
		for k := 0; k < len(sh.gridIssues); k += 3 {
			g := int(sh.gridLo) + k/3
			e.grids.raised[g] += sh.gridIssues[k]
			e.grids.members[g] += sh.gridIssues[k+1]
			e.grids.people[g] += sh.gridIssues[k+2]
		}
	}
	e.resolveIssues(rng)
	if !e.enabled[phaseAttitudes] {
		// Nothing runs between the discussion and the record, so the
		// record's pass applies the effect (recordShard): one pass less.
		e.thisWeek.outcomeInRecord = true
		return
	}
	e.groupMeetings()
	e.forShards(streamDiscussion+streamSequential/2, e.work.outcome)
}

// groupMeetings records each grid's participants as a co-participation
// group, for the ties the attitudes phase grows (without it, nothing reads
// them, and the copy is left out).
func (e *Engine) groupMeetings() {
	e.group = e.group[:0]
	for s := range e.shards {
		e.group = append(e.group, e.shards[s].participants...)
	}
	// Participants are in id order, hence grouped by grid.
	for lo := 0; lo < len(e.group); {
		g := e.gridOf(int(e.group[lo]))
		hi := lo
		for hi < len(e.group) && e.gridOf(int(e.group[hi])) == g {
			hi++
		}
		e.groups.add(e.group[lo:hi], e.cfg.Behaviour.MeetTieGrowth)
		lo = hi
	}
}

func (e *Engine) gridOf(i int) int32 { return e.geo.buildingGrid[e.r.building[i]] }

// invite marks residents personally invited to this week's meetings:
// linked party members invite neighbours in their building, the project
// invites residents at random, and members of living organizations are
// brought in with a chance that grows with the organization's activity.
func (e *Engine) invite(rng *stream) {
	r := &e.r
	for _, id := range e.party {
		i := int(id)
		if r.flags[i]&flagLinked == 0 || !e.grids.meeting[e.gridOf(i)] {
			continue
		}
		building := r.building[i]
		lo, hi := int(e.geo.buildingStart[building]), int(e.geo.buildingStart[building+1])
		for range e.cfg.Behaviour.PartyInvites {
			r.took[lo+rng.IntN(hi-lo)] |= didInvited
		}
	}
	d := e.macro.effort[measureDiscussion]
	if d > 0 {
		n := int(d*e.macro.productivity*e.cfg.Behaviour.ProjectInvites*float64(r.n)/1000 + rng.Float64())
		for range n {
			r.took[rng.IntN(r.n)] |= didInvited
		}
	}
	// Bringing organization members into the discussion: the project does
	// it under its discussion measure; after handover, active organizations
	// keep doing it as far as the practice was institutionalised.
	bring := max(d, e.macro.institution)
	if bring == 0 {
		return
	}
	for o := range e.orgs {
		org := &e.orgs[o]
		if !org.alive {
			continue
		}
		p := bring * org.activity
		for _, id := range org.members {
			if rng.Float64() < p {
				r.took[id] |= didInvited
			}
		}
	}
}

// decideShard runs the participation decision for one shard. Counts and the
// list of participants are kept in locals and stored once per grid: kept
// in the shard, every increment waited for the one before it. The list is
// kept only for the attitudes phase, the one that reads it (without it the
// record applies the outcome, reading took).
func (e *Engine) decideShard(sh *shard) {
	rng := sh.rng
	r := &e.r
	p := &e.cfg.Participation
	issue := chanceOf(e.cfg.Behaviour.IssueRate)
	clear(sh.gridIssues)
	listed := sh.participants[:0]
	open := e.macro.openness
	threshold := p.Rule == "threshold"
	list := e.enabled[phaseAttitudes]
	for g, sp := range e.gridSpans(sh) {
		if !e.grids.meeting[g] {
			continue
		}
		var raised, members, people int32
		var met []bool
		if threshold {
			met = e.thresholdMet(sp, sh.met)
			sh.met = met
		}
		for i := sp.lo; i < sp.hi; i++ {
			if child(r.prevTook[i]) {
				continue
			}
			var take bool
			if threshold {
				take = met[i-sp.lo] && (open >= 1 || rng.Float64() < open)
			} else {
				take = belowLogistic(rng.Float64(), open, e.affairsUtility(i))
			}
			if !take {
				continue
			}
			r.took[i] |= didAffairs
			if list {
				listed = append(listed, int32(i))
			}
			people++
			if r.orgCount[i] > 0 {
				members++
			}
		}
		raised = int32(rng.successes(issue, int(people)))
		k := 3 * (g - sh.gridLo)
		sh.gridIssues[k], sh.gridIssues[k+1], sh.gridIssues[k+2] = raised, members, people
	}
	sh.participants = listed
}

// affairsUtility is the logit rule's utility of taking part for resident
// i: its attitudes, its ties' share who took part at their last meeting,
// its shortage of time, membership, an invitation and its reticence. It
// stays out of decideShard's loop so that the threshold rule's neighbour
// count keeps its registers (docs/performance.md).
func (e *Engine) affairsUtility(i int) float64 {
	r := &e.r
	p := &e.cfg.Participation
	u := p.Intercept + p.Efficacy*float64(r.efficacy[i]) + p.Trust*float64(r.trust[i]) +
		p.Belonging*float64(r.belong[i]) + p.Social*e.tieShare(i, didAffairs) -
		p.TimeShort*shortage(r.time[i], e.cfg.Behaviour.EnoughHours)
	if r.orgCount[i] > 0 {
		u += p.Membership
	}
	if r.took[i]&didInvited != 0 {
		u += p.Invitation
	}
	if r.reticence != nil {
		u -= p.Reticence * float64(r.reticence[i])
	}
	return u
}

// thresholdMet reports, for each resident of sp, whether it meets its
// threshold (meetsThreshold): the share of its neighbours who took part at
// their last meeting, or with global influence of the community's adults.
// On the fixed list the rule is applied by counts (neighbours.meets). It
// runs as a pass of its own over the grid before the decisions, which read
// last week's state only, so that the neighbour count runs in a tight loop
// with its sum in a register (docs/performance.md). met is scratch, returned
// grown to the span.
func (e *Engine) thresholdMet(sp span, met []bool) []bool {
	r := &e.r
	met = slices.Grow(met[:0], sp.hi-sp.lo)[:sp.hi-sp.lo]
	// Children do not take part: their marks stay false, and their
	// neighbours are not counted.
	switch {
	case e.cfg.Participation.Influence == "global":
		for k := range met {
			i := sp.lo + k
			met[k] = grown(r.prevTook[i]) && meetsThreshold(e.globalShare, r.threshold[i])
		}
	case e.fixed.start != nil:
		e.fixed.metSpan(sp.lo, r.prevTook, met)
	default:
		for k := range met {
			i := sp.lo + k
			met[k] = grown(r.prevTook[i]) && meetsThreshold(e.tieShare(i, didAffairs), r.threshold[i])
		}
	}
	return met
}

// meetsThreshold is the threshold rule (Granovetter): a resident takes
// part when the share of its neighbours who took part at their last
// meeting (with global influence, of the community's adults) reaches its
// threshold. Shares are compared in float32, the thresholds' precision, so
// that a threshold of k/n is met by exactly k of n. On the fixed list of
// neighbours the rule is applied by counts (neighbours.meets).
func meetsThreshold(share float64, threshold float32) bool { return float32(share) >= threshold }

// resolveIssues settles the issues raised in each grid. Organization
// members in the room resolve a share self_governance × their share of the
// participants; social workers facilitating the discussion measure resolve
// some more; the committee resolves the rest as far as the hours it keeps
// for issues (see issueShare, at behaviour.issue_hours each) and its responsiveness allow.
func (e *Engine) resolveIssues(rng *stream) {
	b := &e.cfg.Behaviour
	// Distinct issues: a grid has issue_pool problems to raise, and
	// participants raising the same one count once.
	var distinct float64
	for g, n := range e.grids.raised {
		k := int32(math.Round(b.IssuePool * (1 - math.Exp(-float64(n)/b.IssuePool))))
		e.grids.raised[g] = min(n, k)
		distinct += float64(e.grids.raised[g])
	}
	capacity := e.thisWeek.workerIssueHours / b.IssueHours
	committee := 0.0
	if distinct > 0 {
		committee = e.macro.responsiveness * min(1, capacity/distinct)
	}
	facilitated := b.Facilitation * e.macro.effort[measureDiscussion] * e.macro.productivity
	for g := range e.grids.raised {
		self := 0.0
		if e.grids.people[g] > 0 {
			self = b.SelfGovernance * float64(e.grids.members[g]) / float64(e.grids.people[g])
		}
		var resolved int32
		for range e.grids.raised[g] {
			u := rng.Float64()
			switch {
			case u < self:
				e.thisWeek.issueBy[byOrganizations]++
			case u < self+(1-self)*facilitated:
				e.thisWeek.issueBy[bySocialWorkers]++
			case u < self+(1-self)*(facilitated+(1-facilitated)*committee):
				e.thisWeek.issueBy[byCommittee]++
			default:
				continue
			}
			resolved++
		}
		e.grids.resolved[g] = resolved
		e.thisWeek.issuesRaised += int(e.grids.raised[g])
		e.thisWeek.issuesResolved += int(resolved)
	}
}

// outcomeShard moves a shard's participants' attitudes after their meeting
// (meetingGains.outcome).
func (e *Engine) outcomeShard(sh *shard) {
	r := &e.r
	gains := e.meetingGains()
	for _, id := range sh.participants {
		i := int(id)
		if share, ok := e.resolvedShare(e.gridOf(i)); ok {
			r.efficacy[i], r.trust[i], r.belong[i] = gains.outcome(r.efficacy[i], r.trust[i], r.belong[i], share)
		}
	}
}

// resolvedShare is the share of grid g's raised issues that were resolved
// this week; ok is false when none was raised.
func (e *Engine) resolvedShare(g int32) (share float64, ok bool) {
	if e.grids.raised[g] == 0 {
		return 0, false
	}
	return float64(e.grids.resolved[g]) / float64(e.grids.raised[g]), true
}

// meetingGains are how far a meeting moves a participant's efficacy, trust
// and belonging.
type meetingGains struct{ efficacy, trust, belong float64 }

func (e *Engine) meetingGains() meetingGains {
	b := &e.cfg.Behaviour
	return meetingGains{efficacy: b.EfficacyGain, trust: b.TrustGain, belong: b.MeetingBelong * b.ActivityBelong}
}

// outcome is where a meeting leaves a participant's efficacy, trust and
// belonging: efficacy and trust move toward the share of the grid's issues
// that were resolved (resolved issues raise them, unresolved ones lower
// them), belonging toward 1. A meeting where nothing was raised changes
// nothing (see resolvedShare). Both passes that apply the outcome
// (outcomeShard, and outcomeSpan in the record's) apply it through this.
func (g meetingGains) outcome(efficacy, trust, belong float32, share float64) (float32, float32, float32) {
	return toward(efficacy, share, g.efficacy), toward(trust, share, g.trust), toward(belong, 1, g.belong)
}

// toward moves x toward target by the share gain of the distance.
func toward(x float32, target, gain float64) float32 {
	return x + float32(gain*(target-float64(x)))
}
