package experiment

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// A comparison started from engines an earlier one kept gives a fresh
// comparison's results bit for bit, groups included, whether the kept
// engines can serve it (stage lengths moved) or not (the team changed).
func TestResumeGivesFreshResults(t *testing.T) {
	trio := func(change func(*sim.Config)) []*sim.Config {
		base := smallConfig()
		base.Project.Enabled = false
		full := smallConfig()
		sustained := smallConfig()
		sustained.FollowUp.OrgFundsPerWeek = 50
		cfgs := []*sim.Config{&base, &full, &sustained}
		for _, c := range cfgs {
			change(c)
		}
		return cfgs
	}
	for _, groups := range []bool{false, true} {
		z := NewResume(1 << 30)
		opts := Options{Seed: 6, Replications: 3, Workers: 2, Groups: groups, Resume: z}
		if _, err := Compare(context.Background(), trio(func(*sim.Config) {}), opts); err != nil {
			t.Fatal(err)
		}
		// The baseline and the full programme at the start of their middle
		// stage, in each replication; sustained funding forks later.
		if len(z.kept) != 2*opts.Replications {
			t.Fatalf("kept %d engines, want %d", len(z.kept), 2*opts.Replications)
		}
		for _, tc := range []struct {
			name    string
			change  func(*sim.Config)
			resumed bool
		}{
			{"longer middle stage", func(c *sim.Config) { c.Calendar.Middle += 3 }, true},
			{"shorter later stage, longer follow-up", func(c *sim.Config) { c.Calendar.Later--; c.Calendar.FollowUp += 4 }, true},
			{"shorter middle stage", func(c *sim.Config) { c.Calendar.Middle-- }, true},
			{"longer initial stage", func(c *sim.Config) { c.Calendar.Initial++ }, false},
			{"another team", func(c *sim.Config) { c.Project.SocialWorkers++ }, false},
		} {
			cfgs := trio(tc.change)
			starts, _ := z.startFrom(cfgs, PlanForks(cfgs), opts.Seed, 0, groups)
			if resumed := starts[0] != nil; resumed != tc.resumed {
				t.Errorf("%s: the baseline resumed %v, want %v", tc.name, resumed, tc.resumed)
			}
			got, err := Compare(context.Background(), cfgs, opts)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Compare(context.Background(), cfgs, Options{Seed: opts.Seed, Replications: opts.Replications, Workers: 1, Groups: groups})
			if err != nil {
				t.Fatal(err)
			}
			for i := range cfgs {
				for r := range want[i] {
					w, g := want[i][r], got[i][r]
					if g.Calendar != w.Calendar || g.Replication != r || g.Seed != w.Seed || !reflect.DeepEqual(g.Groups, w.Groups) {
						t.Fatalf("%s: scenario %d replication %d: calendar, id, seed or groups differ", tc.name, i, r)
					}
					for m := range sim.NumMetrics {
						if !sameBits(w.Values[m], g.Values[m]) {
							t.Fatalf("%s (groups %v): scenario %d replication %d: %s differs from a fresh comparison", tc.name, groups, i, r, sim.Metrics[m].Name)
						}
					}
					if !sameBits(w.GroupValues, g.GroupValues) {
						t.Fatalf("%s: scenario %d replication %d: the groups' values differ", tc.name, i, r)
					}
				}
			}
		}
	}
}

// Engines beyond the budget are dropped, oldest first.
func TestResumeBudget(t *testing.T) {
	cfg := smallConfig()
	per := sim.EstimateBytes(&cfg)
	z := NewResume(2 * per)
	if _, err := Compare(context.Background(), []*sim.Config{&cfg}, Options{Seed: 1, Replications: 3, Workers: 1, Resume: z}); err != nil {
		t.Fatal(err)
	}
	if len(z.kept) != 2 || z.held != 2*per {
		t.Fatalf("kept %d engines of %d bytes, want 2 of %d", len(z.kept), z.held, 2*per)
	}
	if z := NewResume(per - 1); z.keep(&cfg, 1, 0, false, nil) != nil || len(z.kept) != 0 {
		t.Fatal("an engine larger than the budget was kept")
	}
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}
