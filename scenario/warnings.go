package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// BuildsOn says what the scenario's own file starts from: the files it
// extends, nearest first, or that without extends every key it does not
// set keeps the program's default (in which the project is off).
func (s *Scenario) BuildsOn() string {
	if len(s.Sources) < 2 {
		return "no extends: every key not set keeps the program's default, with the project off"
	}
	parents := slices.Clone(s.Sources[:len(s.Sources)-1])
	slices.Reverse(parents)
	return "extends " + strings.Join(parents, ", which extends ")
}

// projectKeys are the tables that only matter while the project runs.
var projectKeys = []string{"project.", "stages.", "follow_up."}

// projectWarnings warns when the user's own files or overrides set keys
// that only the project reads while the project never runs: a file with
// no extends setting only [project] social_workers = 6 runs without the
// project, silently otherwise. Built-ins are trusted to mean what they set,
// and so is a user who switches the project off.
func (l *loader) projectWarnings(cfg *sim.Config) []string {
	var why, fix string
	switch {
	case !cfg.Project.Enabled && l.userSet("project.enabled"):
		return nil // switched off on purpose, as in a resolved scenario
	case !cfg.Project.Enabled:
		why = "project.enabled is false"
		fix = `set project.enabled = true, or extend a scenario that runs it (extends = "full-programme")`
	case cfg.Calendar.Initial+cfg.Calendar.Middle+cfg.Calendar.Later == 0:
		why = "the calendar gives it no weeks"
		fix = "give calendar.initial_weeks, middle_weeks or later_weeks some weeks"
	case cfg.Project.SocialWorkers == 0:
		why = "project.social_workers is 0"
		fix = "give the project social workers"
	default:
		return nil
	}
	var set []string
	var first origin
	for _, k := range slices.Sorted(maps.Keys(l.origins)) {
		o := l.origins[k]
		if !l.userSet(k) || k == "project.enabled" ||
			!slices.ContainsFunc(projectKeys, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		if len(set) == 0 || o.rank < first.rank || o.rank == first.rank && o.line < first.line {
			first = o
			set = append([]string{k}, set...) // the first written leads
		} else {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return nil
	}
	where := first.source
	if first.line > 0 {
		where += fmt.Sprintf(":%d", first.line)
	}
	keys := fmt.Sprintf("key %q is", set[0])
	if len(set) > 1 {
		keys = fmt.Sprintf("key %q and %d more project keys are", set[0], len(set)-1)
	}
	return []string{fmt.Sprintf("%s: %s set, but the project never runs (%s): %s", where, keys, why, fix)}
}

// userSet reports whether key was set by the user's files or --set, not
// by a built-in or a default.
func (l *loader) userSet(key string) bool {
	o, ok := l.origins[key]
	return ok && !strings.HasPrefix(o.source, builtinPrefix)
}
