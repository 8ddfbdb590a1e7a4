package scenario

import (
	"fmt"
	"sort"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
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
	errfmt.Position(&b, e.Source, e.Line, e.Column)
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one load, one per line when printed.
type Errors []*Error

func (es Errors) Error() string { return errfmt.Lines(es) }

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
// scenario files (errfmt.Suggest, for packages outside internal/).
func Suggest(s string, candidates []string) string { return errfmt.Suggest(s, candidates) }

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
