package sim

import (
	"math"
	"testing"
)

// TestDivisionOfLabour checks the direct effect of roles in the initial
// stage on the week's hours: with cultural activities pushed beyond the
// groups role's share, pooled hours would carry them in full, but under
// the division they are scaled down to that share while the casework role
// keeps its hours; the team's hours are all accounted for either way; and
// the default initial plan, which no role overloads, gives the same effort
// as the pool.
func TestDivisionOfLabour(t *testing.T) {
	week := func(division bool, cultural float64) (effort [numMeasures]float64, casework, have float64) {
		c := programme()
		c.Calendar = Calendar{Initial: 4}
		c.Stages.Initial.CulturalActivities = Measure{Intensity: cultural}
		c.Project.Division.Enabled = division
		e := mustNew(t, c, 1, 1)
		e.Step()
		return e.macro.effort, e.thisWeek.teamHours, float64(c.Project.SocialWorkers) * c.Project.Hours
	}
	pooled, _, _ := week(false, 3)
	divided, casework, have := week(true, 3)
	if pooled[measureCultural] != 3 {
		t.Fatalf("pooled, cultural activities at %v, want the plan's 3: the test needs a team with room", pooled[measureCultural])
	}
	if !(divided[measureCultural] < 3) {
		t.Errorf("divided, cultural activities at %v, want below 3: the groups role has a quarter of the hours", divided[measureCultural])
	}
	if divided[measureHomeVisits] != pooled[measureHomeVisits] {
		t.Errorf("divided, home visits at %v, want %v as pooled: the casework role has room", divided[measureHomeVisits], pooled[measureHomeVisits])
	}
	mh := Defaults().Project.MeasureHours
	h := mh.hours()
	c := programme()
	e := mustNew(t, c, 1, 1)
	per1000 := float64(e.r.n) / 1000
	var used float64
	for k, x := range divided {
		used += x * h[k] * per1000
	}
	if math.Abs(used+casework-have) > 1e-9 {
		t.Errorf("divided: measures use %v and casework %v hours, want %v in all", used, casework, have)
	}
	p, _, _ := week(false, 0)
	d, _, _ := week(true, 0)
	if p != d {
		t.Errorf("the default initial plan: effort %v divided, %v pooled; want the same (no role is overloaded)", d, p)
	}
}
