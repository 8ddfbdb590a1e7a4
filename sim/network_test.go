package sim

import (
	"math"
	"testing"
)

// handBuilt is a community of residents living alone, each in a building
// of its own, the buildings shared out over grids in order, with the given
// household incomes and strong ties (strength 0.9; a weak one, 0.3, where
// weak lists it). Every phase but the record is off, so one week records
// the network as built.
func handBuilt(t *testing.T, incomes []float64, grids int, strong, weak [][2]int32) *Engine {
	t.Helper()
	p := &Population{Buildings: len(incomes)}
	nan := math.NaN()
	for i, x := range incomes {
		p.Households = append(p.Households, PopHousehold{Building: int32(i), Income: x})
		p.Residents = append(p.Residents, PopResident{Household: int32(i), Age: Adult,
			Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan})
	}
	p.Ties = []PopTie{}
	for _, tie := range strong {
		p.Ties = append(p.Ties, PopTie{A: tie[0], B: tie[1], Kind: TieFriend, Strength: 0.9})
	}
	for _, tie := range weak {
		p.Ties = append(p.Ties, PopTie{A: tie[0], B: tie[1], Kind: TieFriend, Strength: 0.3})
	}
	c := onlyPhases(short(Defaults()))
	c.Community.Grids = grids
	c.Data = p
	e := mustNew(t, c, 1, 2)
	e.Step()
	return e
}

func TestNetworkHandBuilt(t *testing.T) {
	type want struct{ isolated, maxDegree, clustering, bridging, assortativity float64 }
	clique := func(ids ...int32) (ties [][2]int32) {
		for a := range ids {
			for b := a + 1; b < len(ids); b++ {
				ties = append(ties, [2]int32{ids[a], ids[b]})
			}
		}
		return ties
	}
	for _, tc := range []struct {
		name         string
		incomes      []float64
		grids        int
		strong, weak [][2]int32
		want         want
	}{
		// Each tie counted both ways, incomes 1, 2, 3: mean 2, variance
		// 2/3, covariance -1/3.
		{"triangle", []float64{1, 2, 3}, 3, clique(0, 1, 2), nil, want{0, 2, 1, 1, -0.5}},
		// A rich centre and poor leaves: perfectly disassortative. The
		// sixth resident, alone and without ties, is isolated; a weak tie
		// does not count.
		{"star", []float64{10, 1, 1, 1, 1, 1, 1}, 1, [][2]int32{{0, 1}, {0, 2}, {0, 3}, {0, 4}}, [][2]int32{{5, 6}},
			want{2.0 / 7, 4, 0, 0, -1}},
		// Two K4, one per grid, joined by a bridge: 8 triangles, 30
		// connected triples, 1 of 13 ties across grids; 24 of 26 tie ends
		// meet their own income, half the ends have each income, so
		// r = (24/26 − 1/2) / (1 − 1/2) = 11/13.
		{"two cliques and a bridge", []float64{1, 1, 1, 1, 2, 2, 2, 2}, 2, append(append(clique(0, 1, 2, 3), clique(4, 5, 6, 7)...), [2]int32{3, 4}), nil,
			want{0, 4, 24.0 / 30, 1.0 / 13, 11.0 / 13}},
		// Pairs of equal income, incomes differing between pairs.
		{"income-sorted pairs", []float64{1, 1, 2, 2, 3, 3}, 1, [][2]int32{{0, 1}, {2, 3}, {4, 5}}, nil, want{0, 1, 0, 0, 1}},
		{"no strong ties", []float64{1, 2}, 1, nil, [][2]int32{{0, 1}}, want{1, 0, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := handBuilt(t, tc.incomes, tc.grids, tc.strong, tc.weak)
			v := &e.Result().Values
			for _, c := range []struct {
				m    Metric
				want float64
			}{{IsolatedShare, tc.want.isolated}, {StrongDegreeMax, tc.want.maxDegree}, {Clustering, tc.want.clustering},
				{Bridging, tc.want.bridging}, {IncomeAssortativity, tc.want.assortativity}} {
				if got := v[c.m][0]; math.Abs(got-c.want) > 1e-12 {
					t.Errorf("%s = %v, want %v", Metrics[c.m].Name, got, c.want)
				}
			}
		})
	}
}

// The income-sorted pairs give exactly 1: the same products summed in the
// same order on both sides of the ratio.
func TestAssortativityExact(t *testing.T) {
	e := handBuilt(t, []float64{1500, 1500, 2600, 2600, 3700.5, 3700.5}, 1, [][2]int32{{0, 1}, {2, 3}, {4, 5}}, nil)
	if got := e.Result().Values[IncomeAssortativity][0]; got != 1 {
		t.Errorf("income_assortativity %v, want exactly 1", got)
	}
}

