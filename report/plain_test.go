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

// Every metric and equity summary has a short name for running text, no
// longer than its plain name, and no two share one.
func TestShortNames(t *testing.T) {
	seen := map[string]string{}
	names := []string{}
	for _, info := range sim.Metrics {
		names = append(names, info.Name)
	}
	for _, q := range Equities {
		names = append(names, q.Name)
	}
	for _, name := range names {
		s := ShortName(name)
		if _, ok := shortNames[name]; !ok {
			t.Errorf("%s has no short name", name)
		}
		if len(s) > len(PlainNameOf(name)) || len(s) > 32 {
			t.Errorf("%s: short name %q is not short", name, s)
		}
		if other, ok := seen[s]; ok {
			t.Errorf("%s and %s share the short name %q", other, name, s)
		}
		seen[s] = name
	}
	if len(shortNames) != len(names) {
		t.Errorf("%d short names for %d metrics and equity summaries", len(shortNames), len(names))
	}
	if got := ShortLabel("vulnerable_coverage"); got != "Care of the vulnerable" {
		t.Errorf("ShortLabel: %q", got)
	}
}
