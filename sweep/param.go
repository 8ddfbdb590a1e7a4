package sweep

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
)

// Param is one varied parameter: a dotted scenario path and either a list
// of levels or a numeric range.
type Param struct {
	Path string
	// Levels are the values a grid takes, and that a Latin hypercube
	// stratifies over; nil for a range.
	Levels []Value
	// Min and Max bound a range. A grid takes Count evenly spaced values
	// from Min to Max; a Latin hypercube draws one value in each of its
	// equal strata, integers if Integer.
	Min, Max float64
	Count    int
	Integer  bool
	Line     int // line in the sweep file; 0 when given on the command line
}

// IsRange reports whether p is a range rather than a list of levels.
func (p Param) IsRange() bool { return p.Levels == nil }

// String describes p as --vary would take it.
func (p Param) String() string {
	if !p.IsRange() {
		parts := make([]string, len(p.Levels))
		for i, v := range p.Levels {
			parts[i] = v.TOML
		}
		return p.Path + "=" + strings.Join(parts, ",")
	}
	s := fmt.Sprintf("%s=%s:%s", p.Path, numberValue(p.Min).TOML, numberValue(p.Max).TOML)
	if p.Count > 0 {
		s += ":" + strconv.Itoa(p.Count)
	}
	return s
}

// check reports what is wrong with p for the given method.
func (p Param) check(method string) error {
	if p.Path == "" {
		return errors.New("empty parameter path")
	}
	if !p.IsRange() {
		if len(p.Levels) == 0 {
			return fmt.Errorf("%s: no values", p.Path)
		}
		return nil
	}
	if math.IsNaN(p.Min) || math.IsNaN(p.Max) || math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0) {
		return fmt.Errorf("%s: range bounds must be finite numbers", p.Path)
	}
	if p.Min > p.Max {
		return fmt.Errorf("%s: range minimum %s is above its maximum %s", p.Path, numberValue(p.Min).TOML, numberValue(p.Max).TOML)
	}
	if method == MethodGrid {
		switch {
		case p.Count == 0:
			return fmt.Errorf("%s: a range needs a number of values for a grid (min:max:n, or n = ... in a sweep file)", p.Path)
		case p.Count < 2 && p.Min != p.Max:
			return fmt.Errorf("%s: a range from %s to %s needs at least 2 values, got %d", p.Path, numberValue(p.Min).TOML, numberValue(p.Max).TOML, p.Count)
		case p.Count > maxPoints:
			return fmt.Errorf("%s: %d values is more than the %d a sweep may have", p.Path, p.Count, maxPoints)
		}
	}
	return nil
}

// gridValues returns the values p takes in a grid.
func (p Param) gridValues() []Value {
	if !p.IsRange() {
		return p.Levels
	}
	if p.Count <= 1 {
		return []Value{numberValue(p.Min)}
	}
	out := make([]Value, p.Count)
	for i := range out {
		v := p.Min + (p.Max-p.Min)*float64(i)/float64(p.Count-1)
		out[i] = numberValue(round(v))
	}
	return out
}

// sample returns the value of p at u in [0, 1): the level or integer whose
// equal share of [0, 1) contains u, or the point u of the way from Min to
// Max.
func (p Param) sample(u float64) Value {
	if !p.IsRange() {
		i := min(len(p.Levels)-1, int(u*float64(len(p.Levels))))
		return p.Levels[i]
	}
	if p.Integer {
		span := p.Max - p.Min + 1
		return numberValue(math.Min(p.Max, p.Min+math.Floor(u*span)))
	}
	return numberValue(round(p.Min + u*(p.Max-p.Min)))
}

