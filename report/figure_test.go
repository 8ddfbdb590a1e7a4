package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// checkFigure verifies dir/base.png decodes at the expected size and
// dir/base.svg is well-formed XML naming every stage.
func checkFigure(t *testing.T, dir, base string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, base+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 675 {
		t.Errorf("PNG is %dx%d, want 1200x675", b.Dx(), b.Dy())
	}
	svg, err := os.ReadFile(filepath.Join(dir, base+".svg"))
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("SVG not well-formed: %v", err)
		}
	}
	for _, st := range sim.AllStages() {
		if !bytes.Contains(svg, []byte(">"+st.String()+"<")) {
			t.Errorf("SVG lacks stage name %q", st)
		}
	}
}

func TestCurveSingleSeries(t *testing.T) {
	p, err := Curve(sim.Participation, []Series{{Label: "baseline", Results: fixture(testReps, testWeeks, testCalendar)}})
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Label.Text != "week" || p.Y.Label.Text != "participation (share)" {
		t.Errorf("axis labels %q, %q", p.X.Label.Text, p.Y.Label.Text)
	}
	if !strings.Contains(p.Title.Text, "participation") {
		t.Errorf("title %q", p.Title.Text)
	}
	if p.Y.Min < 0 || p.Y.Max > 1 {
		t.Errorf("share axis %g..%g leaves [0,1]", p.Y.Min, p.Y.Max)
	}
	dir := t.TempDir()
	if err := SaveFigure(p, dir, "participation"); err != nil {
		t.Fatal(err)
	}
	checkFigure(t, dir, "participation")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("dir holds %d files, want 2", len(entries))
	}
}

func TestCurveSeveralSeries(t *testing.T) {
	a := fixture(testReps, testWeeks, testCalendar)
	b := fixture(5, testWeeks, testCalendar)
	for _, r := range b {
		for w := range r.Values[sim.Efficiency] {
			r.Values[sim.Efficiency][w] *= 1.3
		}
	}
	p, err := Curve(sim.Efficiency, []Series{{"baseline", a}, {"more social workers", b}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := SaveFigure(p, dir, "efficiency"); err != nil {
		t.Fatal(err)
	}
	checkFigure(t, dir, "efficiency")
	svg, _ := os.ReadFile(filepath.Join(dir, "efficiency.svg"))
	if !bytes.Contains(svg, []byte("more social workers")) {
		t.Error("legend missing from SVG")
	}
}

func TestCurveErrors(t *testing.T) {
	good := fixture(2, testWeeks, testCalendar)
	other := fixture(1, 10, sim.Calendar{Initial: 10})
	for name, tc := range map[string]struct {
		m      sim.Metric
		series []Series
	}{
		"no series":       {sim.Cohesion, nil},
		"empty series":    {sim.Cohesion, []Series{{Label: "x"}}},
		"nil result":      {sim.Cohesion, []Series{{"x", []*sim.Result{nil}}}},
		"unknown metric":  {sim.NumMetrics, []Series{{"x", good}}},
		"negative metric": {-1, []Series{{"x", good}}},
		"mixed calendars": {sim.Cohesion, []Series{{"x", append(append([]*sim.Result{}, good...), other...)}}},
	} {
		if _, err := Curve(tc.m, tc.series); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func TestCurveDegenerateInputs(t *testing.T) {
	one := fixture(1, testWeeks, testCalendar) // no band
	gappy := fixture(3, testWeeks, testCalendar)
	for _, r := range gappy {
		for w := 7; w < 9; w++ {
			r.Values[sim.Cohesion][w] = math.NaN()
		}
	}
	allNaN := fixture(2, 3, sim.Calendar{PreProject: 1, Initial: 1, FollowUp: 1})
	for _, r := range allNaN {
		for w := range r.Values[sim.Cohesion] {
			r.Values[sim.Cohesion][w] = math.NaN()
		}
	}
	for name, s := range map[string][]*sim.Result{"one": one, "gappy": gappy, "all NaN": allNaN, "one week": fixture(2, 1, sim.Calendar{Initial: 1}), "no weeks": fixture(2, 0, sim.Calendar{})} {
		p, err := Curve(sim.Cohesion, []Series{{name, s}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := SaveFigure(p, t.TempDir(), "c"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

func TestYRange(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		share  bool
	}{
		{0.1, 0.9, true},
		{0.3, 0.31, true},
		{0.95, 0.999, true},
		{0.0, 0.02, true},
		{-0.05, 0.4, true}, // a band below zero must stay visible
		{0.5, 1.08, true},
		{0, 0, false},
		{1000, 1000, false},
		{-3, 5, false},
		{0, 120000, false},
	} {
		a, b := yRange(tc.lo, tc.hi, tc.share)
		if !(a <= tc.lo && tc.hi <= b && a < b) {
			t.Errorf("yRange(%g, %g) = %g..%g does not contain the data", tc.lo, tc.hi, a, b)
		}
		if tc.lo >= 0 && a < 0 {
			t.Errorf("yRange(%g, %g) = %g..%g crosses zero", tc.lo, tc.hi, a, b)
		}
		if tc.share && tc.hi <= 1 && b > 1 {
			t.Errorf("yRange(%g, %g) = %g..%g exceeds one", tc.lo, tc.hi, a, b)
		}
	}
	if a, b := yRange(0.1, 0.9, true); a != 0 || b != 1 {
		t.Errorf("wide share range = %g..%g, want 0..1", a, b)
	}
	if a, b := yRange(0.3, 0.31, true); b-a > 0.2 {
		t.Errorf("narrow share range = %g..%g, want tighter", a, b)
	}
}
