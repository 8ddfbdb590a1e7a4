package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
	"gonum.org/v1/plot"
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
		unit   bool
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
		a, b := yRange(tc.lo, tc.hi, tc.unit)
		if !(a <= tc.lo && tc.hi <= b && a < b) {
			t.Errorf("yRange(%g, %g) = %g..%g does not contain the data", tc.lo, tc.hi, a, b)
		}
		if tc.lo >= 0 && a < 0 {
			t.Errorf("yRange(%g, %g) = %g..%g crosses zero", tc.lo, tc.hi, a, b)
		}
		if tc.unit && (a > 0 || b < 1) {
			t.Errorf("yRange(%g, %g) of a share = %g..%g, want all of [0,1]", tc.lo, tc.hi, a, b)
		}
	}
}

// A share or index is drawn on [0,1] however flat it is, so that a flat
// 11% looks flat; other metrics zoom to their data.
func TestCurveUnitIntervalAxis(t *testing.T) {
	flat := fixture(testReps, testWeeks, testCalendar)
	for _, r := range flat {
		for w := range r.Values[sim.Participation] {
			r.Values[sim.Participation][w] = 0.11 + 0.001*float64(r.Replication)
			r.Values[sim.TrustMean][w] = 0.30 + 0.005*float64(w)
		}
	}
	for _, tc := range []struct {
		m     sim.Metric
		label string
	}{
		{sim.Participation, "participation (share)"},
		{sim.TrustMean, "trust (index, 0–1)"},
		{sim.Cohesion, "cohesion (index, 0–1)"},
	} {
		p, err := Curve(tc.m, []Series{{"s", flat}})
		if err != nil {
			t.Fatal(err)
		}
		if p.Y.Min != 0 || p.Y.Max != 1 {
			t.Errorf("%s: axis %g..%g, want 0..1", sim.Metrics[tc.m].Name, p.Y.Min, p.Y.Max)
		}
		if p.Y.Label.Text != tc.label {
			t.Errorf("%s: label %q, want %q", sim.Metrics[tc.m].Name, p.Y.Label.Text, tc.label)
		}
	}
	p, err := Curve(sim.OrgFunds, []Series{{"s", flat}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Max <= 1 || p.Y.Label.Text != "org_funds (yuan)" {
		t.Errorf("org_funds: axis %g..%g, label %q", p.Y.Min, p.Y.Max, p.Y.Label.Text)
	}
}

// No index or composite is called a share.
func TestIndicesNotShares(t *testing.T) {
	for _, m := range []sim.Metric{sim.Cohesion, sim.BelongingMean, sim.TrustMean, sim.EfficacyMean, sim.RoleClarity, sim.GovernanceDiversity} {
		if info := sim.Metrics[m]; info.Share() || !info.UnitInterval() {
			t.Errorf("%s: unit %q, want index", info.Name, info.Unit)
		}
	}
}

// renderSVG draws p as SVG.
func renderSVG(t *testing.T, p *plot.Plot) string {
	t.Helper()
	dir := t.TempDir()
	if err := SaveFigure(p, dir, "f"); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "f.svg"))
	if err != nil {
		t.Fatal(err)
	}
	return string(svg)
}

// A run without a project has no stages to shade or name; one with a
// project has them.
func TestStageShadingOnlyWithProject(t *testing.T) {
	for _, project := range []bool{false, true} {
		res := fixture(testReps, testWeeks, testCalendar)
		for _, r := range res {
			r.Project = project
		}
		p, err := Curve(sim.Cohesion, []Series{{"baseline", res}})
		if err != nil {
			t.Fatal(err)
		}
		svg := renderSVG(t, p)
		for _, st := range sim.AllStages() {
			if got := strings.Contains(svg, ">"+st.String()+"<"); got != project {
				t.Errorf("project %v: stage name %q shown: %v", project, st, got)
			}
		}
		if shaded := strings.Contains(svg, "fill:#ECECEC"); shaded != project {
			t.Errorf("project %v: stages shaded: %v", project, shaded)
		}
	}
}

// The figure says what its line and band are, and marks the warm-up of a
// metric counted over four weeks (only of such a metric).
func TestCurveExplainsItself(t *testing.T) {
	res := fixture(testReps, testWeeks, testCalendar)
	for _, tc := range []struct {
		m      sim.Metric
		warmUp bool
	}{{sim.Participation, true}, {sim.Cohesion, false}} {
		p, err := Curve(tc.m, []Series{{"a", res}, {"b", res}})
		if err != nil {
			t.Fatal(err)
		}
		svg := renderSVG(t, p)
		for _, want := range []string{"mean of 3 replications", "95% interval of the mean"} {
			if !strings.Contains(svg, want) {
				t.Errorf("%s: no %q on the figure", sim.Metrics[tc.m].Name, want)
			}
		}
		if got := strings.Contains(svg, "warm-up (4-week window)"); got != tc.warmUp {
			t.Errorf("%s: warm-up marked %v, want %v", sim.Metrics[tc.m].Name, got, tc.warmUp)
		}
	}
	p, err := Curve(sim.Cohesion, []Series{{"a", res[:1]}})
	if err != nil {
		t.Fatal(err)
	}
	if svg := renderSVG(t, p); !strings.Contains(svg, "1 replication, no interval") || strings.Contains(svg, "95%") {
		t.Error("a single replication is not said to have no interval")
	}
}

