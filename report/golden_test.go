package report

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
	"github.com/grassroots-sim/grassroots/sim"
)

// checkGolden compares got with testdata/name (see internal/golden).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func TestTimeseriesGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, "baseline", fixture(testReps, testWeeks, testCalendar)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "timeseries.csv", buf.Bytes())
}

func TestSummaryGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, Summarize("baseline", fixture(testReps, testWeeks, testCalendar))); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.csv", buf.Bytes())
}

// Identical inputs must give identical bytes, run after run.
func TestOutputDeterministic(t *testing.T) {
	render := func() []byte {
		var buf bytes.Buffer
		res := fixture(testReps, testWeeks, testCalendar)
		if err := WriteTimeseries(&buf, "s", res); err != nil {
			t.Fatal(err)
		}
		if err := WriteSummary(&buf, Summarize("s", res)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := render()
	for range 5 {
		if !bytes.Equal(render(), first) {
			t.Fatal("output differs between identical runs")
		}
	}
}

// groups.csv of two replications of two weeks and two groups, with a
// coverage undefined (NaN) in one group: an empty cell.
func TestGroupsGolden(t *testing.T) {
	results := fixture(2, 2, sim.Calendar{PreProject: 1, Initial: 1})
	for _, r := range results {
		r.Groups = []sim.Group{{By: sim.ByAge, Name: "adult", Size: 10, Adults: 10}, {By: sim.ByAge, Name: "child", Size: 4}}
		for w := range 2 {
			for k := range r.Groups {
				for m := range sim.NumGroupMetrics {
					v := float64(r.Replication) + 0.1*float64(w) + 0.01*float64(k) + 0.001*float64(m)
					if k == 1 && m == sim.GVulnerableCoverage {
						v = math.NaN()
					}
					r.GroupValues = append(r.GroupValues, v)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteGroups(&buf, []string{"baseline"}, [][]*sim.Result{results}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "groups.csv", buf.Bytes())
	if err := WriteGroups(&buf, []string{"plain"}, [][]*sim.Result{fixture(1, 2, testCalendar)}); err == nil {
		t.Error("results without groups written")
	}
}
