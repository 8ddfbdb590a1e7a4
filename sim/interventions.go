package sim

// The measures a stage can take, indexing macroState.effort.
const (
	measureHomeVisits = iota
	measureTraining
	measurePartyLinkage
	measureCultural
	measureCultivation
	measureDiscussion
	measureMultiActor
	measureHandover
	numMeasures
)

// hours returns project.measure_hours in the order of the measures: the
// social-worker time each measure needs per week at intensity 1 per 1000
// residents. When the team has fewer hours than its measures need, every
// measure is scaled down alike; hours left over go to casework.
func (h *MeasureHours) hours() [numMeasures]float64 {
	return [numMeasures]float64{h.HomeVisits, h.TeamTraining, h.PartyLinkage, h.CulturalActivities,
		h.OrganizationCultivation, h.DiscussionChannels, h.MultiActorServices, h.Handover}
}

func (s *StagePlan) measures() [numMeasures]Measure {
	return [numMeasures]Measure{s.HomeVisits, s.TeamTraining, s.PartyLinkage, s.CulturalActivities,
		s.OrganizationCultivation, s.DiscussionChannels, s.MultiActorServices, s.Handover}
}

// plan returns the stage plan of stage s, one of the project's stages.
func (p *StagePlans) plan(s Stage) *StagePlan {
	switch s {
	case Initial:
		return &p.Initial
	case Middle:
		return &p.Middle
	}
	return &p.Later
}

// takeMeasures sets what each measure of the week's stage achieves
// (macroState.effort) given the team's hours (see MeasureHours), the
// casework hours left over, and what the measures and the team cost.
func (e *Engine) takeMeasures() {
	cfg := &e.cfg
	per1000 := float64(e.r.n) / 1000
	ms := cfg.Stages.plan(e.macro.stage).measures()
	measureHours := cfg.Project.MeasureHours.hours()
	var need float64
	for k, m := range ms {
		need += m.Intensity * measureHours[k] * per1000
		if m.Intensity > 0 {
			e.thisWeek.spent += m.WeeklyCost
		}
	}
	have := float64(len(e.social)) * cfg.Project.Hours
	scale := 1.0
	if need > have {
		scale = have / need
	}
	for k, m := range ms {
		e.macro.effort[k] = m.Intensity * scale
	}
	e.thisWeek.teamHours = max(0, have-need)
	e.thisWeek.spent += float64(len(e.social)) * cfg.Project.WeeklyCostPerHead
}

// trainTeam raises the social workers' skill (training and practice) and
// localization (time in the community).
func (e *Engine) trainTeam() {
	p := e.cfg.Project
	training := e.macro.effort[measureTraining]
	var prod float64
	for k := range e.social {
		w := &e.social[k]
		w.skill += (p.TrainingSkill*training + p.PracticeSkill) * (1 - w.skill)
		w.localization += p.LocalizationRate * (1 - w.localization)
		prod += (p.ProductivitySkillFloor + p.ProductivitySkill*w.skill) * (p.ProductivityLocalFloor + p.ProductivityLocal*w.localization)
	}
	e.macro.productivity = prod / float64(len(e.social))
}

type socialWorker struct {
	skill, localization float64
	local               bool
}

// initSocialWorkers hires the project's team: local hires start localized.
func (e *Engine) initSocialWorkers() {
	p := e.cfg.Project
	for k := range p.SocialWorkers {
		w := socialWorker{skill: p.Skill, localization: p.Localization, local: k < p.LocalHires}
		if w.local {
			w.localization = p.LocalLocalization
		}
		e.social = append(e.social, w)
	}
}