// ParseVary reads a --vary argument: path=v1,v2,... (values as with --set;
// commas inside brackets or quotes do not split), path=min:max:n (n evenly
// spaced values, for a grid) or path=min:max (a range, for a Latin
// hypercube). "plausible" stands for the key's plausible range (see
// "grassroots params"): path=plausible or path=plausible:n.
func ParseVary(text string) (Param, error) {
	pathText, raw, ok := strings.Cut(text, "=")
	if !ok {
		return Param{}, fmt.Errorf("--vary %s: missing \"=\": write path=v1,v2,v3 or path=min:max:n", text)
	}
	path := strings.TrimSpace(pathText)
	if path == "" || strings.Contains(path, "..") || strings.HasPrefix(path, ".") || strings.HasSuffix(path, ".") {
		return Param{}, fmt.Errorf("--vary %s: bad parameter path %q", text, path)
	}
	raw = strings.TrimSpace(raw)
	if count, ok := strings.CutPrefix(raw, "plausible"); ok && (count == "" || count[0] == ':') {
		p, err := plausibleParam(path, count)
		if err != nil {
			return Param{}, fmt.Errorf("--vary %s: %w", text, err)
		}
		return p, nil
	}
	if p, ok, err := parseRange(path, raw); ok || err != nil {
		if err != nil {
			return Param{}, fmt.Errorf("--vary %s: %w", text, err)
		}
		return p, nil
	}
	parts, err := splitList(raw)
	if err != nil {
		return Param{}, fmt.Errorf("--vary %s: %w", text, err)
	}
	p := Param{Path: path}
	for _, part := range parts {
		v, err := parseValue(part)
		if err != nil {
			return Param{}, fmt.Errorf("--vary %s: %w", text, err)
		}
		p.Levels = append(p.Levels, v)
	}
	return p, nil
}

// plausibleParam is the plausible range of the key path (see "grassroots
// params"), with count values for a grid when count is ":n". It draws
// integers only for integer keys, whatever its bounds look like.
func plausibleParam(path, count string) (Param, error) {
	sp, ok := scenario.Lookup(path)
	if !ok {
		return Param{}, fmt.Errorf("%q is not a scenario key (see grassroots params)", path)
	}
	if sp.Plausible == nil {
		return Param{}, fmt.Errorf("%s has no plausible range (see grassroots params); give values or min:max", path)
	}
	p := Param{Path: path, Min: sp.Plausible.Lo, Max: sp.Plausible.Hi, Integer: sp.Type == "int"}
	if count != "" {
		n, err := strconv.Atoi(strings.TrimSpace(count[1:]))
		if err != nil || n < 1 {
			return Param{}, fmt.Errorf("number of values %q must be a positive integer", count[1:])
		}
		p.Count = n
	}
	return p, nil
}

// parseRange reads min:max or min:max:n; ok is false when raw is not
// shaped like a range at all.
func parseRange(path, raw string) (p Param, ok bool, err error) {
	fields := strings.Split(raw, ":")
	if len(fields) < 2 || len(fields) > 3 || strings.ContainsAny(raw, `"'[],`) {
		return Param{}, false, nil
	}
	lo, errLo := strconv.ParseFloat(strings.TrimSpace(fields[0]), 64)
	hi, errHi := strconv.ParseFloat(strings.TrimSpace(fields[1]), 64)
	if errLo != nil || errHi != nil {
		return Param{}, true, fmt.Errorf("range bounds %q and %q must be numbers", fields[0], fields[1])
	}
	p = Param{Path: path, Min: lo, Max: hi, Integer: isInteger(fields[0]) && isInteger(fields[1])}
	if len(fields) == 3 {
		n, err := strconv.Atoi(strings.TrimSpace(fields[2]))
		if err != nil || n < 1 {
			return Param{}, true, fmt.Errorf("number of values %q must be a positive integer", fields[2])
		}
		p.Count = n
	}
	return p, true, nil
}

func isInteger(s string) bool {
	_, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return err == nil
}

// splitList splits a comma-separated list, keeping commas inside brackets,
// braces and quotes.
func splitList(s string) ([]string, error) {
	var parts []string
	depth, start := 0, 0
	var inQuote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuote != 0:
			if c == '\\' && inQuote == '"' {
				i++
			} else if c == inQuote {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if inQuote != 0 || depth != 0 {
		return nil, errors.New("unbalanced quotes or brackets")
	}
	parts = append(parts, s[start:])
	for i, p := range parts {
		if parts[i] = strings.TrimSpace(p); parts[i] == "" {
			return nil, errors.New("empty value in list")
		}
	}
	return parts, nil
}
