package sim

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// machinery are the files that hold no model: random streams, the worker
// pool, shards, the memory estimate, the groups' bookkeeping (sizes of
// the groupings) and the table that answers logistic choices (logistic.go).
// Their numbers change how a run is done, estimated or broken down, never
// what it gives.
var machinery = map[string]bool{"rng.go": true, "pool.go": true, "shard.go": true, "estimate.go": true, "groups.go": true, "logistic.go": true}

// structuralLiterals are the numbers left in the model's code, by file and
// literal, with why each is not a parameter (docs/parameters.md says how
// this list is kept). 0, 1, hexadecimal bit masks and defaults.go, where
// the parameters' values live, are not listed.
var structuralLiterals = map[string]string{
	"activities.go:2":       "half of a phase's stream key range; twice the events for a buffer",
	"activities.go:1000":    "per 1,000 residents: the unit of the rates",
	"attitudes.go:2":        "a group of one forms no tie",
	"build.go:0.0":          "zero",
	"build.go:1.0":          "the base weight of the vulnerable draw, to which the weights are added",
	"build.go:0.95":         "the cap that keeps the child probability below 1 (validate.go checks child + elder ≤ 0.95)",
	"build.go:4":            "capacity of a buffer",
	"build.go:8":            "capacity of a buffer",
	"build.go:3":            "four education levels scaled to [0,1]; three age groups; a ring needs three residents",
	"build.go:0.5":          "centres the uniform jitter",
	"build.go:2":            "a uniform draw of mean role_clarity; a building or ring of fewer than two has no neighbour; half the ring degree each way",
	"build.go:5":            "the five organization kinds, cycled",
	"build.go:100":          "a guard on the Poisson draw's loop",
	"discussion.go:2":       "half of a phase's stream key range; the third of three counts",
	"discussion.go:3":       "three counts per grid",
	"discussion.go:1000":    "per 1,000 residents: the unit of the rates",
	"discussion.go:0.0":     "zero",
	"division.go:1.0":       "no scaling",
	"division.go:2":         "the third role's index (organizing)",
	"influence.go:8":        "bits of a byte",
	"influence.go:32":       "two 32-bit counts in one word",
	"influence.go:256":      "values of a byte",
	"influence.go:0.0":      "zero",
	"interventions.go:1000": "per 1,000 residents: the unit of the rates",
	"interventions.go:1.0":  "no scaling",
	"network.go:2":          "pairs of neighbours: d(d-1)/2 triples",
	"network.go:1e-12":      "rounding tolerance: a variance this small relative to the mean is none",
	"organizations.go:1000": "per 1,000 residents: the unit of the rates",
	"organizations.go:2":    "an organization of one is not a group; room to recruit",
	"organizations.go:20":   "a bound on the tries to find founding members",
	"organizations.go:1.0":  "fully funded when nothing is needed; a score below every real one",
	"reflect.go:4":          "the four measures reflection weighs, one per outcome",
	"record.go:2":           "two counts",
	"record.go:3":           "strong degree saturates at 3 in the cohesion metric (a metric's definition, not the model's)",
	"record.go:4":           "the four-week window of the shares; four parts of cohesion",
	"record.go:7":           "the isGrown bit",
	"record.go:8":           "bytes of a word, bits of a byte",
	"result.go:4":           "the four-week window of the shares",
	"services.go:1.0":       "a household member's tie strength",
	"services.go:1000":      "per 1,000 residents: the unit of the rates",
	"services.go:0.05":      "a guard against dividing by zero productivity; productivity is at least 0.12 at the defaults",
	"state.go:2":            "the two directions of a tie",
	"state.go:4":            "organizations one resident can belong to: the size of its membership slots",
	"state.go:7":            "the isGrown bit",
	"validate.go:2":         "indices of the four education shares",
	"validate.go:3":         "indices of the four education shares",
	"validate.go:4":         "four education levels",
	"validate.go:1e-6":      "rounding tolerance of a sum of shares",
	"validate.go:0.95":      "child + elder shares must leave room for adults",
}

// TestNoHiddenParameters fails when a number enters the model's code that
// is neither a scenario key nor listed above with its reason: a new number
// that changes results belongs in sim.Config (and scenario/paramtable.go).
func TestNoHiddenParameters(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "defaults.go" || machinery[name] {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.INT && lit.Kind != token.FLOAT {
				return true
			}
			v := lit.Value
			if v == "0" || v == "1" || strings.HasPrefix(v, "0x") {
				return true
			}
			key := name + ":" + v
			seen[key] = true
			if _, ok := structuralLiterals[key]; !ok {
				t.Errorf("%s: the number %s is not a scenario key: make it one (sim.Config, sim.Defaults, scenario/paramtable.go) or list it in structuralLiterals with why it is structural", fset.Position(lit.Pos()), v)
			}
			return true
		})
	}
	for key := range structuralLiterals {
		if !seen[key] {
			t.Errorf("structuralLiterals lists %s, which the code no longer has", key)
		}
	}
}
