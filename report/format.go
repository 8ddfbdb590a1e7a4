package report

import (
	"math"
	"strconv"
)

// floatDigits is the number of significant digits written for every value.
// Ten digits keep far more precision than replication noise while avoiding
// the binary-to-decimal tails of the shortest round-trip form.
const floatDigits = 10

// formatFloat formats v for CSV. NaN and ±Inf become the empty field, which
// pandas and R both read as missing.
func formatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', floatDigits, 64)
}
