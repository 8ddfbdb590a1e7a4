package sweep

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem with a sweep definition, located where it was
// written when that is known.
type Error struct {
	Source string // sweep file, or "--vary ..." / "--set ..." for the command line
	Line   int    // 1-based; 0 when unknown
	Key    string // dotted key the problem is about, if any
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in a sweep definition, one per line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Source != es[j].Source {
			return es[i].Source < es[j].Source
		}
		return es[i].Line < es[j].Line
	})
}
