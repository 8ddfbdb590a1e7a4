// Package tomlnest bounds how deeply a TOML text nests before a decoder
// sees it. The TOML decoder's time and memory grow quadratically with
// nesting: a 48 KB file of inline tables nested 8,000 deep exhausts a
// machine's memory, and no scenario or sweep file nests more than a few
// levels.
package tomlnest

import "fmt"

// MaxDepth is the deepest nesting accepted: inline tables, arrays and the
// parts of a dotted key or table header each count as a level.
const MaxDepth = 32

// Check returns the line of the first place where text nests deeper than
// MaxDepth, or 0. It reads only as much TOML as it needs to tell brackets
// and dots from the same characters inside strings and comments, and
// accepts whatever it does not understand: the decoder reports that.
func Check(text string) int {
	// stack holds the open brackets: '{' for inline tables, '[' for arrays
	// and '<' for a table header. inKey is true from where a key may
	// start to its "=".
	var stack []byte
	line, parts, inKey := 1, 0, true
	deeper := func() bool { return len(stack)+parts > MaxDepth }
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line++
			if len(stack) == 0 || stack[len(stack)-1] == '<' {
				// A header ends at its line; so do keys outside arrays.
				stack, parts, inKey = stack[:0], 0, true
			}
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quotes := 1
			if i+2 < len(text) && text[i+1] == c && text[i+2] == c {
				quotes = 3
			}
			end, lines := skipString(text, i+quotes, c, quotes == 3)
			i, line = end, line+lines
		case '.':
			if inKey {
				parts++
				if deeper() {
					return line
				}
			}
		case '=':
			inKey, parts = false, 0
		case '[', '{':
			top := c
			if c == '[' && len(stack) == 0 && inKey {
				top = '<' // [table] or [[array.of.tables]]
				if i+1 < len(text) && text[i+1] == '[' {
					i++
				}
			}
			stack = append(stack, top)
			inKey = c == '{' || top == '<'
			if deeper() {
				return line
			}
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			inKey = false
			parts = 0
		case ',':
			inKey = len(stack) > 0 && stack[len(stack)-1] == '{'
			parts = 0
		}
	}
	return 0
}

// skipString returns the index of the last byte of the string whose
// content starts at i, and how many newlines it holds. Basic strings (")
// have escapes; a multi-line string ends at the first run of three or more
// quotes, the extra ones (at most two) belonging to its content.
func skipString(text string, i int, q byte, multi bool) (end, lines int) {
	for ; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\\' && q == '"':
			if i+1 < len(text) && text[i+1] == '\n' {
				lines++
			}
			i++
		case c == '\n':
			if !multi {
				return i - 1, lines // unterminated: the decoder says so
			}
			lines++
		case c == q && !multi:
			return i, lines
		case c == q && i+2 < len(text) && text[i+1] == q && text[i+2] == q:
			n := 3
			for n < 5 && i+n < len(text) && text[i+n] == q {
				n++
			}
			return i + n - 1, lines
		}
	}
	return len(text) - 1, lines
}

// Msg says what is wrong and what is allowed, for a caller's located error.
var Msg = fmt.Sprintf("nests deeper than %d levels (inline tables, arrays and dotted key parts count); flatten it", MaxDepth)
