package sim

import (
	"math"
	"reflect"
	"testing"
)

// snapshotAggregates computes, from a snapshot alone (Population and
// Memberships), the metrics that are means over residents, adding in the
// record's order: residents in id order within each shard, shards in
// order (spans gives the shards' ranges), then dividing once.
func snapshotAggregates(p *Population, ms []PopMembership, spans [][2]int, strongAt float64) map[Metric]float64 {
	member := make([]bool, len(p.Residents))
	for _, m := range ms {
		member[m.Resident] = true
	}
	var belong, trust, efficacy, role float64
	var adults, members, withStrong, degree int
	degrees := make([]int, len(p.Residents))
	for _, t := range p.Ties {
		if t.Strength >= float64(float32(strongAt)) {
			degrees[t.A]++
			degrees[t.B]++
		}
	}
	for _, sp := range spans {
		var b, tr, ef, ro float64
		for i := sp[0]; i < sp[1]; i++ {
			r := &p.Residents[i]
			withStrong += min(degrees[i], 1)
			degree += degrees[i]
			if r.Age == Child {
				continue
			}
			adults++
			if member[i] {
				members++
			}
			b += r.Belonging
			tr += r.Trust
			ef += r.Efficacy
			ro += r.RoleClarity
		}
		belong, trust, efficacy, role = belong+b, trust+tr, efficacy+ef, role+ro
	}
	n, a := float64(len(p.Residents)), float64(adults)
	return map[Metric]float64{
		BelongingMean: belong / a, TrustMean: trust / a, EfficacyMean: efficacy / a, RoleClarity: role / a,
		OrgMembership: float64(members) / a, StrongTieShare: float64(withStrong) / n, StrongDegree: float64(degree) / n,
	}
}

// A snapshot taken at the end of a week gives that week's record, bit for
// bit, and built back as data it is the same community.
func TestSnapshotAggregatesAreTheRecord(t *testing.T) {
	c := short(programme())
	e := mustNew(t, c, 7, 3)
	var spans [][2]int
	for _, sh := range e.shards {
		spans = append(spans, [2]int{sh.lo, sh.hi})
	}
	if len(spans) < 2 {
		t.Fatalf("%d shard: the test does not exercise the order of the sums", len(spans))
	}
	snap := map[int]bool{0: true, 7: true, c.Calendar.Weeks() - 1: true}
	for e.Week() < c.Calendar.Weeks() {
		e.Step()
		w := e.Week() - 1
		if !snap[w] {
			continue
		}
		p := e.Population()
		got := snapshotAggregates(p, e.Memberships(), spans, c.Behaviour.StrongTie)
		for m, x := range got {
			if want := e.Result().Values[m][w]; math.Float64bits(x) != math.Float64bits(want) {
				t.Errorf("week %d: %s from the snapshot %v, the record %v", w, Metrics[m].Name, x, want)
			}
		}
		back := c
		back.Data = p
		b := mustNew(t, back, 1, 1)
		if !reflect.DeepEqual(b.Population(), p) {
			t.Errorf("week %d: the community built back from the snapshot differs", w)
		}
	}
}
