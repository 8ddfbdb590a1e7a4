package findings

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/effects"
	"github.com/grassroots-sim/grassroots/sweep"
)

// A findings run decides at each point exactly what effects.Check decides
// there: the sweep journals observations, and the analysis reads them back
// into the same checks.
func TestRunMatchesCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every scenario of the checks twice; skipped with -short")
	}
	spec, err := Spec(1, 2, 7, true)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sweep.NewPlan(spec, 2)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sw, err := sweep.Open(plan, sweep.Options{Dir: dir, Workers: 2, ProgramVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sw.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	sw.Close()
	r, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := effects.Check(context.Background(), plan.Overrides(0), 7, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Findings[0]
	if len(got) != len(want) {
		t.Fatalf("%d findings, Check has %d", len(got), len(want))
	}
	for k := range want {
		g, w := got[k], want[k]
		// runs.csv keeps ten significant digits.
		if g.Name != w.Name || g.Held != w.Held || !close(g.Effect, w.Effect) {
			t.Errorf("%s: held %v effect %v; Check: %s held %v effect %v", g.Name, g.Held, g.Effect, w.Name, w.Held, w.Effect)
		}
	}
	for _, f := range []string{CSVFile, MarkdownFile, FigurePrefix + want[0].Name + ".png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

func close(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-8*math.Max(1, math.Abs(b))
}
