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

// measureHours is the social-worker time each measure needs per week at
// intensity 1 per 1000 residents (assumption, docs/model.md). When the team
// has fewer hours than its measures need, every measure is scaled down
// alike; hours left over go to casework.
var measureHours = [numMeasures]float64{
	measureHomeVisits:   20,
	measureTraining:     6,
	measurePartyLinkage: 4,
	measureCultural:     8,
	measureCultivation:  8,
	measureDiscussion:   5,
	measureMultiActor:   8,
	measureHandover:     4,
}

func (s *StagePlan) measures() [numMeasures]Measure {
	return [numMeasures]Measure{s.HomeVisits, s.TeamTraining, s.PartyLinkage, s.CulturalActivities,
		s.OrganizationCultivation, s.DiscussionChannels, s.MultiActorServices, s.Handover}
}
