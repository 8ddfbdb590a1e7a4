package scenario

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// Param describes one scenario key: its type and limits from the schema
// (sim.Config's tags), its value in a scenario and by default, and what
// the table in paramtable.go says about it.
type Param struct {
	Path  string // dotted key, e.g. "behaviour.need_lapse"
	Group string // the TOML table holding it, e.g. "behaviour"; "" at the top level
	Type  string // "float", "int", "bool", "string", "[]float" or "[]string"

	Value   any // in the scenario: float64, int, uint64, bool, string, []float64 or []string
	Default any // in a scenario that sets nothing (sim.Defaults, seed 1, 10 replications)

	Min, Max *float64 // allowed range (each element, for lists); nil when unbounded
	Enum     []string // allowed strings (each element, for lists); nil when free

	// Plausible is the range to explore in uncertainty analysis, inside
	// Min–Max; nil for keys that are not uncertain: names, counts that
	// describe the community, design choices and switches.
	Plausible *Interval

	Unit   string // of the value, e.g. "prob/week"; "" for names and switches
	Doc    string // one-line meaning
	Source string // basis of the default: "assumption", "structural" or a reference
	Reason string // why the default is what it is
}

// Interval is a closed range of numbers.
type Interval struct{ Lo, Hi float64 }

// Bounds words the allowed range of p's numbers: "0 to 1", "at least 0",
// "at most 5", or "" when they are unbounded. What the command line and
// the workbench add around it (lists, names, switches) is theirs.
func (p Param) Bounds() string {
	switch {
	case p.Min != nil && p.Max != nil:
		return Number(*p.Min) + " to " + Number(*p.Max)
	case p.Min != nil:
		return "at least " + Number(*p.Min)
	case p.Max != nil:
		return "at most " + Number(*p.Max)
	}
	return ""
}

// Number writes x without an exponent when it is a whole number, so that
// 2000000 is not shown as 2e+06.
func Number(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Params lists every key of s in the order Encode writes them (no extends:
// a resolved scenario has none), with its metadata.
func Params(s *Scenario) []Param {
	doc := document{Name: s.Name, Description: s.Description, Seed: s.Seed, Replications: s.Replications, Config: s.Config}
	def := document{Seed: defaultSeed, Replications: defaultReplications, Config: sim.Defaults()}
	var out []Param
	walkParams(reflect.ValueOf(doc), reflect.ValueOf(def), documentType, nil, &out)
	return out
}

// walkParams appends the keys of struct type t, plain keys before
// sub-tables as Encode writes them.
func walkParams(v, def reflect.Value, t reflect.Type, path []string, out *[]Param) {
	var tables []field
	for _, f := range fields(t) {
		if f.typ.Kind() == reflect.Struct {
			tables = append(tables, f)
			continue
		}
		if path == nil && f.name == "extends" {
			continue
		}
		p := append(path[:len(path):len(path)], f.name)
		*out = append(*out, newParam(p, f, v.FieldByIndex(f.index).Interface(), def.FieldByIndex(f.index).Interface()))
	}
	for _, f := range tables {
		p := append(path[:len(path):len(path)], f.name)
		walkParams(v.FieldByIndex(f.index), def.FieldByIndex(f.index), f.typ, p, out)
	}
}

func newParam(path []string, f field, value, def any) Param {
	in := paramInfo(path)
	p := Param{
		Path:      join(path),
		Group:     join(path[:len(path)-1]),
		Type:      typeName(f.typ),
		Value:     value,
		Default:   def,
		Min:       tagFloat(f.tag, "min"),
		Max:       tagFloat(f.tag, "max"),
		Plausible: in.plausible,
		Unit:      in.unit,
		Doc:       in.doc,
		Source:    in.source,
		Reason:    in.reason,
	}
	if e := f.tag.Get("enum"); e != "" {
		p.Enum = strings.Split(e, ",")
	}
	return p
}

// typeName names the kind of value a key takes.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + typeName(t.Elem())
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	}
	return t.Kind().String()
}

// tagFloat reads a min or max tag; checkLimits reports bad ones.
func tagFloat(tag reflect.StructTag, name string) *float64 {
	x, err := strconv.ParseFloat(tag.Get(name), 64)
	if err != nil {
		return nil
	}
	return &x
}

// paramInfo finds the table's entry for path: exactly, or through a
// pattern whose "*" segments stand for any one segment.
func paramInfo(path []string) info {
	if in, ok := paramTable[join(path)]; ok {
		return in
	}
	for pattern, in := range paramTable {
		if matchPath(pattern, path) {
			return in
		}
	}
	return info{}
}

func matchPath(pattern string, path []string) bool {
	segs := strings.Split(pattern, ".")
	if len(segs) != len(path) {
		return false
	}
	for i, s := range segs {
		if s != "*" && s != path[i] {
			return false
		}
	}
	return true
}

// Lookup returns the Param of the key path, valued as by default.
func Lookup(path string) (Param, bool) {
	def := &Scenario{Seed: defaultSeed, Replications: defaultReplications, Config: sim.Defaults()}
	for _, p := range Params(def) {
		if p.Path == path {
			return p, true
		}
	}
	return Param{}, false
}
