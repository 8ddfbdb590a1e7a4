package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// report.html stands alone: no address outside the file, every figure
// inline.
func TestWriteHTMLSelfContained(t *testing.T) {
	base := fixture(testReps, testWeeks, testCalendar)
	plan := fixture(testReps, testWeeks, testCalendar)
	for _, r := range plan {
		r.Values[sim.Participation][testWeeks-1] += 0.1
	}
	for _, tc := range []struct {
		name      string
		scenarios []HTMLScenario
		want      []string
	}{
		{"compare", []HTMLScenario{{Name: "base", Results: base}, {Name: "plan", Changes: []Change{DescribeChange(scenario.Change{Key: "project.enabled", From: "false", To: "true"})}, Results: plan}},
			[]string{"Comparison with base", "<li>whether the social-work project exists: off → on (<code>project.enabled</code>)</li>", "Residents taking part in community discussions", "gain per 100,000 yuan", "No calibration.",
				// short names in running text, the column name beside the plain one
				`alt="Participation over the weeks, by scenario"`, `<td title="participation">Residents taking part`}},
		{"run", []HTMLScenario{{Name: "plan", Results: plan}},
			[]string{"Summary", "end of the project (95% interval)", "No calibration."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := WriteHTML(&b, HTMLReport{Title: "t", Scenarios: tc.scenarios, Metrics: []sim.Metric{sim.Participation, sim.Cost}, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			page := b.String()
			for _, bad := range []string{"http://", "https://", "//cdn", "<script", "<link"} {
				if strings.Contains(page, bad) {
					t.Errorf("report.html contains %q", bad)
				}
			}
			for _, src := range regexp.MustCompile(`src="([^"]*)"`).FindAllStringSubmatch(page, -1) {
				if !strings.HasPrefix(html.UnescapeString(src[1]), "data:image/svg+xml;base64,") {
					t.Errorf("src=%.40q refers outside the file", src[1])
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("report.html lacks %q", w)
				}
			}
			figures := 2
			if tc.name == "compare" {
				figures = 4 // levels and difference per metric
			}
			if n := strings.Count(page, "<img "); n != figures {
				t.Errorf("%d figures, want %d", n, figures)
			}
		})
	}
}

// A scenario that extends another compared one is described by what it
// adds.
func TestScenarioReportLike(t *testing.T) {
	load := func(name string) *scenario.Scenario {
		s, err := scenario.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	r := ScenarioReport([]*scenario.Scenario{load("baseline"), load("full-programme"), load("sustained-funding")}, make([][]*sim.Result, 3), nil, 1, "test")
	got := r.Scenarios[2]
	if got.Like != "full-programme" || len(got.Changes) != 1 || got.Changes[0].Key != "follow_up.organization_funds_per_week" {
		t.Fatalf("sustained-funding: like %q, changes %q", got.Like, got.Changes)
	}
	if r.Scenarios[1].Like != "" || len(r.Scenarios[1].Changes) < 10 {
		t.Fatalf("full-programme: like %q, %d changes", r.Scenarios[1].Like, len(r.Scenarios[1].Changes))
	}
}
