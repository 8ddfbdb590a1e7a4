package experiment

import (
	"context"
	"math"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func smallConfig() sim.Config {
	c := sim.Defaults()
	c.Community.Households = 200
	c.Community.Buildings = 10
	c.Calendar = sim.Calendar{PreProject: 3, Initial: 3, Middle: 4, Later: 2, FollowUp: 2}
	c.Project.Enabled = true
	c.Stages.Middle.CulturalActivities.Intensity = 1
	return c
}

func TestRunSameWhateverWorkers(t *testing.T) {
	c := smallConfig()
	want, err := Run(context.Background(), &c, Options{Seed: 9, Replications: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8} {
		got, err := Run(context.Background(), &c, Options{Seed: 9, Replications: 5, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for r := range want {
			if got[r].Replication != r || got[r].Seed != want[r].Seed {
				t.Fatalf("workers=%d: replication %d has id %d seed %d", w, r, got[r].Replication, got[r].Seed)
			}
			for m := range sim.NumMetrics {
				for wk, v := range want[r].Values[m] {
					if math.Float64bits(v) != math.Float64bits(got[r].Values[m][wk]) {
						t.Fatalf("workers=%d: replication %d %s week %d differs", w, r, sim.Metrics[m].Name, wk)
					}
				}
			}
		}
	}
}

func TestReplicationsDiffer(t *testing.T) {
	c := smallConfig()
	res, err := Run(context.Background(), &c, Options{Seed: 9, Replications: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Seed == res[1].Seed {
		t.Fatal("replications share a seed")
	}
}

func TestProgressAndCancel(t *testing.T) {
	c := smallConfig()
	var calls []int
	_, err := Run(context.Background(), &c, Options{Seed: 1, Replications: 4, Workers: 2,
		Progress: func(done, total int) { calls = append(calls, done) }})
	if err != nil || len(calls) != 4 || calls[3] != 4 {
		t.Fatalf("progress calls %v, err %v", calls, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, &c, Options{Seed: 1, Replications: 4, Workers: 2}); err == nil {
		t.Fatal("cancelled run returned no error")
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ workers, reps, conc, inner int }{
		{1, 10, 1, 1}, {2, 10, 2, 1}, {8, 2, 2, 4}, {2, 1, 1, 2}, {0, 5, 1, 1},
	} {
		c, i := Split(tc.workers, tc.reps)
		if c != tc.conc || i != tc.inner {
			t.Errorf("Split(%d, %d) = %d, %d; want %d, %d", tc.workers, tc.reps, c, i, tc.conc, tc.inner)
		}
	}
}
