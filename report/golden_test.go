package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkGolden compares got with testdata/name byte for byte, or rewrites
// the file under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", name, i+1, g[i], w[i])
		}
	}
	t.Fatalf("%s differs in length: got %d lines, want %d", name, len(g), len(w))
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
