package report

import "strings"

// The parameter table's units (scenario.Param.Unit) are short symbols for
// the reference ("× study", "prob/week", "0-1"). After a number on a page
// a planner reads they follow one rule: a unit that counts something reads
// as words after the number ("300 yuan a week", "8 workers", "1 worker");
// a unit that is a scale rather than a quantity (a share, a probability, a
// 0–1 level, a multiple of another value, a weight) follows in brackets
// saying what the number is ("0.65 → 0.85 (share)", "1 (multiple of the
// field study's effort)"). The numbers stay as the scenario file writes
// them, so that they can be found in it.

// unitWords are the counting units in words, after a number.
var unitWords = map[string]string{
	"yuan/week":        "yuan a week",
	"yuan/month":       "yuan a month",
	"hours/week":       "hours a week",
	"hours/week/1000":  "hours a week per 1,000 residents",
	"events/1000/week": "events a week per 1,000 residents",
	"visits/1000/week": "visits a week per 1,000 residents",
	"orgs/1000/week":   "organizations a week per 1,000 residents",
	"invitations/1000": "invitations per 1,000 residents",
	"1/week":           "a week",
	"1/person":         "per person",
	"persons":          "people",
}

// unitScales are the units that are scales, in words, for brackets.
var unitScales = map[string]string{
	"share":         "share",
	"prob":          "probability",
	"prob/week":     "probability a week",
	"0-1":           "on a scale from 0 to 1",
	"×":             "multiplier",
	"× study":       "multiple of the field study's effort",
	"× event":       "multiple of a cultural event's weight",
	"logit":         "logit",
	"utility":       "utility",
	"weight":        "weight",
	"strength":      "tie strength, 0 to 1",
	"strength/week": "tie strength a week",
	"coefficient":   "coefficient",
	"log s.d.":      "standard deviation of the log",
}

// singular are the counting units whose singular differs, for a value of
// exactly 1.
var singular = map[string]string{
	"people": "person", "workers": "worker", "households": "household", "buildings": "building",
	"grids": "grid", "ties": "tie", "members": "member", "organizations": "organization",
	"seats": "seat", "needs": "need", "issues": "issue", "invitations": "invitation",
	"runs": "run", "hours": "hour", "weeks": "week",
}

// UnitAfter is what follows a number (as text) of the parameter table's
// unit on a planner's page, its leading space included: counting units in
// words, scales in brackets, nothing for no unit or a path.
func UnitAfter(number, unit string) string {
	switch unit {
	case "", "path":
		return ""
	}
	if w, ok := unitScales[unit]; ok {
		return " (" + w + ")"
	}
	if rest, ok := strings.CutPrefix(unit, "× "); ok {
		// A multiple of another key's value, e.g. behaviour.helped_trust.
		return " (multiple of " + rest + ")"
	}
	w, ok := unitWords[unit]
	if !ok {
		w = unit
	}
	if number == "1" || number == "-1" {
		first, rest, _ := strings.Cut(w, " ")
		if s, ok := singular[first]; ok {
			w = strings.TrimSpace(s + " " + rest)
		}
	}
	return " " + w
}
