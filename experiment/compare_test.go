package experiment

import (
	"context"
	"math"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func TestPlanForks(t *testing.T) {
	base := smallConfig()
	base.Project.Enabled = false
	full := smallConfig()
	sustained := smallConfig()
	sustained.FollowUp.OrgFundsPerWeek = 50
	other := smallConfig()
	other.Community.Households = 300
	// Differs from sustained in the initial stage: it must fork from the
	// baseline, since sustained exists only from week 12.
	early := sustained
	early.Stages.Initial.HomeVisits.Intensity = 2
	p := PlanForks([]*sim.Config{&base, &full, &sustained, &other, &early})
	wantParent := []int{-1, 0, 1, -1, 0}
	wantWeek := []int{0, 3, 12, 0, 3}
	for i := range wantParent {
		if p.Parent[i] != wantParent[i] || p.Week[i] != wantWeek[i] {
			t.Errorf("scenario %d forks from %d at week %d, want %d at %d", i, p.Parent[i], p.Week[i], wantParent[i], wantWeek[i])
		}
	}
}

// Forking gives the same results as running every scenario from the start.
func TestCompareEqualsSeparateRuns(t *testing.T) {
	base := smallConfig()
	base.Project.Enabled = false
	full := smallConfig()
	sustained := smallConfig()
	sustained.FollowUp.OrgFundsPerWeek = 50
	early := sustained
	early.Stages.Initial.HomeVisits.Intensity = 2
	cfgs := []*sim.Config{&base, &full, &sustained, &early}
	opts := Options{Seed: 4, Replications: 3, Workers: 2}
	got, err := Compare(context.Background(), cfgs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cfgs {
		want, err := Run(context.Background(), c, opts)
		if err != nil {
			t.Fatal(err)
		}
		for r := range want {
			if got[i][r].Replication != r || got[i][r].Seed != want[r].Seed {
				t.Fatalf("scenario %d replication %d: id %d seed %d", i, r, got[i][r].Replication, got[i][r].Seed)
			}
			for m := range sim.NumMetrics {
				for w, v := range want[r].Values[m] {
					if math.Float64bits(v) != math.Float64bits(got[i][r].Values[m][w]) {
						t.Fatalf("scenario %d replication %d %s week %d: compare %v, separate %v",
							i, r, sim.Metrics[m].Name, w, got[i][r].Values[m][w], v)
					}
				}
			}
		}
	}
}

// With parameters that change from one replication to the next (as drawn
// from a posterior), forking still gives the numbers of separate runs:
// the scenarios forked from each other share their replication's draw.
func TestCompareEachEqualsSeparateRuns(t *testing.T) {
	const reps = 3
	cfgs := make([][]*sim.Config, reps)
	for r := range cfgs {
		base := smallConfig()
		base.Project.Enabled = false
		base.Macro.ChannelOpenness = 0.2 + 0.2*float64(r)
		full := base
		full.Project.Enabled = true
		sustained := full
		sustained.FollowUp.OrgFundsPerWeek = 50
		cfgs[r] = []*sim.Config{&base, &full, &sustained}
	}
	opts := Options{Seed: 4, Replications: reps, Workers: 2}
	got, err := CompareEach(context.Background(), 3, func(r int) []*sim.Config { return cfgs[r] }, opts)
	if err != nil {
		t.Fatal(err)
	}
	if p := PlanForks(cfgs[0]); p.Parent[1] != 0 || p.Parent[2] != 1 {
		t.Fatalf("the test's scenarios do not fork: %+v", p)
	}
	for r := range reps {
		for i, c := range cfgs[r] {
			want, err := Replicate(context.Background(), c, opts.Seed, r, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got[i][r].Replication != r || got[i][r].Seed != want.Seed {
				t.Fatalf("scenario %d replication %d: id %d seed %d", i, r, got[i][r].Replication, got[i][r].Seed)
			}
			for m := range sim.NumMetrics {
				for w, v := range want.Values[m] {
					if math.Float64bits(v) != math.Float64bits(got[i][r].Values[m][w]) {
						t.Fatalf("scenario %d replication %d %s week %d: compare %v, separate %v",
							i, r, sim.Metrics[m].Name, w, got[i][r].Values[m][w], v)
					}
				}
			}
		}
	}
}
