package sensitivity

import (
	"bytes"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

func TestRanks(t *testing.T) {
	got := Ranks([]float64{3, 1, 3, 2, 10})
	want := []float64{3.5, 1, 3.5, 2, 5}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ranks = %v, want %v", got, want)
		}
	}
	if len(Ranks(nil)) != 0 {
		t.Error("Ranks(nil) not empty")
	}
}

// synthetic draws n observations of four parameters, uniform on [0, 1],
// and an outcome that rises with x0 strongly, falls with x1, rises with x2
// weakly and ignores x3, through a monotone but far from linear link.
func synthetic(n int, seed uint64) (x [][]float64, y []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x = make([][]float64, 4)
	for j := range x {
		x[j] = make([]float64, n)
		for i := range x[j] {
			x[j][i] = rng.Float64()
		}
	}
	y = make([]float64, n)
	for i := range y {
		lin := 4*x[0][i] - 2*x[1][i] + 1*x[2][i] + 0*x[3][i] + 0.3*rng.NormFloat64()
		y[i] = math.Exp(3 * lin) // monotone: ranks are those of lin
	}
	return x, y
}

func TestPRCCRecoversKnownEffects(t *testing.T) {
	x, y := synthetic(200, 7)
	r, p, df, err := PRCC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if df != 200-2-3 {
		t.Errorf("df = %d", df)
	}
	if !(r[0] > 0 && r[1] < 0 && r[2] > 0) {
		t.Errorf("signs wrong: %v", r)
	}
	order := []int{0, 1, 2, 3}
	sort.Slice(order, func(a, b int) bool { return math.Abs(r[order[a]]) > math.Abs(r[order[b]]) })
	if order[0] != 0 || order[1] != 1 || order[2] != 2 || order[3] != 3 {
		t.Errorf("ranking by |PRCC| = %v (r = %v), want 0 1 2 3", order, r)
	}
	for j := range 3 {
		if p[j] > 1e-6 {
			t.Errorf("x%d: p = %g, want tiny", j, p[j])
		}
	}
	if p[3] < 0.01 || math.Abs(r[3]) > 0.2 {
		t.Errorf("x3 has no effect but PRCC %g, p %g", r[3], p[3])
	}
	// A monotone transform of the outcome changes nothing.
	ly := make([]float64, len(y))
	for i, v := range y {
		ly[i] = math.Log(v)
	}
	r2, _, _, _ := PRCC(x, ly)
	for j := range r {
		if math.Abs(r[j]-r2[j]) > 1e-12 {
			t.Errorf("x%d: PRCC %g changed to %g under a monotone transform", j, r[j], r2[j])
		}
	}
}

// PRCC by regression residuals equals the partial correlation from the
// inverse of the rank correlation matrix, an independent formula.
func TestPRCCMatchesInverseCorrelation(t *testing.T) {
	x, y := synthetic(60, 3)
	r, _, _, err := PRCC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	k := len(x)
	cols := make([][]float64, k+1)
	for j := range x {
		cols[j] = Ranks(x[j])
	}
	cols[k] = Ranks(y)
	c := mat.NewSymDense(k+1, nil)
	for a := range cols {
		for b := range cols {
			c.SetSym(a, b, stat.Correlation(cols[a], cols[b], nil))
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(c); err != nil {
		t.Fatal(err)
	}
	for j := range k {
		want := -inv.At(j, k) / math.Sqrt(inv.At(j, j)*inv.At(k, k))
		if math.Abs(r[j]-want) > 1e-9 {
			t.Errorf("x%d: PRCC %g, inverse-correlation formula %g", j, r[j], want)
		}
	}
}

func TestPRCCEdgeCases(t *testing.T) {
	x := [][]float64{{1, 2, 3, 4, 5, 6}, {3, 1, 2, 6, 5, 4}}
	r, p, _, err := PRCC(x, []float64{10, 20, 30, 40, 50, 60})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r[0]-1) > 1e-12 || p[0] != 0 {
		t.Errorf("outcome equal to x0: PRCC %g p %g, want 1 and 0", r[0], p[0])
	}
	r, _, _, err = PRCC(x, []float64{1, 1, 1, 1, 1, 1})
	if err != nil || !math.IsNaN(r[0]) || !math.IsNaN(r[1]) {
		t.Errorf("constant outcome: %v %v, want NaN", r, err)
	}
	if _, _, _, err := PRCC(x, []float64{1, 2, 3}); err == nil {
		t.Error("mismatched lengths accepted")
	}
	if _, _, _, err := PRCC([][]float64{{1, 2, 3}, {3, 2, 1}}, []float64{1, 2, 3}); err == nil {
		t.Error("too few observations accepted")
	}
	if _, _, _, err := PRCC([][]float64{{1, 2, 3, 4, 5}, {7, 7, 7, 7, 7}}, []float64{1, 2, 3, 4, 5}); err == nil {
		t.Error("constant parameter accepted")
	}
	// Parameters with the same ranks cannot be told apart: undefined.
	r, _, _, err = PRCC([][]float64{{1, 2, 3, 4, 5, 6}, {2, 4, 6, 8, 10, 12}}, []float64{1, 3, 2, 5, 4, 6})
	if err != nil || !math.IsNaN(r[0]) || !math.IsNaN(r[1]) {
		t.Errorf("collinear parameters: %v %v, want NaN", r, err)
	}
}

func TestAnalyzeTableAndTornado(t *testing.T) {
	x, y := synthetic(80, 11)
	y2 := make([]float64, len(y))
	for i := range y {
		y2[i] = -y[i]
	}
	y2[5] = math.NaN() // dropped for that outcome only
	cs, err := Analyze([]string{"a", "b", "c", "d"}, x, []string{"up", "down"}, [][]float64{y, y2})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 8 || cs[0].Outcome != "up" || cs[4].Outcome != "down" || cs[4].N != 79 || cs[0].N != 80 {
		t.Fatalf("coefficients %+v", cs)
	}
	if cs[4].PRCC >= 0 || math.Abs(cs[4].PRCC+cs[0].PRCC) > 0.05 {
		t.Errorf("negated outcome: PRCC %g vs %g", cs[4].PRCC, cs[0].PRCC)
	}
	var csv bytes.Buffer
	if err := WriteCSV(&csv, cs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(csv.String(), "outcome,parameter,prcc,p_value,n,df\nup,a,0.") {
		t.Errorf("csv:\n%s", csv.String())
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, cs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| parameter | up | down |") || !strings.Contains(md.String(), "p<0.001") {
		t.Errorf("markdown:\n%s", md.String())
	}
	p, err := Tornado(cs)
	if err != nil {
		t.Fatal(err)
	}
	c := vgsvg.New(8*vg.Inch, 4.5*vg.Inch)
	p.Draw(draw.New(c))
	var svg bytes.Buffer
	if _, err := c.WriteTo(&svg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">a<", ">d<", "up", "down"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("tornado SVG lacks %q", want)
		}
	}
	if _, err := Tornado(nil); err == nil {
		t.Error("empty tornado accepted")
	}
}
