package scenario

import (
	"reflect"

	"github.com/grassroots-sim/grassroots/sim"
)

// Change is one key whose value differs between two configurations, both
// values written as in a scenario file.
type Change struct {
	Key      string // dotted, as in --set
	From, To string
}

var configType = reflect.TypeFor[sim.Config]()

// Diff lists the keys of sim.Config whose values differ from base in cfg,
// in the order of the schema: what a scenario changes from the one it is
// compared with or extends.
func Diff(base, cfg *sim.Config) []Change {
	var out []Change
	var walk func(path []string, a, b reflect.Value, t reflect.Type)
	walk = func(path []string, a, b reflect.Value, t reflect.Type) {
		for _, f := range fields(t) {
			p := append(path[:len(path):len(path)], f.name)
			av, bv := a.FieldByIndex(f.index), b.FieldByIndex(f.index)
			if f.typ.Kind() == reflect.Struct {
				walk(p, av, bv, f.typ)
				continue
			}
			from, err1 := encodeValue(av)
			to, err2 := encodeValue(bv)
			if err1 == nil && err2 == nil && from != to {
				out = append(out, Change{Key: join(p), From: from, To: to})
			}
		}
	}
	walk(nil, reflect.ValueOf(base).Elem(), reflect.ValueOf(cfg).Elem(), configType)
	return out
}
