package sweep

import (
	"strings"
)

// keyLines maps the dotted keys of a TOML text to the line that sets them.
// The decoder knows positions but does not export them; sweep files are
// short and plain, so a line-by-line scan is enough. It understands table
// headers, bare and quoted dotted keys and skips multi-line strings; keys it
// cannot place get line 0.
type keyLines map[string]int

func indexKeys(text string) keyLines {
	ix := keyLines{}
	var table []string
	inString := ""
	for n, line := range strings.Split(text, "\n") {
		lineNo := n + 1
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		s := strings.TrimSpace(line)
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "["):
			inner := strings.TrimPrefix(strings.TrimPrefix(s, "["), "[")
			end := strings.Index(inner, "]")
			if end < 0 {
				continue
			}
			if path, ok := splitKey(inner[:end]); ok {
				table = path
				ix.add(table, lineNo)
			}
			continue
		}
		path, rest, ok := leadingKey(s)
		if !ok {
			continue
		}
		full := append(append([]string{}, table...), path...)
		ix.add(full, lineNo)
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(rest, delim)%2 == 1 {
				inString = delim
			}
		}
	}
	return ix
}

// add records the line of path and of each of its prefixes not yet seen:
// a dotted key mentions its tables too.
func (ix keyLines) add(path []string, line int) {
	for n := 1; n <= len(path); n++ {
		k := strings.Join(path[:n], ".")
		if _, ok := ix[k]; !ok {
			ix[k] = line
		}
	}
}

// line returns the line of path or of its nearest parent that has one.
func (ix keyLines) line(path []string) int {
	for n := len(path); n > 0; n-- {
		if l, ok := ix[strings.Join(path[:n], ".")]; ok {
			return l
		}
	}
	return 0
}

// leadingKey reads "key = value" at the start of s.
func leadingKey(s string) (path []string, rest string, ok bool) {
	eq := keyEnd(s)
	if eq < 0 {
		return nil, "", false
	}
	path, ok = splitKey(s[:eq])
	return path, s[eq+1:], ok
}

// keyEnd returns the index of the "=" ending the key at the start of s,
// skipping quoted parts, or -1.
func keyEnd(s string) int {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '=':
			return i
		case c == '[' || c == '{' || c == ',':
			return -1
		}
	}
	return -1
}

// splitKey splits a dotted key into its parts, unquoting quoted ones.
func splitKey(s string) ([]string, bool) {
	var parts []string
	s = strings.TrimSpace(s)
	for s != "" {
		var part string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return nil, false
			}
			part, s = s[1:1+end], s[2+end:]
		default:
			end := strings.IndexAny(s, ". \t")
			if end < 0 {
				end = len(s)
			}
			part, s = s[:end], s[end:]
			if part == "" {
				return nil, false
			}
		}
		parts = append(parts, part)
		s = strings.TrimSpace(s)
		if s == "" {
			break
		}
		if s[0] != '.' {
			return nil, false
		}
		s = strings.TrimSpace(s[1:])
		if s == "" {
			return nil, false
		}
	}
	return parts, len(parts) > 0
}
