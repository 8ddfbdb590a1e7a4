package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOutcomeSpanIsOutcomeShard: the record's pass applies the meeting's
// outcome by scanning took grid by grid (outcomeSpan) where the discussion
// walks its list of participants (outcomeShard); both must leave every
// attitude the same, bit for bit, and touch no one else.
func TestOutcomeSpanIsOutcomeShard(t *testing.T) {
	e := mustNew(t, short(programme()), 5, 1)
	for e.Week() < 3 {
		e.Step()
	}
	r := &e.r
	rng := rand.New(rand.NewPCG(1, 2))
	for g := range e.grids.raised {
		e.grids.raised[g] = int32(rng.IntN(4)) // some grids raised nothing
		e.grids.resolved[g] = int32(rng.IntN(int(e.grids.raised[g]) + 1))
	}
	type attitudes struct{ efficacy, trust, belong []float32 }
	save := func() attitudes {
		return attitudes{slices.Clone(r.efficacy), slices.Clone(r.trust), slices.Clone(r.belong)}
	}
	restore := func(a attitudes) {
		copy(r.efficacy, a.efficacy)
		copy(r.trust, a.trust)
		copy(r.belong, a.belong)
	}
	before := save()
	for s := range e.shards {
		sh := &e.shards[s]
		sh.participants = sh.participants[:0]
		for i := sh.lo; i < sh.hi; i++ {
			r.took[i] &^= didAffairs
			if rng.IntN(3) == 0 {
				r.took[i] |= didAffairs
				sh.participants = append(sh.participants, int32(i))
			}
		}
		e.outcomeShard(sh)
	}
	want := save()
	if slices.Equal(want.efficacy, before.efficacy) {
		t.Fatal("no participant's efficacy moved: the test tests nothing")
	}
	restore(before)
	for s := range e.shards {
		for g, sp := range e.gridSpans(&e.shards[s]) {
			if share, ok := e.resolvedShare(g); ok {
				e.outcomeSpan(sp, share)
			}
		}
	}
	got := save()
	for _, c := range []struct {
		name      string
		want, got []float32
	}{{"efficacy", want.efficacy, got.efficacy}, {"trust", want.trust, got.trust}, {"belonging", want.belong, got.belong}} {
		for i := range c.want {
			if c.want[i] != c.got[i] {
				t.Fatalf("resident %d's %s: %v by outcomeSpan, %v by outcomeShard", i, c.name, c.got[i], c.want[i])
			}
		}
	}
}
