package report

import (
	"gonum.org/v1/plot"
	"testing"
)

func majorLabels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi  float64
		target  int
		integer bool
		want    string
	}{
		{-0.5, 19.5, 10, true, "0 2 4 6 8 10 12 14 16 18"},
		{-0.5, 111.5, 10, true, "0 20 40 60 80 100"},
		{-0.5, 2.5, 10, true, "0 1 2"},
		{-0.1, 0.9, 5, false, "0.0 0.2 0.4 0.6 0.8"}, // not "-0.0"
		{0, 1, 6, false, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0.07, 0.53, 6, false, "0.1 0.2 0.3 0.4 0.5"},
		{0.28, 0.33, 6, false, "0.28 0.29 0.30 0.31 0.32 0.33"},
		{180, 520, 6, false, "200 300 400 500"},
		{-3, 5, 6, false, "-2 0 2 4"},
		{0, 125000, 6, false, "0 25000 50000 75000 100000 125000"},
	} {
		got := ""
		for i, l := range majorLabels(niceTicks{target: tc.target, integer: tc.integer}.Ticks(tc.lo, tc.hi)) {
			if i > 0 {
				got += " "
			}
			got += l
		}
		if got != tc.want {
			t.Errorf("Ticks(%g, %g) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
	if ticks := (niceTicks{target: 6}).Ticks(1, 1); ticks != nil {
		t.Errorf("empty range gave %v", ticks)
	}
}
