package sim

import (
	"fmt"
	"testing"
)

// crowd is a community of n single-person households, everyone an adult,
// with only the discussion (participation) and measure phases on, channels
// fully open and a meeting every week: Granovetter's setting.
func crowd(thresholds []float64, influence string) Config {
	c := onlyPhases(Defaults(), "discussion")
	c.Community.Households = len(thresholds)
	c.Community.HouseholdSizeMean = 1
	c.Community.ChildShare = 0
	c.Community.ElderShare = 0
	c.Community.Buildings = 1
	c.Community.Grids = 1
	c.Community.Organizations = 0
	c.Macro.ChannelOpenness = 1
	c.Macro.MeetingInterval = 1
	c.Participation.Rule = "threshold"
	c.Participation.Influence = influence
	c.Participation.Thresholds = thresholds
	c.Calendar = Calendar{PreProject: len(thresholds) + 5}
	return c
}

func participants(e *Engine) int {
	n := 0
	for _, t := range e.r.took {
		if t&didAffairs != 0 {
			n++
		}
	}
	return n
}

// Granovetter (1978): a crowd of 100 with thresholds 0, 1, ..., 99 riots to
// the last person; replace the person of threshold 1 by one of threshold 2
// and only the instigator acts.
func TestGranovetterCrowd(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replace bool
		want    int
	}{{"uniform thresholds", false, 100}, {"threshold 1 replaced by 2", true, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			th := make([]float64, 100)
			for k := range th {
				th[k] = float64(k) / 100
			}
			if tc.replace {
				th[1] = 0.02
			}
			e := mustNew(t, crowd(th, "global"), 1, 2)
			for range 105 {
				e.Step()
			}
			if got := participants(e); got != tc.want {
				t.Fatalf("%d take part, want %d", got, tc.want)
			}
		})
	}
}

// With every other phase off, the threshold rule on ties is exactly the
// classic synchronous cascade: compare week by week with a direct
// implementation on the same graph (household members and slot ties).
func TestThresholdRuleIsClassicCascade(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			c := onlyPhases(Defaults(), "discussion")
			c.Community.Households = 1500
			c.Community.ChildShare = 0
			c.Macro.ChannelOpenness = 1
			c.Macro.MeetingInterval = 1
			c.Participation.Rule = "threshold"
			c.Participation.Initiators = 0.05
			c.Participation.ThresholdMean = 0.2
			c.Participation.ThresholdSD = 0.1
			c.Calendar = Calendar{PreProject: 30}
			e := mustNew(t, c, seed, 3)
			r := &e.r
			active := make([]bool, r.n)
			for week := range 30 {
				e.Step()
				next := make([]bool, r.n)
				for i := range r.n {
					var nb []int
					lo, hi := e.hh.members(int(r.household[i]))
					for j := lo; j < hi; j++ {
						if j != i {
							nb = append(nb, j)
						}
					}
					to, _ := r.ties(i)
					for _, j := range to {
						nb = append(nb, int(j))
					}
					k := 0
					for _, j := range nb {
						if active[j] {
							k++
						}
					}
					share := 0.0
					if len(nb) > 0 {
						share = float64(k) / float64(len(nb))
					}
					next[i] = float32(share) >= r.threshold[i]
				}
				active = next
				for i := range r.n {
					if active[i] != (r.took[i]&didAffairs != 0) {
						t.Fatalf("week %d resident %d: engine %v, classic %v", week, i, !active[i], active[i])
					}
				}
			}
			if participants(e) <= int(0.05*float64(r.n)) {
				t.Logf("cascade did not spread beyond the initiators (%d)", participants(e))
			}
		})
	}
}
