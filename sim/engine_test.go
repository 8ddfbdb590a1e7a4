package sim

import (
	"context"
	"math"
	"runtime"
	"testing"
	"time"
)

// Results must be identical, bit for bit, whatever the number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	c := short(programme())
	c.Community.Households = 3500 // about 12,000 residents: a dozen shards
	c.Community.Buildings = 120
	c.Community.Grids = 12
	_, want := mustRun(t, c, 42, 1)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8)) // pools are capped at GOMAXPROCS
	for _, w := range []int{2, 8} {
		_, got := mustRun(t, c, 42, w)
		if d := recordDiff(want, got); d != "" {
			t.Fatalf("workers=%d: %s (workers=1)", w, d)
		}
	}
}

// TestTimingChangesNothing: timed, the week runs as it does untimed; the
// results must not change.
func TestTimingChangesNothing(t *testing.T) {
	c := short(programme())
	_, want := mustRun(t, c, 7, 2)
	e := mustNew(t, c, 7, 2)
	e.EnableTiming()
	got, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := recordDiff(want, got); d != "" {
		t.Fatalf("timed: %s", d)
	}
	var total time.Duration
	for _, d := range e.PhaseTimes() {
		total += d
	}
	if total <= 0 {
		t.Fatal("no phase time recorded")
	}
}

func TestSeedsDiffer(t *testing.T) {
	c := short(programme())
	_, a := mustRun(t, c, 1, 1)
	_, b := mustRun(t, c, 2, 1)
	same := true
	for wk := range a.Values[Participation] {
		same = same && a.Values[Participation][wk] == b.Values[Participation][wk]
	}
	if same {
		t.Fatal("two seeds gave the same participation curve")
	}
}

// Invariants that hold every week of every run: shares in [0,1], metrics
// finite, population conserved, funds never negative, ties symmetric and
// within [0,1], needs within their cap.
func TestInvariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"baseline", short(Defaults())},
		{"programme", short(programme())},
		{"threshold", func() Config {
			c := short(programme())
			c.Participation.Rule = "threshold"
			return c
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNew(t, tc.cfg, 5, 2)
			n := e.Residents()
			for range tc.cfg.Calendar.Weeks() {
				e.Step()
				checkState(t, e, n)
			}
			res := e.Result()
			for m, info := range Metrics {
				for wk, v := range res.Values[m] {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("%s week %d is %v", info.Name, wk, v)
					}
					if info.UnitInterval() && (v < 0 || v > 1) {
						t.Fatalf("%s week %d = %v, outside [0,1]", info.Name, wk, v)
					}
					if info.Unit == "correlation" && (v < -1 || v > 1) {
						t.Fatalf("%s week %d = %v, outside [-1,1]", info.Name, wk, v)
					}
					if v < 0 && info.Unit != "correlation" {
						t.Fatalf("%s week %d = %v is negative", info.Name, wk, v)
					}
				}
			}
		})
	}
}

func checkState(t *testing.T, e *Engine, n int) {
	t.Helper()
	r := &e.r
	if r.n != n || len(r.belong) != n || int(e.households.start[len(e.households.start)-1]) != n {
		t.Fatalf("population changed: %d residents, want %d", r.n, n)
	}
	for i := range n {
		for _, a := range []float32{r.belong[i], r.trust[i], r.efficacy[i], r.role[i], r.norm[i]} {
			if !(a >= 0 && a <= 1) {
				t.Fatalf("week %d: resident %d has attitude %v outside [0,1]", e.week, i, a)
			}
		}
		for _, k := range r.needs[i] {
			if int(k) > e.cfg.Behaviour.NeedCap {
				t.Fatalf("resident %d has %d pending needs, cap %d", i, k, e.cfg.Behaviour.NeedCap)
			}
		}
		to, str := r.ties(i)
		for k, j := range to {
			if int(j) == i || str[k] < 0 || str[k] > 1 {
				t.Fatalf("resident %d: bad tie to %d strength %v", i, j, str[k])
			}
			if !r.hasTie(int(j), i) {
				t.Fatalf("tie %d→%d has no reverse", i, j)
			}
		}
		for _, o := range r.memberships(i) {
			found := false
			for _, m := range e.orgs[o].members {
				found = found || int(m) == i
			}
			if !found {
				t.Fatalf("resident %d thinks it belongs to organization %d, which does not list it", i, o)
			}
		}
	}
	for o, org := range e.orgs {
		if org.funds < 0 {
			t.Fatalf("week %d: organization %d has funds %v", e.week, o, org.funds)
		}
		if org.activity < 0 || org.activity > 1 {
			t.Fatalf("organization %d activity %v", o, org.activity)
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	c := short(Defaults())
	e := mustNew(t, c, 1, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Run(ctx); err == nil {
		t.Fatal("Run ignored a cancelled context")
	}
}

func TestNoAllocationPerWeek(t *testing.T) {
	c := programme()
	c.Calendar = Calendar{Middle: 400}
	e := mustNew(t, c, 3, 2)
	for range 20 { // let buffers reach their steady size
		e.Step()
	}
	// Result columns are allocated for the whole horizon and every weekly
	// buffer at its bound; founding an organization allocates its member
	// list, rarely enough to round to 0 a week.
	allocs := testing.AllocsPerRun(20, e.Step)
	if allocs > 0 {
		t.Fatalf("%v allocations per week in steady state", allocs)
	}
}
