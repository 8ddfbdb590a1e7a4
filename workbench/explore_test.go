package workbench

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Results taken from the cache, for all scenarios or some, are the numbers
// a full run gives.
func TestResultCacheSameResults(t *testing.T) {
	s := newTestServer(t)
	var scs []*scenario.Scenario
	for _, name := range []string{"tiny-base", "tiny-plan"} {
		sc, err := s.load(ref{name: name}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sc.Seed = 7
		scs = append(scs, sc)
	}
	want, err := compare(context.Background(), scs, 7, 3, 2, true, nil) // groups measured here, not in the cache: they change no metric
	if err != nil {
		t.Fatal(err)
	}
	var c resultCache
	for round, forget := range []int{-1, -1, 0, 1} { // fresh, all cached, then one of them forgotten
		if forget >= 0 {
			key := fmt.Sprintf("%s/%d/%d", scs[forget].Hash(), 7, 3)
			delete(c.results, key)
			c.keys = slices.DeleteFunc(c.keys, func(k string) bool { return k == key })
		}
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
	if len(c.keys) != 2 || len(c.results) != 2 {
		t.Fatalf("%d keys, %d results cached, want 2", len(c.keys), len(c.results))
	}
}
