package sweep

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/tomlnest"

	"github.com/grassroots-sim/grassroots/scenario"
)

// Value is one value a parameter takes.
type Value struct {
	// TOML is the value as TOML text, passed to the scenario exactly as
	// --set path=TOML would be: 0.4, 12, "threshold", ["care", "civic"].
	TOML string
	// CSV is the value as written in points.csv: numbers and TOML arrays
	// as in TOML, strings without quotes.
	CSV string
	// Num is the value as a number (booleans as 0 and 1), NaN when it has
	// none.
	Num float64
}

// numberValue returns the value of a number. Integral values within the
// exact range of float64 are written as integers, others in the shortest
// form that reads back as the same float64.
func numberValue(v float64) Value {
	var s string
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		s = strconv.FormatInt(int64(v), 10)
	} else {
		s = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return Value{TOML: s, CSV: s, Num: v}
}

// roundDigits is the number of significant digits generated values are
// rounded to, so that 0.1 + 0.2 is written as 0.3 and the text in
// points.csv is exactly the value that was run.
const roundDigits = 12

func round(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', roundDigits, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// valueOf converts a decoded TOML value to a Value.
func valueOf(v any) (Value, error) {
	switch x := v.(type) {
	case int64:
		s := strconv.FormatInt(x, 10)
		return Value{TOML: s, CSV: s, Num: float64(x)}, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Value{}, fmt.Errorf("value %v is not a finite number", x)
		}
		return numberValue(x), nil
	case bool:
		s := strconv.FormatBool(x)
		n := 0.0
		if x {
			n = 1
		}
		return Value{TOML: s, CSV: s, Num: n}, nil
	case string:
		return Value{TOML: scenario.Quote(x), CSV: x, Num: math.NaN()}, nil
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			ev, err := valueOf(e)
			if err != nil {
				return Value{}, err
			}
			parts[i] = ev.TOML
		}
		s := "[" + strings.Join(parts, ", ") + "]"
		return Value{TOML: s, CSV: s, Num: math.NaN()}, nil
	}
	return Value{}, fmt.Errorf("unsupported value %v of type %T: use a number, boolean, string or array", v, v)
}

// parseValue reads text given on the command line as a TOML value; text
// that is not TOML and does not look like a number, boolean, array or
// quoted string is a bare string, as with --set.
func parseValue(text string) (Value, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Value{}, errors.New("empty value")
	}
	if tomlnest.Check(text) > 0 {
		return Value{}, errors.New("the value " + tomlnest.Msg)
	}
	var m map[string]any
	if _, err := toml.Decode("v = "+text, &m); err == nil && len(m) == 1 {
		if v, ok := m["v"]; ok {
			if _, isTable := v.(map[string]any); !isTable {
				return valueOf(v)
			}
		}
	}
	switch {
	case text == "true" || text == "false" || text == "inf" || text == "nan",
		strings.ContainsRune(`0123456789+-."'[{`, rune(text[0])):
		return Value{}, fmt.Errorf("value %s is not a valid TOML number, boolean, quoted string or array", text)
	}
	return valueOf(text)
}
