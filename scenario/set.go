package scenario

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/tomlnest"
)

// override is one parsed --set path=value.
type override struct {
	source string         // "--set path=value", as shown in errors
	rank   int            // sorts after every file
	tree   map[string]any // the value nested under its path
	doc    string         // a TOML document setting the value
}

// parseOverride parses and checks one --set argument; on any problem it
// records the errors and returns nil.
func (l *loader) parseOverride(text string, rank int) *override {
	src := SetSource(text)
	fail := func(key, msg string) *override {
		l.errs = append(l.errs, &Error{Source: src, Key: key, Msg: msg, rank: rank})
		return nil
	}
	pathText, raw, ok := strings.Cut(text, "=")
	if !ok {
		return fail("", `missing "=": write --set path=value, e.g. --set community.households=2000`)
	}
	path := strings.Split(strings.TrimSpace(pathText), ".")
	for i, seg := range path {
		if path[i] = strings.TrimSpace(seg); path[i] == "" {
			return fail("", fmt.Sprintf("empty key in path %q", strings.TrimSpace(pathText)))
		}
	}
	if path[0] == "extends" {
		return fail("extends", "cannot be set with --set; write a scenario file that extends the one you want")
	}
	value, valueText, err := parseValue(strings.TrimSpace(raw))
	if err != nil {
		return fail(join(path), err.Error())
	}

	tree := map[string]any{path[len(path)-1]: value}
	for i := len(path) - 2; i >= 0; i-- {
		tree = map[string]any{path[i]: tree}
	}
	c := treeChecker{source: src, rank: rank, line: noLine, errs: &l.errs}
	if c.table(nil, tree, documentType); c.failed {
		return nil
	}

	quoted := make([]string, len(path))
	for i, seg := range path {
		quoted[i] = Quote(seg)
	}
	doc := strings.Join(quoted, ".") + " = " + valueText + "\n"
	return &override{source: src, rank: rank, tree: tree, doc: doc}
}

// parseValue reads raw as a TOML value. Text that does not parse and does
// not look like a number, boolean, array, table or quoted string is taken as
// a bare string, so that `--set participation.rule=threshold` works.
func parseValue(raw string) (value any, text string, err error) {
	if tomlnest.Check(raw) > 0 {
		return nil, "", errors.New("the value " + tomlnest.Msg)
	}
	var m map[string]any
	_, perr := toml.Decode("v = "+raw, &m)
	if v, ok := m["v"]; perr == nil && ok && len(m) == 1 {
		return v, raw, nil
	}
	if looksTyped(raw) {
		// The parser's message describes the "v = ..." document, not
		// the user's text, so it is not shown.
		msg := fmt.Sprintf("value %s is not a valid TOML number, boolean, quoted string, array or table", clip(raw))
		if strings.HasPrefix(raw, "[") {
			msg += `; quote strings inside arrays, e.g. ["care", "civic"]`
		}
		return nil, "", errors.New(msg)
	}
	return raw, Quote(raw), nil
}

func looksTyped(raw string) bool {
	switch raw {
	case "true", "false", "inf", "nan":
		return true
	}
	return raw != "" && strings.ContainsRune(`0123456789+-."'[{`, rune(raw[0]))
}
