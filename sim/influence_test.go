package sim

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The fixed list of grown neighbours gives every resident the same share
// as the household range and tie slots it is built from, and the same
// threshold decision by counts (neighbours.meets) as the rule on that share:
// checked after a programme has grown and faded ties, on a community with
// households of several sizes and children, who are left out of the list.
func TestFixedNeighboursShareAsSlots(t *testing.T) {
	e, _ := mustRun(t, short(programme()), 3, 2)
	if e.fixed.start != nil {
		t.Fatal("the attitudes phase runs, yet influence reads a fixed list")
	}
	fixed := e.fixedNeighbours()
	withChildren := 0 // residents with a child among their neighbours
	for i := range e.r.n {
		lo, hi := e.households.members(int(e.r.household[i]))
		if int(fixed.start[i+1]-fixed.start[i]) < hi-lo-1+int(e.r.deg[i]) {
			withChildren++
		}
		for _, bit := range []uint8{didAffairs, didActivity} {
			want := e.tieShare(i, bit)
			if got := fixed.share(i, e.r.prevTook, bit); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("resident %d, bit %#x: %v from the fixed list, %v from the slots", i, bit, got, want)
			}
		}
		want := meetsThreshold(e.tieShare(i, didAffairs), e.r.threshold[i])
		if got := fixed.meets(i, e.r.prevTook); got != want {
			t.Fatalf("resident %d of threshold %v: the fixed list's counts say %v, the share says %v", i, e.r.threshold[i], got, want)
		}
	}
	if withChildren == 0 {
		t.Fatal("no resident has a child among household members or ties: the check needs some")
	}
}

// Runs without the attitudes phase read the fixed list; every week of their
// record is what the slots give, whichever phases run beside it.
func TestFixedNeighboursKeepResults(t *testing.T) {
	for _, on := range [][]string{
		{"calendar", "needs", "services", "activities", "organizations", "discussion"},
		{"discussion"},
		{"activities", "discussion"},
	} {
		for _, rule := range []string{"logit", "threshold"} {
			cfg := onlyPhases(short(programme()), on...)
			cfg.Participation.Rule = rule
			fast, slots := mustNew(t, cfg, 5, 2), mustNew(t, cfg, 5, 2)
			if fast.fixed.start == nil {
				t.Fatal("no fixed list without the attitudes phase")
			}
			slots.fixed = neighbours{}
			for range cfg.Calendar.Weeks() {
				fast.Step()
				slots.Step()
			}
			if d := recordDiff(slots.Result(), fast.Result()); d != "" {
				t.Fatalf("%s rule, phases [%s], fixed list against slots: %s", rule, strings.Join(on, " "), d)
			}
		}
	}
}

// TestLeastMeetingIsTheThresholdRule: comparing the count of neighbours who
// took part with leastMeeting must decide as the rule's share does, for
// every count, at thresholds drawn at random and at exact fractions k/n.
func TestLeastMeetingIsTheThresholdRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	meets := func(th float32, k, n int) bool {
		share := 0.0
		if n > 0 {
			share = float64(k) / float64(n)
		}
		return meetsThreshold(share, th)
	}
	for trial := range 5000 {
		n := rng.IntN(40)
		th := float32(rng.Float64()*1.2 - 0.1)
		if trial%2 == 1 && n > 0 {
			th = float32(rng.IntN(n+1)) / float32(n)
		}
		need := leastMeeting(th, n)
		for k := range n + 1 {
			if got, want := uint32(k) >= need, meets(th, k, n); got != want {
				t.Fatalf("threshold %v, %d of %d: leastMeeting says %v (need %d), the share says %v", th, k, n, got, need, want)
			}
		}
	}
}