// Every pair of series colours is at least minColorDistance apart in
// CIELAB, and no two of the first series share colour and line style.
func TestPaletteDistinct(t *testing.T) {
	for i := range seriesPalette {
		for j := range i {
			if d := labDistance(seriesPalette[i], seriesPalette[j]); d < minColorDistance {
				t.Errorf("colours %d and %d are %.1f apart, want at least %d", j, i, d, minColorDistance)
			}
		}
	}
	n := len(seriesPalette) * len(seriesDashes)
	for i := range n {
		for j := range i {
			if SeriesColor(i) == SeriesColor(j) && slices.Equal(SeriesDashes(i), SeriesDashes(j)) {
				t.Errorf("series %d and %d look the same", j, i)
			}
		}
	}
}

// labDistance is the CIE76 distance of two sRGB colours under D65.
func labDistance(a, b color.NRGBA) float64 {
	la, aa, ba := cieLab(a)
	lb, ab, bb := cieLab(b)
	return math.Sqrt((la-lb)*(la-lb) + (aa-ab)*(aa-ab) + (ba-bb)*(ba-bb))
}

func cieLab(c color.NRGBA) (l, a, b float64) {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, bl := lin(c.R), lin(c.G), lin(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*bl
	z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return 116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
}

// The difference figure draws every scenario but the baseline, paired,
// around zero: a scenario equal to the baseline is a flat zero line.
func TestDifference(t *testing.T) {
	base := fixture(testReps, testWeeks, testCalendar)
	plan := fixture(testReps, testWeeks, testCalendar)
	for _, r := range plan {
		for w := range r.Values[sim.Participation] {
			r.Values[sim.Participation][w] += 0.05
		}
	}
	p, err := Difference(sim.Participation, []Series{{"base", base}, {"same", base}, {"plan", plan}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !(p.Y.Min < 0 && p.Y.Max > 0.05) {
		t.Errorf("axis %g..%g, want zero and 0.05 inside", p.Y.Min, p.Y.Max)
	}
	svg := renderSVG(t, p)
	for _, want := range []string{"same − base", "plan − base", "mean paired difference, 3 replications", "difference in participation (share)"} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %q on the figure", want)
		}
	}
	if strings.Contains(svg, ">base<") {
		t.Error("the baseline has a curve of its own")
	}
	d, err := estimateDifference(sim.Participation, Series{"base", base}, Series{"plan", plan})
	if err != nil {
		t.Fatal(err)
	}
	for w, v := range d.mean {
		if math.Abs(v-0.05) > 1e-12 || math.Abs(d.low[w]-0.05) > 1e-12 {
			t.Fatalf("week %d: difference %g [%g, %g], want 0.05 exactly", w, v, d.low[w], d.high[w])
		}
	}
	for name, tc := range map[string]struct {
		series   []Series
		baseline int
	}{
		"one series":   {[]Series{{"base", base}}, 0},
		"bad baseline": {[]Series{{"base", base}, {"plan", plan}}, 2},
		"unpaired":     {[]Series{{"base", base}, {"plan", plan[:2]}}, 0},
	} {
		if _, err := Difference(sim.Participation, tc.series, tc.baseline); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func TestHeatMap(t *testing.T) {
	g := Grid{
		Outcome: "participation_end_of_project", Unit: "share", Note: "mean of 3 replications per point",
		X: "macro.channel_openness", Y: "project.social_workers",
		XLevels: []string{"0.2", "0.5", "0.8"}, YLevels: []string{"2", "4"},
		Z: [][]float64{{0.1, 0.25, math.NaN()}, {0.3, 0.45, 0.6}},
	}
	p, err := HeatMap(g)
	if err != nil {
		t.Fatal(err)
	}
	svg := renderSVG(t, p)
	for _, want := range []string{"macro.channel_openness", "project.social_workers", ">0.450<", ">–<", ">(share)<", ">0.5<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("heat map lacks %q", want)
		}
	}
	for name, bad := range map[string]Grid{
		"no levels":  {X: "a", Y: "b"},
		"short rows": {X: "a", Y: "b", XLevels: []string{"1", "2"}, YLevels: []string{"1"}, Z: [][]float64{{1}}},
		"few rows":   {X: "a", Y: "b", XLevels: []string{"1"}, YLevels: []string{"1", "2"}, Z: [][]float64{{1}}},
	} {
		if _, err := HeatMap(bad); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
	many := make([]string, 30)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	labelled := 0
	for _, tk := range levelTicks(many) {
		if tk.Label != "" {
			labelled++
		}
	}
	if labelled > maxLevelLabels || labelled < maxLevelLabels/2 {
		t.Errorf("%d of 30 levels labelled, want at most %d and not too few", labelled, maxLevelLabels)
	}
	if a, b := viridis(0), viridis(1); a != viridisStops[0] || b != viridisStops[len(viridisStops)-1] {
		t.Errorf("viridis ends %v %v", a, b)
	}
}
