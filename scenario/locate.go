package scenario

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// lineIndex maps dotted keys to the line that first mentions them. The TOML
// decoder knows key positions but does not export them, so we scan the text
// ourselves. The scan runs only on text the decoder accepted, but it must
// not panic or loop on anything: every step consumes input.
type lineIndex map[string]int

// line returns the line of path, or of its nearest mentioned parent (a key
// set inside an inline table is found even if the scan missed it), or 0.
func (ix lineIndex) line(path []string) int {
	for n := len(path); n > 0; n-- {
		if l, ok := ix[join(path[:n])]; ok {
			return l
		}
	}
	return 0
}

// indexLines scans text and also returns the first line with a dotted key
// of more than maxKeyParts parts, or 0.
func indexLines(text string) (lineIndex, int) {
	s := &scanner{src: text, line: 1, ix: lineIndex{}}
	s.document()
	return s.ix, s.deep
}

// maxKeyParts bounds the parts of one dotted key. The TOML decoder takes
// time far worse than linear in that number (seconds for a few thousand),
// and no valid key has more than four.
const maxKeyParts = 64

type scanner struct {
	src  string
	pos  int
	line int
	ix   lineIndex
	deep int // first line with a key of more than maxKeyParts parts
}

// maxNesting bounds recursion into arrays and inline tables.
const maxNesting = 100

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

func (s *scanner) advance() {
	if s.eof() {
		return
	}
	if s.src[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

func (s *scanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.pos:], prefix) }

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.advance()
	}
}

func (s *scanner) skipComment() {
	if s.peek() != '#' {
		return
	}
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
}

// maxKeyDepth bounds the prefixes recorded for one key: no valid key is
// nearly this deep, and recording every prefix of a key with thousands of
// parts would take quadratic time.
const maxKeyDepth = 16

// record notes the line of every prefix of path not seen before.
func (s *scanner) record(path []string, line int) {
	for n := 1; n <= len(path) && n <= maxKeyDepth; n++ {
		k := join(path[:n])
		if _, ok := s.ix[k]; !ok {
			s.ix[k] = line
		}
	}
}

func (s *scanner) document() {
	// In the n-th (from 0) [[array.of.tables]], keys are recorded both as
	// array.of.tables.n.key and as array.of.tables.key (the first one).
	var table, element []string
	elements := map[string]int{}
	for !s.eof() {
		s.skipBlank()
		if s.eof() {
			return
		}
		start, line := s.pos, s.line
		if s.peek() == '[' {
			// [table] or [[array.of.tables]]: later keys are relative to it.
			s.advance()
			array := s.peek() == '['
			if array {
				s.advance()
			}
			table, element = s.key(), nil
			s.record(table, line)
			if array && len(table) > 0 {
				n := elements[join(table)]
				elements[join(table)] = n + 1
				element = append(table[:len(table):len(table)], strconv.Itoa(n))
				s.record(element, line)
			}
		} else if key := s.key(); len(key) > 0 {
			s.skipSpace()
			if s.peek() == '=' {
				s.advance()
				s.skipSpace()
				full := append(table[:len(table):len(table)], key...)
				s.record(full, line)
				if element != nil {
					s.record(append(element[:len(element):len(element)], key...), line)
				}
				s.value(full, 0)
			}
		}
		// The rest of the line is a comment, or "]" after a header.
		s.skipLine()
		if s.pos == start {
			s.advance()
		}
	}
}

// key reads a dotted key: bare or quoted parts separated by dots.
func (s *scanner) key() []string {
	var parts []string
	for {
		s.skipSpace()
		part, ok := s.simpleKey()
		if !ok {
			return parts
		}
		parts = append(parts, part)
		if len(parts) > maxKeyParts && s.deep == 0 {
			s.deep = s.line
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.advance()
	}
}

func (s *scanner) simpleKey() (string, bool) {
	switch c := s.peek(); {
	case c == '"':
		s.advance()
		return s.basicString(), true
	case c == '\'':
		s.advance()
		return s.literalString(), true
	case isBare(c):
		start := s.pos
		for isBare(s.peek()) {
			s.advance()
		}
		return s.src[start:s.pos], true
	}
	return "", false
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// basicString reads the rest of a one-line "..." string, decoding escapes so
// that quoted keys match the decoder's.
func (s *scanner) basicString() string {
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		switch c {
		case '"':
			s.advance()
			return b.String()
		case '\n':
			return b.String()
		case '\\':
			s.advance()
			s.escape(&b)
		default:
			b.WriteByte(c)
			s.advance()
		}
	}
	return b.String()
}

var simpleEscapes = map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}

func (s *scanner) escape(b *strings.Builder) {
	c := s.peek()
	if r, ok := simpleEscapes[c]; ok {
		s.advance()
		b.WriteByte(r)
		return
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if digits == 0 || s.pos+1+digits > len(s.src) {
		return
	}
	hex := s.src[s.pos+1 : s.pos+1+digits]
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return
	}
	for range 1 + digits {
		s.advance()
	}
	if c == 'x' {
		b.WriteByte(byte(n))
	} else {
		b.WriteString(string(utf8.AppendRune(nil, rune(n))))
	}
}

// value skips one value, recording the keys of inline tables under key.
func (s *scanner) value(key []string, depth int) {
	switch {
	case s.has(`"""`), s.has(`'''`):
		quote := s.src[s.pos : s.pos+3]
		for range 3 {
			s.advance()
		}
		for !s.eof() && !s.has(quote) {
			if quote[0] == '"' && s.peek() == '\\' {
				s.advance()
			}
			s.advance()
		}
		// Up to two quotes may end the content just before the delimiter.
		for i := 0; i < 5 && s.peek() == quote[0]; i++ {
			s.advance()
		}
	case s.peek() == '"':
		s.advance()
		s.basicString()
	case s.peek() == '\'':
		s.advance()
		s.literalString()
	case s.peek() == '[' && depth < maxNesting:
		s.advance()
		s.items(']', func() { s.value(key, depth+1) })
	case s.peek() == '{' && depth < maxNesting:
		s.advance()
		s.items('}', func() {
			line := s.line
			k := s.key()
			s.skipSpace()
			if len(k) == 0 || s.peek() != '=' {
				return
			}
			s.advance()
			s.skipSpace()
			full := append(key[:len(key):len(key)], k...)
			s.record(full, line)
			s.value(full, depth+1)
		})
	default:
		// Numbers, booleans and dates (which may contain a space).
		for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.peek())) {
			s.advance()
		}
	}
}

// literalString reads the rest of a one-line '...' string.
func (s *scanner) literalString() string {
	start := s.pos
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.advance()
	}
	str := s.src[start:s.pos]
	if s.peek() == '\'' {
		s.advance()
	}
	return str
}

// items runs item for each element of an array or inline table until the
// closing byte, skipping separators, newlines and comments.
func (s *scanner) items(closing byte, item func()) {
	for {
		s.skipBlank()
		switch s.peek() {
		case 0:
			if s.eof() {
				return
			}
		case closing:
			s.advance()
			return
		case ',':
			s.advance()
			continue
		}
		start := s.pos
		item()
		if s.pos == start {
			s.advance()
		}
	}
}

// KeyLines indexes the keys of a TOML text (one the decoder accepted) and
// returns the line of a dotted key, or of its nearest indexed parent, or 0.
// Keys in the n-th [[array.of.tables]] are also found as array.of.tables.n.key.
// Other file formats (sweeps, calibrations) use it to locate their errors
// the way scenarios do.
func KeyLines(text string) func(path []string) int {
	ix, _ := indexLines(text)
	return ix.line
}
