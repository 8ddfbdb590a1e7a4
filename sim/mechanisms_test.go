package sim

import "testing"

// TestMechanismsSameForAnyWorkers runs the programme with every optional
// mechanism of issue 16 switched on (long-run shifts, referral, reticence,
// reflection, division of labour) and checks that the record does not
// depend on the number of workers, and that the mechanisms change it.
func TestMechanismsSameForAnyWorkers(t *testing.T) {
	c := short(programme())
	c.Community.Households = 200
	c.Community.LongRun = LongRun{Belonging: 0.05, Trust: -0.05, Efficacy: 0.05, Norm: 0.05}
	c.Project.Referral = true
	c.Participation.Reticence = 1
	c.Project.Reflection.Enabled = true
	c.Project.Reflection.IntervalWeeks = 2
	c.Project.Division.Enabled = true
	_, one := mustRun(t, c, 5, 1)
	_, three := mustRun(t, c, 5, 3)
	if d := recordDiff(one, three); d != "" {
		t.Errorf("3 workers against 1: %s", d)
	}
	plain := short(programme())
	plain.Community.Households = 200
	_, off := mustRun(t, plain, 5, 1)
	if recordDiff(off, one) == "" {
		t.Error("the mechanisms switched on change nothing")
	}
}
