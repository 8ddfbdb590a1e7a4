package calibrate

import (
	"math"
	"testing"
)

// Replication r's draw depends on (seed, r) alone and follows the weights.
func TestPosteriorPick(t *testing.T) {
	p, err := ParsePosterior("p.csv", []byte("draw,weight,macro.channel_openness,community.organization_size\n0,0.7,0.3,20\n1,0,0.5,24\n2,0.3,0.25,17\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Overrides(2); got[0] != "macro.channel_openness=0.25" || got[1] != "community.organization_size=17" {
		t.Errorf("overrides %v", got)
	}
	count := make([]int, 3)
	const n = 4000
	for r := range n {
		i := p.Pick(9, r)
		if i != p.Pick(9, r) {
			t.Fatal("the same replication drew twice differently")
		}
		count[i]++
	}
	if count[1] != 0 || math.Abs(float64(count[0])/n-0.7) > 0.03 {
		t.Errorf("drew %v of %d for weights 0.7, 0, 0.3", count, n)
	}
}

// FuzzParsePosterior: any file is read or refused with an error, never a
// panic, and what is read can be drawn from.
func FuzzParsePosterior(f *testing.F) {
	for _, s := range []string{
		"draw,weight,macro.channel_openness\n0,1,0.3\n",
		"draw,weight,macro.channel_openness\n0,0,0.3\n",
		"draw,weight\n0,1\n",
		"draw,weight,community.organization_size\n0,1,2e1\n1,1e308,3\n2,1e308,4\n",
		"\"draw\",weight,x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePosterior("p.csv", data)
		if err != nil {
			return
		}
		i := p.Pick(1, 0)
		if i < 0 || i >= len(p.Draws) || len(p.Overrides(i)) != len(p.Paths) {
			t.Fatalf("picked %d of %d", i, len(p.Draws))
		}
	})
}
