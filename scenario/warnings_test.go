package scenario

import (
	"strings"
	"testing"
)

// A file without extends starts from the defaults, where the project is
// off: project keys it sets are warned about (they were silently ignored).
func TestProjectWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		set        []string
		buildsOn   string
		warn       string // "" for no warning
	}{
		{"no extends, project key", "[project]\nsocial_workers = 6\n", nil, "no extends",
			`x.toml:2: key "project.social_workers" is set, but the project never runs (project.enabled is false)`},
		{"stage measures", "extends = \"baseline\"\n[stages.initial.home_visits]\nintensity = 2\n[follow_up]\norganization_funds_per_week = 5\n", nil,
			"extends builtin:baseline", `x.toml:3: key "stages.initial.home_visits.intensity" and 1 more project keys are set`},
		{"no project weeks", "extends = \"full-programme\"\n[project]\nskill = 0.5\n",
			[]string{"calendar.initial_weeks=0", "calendar.middle_weeks=0", "calendar.later_weeks=0"},
			"extends builtin:full-programme, which extends builtin:baseline", "the calendar gives it no weeks): give calendar.initial_weeks, middle_weeks or later_weeks some weeks"},
		{"by --set", "", []string{"project.skill=0.5"}, "no extends", `--set project.skill=0.5: key "project.skill" is set`},
		{"project runs", "extends = \"full-programme\"\n[project]\nsocial_workers = 6\n", nil, "extends builtin:full-programme", ""},
		{"switched off on purpose", "extends = \"full-programme\"\n[project]\nenabled = false\nsocial_workers = 6\n", nil, "extends", ""},
		{"no social workers", "extends = \"full-programme\"\n[project]\nsocial_workers = 0\nlocal_hires = 0\nskill = 0.5\n", nil, "extends",
			`x.toml:3: key "project.social_workers" and 2 more project keys are set, but the project never runs (project.social_workers is 0): give the project social workers`},
		{"built-in keys only", "extends = \"baseline\"\n", nil, "extends builtin:baseline", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := LoadBytes("x.toml", []byte(tc.text), tc.set)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.BuildsOn(); !strings.HasPrefix(got, tc.buildsOn) {
				t.Errorf("BuildsOn = %q, want it to start %q", got, tc.buildsOn)
			}
			got := strings.Join(s.Warnings, "\n")
			if tc.warn == "" && got != "" || !strings.Contains(got, tc.warn) {
				t.Errorf("warnings %q, want %q", got, tc.warn)
			}
		})
	}
}
