package scenario

import (
	"reflect"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// field is one TOML key of a struct, found through its `toml` tag.
type field struct {
	name  string
	index []int // for reflect.Value.FieldByIndex, through embedded structs
	typ   reflect.Type
	tag   reflect.StructTag
}

// fields lists the TOML keys of struct type t in declaration order,
// flattening untagged embedded structs as the TOML decoder does.
func fields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for _, sub := range fields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, field{name: name, index: []int{i}, typ: f.Type, tag: f.Tag})
	}
	return out
}

// lookup finds the field called name in t; names match exactly, unlike the
// decoder's case-insensitive fallback, so "Households" is reported. It
// walks the struct directly since it runs for every key of every file.
func lookup(t reflect.Type, name string) (field, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			if sub, ok := lookup(f.Type, name); ok {
				sub.index = append([]int{i}, sub.index...)
				return sub, true
			}
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if tag == name && tag != "-" && f.IsExported() {
			return field{name: tag, index: f.Index, typ: f.Type, tag: f.Tag}, true
		}
	}
	return field{}, false
}

// names lists the TOML keys of struct type t.
func names(t reflect.Type) []string {
	fs := fields(t)
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// expected describes the TOML value a Go type accepts, for messages.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Struct:
		return "a table"
	case reflect.Slice, reflect.Array:
		switch t.Elem().Kind() {
		case reflect.Float32, reflect.Float64:
			return "an array of numbers"
		case reflect.String:
			return "an array of strings"
		}
		return "an array"
	}
	return t.String()
}

// join makes a dotted key. Segments are not quoted: every key of the schema
// is bare, and the result is only used to match and to show keys.
func join(path []string) string { return strings.Join(path, ".") }

// ModelTables lists the tables of model parameters, sim.Config's: a sweep
// varies keys under them. The other top-level keys (name, description,
// extends, seed, replications) say how a scenario runs, not what it models.
func ModelTables() []string { return names(reflect.TypeFor[sim.Config]()) }
