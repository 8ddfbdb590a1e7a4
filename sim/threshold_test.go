package sim

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// crowd is a community of n single-person households, everyone an adult,
// with only the discussion (participation) and record phases on, channels
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
					lo, hi := e.households.members(int(r.household[i]))
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

// Granovetter (1978, "Threshold models of collective behavior", American
// Journal of Sociology 83:1420–1443) works a crowd whose thresholds are
// normally distributed with mean 25% of the crowd: with a standard
// deviation below about 12.2% the riot stays tiny, above it nearly everyone
// joins. In the large-crowd limit the final share r* is the first fixed
// point of r = F(r), F the threshold distribution, reached from r = 0. The
// engine, with every other phase off and global influence, must land on
// it.
func TestGranovetterNormalThresholds(t *testing.T) {
	const (
		n    = 10_000
		reps = 10
		mean = 0.25
	)
	fixedPoint := func(sd float64) float64 {
		f := distuv.Normal{Mu: mean, Sigma: sd}
		r := 0.0
		for range 10_000 {
			r = f.CDF(r)
		}
		return r
	}
	for _, tc := range []struct {
		sd         float64
		lo, hi     float64 // where every replication must end
		checkFixed bool
	}{
		{0.10, 0, 0.05, true},  // well below the critical 12.2%: a few percent at most
		{0.11, 0, 0.05, false}, // still below it
		{0.135, 0.95, 1, true}, // above it: nearly everyone
	} {
		t.Run(fmt.Sprintf("sd=%.3f", tc.sd), func(t *testing.T) {
			want := fixedPoint(tc.sd)
			var shares []float64
			for rep := range reps {
				c := crowd(make([]float64, n), "global")
				c.Participation.Thresholds = nil
				c.Participation.Initiators = 0
				c.Participation.ThresholdMean = mean
				c.Participation.ThresholdSD = tc.sd
				c.Calendar = Calendar{PreProject: 60}
				e := mustNew(t, c, ReplicationSeed(7, rep), 2)
				for range 60 {
					e.Step()
				}
				share := float64(participants(e)) / n
				if share < tc.lo || share > tc.hi {
					t.Fatalf("replication %d ends at %.4f, want within [%v, %v] (mean-field %.4f)", rep, share, tc.lo, tc.hi, want)
				}
				shares = append(shares, share)
			}
			if !tc.checkFixed {
				return
			}
			// The empirical threshold distribution of n residents departs
			// from F by sqrt(F(1-F)/n); the cascade amplifies that by
			// 1/(1-F'(r*)). Allow four standard errors of the mean of reps.
			f := distuv.Normal{Mu: mean, Sigma: tc.sd}
			se := math.Sqrt(want*(1-want)/n) / (1 - f.Prob(want)) / math.Sqrt(reps)
			got := stat.Mean(shares, nil)
			if math.Abs(got-want) > 4*se+1.0/n {
				t.Errorf("mean final share %.5f, mean-field fixed point %.5f, tolerance %.5f", got, want, 4*se+1.0/n)
			}
		})
	}
}
