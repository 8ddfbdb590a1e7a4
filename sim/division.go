package sim

// Division of labour in the initial stage (project.division): "divide
// labour among and train the project team". Instead of one pool of hours
// shared by every measure, team training (which trains everyone) is taken
// first, then each role gets its share of the rest and its measures may use
// only that share:
//
//	casework:   home visits, then casework
//	groups:     cultural activities, organization cultivation
//	organizing: party linkage, discussion channels, multi-actor services, handover
//
// A role whose measures need more than its share scales them down alike,
// even when another role has hours to spare; what a role's measures do not
// use goes to casework (team members help with cases once their role's work
// is done), so the team's hours are all used either way.

// roleOf gives each measure's role: 0 casework, 1 groups, 2 organizing; -1
// for team training, which is shared.
var roleOf = [numMeasures]int{
	measureHomeVisits: 0, measureTraining: -1, measurePartyLinkage: 2, measureCultural: 1,
	measureCultivation: 1, measureDiscussion: 2, measureMultiActor: 2, measureHandover: 2,
}

// divideLabour sets the effort of each measure of ms under the division
// of labour and returns the hours left for casework.
func (e *Engine) divideLabour(ms *[numMeasures]Measure, hours *[numMeasures]float64, per1000, have float64) float64 {
	d := &e.cfg.Project.Division
	shares := [...]float64{d.Casework, d.Groups, d.Organizing}
	total := d.Casework + d.Groups + d.Organizing
	train := ms[measureTraining].Intensity * hours[measureTraining] * per1000
	scale := 1.0
	if train > have {
		scale = have / train
	}
	e.macro.effort[measureTraining] = ms[measureTraining].Intensity * scale
	rest := max(0, have-train)
	var casework float64
	for role, share := range shares {
		pool := rest * share / total
		var need float64
		for k, m := range ms {
			if roleOf[k] == role {
				need += m.Intensity * hours[k] * per1000
			}
		}
		scale := 1.0
		if need > pool {
			scale = pool / need
		}
		for k, m := range ms {
			if roleOf[k] == role {
				e.macro.effort[k] = m.Intensity * scale
			}
		}
		casework += max(0, pool-need)
	}
	return casework
}
