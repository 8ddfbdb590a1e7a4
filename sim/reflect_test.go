package sim

import (
	"math"
	"testing"
)

// TestReflection checks the direct effect of evaluate-and-reflect: with a
// participation goal out of reach and the other goals met, reviews move
// hours from the other measures to discussion channels, the four measures'
// hours stay what the plan gives them (the budget), and measures the stage
// does not take get none. Without reflection the plan is kept as written.
func TestReflection(t *testing.T) {
	c := programme()
	c.Calendar = Calendar{PreProject: 2, Initial: 4, Middle: 8, Later: 12}
	c.Project.Reflection = Reflection{Enabled: true, IntervalWeeks: 4, Shift: 0.25,
		Participation: 1, Cohesion: 1e-9, VulnerableCoverage: 1e-9, GovernanceDiversity: 1e-9}
	e, _ := mustRun(t, c, 1, 1)
	plan := c.Stages.Later.measures()
	hours := c.Project.MeasureHours.hours()
	got := e.macro.intensity
	var before, after float64
	for _, x := range c.Project.Reflection.reflected() {
		before += plan[x.measure].Intensity * hours[x.measure]
		after += got[x.measure] * hours[x.measure]
	}
	if math.Abs(after-before) > 1e-9 {
		t.Errorf("the reviewed measures' hours are %v after reflection, want the plan's %v", after, before)
	}
	if !(got[measureDiscussion] > plan[measureDiscussion].Intensity) {
		t.Errorf("discussion channels at %v, want above the plan's %v: participation lags", got[measureDiscussion], plan[measureDiscussion].Intensity)
	}
	for _, k := range []int{measureCultural, measurePartyLinkage, measureCultivation} {
		if !(got[k] < plan[k].Intensity) {
			t.Errorf("measure %d at %v, want below the plan's %v: its goal is met", k, got[k], plan[k].Intensity)
		}
	}
	for _, k := range []int{measureHomeVisits, measureTraining} {
		if got[k] != plan[k].Intensity {
			t.Errorf("measure %d at %v, want the plan's %v: reflection moves only the four", k, got[k], plan[k].Intensity)
		}
	}
	// Two reviews (weeks 4 and 8 of the 12; week 0 takes the plan) of a
	// quarter each leave (3/4)² of a met measure's intensity.
	if want := plan[measureCultural].Intensity * 0.75 * 0.75; math.Abs(got[measureCultural]-want) > 1e-12 {
		t.Errorf("cultural activities at %v, want %v after two reviews", got[measureCultural], want)
	}
	c.Project.Reflection.Enabled = false
	off, _ := mustRun(t, c, 1, 1)
	if off.macro.intensity != ([numMeasures]float64{}) {
		t.Errorf("without reflection the adjusted plan is %v, want unused", off.macro.intensity)
	}
}
