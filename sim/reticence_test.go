package sim

import (
	"math"
	"testing"
)

// TestReticenceMoves checks the update of the conservative norm about
// taking part on a hand-built community: a resident with one tie moves
// reticence_ties of the way to its tie's value of last week, one who
// attended an event loses reticence_activity of it, and one with neither
// keeps it.
func TestReticenceMoves(t *testing.T) {
	nan := math.NaN()
	p := &Population{Buildings: 1, Ties: []PopTie{{A: 0, B: 1, Kind: TieFriend, Strength: 0.4}}}
	for h := range 4 {
		p.Households = append(p.Households, PopHousehold{Building: 0, Income: 4000})
		p.Residents = append(p.Residents, PopResident{Household: int32(h), Age: Adult, Education: 0.5,
			Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan})
	}
	c := Defaults()
	c.Community.Grids = 1
	c.Participation.Reticence = 1
	c.Data = p
	e := mustNew(t, c, 1, 1)
	r := &e.r
	copy(r.reticence, []float32{1, 0, 0.5, 0.5})
	copy(r.reticenceScratch, r.reticence)
	for i := range r.event {
		r.event[i] = -1 // nothing attended (the activities phase sets it each week)
	}
	r.event[2] = 0
	for i := range 4 {
		e.moveReticence(i)
	}
	b := c.Behaviour
	want := []float32{1 + float32(b.ReticenceTies)*(0-1), 0 + float32(b.ReticenceTies)*(1-0), 0.5 - float32(b.ReticenceActivity)*0.5, 0.5}
	for i, w := range want {
		if r.reticence[i] != w {
			t.Errorf("resident %d's reticence is %v, want %v", i, r.reticence[i], w)
		}
	}
}

// TestReticenceLowersParticipation checks the direct effect on the
// decision: with participation.reticence 2, a community whose residents
// start at reticence 0.8 takes part in affairs less than one starting at 0
// (which decides exactly as without the mechanism), paired by seed, the
// 95% interval of the difference in mean weekly participation below 0.
func TestReticenceLowersParticipation(t *testing.T) {
	mean := func(level float64, seed uint64) float64 {
		c := Defaults()
		c.Community.Households, c.Community.Buildings, c.Community.Grids = 150, 6, 2
		c.Calendar = Calendar{PreProject: 24}
		c.Participation.Reticence = 2
		c.Community.Reticence = Reticence{Level: level}
		_, res := mustRun(t, c, seed, 1)
		var sum float64
		for _, x := range res.Values[Participation] {
			sum += x
		}
		return sum / float64(len(res.Values[Participation]))
	}
	var diffs []float64
	for seed := range uint64(10) {
		diffs = append(diffs, mean(0.8, seed+1)-mean(0, seed+1))
	}
	m, half := meanCI(diffs)
	t.Logf("participation, reticence 0.8 − 0: %.4f ± %.4f", m, half)
	if !(m+half < 0) {
		t.Errorf("reticence 0.8 changes mean participation by %.4f ± %.4f, want an interval below 0", m, half)
	}
	// At reticence 0 the decision is the one without the mechanism.
	c := Defaults()
	c.Community.Households, c.Community.Buildings, c.Community.Grids = 150, 6, 2
	c.Calendar = Calendar{PreProject: 24}
	_, off := mustRun(t, c, 1, 1)
	c.Participation.Reticence = 2
	c.Community.Reticence = Reticence{}
	_, zero := mustRun(t, c, 1, 1)
	if d := recordDiff(off, zero); d != "" {
		t.Errorf("reticence 0 everywhere differs from the mechanism off: %s", d)
	}
}
