package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
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
