package sim

import (
	"fmt"
	"reflect"
	"slices"
)

// Fork returns an independent copy of e, at the same week, that continues
// under cfg. Everything simulated so far is kept, so a fork equals a run of
// cfg from the start provided cfg could not have changed those weeks: check
// that with ForkWeek. Random streams depend only on the seed, week, phase
// and shard, so the fork draws exactly what a fresh run of cfg would. The
// social-work team is rebuilt from cfg if the project has not started.
func (e *Engine) Fork(cfg *Config, workers int) (*Engine, error) {
	if errs := cfg.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("invalid configuration: %v", errs[0])
	}
	f := &Engine{cfg: cloneConfig(cfg), seed: e.seed, week: e.week}
	f.timing = e.timing
	f.r = e.r.clone()
	f.initSatisfaction()
	f.households = households{start: slices.Clone(e.households.start), income: slices.Clone(e.households.income), burden: slices.Clone(e.households.burden)}
	f.geo = geography{
		buildingStart: slices.Clone(e.geo.buildingStart),
		buildingGrid:  slices.Clone(e.geo.buildingGrid),
		gridStart:     slices.Clone(e.geo.gridStart),
		linked:        slices.Clone(e.geo.linked),
		unlinked:      slices.Clone(e.geo.unlinked),
	}
	f.vulnerable = slices.Clone(e.vulnerable)
	f.party = slices.Clone(e.party)
	f.workers = slices.Clone(e.workers)
	f.social = slices.Clone(e.social)
	f.orgs = slices.Clone(e.orgs)
	for o := range f.orgs {
		f.orgs[o].members = slices.Clone(e.orgs[o].members)
	}
	f.macro, f.thisWeek, f.records.accounts = e.macro, e.thisWeek, e.records.accounts
	f.volunteer, f.backlog, f.globalShare = e.volunteer, e.backlog, e.globalShare
	f.records.structure = e.records.structure // measured again in the fork's first week (recount)
	f.records.network = e.records.network     // the costly figures carried forward until due
	f.requests = make([]request, 0, cap(e.requests))
	f.deferred = make([]request, 0, cap(e.deferred))
	f.wishes = make([]wish, 0, cap(e.wishes))
	f.pool = newPool(workers)
	f.seq = newStream()
	f.bind()
	copy(f.grids.clock, e.grids.clock)
	if f.week <= f.cfg.Calendar.PreProject {
		f.social = f.social[:0]
		f.initSocialWorkers()
	}
	f.result = &Result{Seed: e.seed, Residents: e.r.n, Calendar: f.cfg.Calendar, Project: f.cfg.ProjectRuns()}
	for m := range f.result.Values {
		f.result.Values[m] = append(make([]float64, 0, f.cfg.Calendar.Weeks()), e.result.Values[m]...)
	}
	if e.byGroup.on { // the groups are the same residents'
		f.EnableGroups()
		f.result.GroupValues = append(f.result.GroupValues, e.result.GroupValues...)
	}
	return f, nil
}

// clone deep-copies every resident slice.
func (r *residents) clone() residents {
	c := *r
	for _, f := range []*[]int32{&c.household, &c.building, &c.event, &c.orgs, &c.tieStart, &c.tieTo, &c.deg, &c.strong} {
		*f = slices.Clone(*f)
	}
	for _, f := range []*[]uint8{&c.age, &c.flags, &c.careSeen, &c.careLapsed, &c.took, &c.prevTook, &c.history, &c.orgCount, &c.tieKind} {
		*f = slices.Clone(*f)
	}
	for _, f := range []*[]float32{&c.edu, &c.time, &c.interest, &c.threshold, &c.belong, &c.trust, &c.efficacy,
		&c.role, &c.norm, &c.baseBelong, &c.baseTrust, &c.baseEfficacy, &c.baseNorm, &c.tieStr, &c.tieBase, &c.roleScratch,
		&c.reticence, &c.reticenceScratch, &c.sat} {
		*f = slices.Clone(*f)
	}
	c.needs = slices.Clone(c.needs)
	c.resolvedWeek, c.lapsedWeek = slices.Clone(c.resolvedWeek), slices.Clone(c.lapsedWeek)
	return c
}

func cloneConfig(cfg *Config) Config {
	c := *cfg
	c.Community.EducationMix = slices.Clone(cfg.Community.EducationMix)
	c.Project.Boundary = slices.Clone(cfg.Project.Boundary)
	c.Participation.Thresholds = slices.Clone(cfg.Participation.Thresholds)
	return c
}

// ForkWeek returns the first week in which a run of b can differ from a
// run of a with the same seed, or 0 if they differ from the start. Up to
// that week a run of a can be forked into b (see Fork). Only the project's
// plans and the calendar can differ later: the team from the project's
// start, each stage's measures from that stage's start, the follow-up
// from the project's end, the calendar from the first week whose stage,
// or whose record (the network's figures are measured at a stage's end
// and in the last week), depends on it. A difference anywhere else means
// week 0.
func ForkWeek(a, b *Config) int {
	pa, pb := a.Project, b.Project
	pa.Enabled, pb.Enabled = false, false
	pa.SocialWorkers, pb.SocialWorkers = 0, 0
	pa.LocalHires, pb.LocalHires = 0, 0
	pa.Hours, pb.Hours = 0, 0
	pa.Skill, pb.Skill = 0, 0
	pa.Localization, pb.Localization = 0, 0
	pa.LocalLocalization, pb.LocalLocalization = 0, 0
	pa.LocalizationRate, pb.LocalizationRate = 0, 0
	pa.WeeklyCostPerHead, pb.WeeklyCostPerHead = 0, 0
	pa.Boundary, pb.Boundary = nil, nil
	if a.Data != b.Data || !reflect.DeepEqual(a.Community, b.Community) || !reflect.DeepEqual(a.Macro, b.Macro) ||
		!reflect.DeepEqual(a.Participation, b.Participation) ||
		a.Phases != b.Phases || a.Behaviour != b.Behaviour || !reflect.DeepEqual(pa, pb) {
		return 0
	}
	w := calendarWeek(a.Calendar, b.Calendar)
	for _, cal := range [...]Calendar{a.Calendar, b.Calendar} {
		w = min(w, planWeek(a, b, cal))
	}
	return w
}

// planWeek is the first week in which a's and b's project and plans can
// make a difference, by the stages of cal.
func planWeek(a, b *Config, cal Calendar) int {
	switch {
	case !reflect.DeepEqual(a.Project, b.Project), a.Stages.Initial != b.Stages.Initial:
		return cal.PreProject
	case a.Stages.Middle != b.Stages.Middle:
		return cal.PreProject + cal.Initial
	case a.Stages.Later != b.Stages.Later:
		return cal.PreProject + cal.Initial + cal.Middle
	case a.FollowUp != b.FollowUp:
		return cal.ProjectEnd()
	}
	return cal.Weeks()
}

// calendarWeek is the first week that runs under calendars a and b can
// differ in: its stage, the next week's (the network is measured at a
// stage's end) or whether it is the last differ. It is the horizon if they
// are the same calendar.
func calendarWeek(a, b Calendar) int {
	if a == b {
		return a.Weeks()
	}
	n := min(a.Weeks(), b.Weeks())
	for w := range n {
		if a.StageOf(w) != b.StageOf(w) || a.StageOf(w+1) != b.StageOf(w+1) || (w+1 == a.Weeks()) != (w+1 == b.Weeks()) {
			return w
		}
	}
	return n
}
