package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
)

// Each grouping partitions the residents, so its groups' values, weighted
// by each metric's own denominator, add up to the community-wide value,
// week by week, for every metric that is a mean over persons; measuring
// groups changes no community-wide value; and the group values are the
// same bit for bit on any number of workers.
func TestGroupsAddUpToCommunity(t *testing.T) {
	cfg := short(programme())
	plain := mustNew(t, cfg, 5, 2)
	e, one := mustNew(t, cfg, 5, 2), mustNew(t, cfg, 5, 1)
	for _, x := range []*Engine{e, one} {
		x.EnableGroups()
	}
	for range cfg.Calendar.Weeks() {
		plain.Step()
		e.Step()
		one.Step()
	}
	res := e.Result()
	if d := recordDiff(plain.Result(), res); d != "" {
		t.Fatalf("measuring groups changed the record: %s", d)
	}
	for k, v := range one.Result().GroupValues {
		if math.Float64bits(v) != math.Float64bits(res.GroupValues[k]) {
			t.Fatalf("group value %d: %v on one worker, %v on two", k, v, res.GroupValues[k])
		}
	}
	same := map[GroupMetric]Metric{
		GParticipation: Participation, GParticipationWeek: ParticipationWeek, GActivityAttendance: ActivityAttendance,
		GOrgMembership: OrgMembership, GBelonging: BelongingMean, GTrust: TrustMean, GEfficacy: EfficacyMean,
		GRoleClarity: RoleClarity, GStrongTieShare: StrongTieShare, GStrongDegree: StrongDegree,
		GVulnerableCoverage: VulnerableCoverage, GNeedsResolved: NeedsResolved, GNeedsLapsed: NeedsLapsed,
	}
	if len(same) != int(NumGroupMetrics)-1 { // care_needy is a count
		t.Fatalf("%d group metrics checked of %d", len(same), NumGroupMetrics-1)
	}
	groupings := map[string]bool{}
	for _, g := range res.Groups {
		groupings[g.By] = true
	}
	if len(groupings) != numGroupings {
		t.Fatalf("groupings %v", groupings)
	}
	for w := range res.Weeks() {
		for by := range groupings {
			for gm, m := range same {
				var sum, persons float64
				for k, g := range res.Groups {
					if g.By != by {
						continue
					}
					var p float64
					switch GroupMetrics[gm].Over {
					case OverAdults:
						p = float64(g.Adults)
					case OverSize:
						p = float64(g.Size)
					case OverNeedy:
						p = res.GroupValue(w, k, GCareNeedy)
					}
					if p > 0 {
						sum += p * res.GroupValue(w, k, gm)
						persons += p
					}
				}
				want := res.Values[m][w]
				got := sum / persons
				if gm == GVulnerableCoverage && persons == 0 {
					got = 1 // nobody needed care
				}
				if math.Abs(got-want) > 1e-12*max(1, math.Abs(want)) {
					t.Errorf("week %d, by %s: %s of the groups add up to %v, community %v", w, by, GroupMetrics[gm].Name, got, want)
				}
			}
		}
	}
	var n int
	for _, g := range res.Groups {
		if g.By == ByAge {
			n += g.Size
		}
	}
	if n != e.r.n {
		t.Errorf("age groups hold %d residents of %d", n, e.r.n)
	}
}

// TestGroupsGolden pins every group value, bit for bit, of the short
// programme (six grids over shards of 128 residents, so that grids span
// shards) and of a week without the attitudes phase (strong ties counted
// by the group pass itself): the group pass may change how it adds, never
// what.
func TestGroupsGolden(t *testing.T) {
	fixed := onlyPhases(short(programme()), "calendar", "needs", "services", "activities", "organizations", "discussion")
	for file, cfg := range map[string]Config{
		"groups.golden":            short(programme()),
		"groups-fixed-ties.golden": fixed,
	} {
		e := mustNew(t, cfg, 3, 2)
		e.EnableGroups()
		res, err := e.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, g := range res.Groups {
			fmt.Fprintf(&b, "%s,%s,%d,%d\n", g.By, g.Name, g.Size, g.Adults)
		}
		for wk := range res.Weeks() {
			for k := range res.Groups {
				fmt.Fprintf(&b, "%d,%d", wk, k)
				for m := range NumGroupMetrics {
					b.WriteString("," + strconv.FormatFloat(res.GroupValue(wk, k, m), 'g', -1, 64))
				}
				b.WriteByte('\n')
			}
		}
		golden.Check(t, filepath.Join("testdata", file), []byte(b.String()))
	}
}

