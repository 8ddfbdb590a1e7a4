package sweep

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/errfmt"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/internal/tomlnest"
	"github.com/grassroots-sim/grassroots/scenario"
)

var decodeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// maxFileSize bounds what LoadFile reads.
const maxFileSize = 1 << 20

// fileDoc is the shape of a sweep file.
type fileDoc struct {
	Name         string         `toml:"name"`
	Description  string         `toml:"description"`
	Base         string         `toml:"base"`
	Method       string         `toml:"method"`
	Samples      int            `toml:"samples"`
	Seed         *int64         `toml:"seed"` // signed, so that -5 is seen rather than wrapped
	Replications *int           `toml:"replications"`
	Timeseries   bool           `toml:"timeseries"`
	Groups       bool           `toml:"groups"`
	Outcomes     []string       `toml:"outcomes"`
	Vary         map[string]any `toml:"vary"`
}

var fileKeys = []string{"name", "description", "base", "method", "samples", "seed", "replications", "timeseries", "groups", "outcomes", "vary"}

// IsSweepFile reports whether path is a readable TOML file with a [vary]
// table, which tells a sweep file from a scenario.
func IsSweepFile(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxFileSize {
		return false
	}
	data, err := regular.ReadFile(path)
	if err != nil {
		return false
	}
	var probe map[string]any
	if tomlnest.Check(string(data)) > 0 {
		// Not decoded: LoadFile reports the nesting.
		return strings.Contains(string(data), "[vary") || strings.Contains(string(data), "\nvary.")
	}
	if _, err := toml.Decode(string(data), &probe); err != nil {
		// A broken file that means to be a sweep still is one, so that
		// its errors are reported as such.
		return strings.Contains(string(data), "[vary") || strings.Contains(string(data), "\nvary.")
	}
	_, ok := probe["vary"]
	return ok
}

// LoadFile reads a sweep file strictly: an unknown key, a wrong type or a
// malformed parameter is an error naming the file and line. A relative
// base path resolves against the file's directory.
func LoadFile(path string) (*Spec, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such sweep file %q", path)
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxFileSize {
		return nil, fmt.Errorf("%q is not a regular file of at most %d bytes", path, maxFileSize)
	}
	data, err := regular.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseFile(path, string(data))
}

func parseFile(path, text string) (*Spec, error) {
	if line := tomlnest.Check(text); line > 0 {
		return nil, Errors{{Source: path, Line: line, Msg: tomlnest.Msg}}
	}
	var doc fileDoc
	md, err := toml.Decode(text, &doc)
	if err != nil {
		var pe toml.ParseError
		var ppe *toml.ParseError
		switch {
		case errors.As(err, &pe):
			return nil, Errors{{Source: path, Line: pe.Position.Line, Key: pe.LastKey, Msg: pe.Message}}
		case errors.As(err, &ppe):
			return nil, Errors{{Source: path, Line: ppe.Position.Line, Key: ppe.LastKey, Msg: ppe.Message}}
		}
		// Type errors are plain: "toml: line N (last key "k"): message".
		if m := decodeErr.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, Errors{{Source: path, Line: line, Key: m[2], Msg: m[3]}}
		}
		return nil, Errors{{Source: path, Msg: err.Error()}}
	}
	lineOf := scenario.KeyLines(text)
	var errs Errors
	fail := func(key []string, format string, a ...any) {
		errs = append(errs, &Error{Source: path, Line: lineOf(key), Key: strings.Join(key, "."), Msg: fmt.Sprintf(format, a...)})
	}
	reported := map[string]bool{}
	for _, k := range md.Undecoded() {
		// [vary] is decoded into a map; keys under an unknown table are
		// reported once, as the table.
		if len(k) == 0 || k[0] == "vary" || reported[k[0]] {
			continue
		}
		reported[k[0]] = true
		fail(k[:1], "unknown key; allowed top-level keys: %s%s", strings.Join(fileKeys, ", "), errfmt.Suggest(k[0], fileKeys))
	}
	s := &Spec{
		Name:        doc.Name,
		Description: doc.Description,
		Base:        doc.Base,
		Method:      doc.Method,
		Samples:     doc.Samples,
		Timeseries:  doc.Timeseries,
		Groups:      doc.Groups,
		Outcomes:    outcomeNames(doc.Outcomes),
		Source:      path,
	}
	if s.Method == "" {
		s.Method = MethodGrid
	}
	switch {
	case doc.Seed != nil && *doc.Seed < 0:
		fail([]string{"seed"}, "must be a non-negative integer, got integer %d", *doc.Seed)
	case doc.Seed != nil:
		s.Seed, s.SeedSet = uint64(*doc.Seed), true
	}
	if r := doc.Replications; r != nil {
		// 0 would silently mean the base scenario's number.
		if *r < 1 || *r > maxReplications {
			fail([]string{"replications"}, "must be from 1 to %d, got %d", maxReplications, *r)
		}
		s.Replications = *r
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), ".toml")
	} else if msg := scenario.NameError(s.Name); msg != "" {
		fail([]string{"name"}, "%s", msg) // it names results/sweep-NAME
	}
	if s.Base != "" && !isBuiltinRef(s.Base) && !filepath.IsAbs(s.Base) {
		s.Base = filepath.Join(filepath.Dir(path), s.Base)
	}
	if doc.Vary == nil {
		fail([]string{"vary"}, "missing [vary] table: list the parameters to vary by dotted path")
	}
	leaves := map[string]varyLeaf{}
	collectVary(nil, doc.Vary, leaves, func(key []string, msg string) {
		fail(append([]string{"vary"}, key...), "%s", msg)
	})
	for _, path := range varyOrder(md, leaves) {
		leaf := leaves[path]
		line := lineOf(append([]string{"vary"}, leaf.key...))
		switch {
		case leaf.param != nil:
			p := *leaf.param
			p.Path, p.Line = path, line
			s.Params = append(s.Params, p)
		default:
			s.Fixed = append(s.Fixed, Fixed{Path: path, Value: leaf.fixed, Line: line})
		}
	}
	for _, e := range s.check() {
		if e.Line == 0 && e.Source == path && e.Key != "" {
			e.Line = lineOf(strings.Split(e.Key, "."))
			if e.Line == 0 && e.Key == "samples" {
				e.Line = lineOf([]string{"method"}) // samples is missing: point at what needs it
			}
		}
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return s, nil
}

