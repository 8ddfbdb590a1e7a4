package population

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
	"github.com/grassroots-sim/grassroots/sim"
)

// maxID bounds ids and building labels, in bytes.
const maxID = 200

// maxIncome bounds a household's monthly income in yuan.
const maxIncome = 1e8

// idError returns why s cannot be an id or a label, or "".
func idError(s string) string {
	switch {
	case s == "":
		return "is empty; every row needs one"
	case len(s) > maxID:
		return fmt.Sprintf("is longer than %d bytes", maxID)
	}
	return ""
}

// number parses a decimal number at float32 precision, the precision the
// engine keeps, so that writing a community out and reading it back gives
// exactly the same values.
func number(s string) (float64, bool) {
	x, err := strconv.ParseFloat(s, 32)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// share parses a number in [0,1].
func share(s string) (float64, string) {
	x, ok := number(s)
	if !ok || x < 0 || x > 1 {
		return 0, "expected a number from 0 to 1, got " + show(s)
	}
	return x, ""
}

// optionalShare is share for an optional cell: empty is NaN, not given.
func optionalShare(s string) (float64, string) {
	if s == "" {
		return math.NaN(), ""
	}
	x, msg := share(s)
	if msg != "" {
		msg += " (or an empty cell when not known)"
	}
	return x, msg
}

func income(s string) (float64, string) {
	x, ok := number(s)
	if !ok || x < 0 || x > maxIncome {
		return 0, fmt.Sprintf("expected the monthly income in yuan, a number from 0 to %g, got %s", maxIncome, show(s))
	}
	return x, ""
}

// boolean parses true/false, 1/0 or yes/no, in any case.
func boolean(s string) (bool, string) {
	switch strings.ToLower(s) {
	case "true", "1", "yes":
		return true, ""
	case "false", "0", "no":
		return false, ""
	}
	return false, "expected true or false (or 1/0, yes/no), got " + show(s)
}

// Age groups by name, in the order of sim.Child, sim.Adult, sim.Elder.
var ageNames = [...]string{sim.Child: "child", sim.Adult: "adult", sim.Elder: "elder"}

// Age bounds for ages given in years: under AdultAge is a child, ElderAge
// and over an elder.
const (
	AdultAge = 18
	ElderAge = 60
	maxAge   = 130
)

// age parses an age group, or an age in whole years.
func age(s string) (uint8, string) {
	l := strings.ToLower(s)
	for g, name := range ageNames {
		if l == name {
			return uint8(g), ""
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= maxAge {
		switch {
		case n < AdultAge:
			return sim.Child, ""
		case n >= ElderAge:
			return sim.Elder, ""
		}
		return sim.Adult, ""
	}
	return 0, fmt.Sprintf("expected child, adult or elder, or an age in years from 0 to %d, got %s%s", maxAge, show(s), errfmt.Suggest(s, ageNames[:]))
}

// Education levels by name: primary or less, middle school, high school,
// college, at 0, 1/3, 2/3 and 1 as the engine draws them.
var educationNames = [...]string{"primary", "middle", "high", "college"}

// educationLevel is the engine's value of level k.
func educationLevel(k int) float64 { return float64(float32(k) / 3) }

// education parses a level name or a number in [0,1].
func education(s string) (float64, string) {
	l := strings.ToLower(s)
	for k, name := range educationNames {
		if l == name {
			return educationLevel(k), ""
		}
	}
	x, ok := number(s)
	if !ok || x < 0 || x > 1 {
		return 0, "expected primary, middle, high or college, or a number from 0 to 1, got " + show(s) + errfmt.Suggest(s, educationNames[:])
	}
	return x, ""
}

// tieKind parses a tie kind name (sim.TieKinds; "neighbor" too).
func tieKind(s string) (uint8, string) {
	l := strings.ToLower(s)
	if l == "neighbor" {
		l = "neighbour"
	}
	for k, name := range sim.TieKinds {
		if l == name {
			return sim.TieNeighbour + uint8(k), ""
		}
	}
	return 0, fmt.Sprintf("expected %s, got %s%s", strings.Join(sim.TieKinds[:], ", "), show(s), errfmt.Suggest(s, sim.TieKinds[:]))
}
