package report

import (
	"io"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// BenchmarkWriteGroups writes the groups of 30 replications of 124 weeks
// and 35 groups, about what one scenario of the default community gives.
func BenchmarkWriteGroups(b *testing.B) {
	results := fixture(30, 124, sim.Calendar{PreProject: 20, Initial: 12, Middle: 28, Later: 12, FollowUp: 52})
	for _, r := range results {
		for k := range 35 {
			r.Groups = append(r.Groups, sim.Group{By: sim.ByGrid, Name: "g", Size: 100 + k, Adults: 80})
		}
		for w := range 124 {
			for k := range 35 {
				for m := range sim.NumGroupMetrics {
					r.GroupValues = append(r.GroupValues, 0.123456789*float64(w+k+int(m))/7)
				}
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		_ = WriteGroups(io.Discard, []string{"full-programme"}, [][]*sim.Result{results})
	}
}
