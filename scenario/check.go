package scenario

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
)

// treeChecker reports unknown keys and values of the wrong type in one
// parsed TOML tree, before anything is decoded. Doing this ourselves, rather
// than trusting the decoder's first error, reports every problem at once
// with its line, and rejects keys the decoder would match case-insensitively.
type treeChecker struct {
	source string
	rank   int
	line   func(path []string) int // 0 when the source has no lines
	errs   *Errors
	failed bool
}

func (c *treeChecker) fail(path []string, key, msg string) {
	c.failed = true
	*c.errs = append(*c.errs, &Error{Source: c.source, Line: c.line(path), Key: key, Msg: msg, rank: c.rank})
}

// table checks the keys of tree against struct type t and returns the
// subtree of valid keys, so that the rest can still be decoded and
// range-checked.
func (c *treeChecker) table(path []string, tree map[string]any, t reflect.Type) map[string]any {
	keys := slices.Sorted(maps.Keys(tree))
	valid := make(map[string]any, len(tree))
	for _, k := range keys {
		p := append(path[:len(path):len(path)], k)
		f, ok := lookup(t, k)
		if !ok {
			c.fail(p, "", unknownKey(p, t))
			continue
		}
		if v, ok := c.value(p, tree[k], f.typ); ok {
			valid[k] = v
		}
	}
	return valid
}

func unknownKey(path []string, t reflect.Type) string {
	allowed := names(t)
	where := "top-level keys"
	if len(path) > 1 {
		where = "keys in [" + join(path[:len(path)-1]) + "]"
	}
	return fmt.Sprintf("unknown key %q; allowed %s: %s%s",
		join(path), where, strings.Join(allowed, ", "), errfmt.Suggest(path[len(path)-1], allowed))
}

// value checks one value against the Go type that will receive it and
// returns what of it is valid.
func (c *treeChecker) value(path []string, v any, t reflect.Type) (any, bool) {
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			c.fail(path, join(path), fmt.Sprintf("must be a table, got %s", describe(v)))
			return nil, false
		}
		return c.table(path, m, t), true
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			c.fail(path, join(path), fmt.Sprintf("must be %s, got %s", expected(t), describe(v)))
			return nil, false
		}
		ok = true
		for i, e := range arr {
			if msg := scalar(e, t.Elem()); msg != "" {
				c.fail(path, join(path), fmt.Sprintf("element %d %s", i+1, msg))
				ok = false
			}
		}
		return v, ok
	}
	if msg := scalar(v, t); msg != "" {
		c.fail(path, join(path), msg)
		return nil, false
	}
	return v, true
}

// maxExactInt is the largest integer a float64 holds exactly; the decoder
// refuses to convert larger integers to floats.
const maxExactInt = 1 << 53

// scalar returns why v cannot be stored in a value of type t, or "".
func scalar(v any, t reflect.Type) string {
	bad := fmt.Sprintf("must be %s, got %s", expected(t), describe(v))
	switch t.Kind() {
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return bad
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return bad
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			return bad
		}
		if strconv.IntSize == 32 && (n < math.MinInt32 || n > math.MaxInt32) {
			return fmt.Sprintf("must fit in 32 bits, got %d", n)
		}
	case reflect.Uint64:
		if n, ok := v.(int64); !ok || n < 0 {
			return bad
		}
	case reflect.Float64:
		switch n := v.(type) {
		case float64:
		case int64:
			if n > maxExactInt || n < -maxExactInt {
				return fmt.Sprintf("integer %d is too large to convert exactly; write it as a float (%d.0)", n, n)
			}
		default:
			return bad
		}
	default:
		// The schema uses only the kinds above; a new kind needs a case.
		return fmt.Sprintf("has Go type %s, which scenario files cannot set", t)
	}
	return ""
}

// Describe names a decoded TOML value's type and value for messages, e.g.
// `string "x"`, as scenario errors do.
func Describe(v any) string { return describe(v) }

// describe names a decoded TOML value and shows it, for messages.
func describe(v any) string {
	switch x := v.(type) {
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + showFloat(x)
	case string:
		if len(x) > 40 {
			x = x[:37] + "..."
		}
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		return "datetime " + x.Format(time.RFC3339)
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("a %T", v)
}
