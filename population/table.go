package population

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
)

// column is one column a file may have.
type column struct {
	name     string
	required bool
}

// table reads one CSV file record by record and finds cells by column.
// The header row names the columns, in any order; unknown, repeated or
// missing required columns are errors. Lines starting with '#' are
// comments; a UTF-8 byte order mark before the header is ignored.
type table struct {
	file  string
	r     *csv.Reader
	errs  *collector
	cols  []column
	index []int // index[k]: position of cols[k] in a record, -1 if absent
	rec   []string
	line  int // line of the current record
	rows  int // records read so far, header excluded
	width int // fields in the header
	// partial is set when some row could not be read at all (a syntax
	// error, a wrong number of fields, a missing or repeated id) or
	// reading stopped early: references to this file's ids are then not
	// checked, since they may point at what could not be read.
	partial bool
}

// newTable reads the header of in. It returns nil if the header is
// unusable, after recording why.
func newTable(in io.Reader, file string, cols []column, errs *collector) *table {
	br := bufio.NewReader(in)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3) // a spreadsheet's UTF-8 byte order mark
	}
	r := csv.NewReader(br)
	r.Comment = '#'
	r.ReuseRecord = true
	r.FieldsPerRecord = -1 // checked here, to report and go on
	t := &table{file: file, r: r, errs: errs, cols: cols, index: make([]int, len(cols))}
	names := make([]string, len(cols))
	for k, c := range cols {
		names[k] = c.name
		t.index[k] = -1
	}
	header, err := r.Read()
	if err == io.EOF {
		errs.add(&Error{File: file, Msg: "the file is empty; expected a header row: " + t.headerHint()})
		return nil
	}
	if err != nil {
		t.syntax(err)
		return nil
	}
	t.line, _ = r.FieldPos(0)
	t.width = len(header)
	known := 0
	for _, h := range header {
		for _, name := range names {
			if strings.TrimSpace(h) == name {
				known++
			}
		}
	}
	if known == 0 {
		errs.add(&Error{File: file, Line: t.line, Msg: fmt.Sprintf("the first row %s is not a header; the file must start with a header row naming its columns: %s",
			sample(strings.Join(header, ",")), t.headerHint())})
		return nil
	}
	ok := true
	for i, h := range header {
		h = strings.TrimSpace(h)
		_, col := r.FieldPos(i)
		k := -1
		for j, name := range names {
			if h == name {
				k = j
			}
		}
		switch {
		case h == "":
			errs.add(&Error{File: file, Line: t.line, Column: col, Msg: fmt.Sprintf("header field %d is empty; expected column names from: %s", i+1, strings.Join(names, ", "))})
			ok = false
		case k < 0:
			errs.add(&Error{File: file, Line: t.line, Column: col, Msg: fmt.Sprintf("unknown column %s; allowed columns: %s%s", show(h), strings.Join(names, ", "), errfmt.Suggest(h, names))})
			ok = false
		case t.index[k] >= 0:
			errs.add(&Error{File: file, Line: t.line, Column: col, Msg: fmt.Sprintf("column %q appears twice in the header", h)})
			ok = false
		default:
			t.index[k] = i
		}
	}
	var missing []string
	for k, c := range cols {
		if c.required && t.index[k] < 0 {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		errs.add(&Error{File: file, Line: t.line, Msg: fmt.Sprintf("the header lacks the required column(s) %s; a header row comes first: %s",
			strings.Join(missing, ", "), t.headerHint())})
		ok = false
	}
	if !ok {
		return nil
	}
	return t
}

// headerHint lists the required columns, then the optional ones.
func (t *table) headerHint() string {
	var req, opt []string
	for _, c := range t.cols {
		if c.required {
			req = append(req, c.name)
		} else {
			opt = append(opt, c.name)
		}
	}
	s := strings.Join(req, ",")
	if len(opt) > 0 {
		s += " (optional: " + strings.Join(opt, ", ") + ")"
	}
	return s
}

// next reads the next record; it returns false at the end of the file, or
// when reading must stop.
func (t *table) next() bool {
	for {
		if t.errs.full() {
			t.partial = true
			return false
		}
		rec, err := t.r.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			t.syntax(err)
			t.partial = true
			return false
		}
		t.rec = rec
		t.line, _ = t.r.FieldPos(0)
		if len(rec) != t.width {
			t.partial = true
			if !t.errs.add(&Error{File: t.file, Line: t.line, Msg: fmt.Sprintf("expected %d fields, as in the header, got %d", t.width, len(rec))}) {
				return false
			}
			continue
		}
		t.rows++
		return true
	}
}

// syntax records a CSV syntax error; reading stops after one.
func (t *table) syntax(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `a quote (") inside an unquoted field; quote the whole field and double the quote ("")`
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `a quoted field is not closed, or text follows its closing quote`
		}
		if pe.StartLine != pe.Line {
			msg += fmt.Sprintf(" (the record starts on line %d)", pe.StartLine)
		}
		t.errs.add(&Error{File: t.file, Line: pe.Line, Column: pe.Column, Msg: "CSV syntax: " + msg})
		return
	}
	t.errs.add(&Error{File: t.file, Msg: err.Error()})
}

// has reports whether column k is in the file.
func (t *table) has(k int) bool { return t.index[k] >= 0 }

// cell returns the trimmed text of column k in the current record, "" if
// the column is absent.
func (t *table) cell(k int) string {
	if t.index[k] < 0 {
		return ""
	}
	return strings.TrimSpace(t.rec[t.index[k]])
}

// pos returns the line and byte column of column k in the current record.
func (t *table) pos(k int) (line, col int) {
	if t.index[k] < 0 {
		return t.line, 0
	}
	return t.r.FieldPos(t.index[k])
}

// fail records a problem with the cell of column k; it reports whether
// reading may go on.
func (t *table) fail(k int, msg string) bool {
	line, col := t.pos(k)
	return t.errs.add(&Error{File: t.file, Line: line, Column: col, Field: t.cols[k].name, Msg: msg})
}

// failRow records a problem with the whole current record.
func (t *table) failRow(msg string) bool {
	return t.errs.add(&Error{File: t.file, Line: t.line, Msg: msg})
}

// newID reads the id in column k of the current row and checks that it is
// well formed and not yet in ids (whose rows' lines firstLine gives). On a
// problem it records it, marks the table partial and returns false.
func (t *table) newID(k int, kind string, ids map[string]int32, firstLine func(int32) int) (string, bool) {
	id := t.cell(k)
	if msg := idError(id); msg != "" {
		t.fail(k, msg)
		t.partial = true
		return "", false
	}
	if first, dup := ids[id]; dup {
		t.fail(k, fmt.Sprintf("duplicate %s id %s (first at line %d)", kind, show(id), firstLine(first)))
		t.partial = true
		return "", false
	}
	return id, true
}
