package workbench

import (
	"context"
	"math"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// The baseline taken from the cache gives the numbers a full run gives.
func TestBaselineCacheSameResults(t *testing.T) {
	s := newTestServer(t)
	var scs []*scenario.Scenario
	for _, name := range []string{"tiny-base", "tiny-plan"} {
		sc, err := s.load(ref{name: name}, nil)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, sc)
	}
	want, err := compare(context.Background(), scs, 7, 3, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	scs[0].Seed = 7
	var c baselineCache
	for round := range 2 { // the second round takes the baseline from the cache
		got, err := c.compare(context.Background(), scs, 3, 2)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			for r := range want[i] {
				for m := range sim.NumMetrics {
					for w, v := range want[i][r].Values[m] {
						if math.Float64bits(v) != math.Float64bits(got[i][r].Values[m][w]) {
							t.Fatalf("round %d scenario %d replication %d %s week %d: %v, want %v", round, i, r, sim.Metrics[m].Name, w, got[i][r].Values[m][w], v)
						}
					}
				}
			}
		}
	}
	if len(c.keys) != 1 {
		t.Fatalf("%d baselines cached, want 1", len(c.keys))
	}
}
