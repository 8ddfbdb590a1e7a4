package calibrate

import (
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

const goodFile = `base = "baseline"
particles = 50

[[target]]
metric = "participation"
weeks = "pre-project"
value = 0.11
se = 0.02

[[target]]
metric = "belonging"
weeks = "8:19"
value = 0.4
se = 0.05

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }
behaviour.tie_growth = { prior = "normal", mean = 0.05, sd = 0.02, min = 0.0, max = 0.2 }
"community.organizations" = { prior = "uniform", min = 1, max = 6 }
`

func TestParseGood(t *testing.T) {
	f, err := Parse("c.toml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "c" || f.Particles != 50 || f.Replications != DefaultReplications || f.Seed != f.Scenario.Seed {
		t.Errorf("settings: %+v", f)
	}
	if len(f.Targets) != 2 || f.Targets[0].First != 0 || f.Targets[0].Last != 7 || f.Targets[1].First != 8 || f.Targets[1].Last != 19 {
		t.Errorf("targets: %+v", f.Targets)
	}
	if f.Horizon() != 20 {
		t.Errorf("horizon %d, want 20 (through week 19)", f.Horizon())
	}
	var paths []string
	for _, p := range f.Params {
		paths = append(paths, p.Path)
	}
	if got := strings.Join(paths, " "); got != "macro.channel_openness behaviour.tie_growth community.organizations" {
		t.Errorf("parameters in order %s", got)
	}
	if f.Params[0].Integer || !f.Params[2].Integer {
		t.Errorf("integer flags: %+v", f.Params)
	}
	if f.Params[1].Prior.Kind != PriorNormal || f.Params[1].Prior.SD != 0.02 || f.Params[1].Line != 18 {
		t.Errorf("normal prior: %+v", f.Params[1])
	}
}

// A target may be a group's: group_by and group name it, a grid by its
// number or its number's text.
func TestParseGroupTargets(t *testing.T) {
	text := strings.Replace(goodFile, "se = 0.05\n", "se = 0.05\ngroup_by = \"income_quintile\"\ngroup = \"q1\"\n", 1) + `
[[target]]
metric = "vulnerable_coverage"
group_by = "grid"
group = 3
weeks = 30
value = 0.5
se = 0.1
`
	f, err := Parse("c.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ metric, by, group string }{{"participation", "", ""}, {"belonging", "income_quintile", "q1"}, {"vulnerable_coverage", "grid", "3"}}
	if len(f.Targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(f.Targets), len(want))
	}
	for k, w := range want {
		if got := f.Targets[k]; got.Metric != w.metric || got.GroupBy != w.by || got.Group != w.group {
			t.Errorf("target %d: %s of %s=%s, want %s of %s=%s", k+1, got.Metric, got.GroupBy, got.Group, w.metric, w.by, w.group)
		}
	}
	if !f.groups() || f.Targets[2].gmetric != sim.GVulnerableCoverage || f.Horizon() != 31 {
		t.Errorf("groups %v, metric %v, horizon %d", f.groups(), f.Targets[2].gmetric, f.Horizon())
	}
	if g, _ := Parse("c.toml", []byte(goodFile)); g.groups() {
		t.Error("community-wide targets measure groups")
	}
}

// Every bad input gets one message naming the file, the line and the key.
func TestParseErrors(t *testing.T) {
	edit := func(old, new string) string {
		if !strings.Contains(goodFile, old) {
			t.Fatalf("test edit %q does not apply", old)
		}
		return strings.Replace(goodFile, old, new, 1)
	}
	cases := []struct{ name, text, want string }{
		{"unknown top-level key", edit("particles = 50", "particle = 50"),
			`c.toml:2: key "particle": unknown key; allowed top-level keys: name, description, base, seed, particles, replications, generations, tolerance, min_acceptance, quantile, predictive_draws, target, parameters (did you mean "particles"?)`},
		{"wrong type", edit("particles = 50", `particles = "50"`),
			`c.toml:2: key "particles": must be an integer from 2 to 100000, got string "50"`},
		{"syntax", edit("particles = 50", "particles = = 50"),
			`c.toml:2: syntax error: expected value but found '=' instead`},
		{"no base", edit(`base = "baseline"`, ""),
			`c.toml: key "base": missing: name the scenario to calibrate, a built-in such as "baseline" or a file`},
		{"bad name", edit("particles = 50", `name = "../up"`),
			`c.toml:2: key "name": must be 1 to 80 letters, digits, '-', '_' or '.' (it names the output directory), got "../up"`},
		{"base not a string", edit(`base = "baseline"`, `base = 3`),
			`c.toml:1: key "base": must be a string, got integer 3`},
		{"unknown base", edit(`base = "baseline"`, `base = "baseline2"`),
			`c.toml:1: key "base": unknown built-in scenario "baseline2"; built-ins: baseline, cultural-activities, discussion-channels, full-programme, heavy-bureaucracy, initial-only, local-hires, low-income, more-educated, more-social-workers, organization-cultivation, party-linkage, reflective-practice, reticent-community, sustained-funding, vague-role, weak-stickiness (did you mean "baseline"?)`},
		{"unknown metric", edit(`metric = "belonging"`, `metric = "belongin"`),
			`c.toml:11: key "target[2].metric": unknown metric "belongin" (did you mean "belonging"?); the metrics are ` + strings.Join(metricNames(), ", ")},
		{"unknown target key", edit("se = 0.05", "se = 0.05\nsd = 0.1"),
			`c.toml:15: key "target[2].sd": unknown key in a target; allowed: metric, weeks, value, se, group_by, group (did you mean "se"?)`},
		{"missing se", edit("se = 0.05\n", ""),
			`c.toml:10: key "target[2]": target 2 has no se; a target needs metric, weeks, value, se`},
		{"zero se", edit("se = 0.05", "se = 0"),
			`c.toml:14: key "target[2].se": must be a standard error above 0, got integer 0`},
		{"bad stage", edit(`weeks = "pre-project"`, `weeks = "pre_project"`),
			`c.toml:6: key "target[1].weeks": "pre_project" is not a stage (pre-project, initial, middle, later, follow-up), a week or a range "first:last" (did you mean "pre-project"?)`},
		{"weeks beyond horizon", edit(`weeks = "8:19"`, `weeks = "8:200"`),
			`c.toml:12: key "target[2].weeks": weeks "8:200" must lie within 0:123 (the base scenario's 124 weeks), first not after last`},
		{"target as a table", strings.Replace(strings.Replace(goodFile, "[[target]]", "[target]", 1), "[[target]]\nmetric = \"belonging\"\nweeks = \"8:19\"\nvalue = 0.4\nse = 0.05\n", "", 1),
			`c.toml:4: key "target": must be an array of tables: write each target under its own [[target]] header, got a table`},
		{"not a model parameter", edit(`"macro.channel_openness"`, `"macro.channel_opennes"`),
			`c.toml:17: key "parameters.macro.channel_opennes": not a parameter the model can take from 0.1 to 0.6: with min = 0.1, unknown key "macro.channel_opennes"; allowed keys in [macro]: bureaucracy, resource_integration, channel_openness, meeting_interval_weeks, responsiveness, organization_funds_per_week (did you mean "channel_openness"?)`},
		{"prior outside the model's range", edit("min = 0.1, max = 0.6", "min = 0.1, max = 1.6"),
			`c.toml:17: key "parameters.macro.channel_openness": not a parameter the model can take from 0.1 to 1.6: with max = 1.6, must be at most 1, got 1.6`},
		{"scenario setting", edit(`"community.organizations"`, `"seed"`),
			`c.toml:19: key "parameters.seed": "seed" is a scenario setting, not a model parameter`},
		{"calendar", edit(`"community.organizations"`, `"calendar.initial_weeks"`),
			`c.toml:19: key "parameters.calendar.initial_weeks": the calendar cannot be calibrated: the targets' weeks are read from the base scenario's calendar`},
		{"unknown prior", edit(`prior = "uniform", min = 0.1`, `prior = "uniformly", min = 0.1`),
			`c.toml:17: key "parameters.macro.channel_openness.prior": must be one of uniform, normal, loguniform, got string "uniformly" (did you mean "uniform"?)`},
		{"key of another prior", edit(`prior = "uniform", min = 0.1`, `prior = "uniform", sd = 1, min = 0.1`),
			`c.toml:17: key "parameters.macro.channel_openness.sd": not a key of a uniform prior; allowed: prior, min, max`},
		{"min above max", edit("min = 0.1, max = 0.6", "min = 0.6, max = 0.1"),
			`c.toml:17: key "parameters.macro.channel_openness": impossible prior: min 0.6 must be below max 0.1`},
		{"normal without sd", edit("sd = 0.02, ", ""),
			`c.toml:18: key "parameters.behaviour.tie_growth": a normal prior needs mean, sd, min, max`},
		{"negative sd", edit("sd = 0.02", "sd = -0.02"),
			`c.toml:18: key "parameters.behaviour.tie_growth": impossible prior: a normal prior needs a finite mean and sd > 0, got mean 0.05, sd -0.02`},
		{"normal far from its bounds", edit("mean = 0.05, sd = 0.02", "mean = 5, sd = 0.02"),
			`c.toml:18: key "parameters.behaviour.tie_growth": impossible prior: normal(mean 5, sd 0.02) puts practically no probability between min 0 and max 0.2`},
		{"loguniform from 0", edit(`"community.organizations" = { prior = "uniform", min = 1,`, `"community.organizations" = { prior = "loguniform", min = 0,`),
			`c.toml:19: key "parameters.community.organizations": impossible prior: a loguniform prior needs min > 0, got 0`},
		{"parameter not a table", edit(`"community.organizations" = { prior = "uniform", min = 1, max = 6 }`, `"community.organizations" = 3`),
			`c.toml:19: key "parameters.community.organizations": must be a prior, e.g. { prior = "uniform", min = 0.1, max = 0.6 }, got integer 3`},
		{"no parameters", edit(`[parameters]`, `[parameter]`),
			"c.toml:16: key \"parameter\": unknown key; allowed top-level keys: name, description, base, seed, particles, replications, generations, tolerance, min_acceptance, quantile, predictive_draws, target, parameters (did you mean \"parameters\"?)\n" +
				`c.toml: key "parameters": missing: give the parameters to fit under [parameters], e.g. "macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }`},
		{"parameters without a prior", edit(`"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }
behaviour.tie_growth = { prior = "normal", mean = 0.05, sd = 0.02, min = 0.0, max = 0.2 }
"community.organizations" = { prior = "uniform", min = 1, max = 6 }`, "macro = {}"),
			`c.toml:16: key "parameters": no parameter with a prior: write "dotted.path" = { prior = "uniform", min = ..., max = ... }`},
		{"unknown grouping", edit("se = 0.05", "se = 0.05\ngroup_by = \"income\"\ngroup = \"q1\""),
			`c.toml:15: key "target[2].group_by": unknown grouping "income"; the groupings are income_quintile, education, age, vulnerable, party_member, grid`},
		{"grouping misspelt", edit("se = 0.05", "se = 0.05\ngroup_by = \"income_quintle\"\ngroup = \"q1\""),
			`c.toml:15: key "target[2].group_by": unknown grouping "income_quintle" (did you mean "income_quintile"?); the groupings are income_quintile, education, age, vulnerable, party_member, grid`},
		{"grouping not a string", edit("se = 0.05", "se = 0.05\ngroup_by = 1\ngroup = \"q1\""),
			`c.toml:15: key "target[2].group_by": must be a grouping of residents (income_quintile, education, age, vulnerable, party_member, grid), got integer 1`},
		{"unknown group", edit("se = 0.05", "se = 0.05\ngroup_by = \"income_quintile\"\ngroup = \"Q1\""),
			`c.toml:16: key "target[2].group": income_quintile has no group "Q1" (did you mean "q1"?); its groups are q1, q2, q3, q4, q5`},
		{"group not a string", edit("se = 0.05", "se = 0.05\ngroup_by = \"age\"\ngroup = 1"),
			`c.toml:16: key "target[2].group": must be a group of age (child, adult, elder), got integer 1`},
		{"no such grid", edit("se = 0.05", "se = 0.05\ngroup_by = \"grid\"\ngroup = 6"),
			`c.toml:16: key "target[2].group": grid has no group "6"; its groups are 0 to 5 (the base scenario's 6 grids)`},
		{"group without group_by", edit("se = 0.05", "se = 0.05\ngroup = \"q1\""),
			`c.toml:15: key "target[2].group": a group needs group_by, the grouping it belongs to: one of income_quintile, education, age, vulnerable, party_member, grid`},
		{"group_by without group", edit("se = 0.05", "se = 0.05\ngroup_by = \"age\""),
			`c.toml:15: key "target[2].group_by": group_by needs group, the group of residents whose belonging is the target`},
		{"metric not measured per group", strings.Replace(edit("se = 0.05", "se = 0.05\ngroup_by = \"age\"\ngroup = \"elder\""), `metric = "belonging"`, `metric = "cohesion"`, 1),
			`c.toml:11: key "target[2].metric": "cohesion" is not measured per group of residents; the group metrics are ` + strings.Join(groupMetricNames(), ", ")},
		{"group metric misspelt", strings.Replace(edit("se = 0.05", "se = 0.05\ngroup_by = \"age\"\ngroup = \"elder\""), `metric = "belonging"`, `metric = "belongng"`, 1),
			`c.toml:11: key "target[2].metric": "belongng" is not measured per group of residents (did you mean "belonging"?); the group metrics are ` + strings.Join(groupMetricNames(), ", ")},
		{"group metric without a group", edit(`metric = "belonging"`, `metric = "care_needy"`),
			`c.toml:11: key "target[2].metric": unknown metric "care_needy"; the metrics are ` + strings.Join(metricNames(), ", ")},
		{"metric over adults of children", edit("se = 0.05", "se = 0.05\ngroup_by = \"education\"\ngroup = \"child\""),
			`c.toml:16: key "target[2].group": belonging is never measured in group education=child: it is over adults and elders, and the group has none`},
		{"coverage of the not vulnerable", strings.Replace(edit("se = 0.05", "se = 0.05\ngroup_by = \"vulnerable\"\ngroup = \"not_vulnerable\""), `metric = "belonging"`, `metric = "vulnerable_coverage"`, 1),
			`c.toml:16: key "target[2].group": vulnerable_coverage is never measured in group vulnerable=not_vulnerable: it is over vulnerable residents with a care need, and the group has none`},
		{"grid lost to a fitted number of grids", edit("se = 0.05", "se = 0.05\ngroup_by = \"grid\"\ngroup = \"4\"") + "\"community.grids\" = { prior = \"uniform\", min = 2, max = 6 }\n",
			`c.toml:16: key "target[2].group": grid 4 is not in every community the parameters make: with community.grids at its prior's min the community has 2 grids, 0 to 1`},
		{"min_acceptance of 1", edit("particles = 50", "min_acceptance = 1"),
			`c.toml:2: key "min_acceptance": must be a number from 0 to below 1, got integer 1`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(c.text))
			if err == nil {
				t.Fatalf("no error, want %s", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(goodFile)
	f.Add("base = \"baseline\"\n[[target]]\nweeks = 3\n[parameters]\na.b = {}\n")
	f.Add("[[target]]\n[[target]]\nmetric = 1\n[parameters.x]\ny = { prior = \"normal\", mean = 1e308, sd = 1e-308, min = -1e308, max = 1e308 }")
	f.Fuzz(func(t *testing.T, text string) {
		file, err := Parse("f.toml", []byte(text))
		if err == nil && (len(file.Targets) == 0 || len(file.Params) == 0 || file.Horizon() < 1) {
			t.Fatalf("accepted a file without targets or parameters: %+v", file)
		}
	})
}