// GroupNames lists, grouping by grouping, the groups EnableGroups
// measures, in order, and GroupIndex finds each of them; a community of
// fewer buildings than grids has a grid a building.
func TestGroupNames(t *testing.T) {
	cfg := short(programme())
	e := mustNew(t, cfg, 5, 1)
	e.EnableGroups()
	e.Step()
	res := e.Result()
	k := 0
	for _, by := range Groupings {
		for _, name := range GroupNames(&cfg, by) {
			if k >= len(res.Groups) || res.Groups[k] != (Group{By: by, Name: name, Size: res.Groups[k].Size, Adults: res.Groups[k].Adults}) {
				t.Fatalf("group %d: GroupNames gives %s=%s, the record %+v", k, by, name, res.Groups[min(k, len(res.Groups)-1)])
			}
			if i := res.GroupIndex(by, name); i != k {
				t.Errorf("GroupIndex(%s, %s) = %d, want %d", by, name, i, k)
			}
			k++
		}
	}
	if k != len(res.Groups) {
		t.Errorf("GroupNames lists %d groups, the record %d", k, len(res.Groups))
	}
	if GroupNames(&cfg, "incomes") != nil || res.GroupIndex(ByGrid, "999") != -1 || res.GroupIndex(ByAge, "q1") != -1 {
		t.Error("an unknown grouping or group was found")
	}
	few := cfg
	few.Community.Grids, few.Community.Buildings = 6, 4
	if got := GroupNames(&few, ByGrid); len(got) != 4 {
		t.Errorf("4 buildings, 6 grids: grids %v", got)
	}
}

// TestFloatOrderIsCompare checks that floatOrder orders floats as
// cmp.Compare does, on the values where that is easy to get wrong.
func TestFloatOrderIsCompare(t *testing.T) {
	nan := float32(math.NaN())
	inf := float32(math.Inf(1))
	values := []float32{nan, -inf, -3.4e38, -2, -1e-45, float32(math.Copysign(0, -1)), 0, 1e-45, 1, 2200, 3200, 3.4e38, inf}
	for _, a := range values {
		for _, b := range values {
			if got, want := cmp.Compare(floatOrder(a), floatOrder(b)), cmp.Compare(a, b); got != want {
				t.Errorf("floatOrder orders %v against %v as %d, cmp.Compare as %d", a, b, got, want)
			}
		}
	}
}

// TestIncomeQuintilesTies checks incomeQuintiles against the rule as a
// stable sort states it, on incomes with many ties, where only the
// households' ids order them.
func TestIncomeQuintilesTies(t *testing.T) {
	e := mustNew(t, Defaults(), 5, 1)
	h := &e.households
	for k := range h.income {
		h.income[k] = float32(k * 7 % 4 * 1000) // four incomes, in turn
	}
	order := make([]int, len(h.income))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(h.income[a], h.income[b]) })
	want := make([]uint8, len(order))
	before := 0
	for _, k := range order {
		lo, hi := h.members(k)
		want[k] = uint8(min(4, 5*(2*before+hi-lo)/(2*e.r.n)))
		before += hi - lo
	}
	if got := e.incomeQuintiles(); !slices.Equal(got, want) {
		t.Errorf("quintiles differ from a stable sort's")
	}
}

// BenchmarkEnableGroups times EnableGroups on a fresh default engine, the
// engine's build left out: what measuring groups costs a replication
// before its first week.
func BenchmarkEnableGroups(b *testing.B) {
	cfg := Defaults()
	for b.Loop() {
		b.StopTimer()
		e := mustNew(b, cfg, 5, 1)
		b.StartTimer()
		e.EnableGroups()
		b.StopTimer()
		e.Close()
		b.StartTimer()
	}
}
