package stats_test

import (
	"fmt"

	"github.com/grassroots-sim/grassroots/stats"
)

// The mean of a few replications with its 95% confidence interval, and a
// paired difference, as the summaries and comparisons report them.
func ExampleEstimate95() {
	baseline := []float64{0.20, 0.22, 0.19, 0.21}
	programme := []float64{0.31, 0.35, 0.30, 0.33}
	e := stats.Estimate95(programme)
	fmt.Printf("programme: %.3f [%.3f, %.3f], n = %d\n", e.Mean, e.Low, e.High, e.N)
	d := stats.Paired95(baseline, programme)
	fmt.Printf("difference: %+.3f [%+.3f, %+.3f]\n", d.Mean, d.Low, d.High)
	// Output:
	// programme: 0.323 [0.287, 0.358], n = 4
	// difference: +0.117 [+0.102, +0.133]
}
