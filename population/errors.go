package population

import (
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
)

// Error is one problem with a data file, located at the cell (or row, or
// file) that causes it.
type Error struct {
	File   string // the file's path as given
	Line   int    // 1-based; 0 for the file as a whole
	Column int    // 1-based byte column of the cell; 0 for a whole row
	Field  string // the column's name from the header; "" for none
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	errfmt.Position(&b, e.File, e.Line, e.Column)
	b.WriteString(": ")
	b.WriteString(e.Where())
	return b.String()
}

// Where is the message without the file and position: the column's name,
// if any, and what is wrong.
func (e *Error) Where() string {
	if e.Field != "" {
		return fmt.Sprintf("column %q: %s", e.Field, e.Msg)
	}
	return e.Msg
}

// Errors is every problem found in one load, one per line when printed.
type Errors []*Error

func (es Errors) Error() string { return errfmt.Lines(es) }

// maxErrors bounds the problems reported in one load: a file in the wrong
// format would otherwise give one error per cell.
const maxErrors = 20

// collector gathers errors up to maxErrors.
type collector struct {
	errs Errors
}

// add records an error and reports whether reading may go on.
func (c *collector) add(e *Error) bool {
	if len(c.errs) >= maxErrors {
		return false
	}
	c.errs = append(c.errs, e)
	if len(c.errs) == maxErrors {
		c.errs = append(c.errs, &Error{File: e.File, Msg: fmt.Sprintf("stopped after %d errors", maxErrors)})
		return false
	}
	return true
}

func (c *collector) full() bool { return len(c.errs) >= maxErrors }

// show quotes a cell for a message, shortened if long.
func show(s string) string {
	if len(s) > 40 {
		s = strings.ToValidUTF8(s[:37], "") + "..."
	}
	return fmt.Sprintf("%q", s)
}

// sample quotes the start of a line that may not be data at all: a data
// path can name any file (a scenario is trusted like code, but its output
// may be shared), so only a short prefix is shown, in printable ASCII.
func sample(s string) string {
	const n = 40
	b := make([]byte, 0, n)
	for i := 0; i < len(s) && len(b) < n; i++ {
		c := s[i]
		if c < ' ' || c > '~' {
			c = '?'
		}
		b = append(b, c)
	}
	if len(s) > n {
		return fmt.Sprintf("%q", string(b)+"...")
	}
	return fmt.Sprintf("%q", string(b))
}
