package scenario

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
)

// checkLimits walks the decoded document and checks every value against its
// field's `min`, `max` and `enum` tags (each element, for slices). It runs
// on final values, after the whole chain and the overrides, and reports at
// the place that last set each value.
func (l *loader) checkLimits(v reflect.Value, t reflect.Type, path []string) {
	for _, f := range fields(t) {
		p := append(path[:len(path):len(path)], f.name)
		fv := v.FieldByIndex(f.index)
		if f.typ.Kind() == reflect.Struct {
			l.checkLimits(fv, f.typ, p)
			continue
		}
		if f.typ.Kind() == reflect.Slice {
			for i := 0; i < fv.Len(); i++ {
				if msg := limitError(fv.Index(i), f.tag); msg != "" {
					l.fail(join(p), fmt.Sprintf("element %d %s", i+1, msg))
				}
			}
			continue
		}
		if msg := limitError(fv, f.tag); msg != "" {
			l.fail(join(p), msg)
		}
	}
}

// limitError returns why v breaks the limits in tag, or "".
func limitError(v reflect.Value, tag reflect.StructTag) string {
	switch v.Kind() {
	case reflect.String:
		enum := tag.Get("enum")
		if enum == "" {
			return ""
		}
		allowed := strings.Split(enum, ",")
		if s := v.String(); !slices.Contains(allowed, s) {
			return fmt.Sprintf("must be one of %s; got %q%s", quoteList(allowed), s, errfmt.Suggest(s, allowed))
		}
		return ""
	case reflect.Int, reflect.Int64:
		return rangeError(float64(v.Int()), strconv.FormatInt(v.Int(), 10), tag)
	case reflect.Uint64:
		return rangeError(float64(v.Uint()), strconv.FormatUint(v.Uint(), 10), tag)
	case reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) {
			return "must be a number, got nan"
		}
		if math.IsInf(f, 0) && tag.Get("min") == "" && tag.Get("max") == "" {
			return "must be finite, got " + showFloat(f)
		}
		return rangeError(f, showFloat(f), tag)
	}
	return ""
}

func rangeError(x float64, shown string, tag reflect.StructTag) string {
	if s := tag.Get("min"); s != "" {
		lo, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Sprintf("has a bad min tag %q in sim.Config", s)
		}
		if x < lo {
			return fmt.Sprintf("must be at least %s, got %s", s, shown)
		}
	}
	if s := tag.Get("max"); s != "" {
		hi, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Sprintf("has a bad max tag %q in sim.Config", s)
		}
		if x > hi {
			return fmt.Sprintf("must be at most %s, got %s", s, shown)
		}
	}
	return ""
}

// maxName bounds scenario names, which name output directories.
const maxName = 100

func nameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.'
}

// NameError returns why name cannot name a scenario (or a sweep, whose
// name names its output directory likewise), or "".
func NameError(name string) string { return nameError(name) }

// nameError returns why name cannot name a scenario, or "". The CLI writes
// results under results/NAME, so a name must be one plain path element.
func nameError(name string) string {
	bad := name == "." || name == ".." || len(name) > maxName
	for _, r := range name {
		bad = bad || !nameRune(r)
	}
	if bad {
		return fmt.Sprintf("must be at most %d letters, digits, '-', '_' or '.' (it names the output directory), got %q", maxName, name)
	}
	return ""
}