// varyLeaf is one entry of [vary]: a varied parameter or a fixed value.
type varyLeaf struct {
	key   []string // as written under [vary]
	param *Param
	fixed Value
}

// collectVary flattens the [vary] table into dotted paths. A table whose
// keys are min, max and n is a range, not a nesting level.
func collectVary(key []string, table map[string]any, out map[string]varyLeaf, fail func([]string, string)) {
	names := slices.Sorted(maps.Keys(table))
	for _, k := range names {
		p := append(key[:len(key):len(key)], k)
		path := strings.Join(p, ".")
		add := func(l varyLeaf) {
			if _, dup := out[path]; dup {
				fail(p, "given twice")
				return
			}
			l.key = p
			out[path] = l
		}
		switch v := table[k].(type) {
		case map[string]any:
			if isRangeTable(v) {
				param, err := rangeOf(v)
				if err != nil {
					fail(p, err.Error())
					continue
				}
				add(varyLeaf{param: param})
				continue
			}
			collectVary(p, v, out, fail)
		case []map[string]any:
			fail(p, "an array of tables is not a parameter: write a list of values or a range { min = ..., max = ... }")
		case []any:
			if len(v) == 0 {
				fail(p, "empty list: give at least one value")
				continue
			}
			param := &Param{}
			for _, e := range v {
				val, err := valueOf(e)
				if err != nil {
					fail(p, err.Error())
					param = nil
					break
				}
				param.Levels = append(param.Levels, val)
			}
			if param != nil {
				add(varyLeaf{param: param})
			}
		default:
			val, err := valueOf(v)
			if err != nil {
				fail(p, err.Error())
				continue
			}
			add(varyLeaf{fixed: val})
		}
	}
}

// isRangeTable reports whether t uses any of the keys of a range.
func isRangeTable(t map[string]any) bool {
	for _, k := range []string{"min", "max", "n"} {
		if _, ok := t[k]; ok {
			return true
		}
	}
	return false
}

func rangeOf(t map[string]any) (*Param, error) {
	for k := range t {
		if k != "min" && k != "max" && k != "n" {
			return nil, fmt.Errorf("unknown key %q in a range; a range has min, max and (for a grid) n", k)
		}
	}
	lo, loInt, err := number(t, "min")
	if err != nil {
		return nil, err
	}
	hi, hiInt, err := number(t, "max")
	if err != nil {
		return nil, err
	}
	p := &Param{Min: lo, Max: hi, Integer: loInt && hiInt}
	if n, ok := t["n"]; ok {
		c, isInt := n.(int64)
		if !isInt || c < 1 || c > maxPoints {
			return nil, fmt.Errorf("n must be an integer from 1 to %d, got %v", maxPoints, n)
		}
		p.Count = int(c)
	}
	return p, nil
}

func number(t map[string]any, key string) (float64, bool, error) {
	switch v := t[key].(type) {
	case int64:
		return float64(v), true, nil
	case float64:
		return v, false, nil
	case nil:
		return 0, false, fmt.Errorf("a range needs %s", key)
	default:
		return 0, false, fmt.Errorf("range %s must be a number, got %v", key, v)
	}
}

// varyOrder returns the paths of leaves in the order the file first
// mentions them, so that the grid varies the first parameter slowest as
// the reader expects.
func varyOrder(md toml.MetaData, leaves map[string]varyLeaf) []string {
	var order []string
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		if len(k) < 2 || k[0] != "vary" {
			continue
		}
		path := strings.Join(k[1:], ".")
		if _, ok := leaves[path]; ok && !seen[path] {
			seen[path] = true
			order = append(order, path)
		}
	}
	// Anything the metadata missed, in name order, so nothing is lost.
	var rest []string
	for path := range leaves {
		if !seen[path] {
			rest = append(rest, path)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// isBuiltinRef mirrors the scenario package's rule: a built-in name has no
// path separator and no .toml suffix.
func isBuiltinRef(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml")
}

// outcomeNames maps OutcomeName over names.
func outcomeNames(names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = OutcomeName(n)
	}
	return out
}
