package findings

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/effects"
)

// synthetic is a findings result over three parameters in which finding
// "a_small" holds exactly where a < 0.5, its effect rising with a, and
// "never" holds nowhere, its effect NaN.
func synthetic(n int) *Result {
	rng := rand.New(rand.NewPCG(3, 4))
	r := &Result{Params: []string{"behaviour.a", "behaviour.b", "macro.c"}, X: make([][]float64, 3), Reps: 5}
	for j := range r.X {
		r.X[j] = make([]float64, n)
		for i := range r.X[j] {
			r.X[j][i] = rng.Float64()
		}
	}
	for i := range n {
		a := r.X[0][i]
		r.Findings = append(r.Findings, []effects.Finding{
			{Name: "a_small", Claim: "a is small", Held: a < 0.5, Effect: a + 0.01*r.X[1][i]},
			{Name: "never", Claim: "never", Effect: math.NaN(), Low: math.NaN(), High: math.NaN()},
		})
	}
	return r
}

func TestAnalyzeFindsWhatBreaksAFinding(t *testing.T) {
	r := synthetic(200)
	reps := r.Analyze()
	a := reps[0]
	if a.Held+0 == 0 || a.Share[1] > a.Share[0] || a.Share[2] < a.Share[0] || math.Abs(a.Share[0]-0.5) > 0.1 {
		t.Errorf("share %v of %d/%d", a.Share, a.Held, a.N)
	}
	if a.Method != "PRCC" || a.Influence[0].Parameter != "behaviour.a" || a.Influence[0].PRCC < 0.9 {
		t.Errorf("influence %s %+v", a.Method, a.Influence[0])
	}
	if a.Box == nil || len(a.Restrict) != 1 || a.Restrict[0] != 0 || a.Box.Lo[0] < 0.4 || a.Box.Density < 0.95 {
		t.Errorf("PRIM box %+v restricting %v, want a ≥ about 0.5", a.Box, a.Restrict)
	}
	if n := reps[1]; n.Held != 0 || n.Box != nil {
		t.Errorf("never: %+v", n)
	}
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md, reps); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| a_small | ", "a ∈ [0.5", "It fails at every point", "![never](finding_never.png)", "undefined"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("findings.md lacks %q:\n%s", want, md.String())
		}
	}
	var csv bytes.Buffer
	if err := r.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(csv.String(), "\n")
	if lines[0] != "point,behaviour.a,behaviour.b,macro.c,a_small_held,a_small_effect,never_held,never_effect" || !strings.HasSuffix(lines[1], ",0,") {
		t.Errorf("findings.csv starts\n%s\n%s", lines[0], lines[1])
	}
	dir := t.TempDir()
	if err := reps[0].saveFigure(r, dir); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "finding_a_small.png")); err != nil || fi.Size() < 1000 {
		t.Errorf("figure: %v", err)
	}
}

// Too few points for PRCC: Spearman's correlation ranks the parameters.
func TestAnalyzeFewPoints(t *testing.T) {
	r := synthetic(4)
	if a := r.Analyze()[0]; a.Method != "Spearman" || len(a.Influence) != 3 {
		t.Errorf("%s %+v", a.Method, a.Influence)
	}
}

// The varied keys are the behaviour, participation and macro keys with a
// plausible range, without the threshold rule's.
func TestParams(t *testing.T) {
	ps, err := Params()
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, p := range ps {
		has[p] = true
		if !strings.HasPrefix(p, "behaviour.") && !strings.HasPrefix(p, "participation.") && !strings.HasPrefix(p, "macro.") {
			t.Errorf("varies %s", p)
		}
	}
	for _, want := range []string{"behaviour.tie_decay", "participation.intercept", "macro.bureaucracy"} {
		if !has[want] {
			t.Errorf("does not vary %s", want)
		}
	}
	for _, not := range append(inactive, "project.skill", "community.friend_ties") {
		if has[not] {
			t.Errorf("varies %s", not)
		}
	}
}
