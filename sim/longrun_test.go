package sim

import (
	"math"
	"testing"
)

// TestLongRunBaselines checks that attitudes drift to the long-run
// baselines, not to where they started: a resident whose data give a
// belonging baseline of 0.9 and a start of 0.1 ends near 0.9, and
// community.long_run moves every other resident's long-run level by its
// shift while leaving the start alone. Only the attitudes phase runs, so
// drift is the only force: after w weeks the gap is (1 − drift)^w of what
// it was.
func TestLongRunBaselines(t *testing.T) {
	nan := math.NaN()
	p := &Population{Buildings: 1, Ties: []PopTie{}}
	for h := range 4 {
		p.Households = append(p.Households, PopHousehold{Building: 0, Income: 4000})
		p.Residents = append(p.Residents, PopResident{Household: int32(h), Age: Adult, Education: 0.5,
			Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan})
	}
	p.Residents[0].Belonging = 0.1
	p.Residents[0].LongRun = &PopBaselines{Belonging: 0.9, Trust: nan, Efficacy: nan, Norm: nan}
	run := func(shift float64) (start, end []float32, base []float32) {
		c := onlyPhases(Defaults(), "attitudes")
		c.Calendar = Calendar{PreProject: 200}
		c.Community.Grids = 1
		c.Community.LongRun.Trust = shift
		c.Data = p
		e := mustNew(t, c, 1, 1)
		start = append([]float32(nil), e.r.belong...)
		trust0 := append([]float32(nil), e.r.trust...)
		for range c.Calendar.PreProject {
			e.Step()
		}
		end = append([]float32(nil), e.r.belong...)
		return trust0, append(end, e.r.trust...), e.r.baseTrust
	}
	trust0, end0, base0 := run(0)
	trust1, end1, base1 := run(0.2)
	gap := math.Pow(1-Defaults().Behaviour.Drift, 200) // left of the starting gap
	if got, want := float64(end0[0]), 0.9-0.8*gap; math.Abs(got-want) > 1e-3 {
		t.Errorf("resident 0's belonging after 200 weeks is %v, want %.4f (drifting from 0.1 to its data baseline 0.9)", got, want)
	}
	for i := 1; i < 4; i++ {
		if trust1[i] != trust0[i] {
			t.Errorf("resident %d starts with trust %v under long_run.trust 0.2, want %v as without: the shift moves the long run only", i, trust1[i], trust0[i])
		}
		if d := float64(base1[i] - base0[i]); math.Abs(d-0.2) > 1e-6 {
			t.Errorf("resident %d's long-run trust moves by %v, want 0.2", i, d)
		}
		// trust is stored after the four belongings.
		if d := float64(end1[4+i] - end0[4+i]); math.Abs(d-0.2*(1-gap)) > 1e-3 {
			t.Errorf("resident %d's trust after 200 weeks is higher by %v, want %.4f", i, d, 0.2*(1-gap))
		}
	}
}
