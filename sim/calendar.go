package sim

// macroState is the macro state that changes from week to week.
type macroState struct {
	stage    Stage
	active   bool // the project is in the community this week
	effort   [numMeasures]float64
	openness float64 // openness of discussion channels
	interval float64 // weeks between discussion meetings
	// integration of community resources: the share of volunteer and party
	// hours that reach a need.
	integration    float64
	responsiveness float64
	institution    float64 // how far the project's ways are institutionalised (handover)
	productivity   float64 // social workers' output per hour, from skill and localization
	linkage        float64 // party linkage effort, decaying after the project
}

type communityWorker struct {
	hours, admin float64 // weekly paid hours and the share taken by administration
}

// initEnvironment sets the macro state before week 0.
func (e *Engine) initEnvironment() {
	m := e.cfg.Macro
	e.macro = macroState{
		openness:       m.ChannelOpenness,
		interval:       float64(m.MeetingInterval),
		integration:    m.ResourceIntegration,
		responsiveness: m.Responsiveness,
	}
	for range e.cfg.Community.CommunityWorkers {
		e.workers = append(e.workers, communityWorker{hours: e.cfg.Community.WorkerHours, admin: m.Bureaucracy})
	}
	e.initSocialWorkers()
}

// calendar decides the stage, what each measure achieves this week given
// the team's hours, and the hours and funds every actor can give.
func (e *Engine) calendar() {
	cfg := &e.cfg
	macro := &e.macro
	macro.stage = cfg.Calendar.StageOf(e.week)
	macro.active = cfg.Project.Enabled && macro.stage >= Initial && macro.stage <= Later && len(e.social) > 0
	macro.effort = [numMeasures]float64{}
	if macro.active {
		e.takeMeasures()
		e.trainTeam()
	}
	e.evolveInstitutions()

	// Community workers: administration eats into their week, less so when
	// linked party members assist them; of what is left, a quarter is kept
	// for the issues raised in discussions.
	b := &cfg.Behaviour
	relief := 1 - b.PartyRelief*macro.linkage
	for _, w := range e.workers {
		service := w.hours * (1 - w.admin*relief)
		e.thisWeek.workerPaid += w.hours
		e.thisWeek.workerNeedHours += service * (1 - b.IssueShare)
		e.thisWeek.workerIssueHours += service * b.IssueShare
	}
	// Organization grants: the community's own, the project's cultivation
	// funds, and sustained funding after the project.
	e.thisWeek.grants = cfg.Macro.OrgFundsPerWeek + macro.effort[measureCultivation]*b.CultivationGrant
	if macro.stage == FollowUpStage && cfg.Project.Enabled {
		e.thisWeek.grants += cfg.FollowUp.OrgFundsPerWeek
	}
	e.linkParty()
}

// evolveInstitutions moves the macro conditions: discussion channels open
// and meet more often under the discussion measure, multi-actor services
// integrate resources and make the committee more responsive, handover
// institutionalises all of it. Without the project everything relaxes back
// to the scenario's conditions, more slowly the more was handed over: the
// committee's conditions at behaviour.committee_fade, the party's linkage at
// behaviour.linkage_fade, each × (1 − handover_hold·institution). These
// rates are the stickiness of the governance actors.
func (e *Engine) evolveInstitutions() {
	base := e.cfg.Macro
	b := &e.cfg.Behaviour
	macro := &e.macro
	discussion := macro.effort[measureDiscussion]
	multiActor := macro.effort[measureMultiActor]
	handover := macro.effort[measureHandover]
	hold := 1 - b.HandoverHold*macro.institution
	relax := b.CommitteeFade * hold

	macro.institution += b.InstitutionRate * handover * (1 - macro.institution)
	if discussion > 0 {
		open := min(1, base.ChannelOpenness+b.DiscussionOpenness*discussion*(1-base.ChannelOpenness))
		macro.openness += b.OpennessRate * discussion * (open - macro.openness)
		target := float64(base.MeetingInterval) / (1 + discussion)
		macro.interval += b.IntervalRate * (max(1, target) - macro.interval)
	} else {
		macro.openness += relax * (base.ChannelOpenness - macro.openness)
		macro.interval += relax * (float64(base.MeetingInterval) - macro.interval)
	}
	if multiActor > 0 {
		macro.integration += b.IntegrationRate * multiActor * (1 - macro.integration)
		macro.responsiveness += b.ResponsivenessRate * multiActor * (1 - macro.responsiveness)
	} else {
		macro.integration += relax * (base.ResourceIntegration - macro.integration)
		macro.responsiveness += relax * (base.Responsiveness - macro.responsiveness)
	}
	if l := macro.effort[measurePartyLinkage]; l > 0 {
		macro.linkage += b.LinkageRate * (l - macro.linkage)
	} else {
		macro.linkage -= b.LinkageFade * hold * macro.linkage
	}
}

// linkParty links party members to community services in proportion to the
// linkage effort, unlinks them as it fades, and counts the linked and
// unlinked members of each building. Linked members give party_hours and
// reach their neighbours; unlinked ones give behaviour.unlinked_service of
// that, and reach a neighbour with that chance (party members serve a
// little on their own). Members link at party_link × target a week and
// unlink at party_unlink × (1 − target): party_unlink is party members'
// stickiness.
func (e *Engine) linkParty() {
	rng := e.sequential(streamCalendar)
	b := &e.cfg.Behaviour
	for b := range e.geo.linked {
		e.geo.linked[b] = 0
		e.geo.unlinked[b] = 0
	}
	target := min(1, b.LinkedShare*e.macro.linkage)
	for _, id := range e.party {
		i := int(id)
		linked := e.r.flags[i]&flagLinked != 0
		switch {
		case !linked && rng.bernoulli(b.PartyLink*target):
			e.r.flags[i] |= flagLinked
		case linked && rng.bernoulli(b.PartyUnlink*(1-target)):
			e.r.flags[i] &^= flagLinked
		}
		if e.r.flags[i]&flagLinked != 0 {
			e.geo.linked[e.r.building[i]]++
			e.thisWeek.partyHours += b.PartyHours
		} else {
			e.geo.unlinked[e.r.building[i]]++
			e.thisWeek.partyHours += b.UnlinkedService * b.PartyHours
		}
	}
}
