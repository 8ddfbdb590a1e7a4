package sweep

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
)

// maxReplications is the most replications per point, as for a scenario.
const maxReplications = 10000

// Spec is a sweep as written: in a sweep file or on the command line.
type Spec struct {
	Name        string // names the default output directory; "" for the base scenario's name
	Description string
	// Base is the scenario every point starts from: a built-in name or a
	// file path (a sweep file's relative path is already joined to the
	// file's directory).
	Base    string
	Method  string // MethodGrid (the default) or MethodLHS
	Samples int    // points of a Latin hypercube
	// Seed is the sweep seed if SeedSet, otherwise the base scenario's.
	Seed    uint64
	SeedSet bool
	// Replications per point; 0 means the base scenario's.
	Replications int
	Params       []Param
	Fixed        []Fixed  // values the sweep file holds fixed, applied first
	Set          []string // --set overrides, applied after Fixed
	Timeseries   bool     // also write timeseries.csv
	Groups       bool     // also write groups.csv
	// Outcomes are the runs.csv columns a sensitivity analysis uses; nil
	// means DefaultOutcomes.
	Outcomes []string
	Source   string // the sweep file; "" when given on the command line
	// Runner, if not nil, computes each run in place of one simulation of
	// the point's configuration (grassroots findings); runs.csv then holds
	// its columns and no sensitivity analysis or heat map is written.
	Runner Runner
}

// Runner computes one run of a sweep: replication rep of a point, given by
// the overrides that make the point (the fixed values and --set first).
type Runner interface {
	Name() string      // recorded in the manifest and the sweep's hash
	Columns() []string // runs.csv columns after point, replication and seed
	// Run returns one value per column and the resident-weeks simulated.
	Run(ctx context.Context, overrides []string, seed uint64, rep, workers int) (values []float64, residentWeeks float64, err error)
}

// Fixed is a value the sweep file holds fixed for every point.
type Fixed struct {
	Path  string
	Value Value
	Line  int
}

// String returns the override text, path=value.
func (f Fixed) String() string { return f.Path + "=" + f.Value.TOML }

// check reports problems that need no scenario to find.
func (s *Spec) check() Errors {
	var errs Errors
	src := s.Source
	if src == "" {
		src = "sweep"
	}
	fail := func(line int, key, format string, a ...any) {
		errs = append(errs, &Error{Source: src, Line: line, Key: key, Msg: fmt.Sprintf(format, a...)})
	}
	switch s.Method {
	case MethodGrid:
		if s.Samples != 0 {
			fail(0, "samples", "applies to method %q only; a grid's size is the product of its parameters' values", MethodLHS)
		}
	case MethodLHS:
		if s.Samples < 1 || s.Samples > maxPoints {
			fail(0, "samples", "a Latin hypercube needs from 1 to %d samples, got %d", maxPoints, s.Samples)
		}
	default:
		fail(0, "method", "must be %q or %q, got %q", MethodGrid, MethodLHS, s.Method)
	}
	if s.Base == "" {
		fail(0, "base", "names no scenario to sweep")
	}
	if s.Replications < 0 || s.Replications > maxReplications {
		fail(0, "replications", "must be from 1 to %d, got %d", maxReplications, s.Replications)
	}
	if len(s.Params) == 0 {
		fail(0, "vary", "no parameter is varied")
	}
	if len(s.Outcomes) > 0 {
		if err := checkOutcomes(s.Outcomes); err != nil {
			fail(0, "outcomes", "%v", err)
		}
	}
	seen := map[string]int{}
	for j, p := range s.Params {
		if msg := notParameter(p.Path); msg != "" && s.Source == "" {
			errs = append(errs, &Error{Source: "--vary " + p.String(), Key: p.Path, Msg: msg})
		} else if msg != "" {
			fail(p.Line, "vary."+p.Path, "%s", msg)
		}
		if err := p.check(s.Method); err != nil {
			fail(p.Line, "vary."+p.Path, "%v", err)
		}
		if k, dup := seen[p.Path]; dup {
			fail(p.Line, "vary."+p.Path, "varied twice (parameters %d and %d)", k+1, j+1)
		}
		seen[p.Path] = j
	}
	for _, set := range s.Set {
		path, _, _ := strings.Cut(set, "=")
		path = strings.TrimSpace(path)
		if _, varied := seen[path]; varied {
			errs = append(errs, &Error{Source: scenario.SetSource(set), Key: path, Msg: "this parameter is varied by the sweep; it cannot also be set"})
		}
	}
	for _, f := range s.Fixed {
		if msg := notParameter(f.Path); msg != "" {
			fail(f.Line, "vary."+f.Path, "%s", msg)
		}
		if _, varied := seen[f.Path]; varied {
			fail(f.Line, "vary."+f.Path, "both varied and held fixed")
		}
	}
	return errs
}

// notParameter says why path is not a model parameter a sweep can vary, or
// returns "". Keys outside the model's tables (seed, replications, name,
// description) would be accepted by the scenario and change nothing the
// sweep measures.
func notParameter(path string) string {
	tables := scenario.ModelTables()
	first, _, _ := strings.Cut(path, ".")
	if slices.Contains(tables, first) {
		return ""
	}
	msg := fmt.Sprintf("%q is not a model parameter and cannot be varied; vary a key under %s, e.g. macro.bureaucracy",
		path, strings.Join(tables, ", "))
	if first == "seed" {
		msg += "; every replication already has its own seed: raise replications for more"
	}
	return msg
}
