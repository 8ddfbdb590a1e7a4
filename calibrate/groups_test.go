package calibrate

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

const groupFile = `base = "baseline"
replications = 1

[[target]]
metric = "participation"
weeks = "pre-project"
value = 0.11
se = 0.02

[[target]]
metric = "participation"
group_by = "income_quintile"
group = "q1"
weeks = "2:9"
value = 0.08
se = 0.02

[[target]]
metric = "belonging"
group_by = "grid"
group = 2
weeks = 4
value = 0.05
se = 0.01

[[target]]
metric = "vulnerable_coverage"
group_by = "party_member"
group = "party_member"
weeks = "0:11"
value = 0.9
se = 0.05

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }
`

// A group's target is the mean over its weeks of what groups.csv gives
// for the group in the same run, the weeks without a value (an empty
// cell) left out; the community's target is the same, bit for bit, with
// groups measured for other targets as without.
func TestGroupTargetIsGroupsCSV(t *testing.T) {
	f, err := Parse("g.toml", []byte(groupFile))
	if err != nil {
		t.Fatal(err)
	}
	params := []float64{0.35}
	moments, err := f.Simulator(1)(context.Background(), params, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}

	// The same run, as run and compare measure it, into groups.csv.
	s, err := f.load(nil, f.Params, params)
	if err != nil {
		t.Fatal(err)
	}
	e, err := sim.New(&s.Config, rand.New(rand.NewPCG(7, 7)).Uint64(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	e.EnableGroups()
	for e.Week() < f.Horizon() {
		e.Step()
	}
	var buf bytes.Buffer
	if err := report.WriteGroups(&buf, []string{"s"}, [][]*sim.Result{{e.Result()}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, name := range rows[0] {
		col[name] = j
	}
	skipped := 0
	for k, tg := range f.Targets[1:] {
		var sum float64
		var n int
		for _, row := range rows[1:] {
			w, _ := strconv.Atoi(row[col["week"]])
			if row[col["group_by"]] != tg.GroupBy || row[col["group"]] != tg.Group || w < tg.First || w > tg.Last {
				continue
			}
			if row[col[tg.Metric]] == "" {
				skipped++
				continue
			}
			v, err := strconv.ParseFloat(row[col[tg.Metric]], 64)
			if err != nil {
				t.Fatal(err)
			}
			sum, n = sum+v, n+1
		}
		want, got := sum/float64(n), moments[k+1]
		t.Logf("%s of %s=%s over weeks %s: %d weeks with a value, %g", tg.Metric, tg.GroupBy, tg.Group, tg.Weeks, n, got)
		if n == 0 || math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s of %s=%s: simulated %v, groups.csv %v over %d weeks", tg.Metric, tg.GroupBy, tg.Group, got, want, n)
		}
	}
	t.Logf("%d empty cells left out", skipped)

	// The community-wide target without the group targets.
	g := *f
	g.Targets = f.Targets[:1]
	if g.groups() {
		t.Fatal("a community-wide target asks for groups")
	}
	alone, err := g.Simulator(1)(context.Background(), params, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	if math.Float64bits(alone[0]) != math.Float64bits(moments[0]) {
		t.Errorf("participation %v alone, %v beside group targets", alone[0], moments[0])
	}
}

// A group's moment leaves out the weeks where the group has nobody its
// metric is over, and is NaN (infinitely far) if it never has; a group
// the run did not measure is an error.
func TestGroupMomentSkipsEmptyWeeks(t *testing.T) {
	nan := math.NaN()
	res := &sim.Result{Groups: []sim.Group{{By: sim.ByAge, Name: "adult"}, {By: sim.ByAge, Name: "elder"}}}
	coverage := [][2]float64{{0.5, nan}, {nan, nan}, {0.9, nan}, {0.7, nan}} // week by week, adult and elder
	for _, w := range coverage {
		for _, v := range w {
			row := make([]float64, sim.NumGroupMetrics)
			row[sim.GVulnerableCoverage] = v
			res.GroupValues = append(res.GroupValues, row...)
		}
	}
	cases := []struct {
		group       string
		first, last int
		want        float64
	}{
		{"adult", 0, 3, (0.5 + 0.9 + 0.7) / 3},
		{"adult", 1, 2, 0.9},
		{"elder", 0, 3, nan},
	}
	for _, c := range cases {
		tg := TargetSpec{Metric: "vulnerable_coverage", GroupBy: sim.ByAge, Group: c.group, First: c.first, Last: c.last, gmetric: sim.GVulnerableCoverage}
		got, err := tg.moment(res)
		if err != nil || !(math.Abs(got-c.want) < 1e-15 || math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("%s weeks %d:%d: %v, %v; want %v", c.group, c.first, c.last, got, err, c.want)
		}
	}
	tg := TargetSpec{GroupBy: sim.ByAge, Group: "child", gmetric: sim.GVulnerableCoverage}
	if _, err := tg.moment(res); err == nil {
		t.Error("a group the run did not measure gave no error")
	}
}

// Recovery from a group's target alone: the participation of the poorest
// income quintile, simulated at a known openness of the channels, is
// calibrated back, the 90% posterior interval holding the true value.
func TestRecoversFromGroupTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates grassroots (seconds)")
	}
	f, err := Parse("g.toml", []byte(`base = "baseline"
seed = 5
particles = 40
replications = 1
generations = 4

[[target]]
metric = "participation"
group_by = "income_quintile"
group = "q1"
weeks = "pre-project"
value = 0
se = 0.01

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.9 }
`))
	if err != nil {
		t.Fatal(err)
	}
	const truth = 0.4
	simulate := f.Simulator(1)
	for r := range 20 {
		m, err := simulate(context.Background(), []float64{truth}, rand.New(rand.NewPCG(99, uint64(r))))
		if err != nil {
			t.Fatal(err)
		}
		f.Targets[0].Value += m[0] / 20
	}
	c, err := Run(context.Background(), f, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := c.Result.Quantile(0, 0.05), c.Result.Quantile(0, 0.95)
	t.Logf("q1 participation %.4g; channel_openness true %g, 90%% interval [%.4g, %.4g], median %.4g; %d simulations, %s",
		f.Targets[0].Value, truth, lo, hi, c.Result.Quantile(0, 0.5), c.Simulations(), c.Result.Stop)
	if truth < lo || truth > hi {
		t.Errorf("the 90%% interval [%.4g, %.4g] misses the true %g", lo, hi, truth)
	}
	if hi-lo > 0.5*(0.9-0.1) {
		t.Errorf("the 90%% interval [%.4g, %.4g] is barely narrower than the prior", lo, hi)
	}
}

// The example of docs/calibration.md §1a parses, as group targets, and
// its list of group metrics is sim's.
func TestDocsGroupExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/calibration.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## 1a. Targets for a group of residents\n")
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, ok2 := strings.Cut(section, "```toml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("docs/calibration.md has no §1a with a TOML block")
	}
	f, err := Parse("docs.toml", []byte("base = \"baseline\"\n"+block+"\n[parameters]\n\"macro.channel_openness\" = { prior = \"uniform\", min = 0.1, max = 0.6 }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range f.Targets {
		if tg.GroupBy == "" || tg.Group == "" {
			t.Errorf("the example's target of %s is not a group's", tg.Metric)
		}
	}
	var quoted []string
	for _, name := range groupMetricNames() {
		quoted = append(quoted, "`"+name+"`")
	}
	if list := strings.Join(quoted, ", "); !strings.Contains(strings.ReplaceAll(section, "\n", " "), list) {
		t.Errorf("§1a does not list the group metrics as %s", list)
	}
}
