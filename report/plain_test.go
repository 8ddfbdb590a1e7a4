package report

import (
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// Every metric has a plain name, and no two share one.
func TestPlainNames(t *testing.T) {
	seen := map[string]string{}
	for m, info := range sim.Metrics {
		p := PlainName(sim.Metric(m))
		if p == info.Name {
			t.Errorf("metric %s has no plain name", info.Name)
		}
		if other, ok := seen[p]; ok {
			t.Errorf("metrics %s and %s share the plain name %q", other, info.Name, p)
		}
		seen[p] = info.Name
	}
	for _, q := range Equities {
		if PlainNameOf(q.Name) == q.Name {
			t.Errorf("equity summary %s has no plain name", q.Name)
		}
	}
	if len(plainNames) != len(sim.Metrics)+len(Equities) {
		t.Errorf("%d plain names for %d metrics and %d equity summaries", len(plainNames), len(sim.Metrics), len(Equities))
	}
}
