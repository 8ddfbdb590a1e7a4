package sim

import "testing"

// TestSatisfaction checks the direct effect of the team's services on
// satisfaction. Care needs only, in the boundary; every resident turns to
// social workers and to no one else. A team with hours to spare resolves
// what reaches it, so residents' satisfaction ends above its start and
// community workers' rises from its start toward 1 (only the team
// resolves); a team without casework hours leaves every request unserved,
// so residents' satisfaction ends below its start. Without a project both
// metrics are 0.
func TestSatisfaction(t *testing.T) {
	run := func(project bool, hours float64, seed uint64) (residents, workers float64) {
		c := onlyPhases(Defaults(), "calendar", "needs", "services")
		c.Community.Households, c.Community.Buildings, c.Community.Grids = 60, 6, 2
		c.Community.PartyMemberShare, c.Community.Organizations = 0, 0
		c.Calendar = Calendar{Initial: 8}
		c.Project.Enabled, c.Project.Hours = project, hours
		b := &c.Behaviour
		b.EconomicRate, b.CulturalRate, b.CivicRate, b.ChildrenRate = 0, 0, 0, 0
		b.AskBase, b.AskTrust, b.MutualHelp = 0, 0, 0
		e := mustNew(t, c, seed, 1)
		for i := range e.r.role {
			e.r.role[i] = 1
		}
		for range c.Calendar.Initial {
			e.Step()
		}
		v := e.Result().Values
		w := len(v[Satisfaction]) - 1
		return v[Satisfaction][w], v[WorkerSatisfaction][w]
	}
	start := Defaults().Behaviour.SatisfactionStart
	for seed := range uint64(5) {
		if s, w := run(true, 40, seed); !(s > start && w > start) {
			t.Errorf("seed %d, a team with hours: satisfaction %v and workers' %v, want both above %v", seed, s, w, start)
		}
		if s, _ := run(true, 0, seed); !(s > 0 && s < start) {
			t.Errorf("seed %d, a team without casework hours: satisfaction %v, want in (0, %v)", seed, s, start)
		}
		if s, w := run(false, 40, seed); s != 0 || w != 0 {
			t.Errorf("seed %d, no project: satisfaction %v and workers' %v, want 0 and 0", seed, s, w)
		}
	}
}
