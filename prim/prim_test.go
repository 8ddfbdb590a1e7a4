package prim

import (
	"math/rand/v2"
	"testing"
)

// PRIM finds a box planted in noise: cases are the points with x0 > 0.6
// and x1 < 0.5, and x2 and x3 do not matter.
func TestPeelFindsPlantedBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 600
	x := make([][]float64, 4)
	for j := range x {
		x[j] = make([]float64, n)
		for i := range x[j] {
			x[j][i] = rng.Float64()
		}
	}
	y := make([]bool, n)
	for i := range y {
		y[i] = x[0][i] > 0.6 && x[1][i] < 0.5
	}
	traj := Peel(x, y, 0.05, 0.05)
	if len(traj) < 2 || traj[0].Mass != 1 {
		t.Fatalf("trajectory of %d boxes, first of mass %v", len(traj), traj[0].Mass)
	}
	for k := 1; k < len(traj); k++ {
		if traj[k].N >= traj[k-1].N {
			t.Fatalf("box %d holds %d points, no fewer than box %d", k, traj[k].N, k-1)
		}
	}
	b := Choose(traj, 0.8)
	if b.Density < 0.9 || b.Coverage < 0.8 {
		t.Errorf("chosen box density %.2f coverage %.2f", b.Density, b.Coverage)
	}
	if b.Lo[0] < 0.5 || b.Lo[0] > 0.7 || b.Hi[1] < 0.4 || b.Hi[1] > 0.6 {
		t.Errorf("box x0 ≥ %.2f, x1 ≤ %.2f; want about 0.6 and 0.5", b.Lo[0], b.Hi[1])
	}
	lo, hi := []float64{0, 0, 0, 0}, []float64{1, 1, 1, 1}
	for j := range lo {
		lo[j], hi[j] = traj[0].Lo[j], traj[0].Hi[j]
	}
	for _, j := range b.Restricted(lo, hi) {
		if j >= 2 && (b.Hi[j]-b.Lo[j]) < 0.8 {
			t.Errorf("irrelevant x%d restricted to [%.2f, %.2f]", j, b.Lo[j], b.Hi[j])
		}
	}
}

// Ties (an integer parameter) are peeled whole, and no cases leaves the
// first box chosen.
func TestPeelTiesAndNoCases(t *testing.T) {
	x := [][]float64{{1, 1, 1, 1, 2, 2, 2, 3, 3, 3}}
	y := []bool{false, false, false, false, true, true, true, true, true, false}
	traj := Peel(x, y, 0.1, 0.1)
	if len(traj) < 2 || traj[1].Lo[0] != 2 || traj[1].N != 6 {
		t.Fatalf("first peel: %+v", traj)
	}
	none := Peel(x, make([]bool, 10), 0.1, 0.1)
	if b := Choose(none, 0.5); b.N != 10 {
		t.Errorf("no cases: chose a box of %d points", b.N)
	}
}