// A household of two without ties is not isolated: household members are
// ties too.
func TestIsolatedCountsHouseholds(t *testing.T) {
	nan := math.NaN()
	p := &Population{Buildings: 1, Households: []PopHousehold{{0, 1000}, {0, 1000}}, Ties: []PopTie{}}
	for _, h := range []int32{0, 0, 1} {
		p.Residents = append(p.Residents, PopResident{Household: h, Age: Adult,
			Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan})
	}
	c := onlyPhases(short(Defaults()))
	c.Community.Grids = 1
	c.Data = p
	e := mustNew(t, c, 1, 1)
	e.Step()
	if got := e.Result().Values[IsolatedShare][0]; got != 1.0/3 {
		t.Errorf("isolated %v, want 1/3: the one living alone", got)
	}
}

// bruteNetwork is the reference: the network's figures from an adjacency
// set, in the plainest way.
func bruteNetwork(e *Engine) networkStats {
	r := &e.r
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	adj := make([]map[int]bool, r.n)
	for i := range r.n {
		adj[i] = map[int]bool{}
		to, str := r.ties(i)
		for k, j := range to {
			if str[k] >= strongAt {
				adj[i][int(j)] = true
			}
		}
	}
	var s networkStats
	var triples, closed, ties, crossing int
	var xs, ys []float64
	for i := range r.n {
		d := len(adj[i])
		h := r.household[i]
		if d == 0 && e.households.start[h+1]-e.households.start[h] == 1 {
			s.isolated++
		}
		s.maxDegree = max(s.maxDegree, float64(d))
		triples += d * (d - 1) / 2
		for j := range adj[i] {
			for k := range adj[i] {
				if j < k && adj[j][k] {
					closed++
				}
			}
			if j > i {
				ties++
				if e.gridOf(i) != e.gridOf(j) {
					crossing++
				}
			}
			xs, ys = append(xs, e.income(i)), append(ys, e.income(j))
		}
	}
	s.isolated /= float64(r.n)
	s.clustering = float64(closed) / float64(triples)
	s.bridging = float64(crossing) / float64(ties)
	var mx, my, sxy, sxx, syy float64
	for k := range xs {
		mx += xs[k] / float64(len(xs))
		my += ys[k] / float64(len(xs))
	}
	for k := range xs {
		sxy += (xs[k] - mx) * (ys[k] - my)
		sxx += (xs[k] - mx) * (xs[k] - mx)
		syy += (ys[k] - my) * (ys[k] - my)
	}
	s.assortativity = sxy / math.Sqrt(sxx*syy)
	return s
}

// On the programme, in the weeks the costly figures are due, every figure
// matches the reference; in between they carry the last value forward.
func TestNetworkMatchesReference(t *testing.T) {
	c := short(programme())
	c.Behaviour.StrongTie = 0.42 // components of tens of residents, triangles among them
	c.Behaviour.NetworkEvery = 3
	e := mustNew(t, c, 5, 4)
	var last networkStats
	for e.Week() < c.Calendar.Weeks() {
		due := e.Week()%3 == 0 || e.Week()+1 == c.Calendar.Weeks() || c.Calendar.StageOf(e.Week()+1) != c.Calendar.StageOf(e.Week())
		e.Step()
		w := e.Week() - 1
		v := &e.Result().Values
		ref := bruteNetwork(e)
		if !due {
			ref.clustering, ref.bridging, ref.assortativity = last.clustering, last.bridging, last.assortativity
		}
		for _, c := range []struct {
			m    Metric
			want float64
		}{{IsolatedShare, ref.isolated}, {StrongDegreeMax, ref.maxDegree}, {Clustering, ref.clustering},
			{Bridging, ref.bridging}, {IncomeAssortativity, ref.assortativity}} {
			if got := v[c.m][w]; math.Abs(got-c.want) > 1e-9 {
				t.Fatalf("week %d (due %v): %s = %v, reference %v", w, due, Metrics[c.m].Name, got, c.want)
			}
		}
		last = networkStats{clustering: v[Clustering][w], bridging: v[Bridging][w], assortativity: v[IncomeAssortativity][w]}
		if w == c.Calendar.Weeks()-1 {
			t.Logf("end: isolated %.3f, max degree %v, clustering %.3f, bridging %.3f, assortativity %.3f",
				ref.isolated, ref.maxDegree, ref.clustering, ref.bridging, ref.assortativity)
			if ref.clustering == 0 || ref.bridging == 0 {
				t.Error("no triangle or no bridge at the end: the test does not exercise them")
			}
		}
	}
}
