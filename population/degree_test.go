package population

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// community writes n adults, one household each in one building, and the
// given ties, as the three CSV files.
func community(n int, ties [][2]int) (h, r, t []byte) {
	var hb, rb, tb bytes.Buffer
	hb.WriteString("household_id,building,income\n")
	rb.WriteString("resident_id,household_id,age,education,vulnerable,party_member\n")
	for i := range n {
		fmt.Fprintf(&hb, "h%d,A,3000\n", i)
		fmt.Fprintf(&rb, "r%d,h%d,adult,middle,no,no\n", i, i)
	}
	tb.WriteString("resident_a,resident_b,kind\n")
	for _, e := range ties {
		fmt.Fprintf(&tb, "r%d,r%d,friend\n", e[0], e[1])
	}
	return hb.Bytes(), rb.Bytes(), tb.Bytes()
}

// Heavy-tailed networks import whole: an Erdős–Rényi graph of mean degree
// 7, which has residents above the old cap of 16 ties, and a star whose
// hub has 200. The engine holds every tie, runs, and gives them back.
// (Before, the reader refused any resident with more than 16 ties.)
func TestImportAnyDegree(t *testing.T) {
	erdosRenyi := func() [][2]int {
		const n, meanDegree = 1000, 7.0
		rng := rand.New(rand.NewPCG(1, 2))
		var ties [][2]int
		for a := range n {
			for b := a + 1; b < n; b++ {
				if rng.Float64() < meanDegree/(n-1) {
					ties = append(ties, [2]int{a, b})
				}
			}
		}
		return ties
	}
	star := func() [][2]int {
		var ties [][2]int
		for b := 1; b <= 200; b++ {
			ties = append(ties, [2]int{0, b})
		}
		return ties
	}
	for _, c := range []struct {
		name  string
		n     int
		ties  [][2]int
		above int // the largest degree is at least this
	}{
		{"erdos-renyi", 1000, erdosRenyi(), 17},
		{"star", 201, star(), 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, r, ties := community(c.n, c.ties)
			p, err := Parse(Input{"households.csv", bytes.NewReader(h)}, Input{"residents.csv", bytes.NewReader(r)},
				Input{"ties.csv", bytes.NewReader(ties)})
			if err != nil {
				t.Fatal(err)
			}
			if got := maxDegree(c.n, p.Ties); got < c.above {
				t.Fatalf("largest degree %d, want at least %d: not the network meant", got, c.above)
			}
			cfg := sim.Defaults()
			cfg.Project.Enabled = true
			cfg.Calendar = sim.Calendar{PreProject: 1, Initial: 2, Middle: 2, Later: 1, FollowUp: 1}
			cfg.Data = p
			e, err := sim.New(&cfg, 1, 2)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			built := e.Population()
			if len(built.Ties) != len(p.Ties) || maxDegree(c.n, built.Ties) != maxDegree(c.n, p.Ties) {
				t.Fatalf("the engine holds %d ties (largest degree %d), want %d (%d)",
					len(built.Ties), maxDegree(c.n, built.Ties), len(p.Ties), maxDegree(c.n, p.Ties))
			}
			if _, err := e.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func maxDegree(n int, ties []sim.PopTie) int {
	deg := make([]int, n)
	best := 0
	for _, t := range ties {
		deg[t.A]++
		deg[t.B]++
		best = max(best, deg[t.A], deg[t.B])
	}
	return best
}

// A ties file may have at most MaxTieRows rows per resident.
func TestTieRowsLimit(t *testing.T) {
	ties := make([][2]int, 0, 2*MaxTieRows+1)
	for range 2*MaxTieRows + 1 {
		ties = append(ties, [2]int{0, 1})
	}
	h, r, tf := community(2, ties)
	err := parseBytes(h, r, tf)
	want := fmt.Sprintf(`ties.csv:%d: more than %d rows, %d for each resident: list each tie once (or once each way)`, 2*MaxTieRows+2, 2*MaxTieRows, MaxTieRows)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}
