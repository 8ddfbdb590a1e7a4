package report

import (
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
)

// A change reads in words from the parameter table, the key kept beside
// it; a key the table does not know stays as it is.
func TestDescribeChange(t *testing.T) {
	for _, tc := range []struct {
		key, from, to string
		want, html    string
	}{
		{"stages.middle.cultural_activities.weekly_cost", "0.0", "12000.0",
			"middle stage, cultural activities: weekly cost 0 → 12,000 yuan a week (stages.middle.cultural_activities.weekly_cost)",
			"middle stage, cultural activities: weekly cost 0 → 12,000 yuan a week (<code>stages.middle.cultural_activities.weekly_cost</code>)"},
		{"stages.later.handover.intensity", "0.0", "0.5",
			"later stage, handover: intensity 0 → 0.5 (multiple of the field study's effort) (stages.later.handover.intensity)", ""},
		{"project.enabled", "false", "true",
			"whether the social-work project exists: off → on (project.enabled)", ""},
		{"phases.measure.enabled", "true", "false",
			"runs the weekly phase measure: on → off (phases.measure.enabled)", ""},
		{"behaviour.need_lapse", "0.05", "0.1",
			"chance that each pending need is given up: 0.05 → 0.1 (probability a week) (behaviour.need_lapse)", ""},
		{"behaviour.economic_floor", "0.2", "0.3",
			"economic-need rate factor at burden 0: 0.2 → 0.3 (multiplier) (behaviour.economic_floor)", ""},
		{"community.households", "900", "1200",
			"households to synthesise: 900 → 1,200 households (community.households)", ""},
		{"project.local_hires", "0", "1",
			"team members hired locally: 0 → 1 worker (project.local_hires)", ""},
		{"community.income_median", "3200.0", "2200.0",
			"median household income: 3,200 → 2,200 yuan a month (community.income_median)", ""},
		{"macro.bureaucracy", "0.65", "0.85",
			"share of community workers' hours taken by administration: 0.65 → 0.85 (share) (macro.bureaucracy)", ""},
		{"participation.rule", `"logistic"`, `"threshold"`,
			`participation decision rule: "logistic" → "threshold" (participation.rule)`,
			`participation decision rule: &#34;logistic&#34; → &#34;threshold&#34; (<code>participation.rule</code>)`},
		{"no.such_key", "1.0", "2000.0",
			"no.such_key: 1.0 → 2000.0",
			"<code>no.such_key</code>: 1.0 → 2000.0"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			c := DescribeChange(scenario.Change{Key: tc.key, From: tc.from, To: tc.to})
			if got := c.String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if got := string(c.HTML()); tc.html != "" && got != tc.html {
				t.Errorf("HTML got  %q\nwant %q", got, tc.html)
			}
		})
	}
}
