package scenario

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Encode writes the fully resolved scenario as TOML: every key, in the
// order of the schema, with no extends, so that the output alone reproduces
// the scenario and is stable enough to hash. A scenario built from data
// files names them (resolved against the current directory) and ends with
// a comment giving the hash of their contents.
func (s *Scenario) Encode(w io.Writer) error {
	doc := document{
		Name:         s.Name,
		Description:  s.Description,
		Seed:         s.Seed,
		Replications: s.Replications,
		Config:       s.Config,
	}
	var b bytes.Buffer
	if err := encodeTable(&b, nil, reflect.ValueOf(doc), documentType); err != nil {
		return err
	}
	if s.DataHash != "" {
		b.WriteString(dataComment(s.DataHash))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Hash returns the hex SHA-256 of Encode's output, the content hash recorded
// in manifests, or "" if the scenario cannot be encoded.
func (s *Scenario) Hash() string {
	h := sha256.New()
	if err := s.Encode(h); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// encodeTable writes the plain keys of struct v, then each sub-table under
// its full dotted header (no empty intermediate headers).
func encodeTable(b *bytes.Buffer, path []string, v reflect.Value, t reflect.Type) error {
	var tables []field
	plain := 0
	for _, f := range fields(t) {
		if f.typ.Kind() == reflect.Struct {
			tables = append(tables, f)
			continue
		}
		if path == nil && f.name == "extends" {
			continue
		}
		if plain == 0 && path != nil {
			fmt.Fprintf(b, "\n[%s]\n", join(path))
		}
		plain++
		text, err := encodeValue(v.FieldByIndex(f.index))
		if err != nil {
			return fmt.Errorf("encoding %s: %w", join(append(path, f.name)), err)
		}
		fmt.Fprintf(b, "%s = %s\n", f.name, text)
	}
	for _, f := range tables {
		p := append(path[:len(path):len(path)], f.name)
		if err := encodeTable(b, p, v.FieldByIndex(f.index), f.typ); err != nil {
			return err
		}
	}
	return nil
}

func encodeValue(v reflect.Value) (string, error) {
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), nil
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Uint64:
		if v.Uint() > math.MaxInt64 {
			return "", fmt.Errorf("%d does not fit in a TOML integer", v.Uint())
		}
		return strconv.FormatUint(v.Uint(), 10), nil
	case reflect.Float64:
		return formatFloat(v.Float()), nil
	case reflect.String:
		return Quote(v.String()), nil
	case reflect.Slice:
		elems := make([]string, v.Len())
		for i := range elems {
			e, err := encodeValue(v.Index(i))
			if err != nil {
				return "", err
			}
			elems[i] = e
		}
		return "[" + strings.Join(elems, ", ") + "]", nil
	}
	return "", fmt.Errorf("unsupported type %s", v.Type())
}

// formatFloat writes f as a TOML float that reads back as exactly f:
// integral values as "1200.0" rather than "1.2e+03", others in the
// shortest form.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == math.Trunc(f) && math.Abs(f) < 1e16:
		return strconv.FormatFloat(f, 'f', -1, 64) + ".0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// showFloat writes f for messages: shortest form, no forced ".0".
func showFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// Quote writes s as a TOML basic string. Invalid UTF-8 becomes U+FFFD, since
// TOML text must be UTF-8.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
