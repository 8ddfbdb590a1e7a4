package report

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Change is one key a scenario sets differently from another, with a
// description a planner reads: report.html and the workbench's results
// page both list changes through it.
type Change struct {
	scenario.Change
	// Plain says the change in words, e.g. "middle stage, cultural
	// activities: weekly cost 0 → 600 yuan/week"; "" for a key the
	// parameter table does not describe.
	Plain string
}

// Changes lists what cfg sets differently from base (scenario.Diff), each
// change described.
func Changes(base, cfg *sim.Config) []Change {
	var out []Change
	for _, c := range scenario.Diff(base, cfg) {
		out = append(out, DescribeChange(c))
	}
	return out
}

// DescribeChange describes c from the parameter table (scenario.Lookup):
// the key's meaning, the values with thousands separators and switches as
// on/off, then the unit as UnitAfter words it.
func DescribeChange(c scenario.Change) Change {
	p, ok := scenario.Lookup(c.Key)
	if !ok || p.Doc == "" {
		return Change{Change: c}
	}
	// A stage's measure is named by the key, its field by the last
	// segment ("weekly cost"): the table's meaning is the same for all.
	what := shortDoc(p.Doc) + ":"
	seg := strings.Split(c.Key, ".")
	switch {
	case len(seg) == 4 && seg[0] == "stages":
		what = seg[1] + " stage, " + words(seg[2]) + ": " + words(seg[3])
	case len(seg) == 3 && seg[0] == "phases":
		what = shortDoc(p.Doc) + " " + seg[1] + ":"
	}
	from, to := plainValue(c.From), plainValue(c.To)
	unit := p.Unit
	if p.Type == "bool" || p.Type == "string" {
		unit = ""
	}
	return Change{Change: c, Plain: what + " " + from + " → " + to + UnitAfter(to, unit)}
}

// String is the change as one line of text: the description with the key
// in brackets, or "key: from → to" without a description.
func (c Change) String() string {
	if c.Plain == "" {
		return c.Key + ": " + c.From + " → " + c.To
	}
	return c.Plain + " (" + c.Key + ")"
}

// HTML is String for a page, the key in <code>.
func (c Change) HTML() template.HTML {
	esc := template.HTMLEscapeString
	if c.Plain == "" {
		return template.HTML("<code>" + esc(c.Key) + "</code>: " + esc(c.From) + " → " + esc(c.To))
	}
	return template.HTML(esc(c.Plain) + " (<code>" + esc(c.Key) + "</code>)")
}

// shortDoc is the first clause of a key's one-line meaning: up to a
// semicolon, a colon or a bracket, which start details and formulas.
func shortDoc(doc string) string {
	for _, sep := range []string{"; ", ": ", " ("} {
		if i := strings.Index(doc, sep); i > 0 {
			doc = doc[:i]
		}
	}
	return doc
}

// words writes a key's segment as words: "cultural_activities" becomes
// "cultural activities".
func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

// plainValue writes a value as in a scenario file for reading: numbers
// without a trailing ".0" and with thousands separators, switches as
// on/off; strings and lists as they are.
func plainValue(v string) string {
	switch v {
	case "true":
		return "on"
	case "false":
		return "off"
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return groupThousands(v)
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && isFinite(x) {
		return groupThousands(strconv.FormatFloat(x, 'f', -1, 64))
	}
	return v
}
