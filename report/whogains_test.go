package report

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// groupedFixture is fixture with five income quintiles q1..q5 whose
// participation is q/10 plus lift[q] (and replication r's r/100), and a
// vulnerable coverage of 0.5 over 2 needy residents in each.
func groupedFixture(lift [5]float64) []*sim.Result {
	results := fixture(3, 6, sim.Calendar{PreProject: 2, Initial: 2, FollowUp: 2})
	for _, r := range results {
		for q := range 5 {
			r.Groups = append(r.Groups, sim.Group{By: sim.ByIncome, Name: "q" + string(rune('1'+q)), Size: 12, Adults: 10})
		}
		r.Groups = append(r.Groups, sim.Group{By: sim.ByAge, Name: "adult", Size: 60, Adults: 50})
		for range r.Weeks() {
			for k := range r.Groups {
				v := make([]float64, sim.NumGroupMetrics)
				v[sim.GCareNeedy], v[sim.GVulnerableCoverage] = 2, 0.5
				if k < 5 {
					v[sim.GParticipation] = float64(k+1)/10 + lift[k] + float64(r.Replication)/100
				}
				r.GroupValues = append(r.GroupValues, v...)
			}
		}
	}
	return results
}

func TestCompareGroups(t *testing.T) {
	base := groupedFixture([5]float64{})
	plan := groupedFixture([5]float64{0.2, 0.1})
	g, err := CompareGroups([]string{"base", "plan"}, [][]*sim.Result{base, plan}, 0, "participation", sim.ByIncome, AtEndOfProject)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(g.Groups, ",") != "q1,q2,q3,q4,q5" || len(g.Rows) != 5 {
		t.Fatalf("groups %v, %d rows", g.Groups, len(g.Rows))
	}
	for q, want := range []float64{0.2, 0.1, 0, 0, 0} {
		r := g.Rows[q]
		if r.Scenario != "plan" || math.Abs(r.Diff.Mean-want) > 1e-12 || math.Abs(r.Base.Mean-(float64(q+1)/10+0.01)) > 1e-12 {
			t.Errorf("%s: base %v, difference %v, want %v", r.Group, r.Base.Mean, r.Diff.Mean, want)
		}
	}
	rows := FormatWhoGains(g)
	if rows[0].Group != "poorest fifth (q1)" || rows[0].Diff != "+20.0" || rows[0].Base != "11.0%" || !rows[0].Gains || rows[2].Gains || rows[2].Diff != "0.0" {
		t.Errorf("formatted: %+v; %+v", rows[0], rows[2])
	}
	if _, err := GroupFigure(g, []string{"base", "plan"}); err != nil {
		t.Error(err)
	}
	// A group with nobody the metric is over (children, for participation)
	// says so rather than showing "–%" and an empty interval.
	nan := math.NaN()
	g.Rows[1].Base.Mean, g.Rows[1].Value.Mean, g.Rows[1].Diff = nan, nan, stats.Estimate{Mean: nan, Low: nan, High: nan, N: 3}
	if r := FormatWhoGains(g)[1]; r.Base != "–" || r.Value != "–" || r.Interval != "nobody in this group is measured" || r.Gains || r.Loses {
		t.Errorf("a group without anyone measured: %+v", r)
	}
	for _, tc := range []struct{ metric, by, at, want string }{
		{"care_needy", sim.ByIncome, AtEndOfProject, "no group metric"},
		{"participation", "height", AtEndOfProject, "no grouping"},
		{"participation", sim.ByIncome, "soon", "no point in time"},
	} {
		if _, err := CompareGroups([]string{"base", "plan"}, [][]*sim.Result{base, plan}, 0, tc.metric, tc.by, tc.at); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s %s: %v, want %q", tc.metric, tc.by, tc.at, err, tc.want)
		}
	}
	if _, err := CompareGroups([]string{"base", "plan"}, [][]*sim.Result{base, fixture(3, 6, sim.Calendar{PreProject: 2, Initial: 2, FollowUp: 2})}, 0, "participation", sim.ByIncome, AtEndOfProject); err == nil {
		t.Error("results without groups compared by group")
	}
}

// The equity statements say which way the gap moves, by how much and with
// what interval.
func TestEquityStatements(t *testing.T) {
	base := groupedFixture([5]float64{})
	for _, tc := range []struct {
		name string
		lift [5]float64
		want []string
	}{
		{"narrows", [5]float64{0.2}, []string{"plan narrows the gap in participation between the richest", "by 20.0 percentage points [+20.0, +20.0]", "the richest fifth's lead over the poorest: 40.0 points with base, 20.0 with plan", "spread more evenly across incomes"}},
		{"widens", [5]float64{0, 0, 0, 0, 0.1}, []string{"plan widens the gap", "by 10.0 percentage points [+10.0, +10.0]", "more concentrated among the richer"}},
		{"no change", [5]float64{}, []string{"does not clearly change the gap", "an interval that includes zero", "no clear change, an interval that includes zero"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compare([]string{"base", "plan"}, [][]*sim.Result{base, groupedFixture(tc.lift)}, 0, []sim.Metric{sim.Participation})
			if err != nil {
				t.Fatal(err)
			}
			got := EquityStatements(c, AtEndOfProject, "participation")
			if len(got) != 2 {
				t.Fatalf("%d statements, want the gap and the index: %q", len(got), got)
			}
			text := strings.Join(got, "\n")
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("statements lack %q:\n%s", w, text)
				}
			}
		})
	}
}

// report.html has a section on who gains when the results have groups.
func TestWriteHTMLWhoGains(t *testing.T) {
	base := groupedFixture([5]float64{})
	plan := groupedFixture([5]float64{0.2})
	var b bytes.Buffer
	err := WriteHTML(&b, HTMLReport{Title: "t", Scenarios: []HTMLScenario{{Name: "base", Results: base}, {Name: "plan", Results: plan}},
		Metrics: []sim.Metric{sim.Participation, sim.Cost}, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{"Who gains", "poorest fifth (q1)", "&#43;20.0 [&#43;20.0, &#43;20.0] *", "narrows the gap", "Gap in taking part, richest − poorest fifth", "gain per 100,000 yuan"} {
		if !strings.Contains(page, w) {
			t.Errorf("report.html lacks %q", w)
		}
	}
	if n := strings.Count(page, "<img "); n != 6 {
		t.Errorf("%d figures, want 6: levels and difference of two metrics, who gains at two times", n)
	}
}

// The group metrics read first are group metrics a planner can ask who
// gains of, each once.
func TestWhoGainsFirst(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range WhoGainsFirst {
		if !slices.Contains(WhoGainsMetrics(), name) || seen[name] {
			t.Errorf("%s: not a who-gains metric, or twice", name)
		}
		seen[name] = true
	}
	if WhoGainsFirst[0] != "participation" || len(WhoGainsFirst) > 6 {
		t.Errorf("read first: %v", WhoGainsFirst)
	}
}
