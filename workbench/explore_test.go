package workbench

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/report"
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
	want, err := compare(context.Background(), scs, 7, 3, 2, false, nil, nil) // groups measured in the cache, not here: they change no metric
	if err != nil {
		t.Fatal(err)
	}
	var c resultCache
	for round, forget := range []int{-1, -1, 0, 1} { // fresh, all cached, then one of them forgotten
		groups := round > 0 // without groups, then with: they are simulated again
		if forget >= 0 {
			key := fmt.Sprintf("%s/%d/%d", scs[forget].Hash(), 7, 3)
			delete(c.results, key)
			c.keys = slices.DeleteFunc(c.keys, func(k string) bool { return k == key })
		}
		got, err := c.compare(context.Background(), scs, 3, 2, groups)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if groups && !report.HasGroups(got[i]) {
				t.Fatalf("round %d scenario %d: no groups measured, for who gains", round, i)
			}
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

	// A stage length moved: every scenario is simulated again, from the
	// engines the cache kept at the start of their middle stage, and the
	// numbers are a fresh comparison's.
	var moved []*scenario.Scenario
	for _, sc := range scs {
		m, err := s.load(ref{name: sc.Name}, []string{fmt.Sprintf("calendar.middle_weeks=%d", sc.Config.Calendar.Middle+3)})
		if err != nil {
			t.Fatal(err)
		}
		m.Seed = 7
		moved = append(moved, m)
	}
	want, err = compare(context.Background(), moved, 7, 3, 2, true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.compare(context.Background(), moved, 3, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		for r := range want[i] {
			for m := range sim.NumMetrics {
				if !slices.Equal(bitsOf(want[i][r].Values[m]), bitsOf(got[i][r].Values[m])) {
					t.Fatalf("moved stage: scenario %d replication %d: %s differs from a fresh comparison", i, r, sim.Metrics[m].Name)
				}
			}
			if !slices.Equal(bitsOf(want[i][r].GroupValues), bitsOf(got[i][r].GroupValues)) {
				t.Fatalf("moved stage: scenario %d replication %d: the groups differ from a fresh comparison", i, r)
			}
		}
	}
}

func bitsOf(xs []float64) []uint64 {
	out := make([]uint64, len(xs))
	for k, x := range xs {
		out[k] = math.Float64bits(x)
	}
	return out
}

// The levers act on any chosen scenarios: each lever only on those it
// names, and only once moved from the scenarios' own value.
func TestLeverSets(t *testing.T) {
	load := func(name string) *scenario.Scenario {
		sc, err := scenario.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	scs := []*scenario.Scenario{load("baseline"), load("full-programme"), load("sustained-funding")}
	req := func(query string) *http.Request { return httptest.NewRequest("GET", "/explore?"+query, nil) }
	ls, err := levers(req(""), scs)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scs {
		if sets := leverSets(ls, sc); len(sets) != 0 {
			t.Errorf("levers at their defaults set %q in %s", sets, sc.Name)
		}
	}
	ls, err = levers(req("org_funds=120&social_workers=9&effort=50&middle_weeks=30"), scs)
	if err != nil {
		t.Fatal(err)
	}
	has := func(sets []string, prefix string) bool {
		return slices.ContainsFunc(sets, func(s string) bool { return strings.HasPrefix(s, prefix) })
	}
	for i, want := range []struct{ funds, workers, stages bool }{{false, false, false}, {false, true, true}, {true, true, true}} {
		sets := leverSets(ls, scs[i])
		if has(sets, "follow_up.organization_funds_per_week=120") != want.funds || has(sets, "project.social_workers=9") != want.workers ||
			has(sets, "stages.") != want.stages || !has(sets, "calendar.middle_weeks=30") {
			t.Errorf("%s: %q", scs[i].Name, sets)
		}
	}
	// Half the budget: every measure's weekly cost halved, as loaded.
	sc, err := scenario.Load("full-programme", leverSets(ls, scs[1]))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sc.Config.Stages.Middle.CulturalActivities.WeeklyCost, scs[1].Config.Stages.Middle.CulturalActivities.WeeklyCost/2; got != want || want == 0 {
		t.Errorf("activities' weekly cost at 50%%: %v, want %v", got, want)
	}
	// Without a scenario that funds organizations after the project, the
	// funds lever adds funding to every programme.
	ls, _ = levers(req("org_funds=50"), scs[:2])
	if sets := leverSets(ls, scs[1]); !has(sets, "follow_up.organization_funds_per_week=50") {
		t.Errorf("funds without a funder: %q", sets)
	}
}

// The explore page compares the scenarios chosen, the user's own too.
func TestExploreChosenScenarios(t *testing.T) {
	s := newTestServer(t)
	q := "baseline=workspace:tiny-base&scenario=workspace:tiny-plan"
	expect(t, get(t, s, "/explore?"+q), 200, `<option value="workspace:tiny-base" selected>`,
		`value="workspace:tiny-plan" checked`, "Starts at 2; changes tiny-base, tiny-plan.", "changes tiny-plan.",
		// a unit follows its number as words do
		`>100</output><span class="muted">% of each scenario&#39;s own</span>`, `</output><span class="muted"> weeks</span>`)
	// Compact: the chosen scenarios ticked, the others in an "add" chooser,
	// built-in (the default trio first) and the user's apart.
	page := get(t, s, "/explore?"+q).Body.String()
	if n := strings.Count(page, `type="checkbox" name="scenario"`); n != 1 {
		t.Errorf("%d scenario checkboxes, want the one chosen", n)
	}
	add := page[strings.Index(page, `id="explore-add"`):]
	add = add[:strings.Index(add, "</select>")]
	for _, want := range []string{`<option value="" selected>`, `<optgroup label="Built-in"><option value="builtin:baseline">baseline</option><option value="builtin:full-programme">full-programme</option><option value="builtin:sustained-funding">`, `value="builtin:local-hires"`} {
		if !strings.Contains(add, want) {
			t.Errorf("the add chooser lacks %s", want)
		}
	}
	if strings.Contains(add, "tiny-plan") || strings.Contains(add, "tiny-base") {
		t.Error("the add chooser offers a scenario already chosen")
	}
	// The chooser left alone adds nothing; at the most, it is gone.
	expect(t, get(t, s, "/explore?"+q+"&scenario="), 200, `value="workspace:tiny-plan" checked`)
	full := get(t, s, "/explore?baseline=builtin:baseline&scenario=builtin:full-programme&scenario=builtin:sustained-funding&scenario=builtin:local-hires").Body.String()
	if strings.Contains(full, `id="explore-add"`) || strings.Count(full, `type="checkbox" name="scenario"`) != 3 {
		t.Error("with four scenarios chosen, more can be added")
	}
	rec := get(t, s, "/explore/result?"+q+"&social_workers=2&metric=participation")
	expect(t, rec, 200, "<td>tiny-plan</td>", "gain per 100,000 yuan")
	if strings.Contains(rec.Body.String(), `id="who-gains"`) || strings.Contains(rec.Body.String(), "Gap in taking part") {
		t.Error("who gains shown, or equity rows in the table, without being asked for")
	}
	// Who gains when asked for, its choices in the levers' form; then
	// not again, though the cache now holds groups.
	expect(t, get(t, s, "/explore?"+q), 200, `<input type="checkbox" name="groups" value="1" id="explore-groups">`)
	expect(t, get(t, s, "/explore?"+q+"&groups=1"), 200, `id="explore-groups" checked>`)
	rec = get(t, s, "/explore/result?"+q+"&social_workers=2&groups=1")
	expect(t, rec, 200, `id="who-gains"`, `id="figure-groups"`, "poorest fifth (q1)", `<select name="by" form="explore">`, `id="equity-statements"`, "Gap in taking part")
	rec = get(t, s, "/explore/result?"+q+"&social_workers=2")
	if strings.Contains(rec.Body.String(), `id="who-gains"`) || strings.Contains(rec.Body.String(), "Gap in taking part") {
		t.Error("who gains shown, or equity rows in the table, without being asked for")
	}
	rec = get(t, s, "/explore/result?"+q+"&groups=1&gmetric=trust&by=age&at=end_of_horizon")
	expect(t, rec, 200, `<option value="trust" selected`, `<option value="age" selected>`, `<option value="end_of_horizon" selected>`, "<td>elder</td>")
	if strings.Contains(rec.Body.String(), "sustained-funding") {
		t.Error("the built-in trio compared instead of the chosen scenarios")
	}
	for _, tc := range []struct{ query, want string }{
		{"baseline=workspace:tiny-base&scenario=workspace:tiny-base", "Choose at least one scenario besides the baseline."},
		{"scenario=builtin:full-programme&scenario=builtin:sustained-funding&scenario=builtin:local-hires&scenario=builtin:party-linkage&scenario=workspace:tiny-plan", "Choose at most 4 scenarios"},
		{"baseline=workspace:tiny-base&scenario=workspace:missing", "Scenario missing is not valid"},
		{"baseline=workspace:tiny-base&scenario=builtin:full-programme", "other stage lengths than the baseline"},
		{"baseline=nowhere:x&scenario=workspace:tiny-plan", "a scenario is chosen as builtin:NAME or workspace:NAME"},
	} {
		expect(t, get(t, s, "/explore/result?"+tc.query), 400, tc.want)
	}
}
