package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem with a scenario, located where the offending value
// was written.
type Error struct {
	Source string // file path, "builtin:NAME", "--set PATH=VALUE" or "(default)"
	Line   int    // 1-based line in Source; 0 when unknown or not a file
	Column int    // 1-based byte column in Source (data files); 0 when not given
	Key    string // dotted key the problem is about; "" when it names no key
	Msg    string

	rank int // position of Source in the chain, for sorting
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one load, one per line when printed.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders errors as the chain is read: base file first, then
// overrides, then defaults; within a source by line.
func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Msg < b.Msg
	})
}

// Suggest returns ` (did you mean "x"?)` when some candidate is a likely
// typo of s, or "": the one suggester of the command line and the
// scenario files.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// suggest returns ` (did you mean "x"?)` when some candidate is a likely
// typo of s, or "".
func suggest(s string, candidates []string) string {
	// Long inputs are never typos of our short keys, and edit distance is
	// quadratic: skip them.
	if len(s) > 64 {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, min(3, len(s)/3))
	if best == "" || bestD > limit {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the optimal string alignment distance between a and b,
// in runes: Levenshtein plus transpositions, so "nmae" is one edit from
// "name".
func editDistance(a, b string) int {
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

// quoteList renders names as `"a", "b"` for messages.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// maxEcho is the most runes of a user's value that a message repeats.
const maxEcho = 60

// clip shortens s to maxEcho runes for a message, marking the cut with
// "…": a value given on the command line may be kilobytes long.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	r := []rune(s)
	if len(r) <= maxEcho {
		return s
	}
	return string(r[:maxEcho-1]) + "…"
}

// SetSource is how errors name the override --set text: its text, clipped.
func SetSource(text string) string { return "--set " + clip(text) }
