package effects

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// The factorial's contrasts recover known effects: the outcome of a cell is
// 1·party + 2·cultural + 0.5·party·cultural plus a shift per replication,
// which pairing removes.
func TestFactorialRecoversKnownEffects(t *testing.T) {
	maskOf := map[string]int{}
	for mask := range 16 {
		maskOf[cell(mask)] = mask
	}
	obs := Observations()
	rows := make([][]float64, 4)
	for r := range rows {
		rows[r] = make([]float64, len(obs))
		for i, o := range obs {
			mask, ok := maskOf[o.Scenario]
			if !ok || o.Metric != sim.Cohesion || o.Stat != AtProjectEnd {
				continue
			}
			p, c := float64(mask&1), float64(mask>>1&1)
			rows[r][i] = p + 2*c + 0.5*p*c + float64(r*r)
		}
	}
	d, err := NewData(rows)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFactorial(d, sim.Cohesion)
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("main party", f.Main[0].Mean, 1.25)
	near("main cultural", f.Main[1].Mean, 2.25)
	near("main orgs", f.Main[2].Mean, 0)
	near("party × cultural", f.TwoWay[0].Mean, 0.5)
	near("party × cultural low", f.TwoWay[0].Low, 0.5)
	for k := 1; k < 6; k++ {
		near("other interaction", f.TwoWay[k].Mean, 0)
	}
	near("synergy", f.Synergy.Mean, 0.5)
	if !strings.Contains(f.String(), "party × cultural +0.5000") {
		t.Errorf("String:\n%s", f)
	}
}

// A cell differs from the full programme only in the four measures it
// lacks, in the middle stage and their continuation in the later stage.
func TestCellsDifferOnlyInTheirMeasures(t *testing.T) {
	for _, v := range variants() {
		if !strings.HasPrefix(v.name, "sf3-") {
			continue
		}
		for _, s := range v.set {
			if !strings.HasPrefix(s, "stages.middle.") && !strings.HasPrefix(s, "stages.later.") {
				t.Errorf("%s sets %s", v.name, s)
			}
			if strings.Contains(s, "multi_actor_services") || strings.Contains(s, "handover") {
				t.Errorf("%s changes the later stage's own measures: %s", v.name, s)
			}
		}
	}
	if cell(15) != "full-programme" || cell(1) != "sf3-1000" || cell(8) != "sf3-0001" {
		t.Errorf("cells named %s %s %s", cell(15), cell(1), cell(8))
	}
}

// A point's overrides reach every scenario but the keys a scenario is
// about: heavy-bureaucracy keeps its bureaucracy.
func TestScenariosKeepTheirOwnKeys(t *testing.T) {
	names, cfgs, err := Scenarios([]string{"macro.bureaucracy=0.5", "behaviour.tie_decay=0.02"})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 22 {
		t.Errorf("%d scenarios, want 22", len(names))
	}
	for i, n := range names {
		want := 0.5
		if n == "heavy-bureaucracy" {
			want = 0.85
		}
		if cfgs[i].Macro.Bureaucracy != want || cfgs[i].Behaviour.TieDecay != 0.02 {
			t.Errorf("%s: bureaucracy %v tie_decay %v", n, cfgs[i].Macro.Bureaucracy, cfgs[i].Behaviour.TieDecay)
		}
	}
	if !slices.Contains(names, "sf3-0000") {
		t.Error("no cell without measures")
	}
}
