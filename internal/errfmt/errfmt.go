// Package errfmt words the errors users read alike, whatever file format
// or flag they come from: where a problem is (file:line:column) and which
// name a typo was likely meant to be.
package errfmt

import (
	"fmt"
	"strings"
)

// Position writes "source", "source:line" or "source:line:column": line
// and column are 1-based, and 0 leaves them out (a column only with a
// line).
func Position(b *strings.Builder, source string, line, column int) {
	b.WriteString(source)
	if line > 0 {
		fmt.Fprintf(b, ":%d", line)
		if column > 0 {
			fmt.Fprintf(b, ":%d", column)
		}
	}
}

// Lines is the messages of errs, one per line: how a list of problems
// found in one load is printed.
func Lines[E error](errs []E) string {
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Suggest returns ` (did you mean "x"?)` when some candidate is a likely
// typo of s, or "": the one suggester of the command line, the scenario,
// sweep and data files. Case is ignored, and the edits allowed grow with
// the length of s (one for up to five runes, at most three).
func Suggest(s string, candidates []string) string {
	// Long inputs are never typos of our short keys, and edit distance is
	// quadratic: skip them.
	if len(s) > 64 {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := EditDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, min(3, len(s)/3))
	if best == "" || bestD > limit {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// EditDistance is the optimal string alignment distance between a and b,
// in runes: Levenshtein plus transpositions, so "nmae" is one edit from
// "name".
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
