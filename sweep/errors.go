package sweep

import (
	"sort"

	"github.com/grassroots-sim/grassroots/scenario"
)

// Error is one problem with a sweep definition, located where it was
// written when that is known: the sweep file, or "--vary ..." / "--set ..."
// for the command line. It is the scenario package's error, so that a
// problem a point's scenario reports and one in the sweep file read alike.
type Error = scenario.Error

// Errors is every problem found in a sweep definition, one per line.
type Errors = scenario.Errors

// sortErrors orders errors by source, then line.
func sortErrors(es Errors) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Source != es[j].Source {
			return es[i].Source < es[j].Source
		}
		return es[i].Line < es[j].Line
	})
}
