package report

import (
	"math"
	"strconv"
)

// floatDigits is the number of significant digits written for every value.
// Ten digits keep far more precision than replication noise while avoiding
// the binary-to-decimal tails of the shortest round-trip form.
const floatDigits = 10

// FormatFloat formats v as every CSV file the program writes has it: ten
// significant digits; NaN and ±Inf become the empty field, which pandas
// and R both read as missing.
func FormatFloat(v float64) string { return string(AppendFloat(nil, v)) }

// AppendFloat appends FormatFloat(v) to b, for writers that build rows in
// a buffer.
func AppendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	return strconv.AppendFloat(b, v, 'g', floatDigits, 64)
}
