package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// FuzzLoadBytes checks that no input panics, that every failure is a
// located Errors, and that whatever loads survives Encode → LoadBytes.
func FuzzLoadBytes(f *testing.F) {
	for _, name := range scenarios.Names() {
		data, err := scenarios.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// A scenario reading the example data set (the fuzzer runs in this
	// directory, which relative paths resolve against).
	f.Add([]byte("extends = \"baseline\"\n[community]\ngrids = 2\nhouseholds_file = \"../scenarios/data/households.csv\"\n" +
		"residents_file = \"../scenarios/data/residents.csv\"\nties_file = \"../scenarios/data/ties.csv\"\n"))
	f.Add([]byte(deepText(8000))) // issue 13: exhausted memory in the decoder
	paths, _ := filepath.Glob("testdata/errors/*.toml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := LoadBytes("fuzz.toml", data, nil)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %v (%T) is not an Errors", err, err)
			}
			for _, e := range es {
				if e.Source == "" || e.Msg == "" || e.Line < 0 {
					t.Fatalf("unlocated error %#v", e)
				}
			}
			return
		}
		var b bytes.Buffer
		if err := s.Encode(&b); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		back, err := LoadBytes("fuzz.toml", b.Bytes(), nil)
		if err != nil {
			t.Fatalf("encoding does not load: %v\n%s", err, b.String())
		}
		if !population.Equal(back.Config.Data, s.Config.Data) {
			t.Fatal("round trip changed the data")
		}
		back.Config.Data, s.Config.Data = nil, nil // NaN (not given) values are not DeepEqual
		if !reflect.DeepEqual(back.Config, s.Config) || back.Name != s.Name ||
			back.Description != s.Description || back.Seed != s.Seed || back.Replications != s.Replications {
			t.Fatalf("round trip changed the scenario:\n%s", b.String())
		}
		if back.Hash() != s.Hash() {
			t.Fatal("round trip changed the hash")
		}
	})
}
