package scenario

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// roundTrip encodes s, loads the encoding back and reports any difference.
func roundTrip(t *testing.T, s *Scenario) {
	t.Helper()
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if strings.Contains(b.String(), "extends") {
		t.Errorf("encoding mentions extends:\n%s", b.String())
	}
	back, err := LoadBytes("roundtrip.toml", b.Bytes(), nil)
	if err != nil {
		t.Fatalf("encoding does not load: %v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(back.Config, s.Config) {
		t.Errorf("config changed in round trip:\n got %+v\nwant %+v", back.Config, s.Config)
	}
	if back.Name != s.Name || back.Description != s.Description || back.Seed != s.Seed || back.Replications != s.Replications {
		t.Errorf("header changed in round trip: got %q %q %d %d, want %q %q %d %d",
			back.Name, back.Description, back.Seed, back.Replications, s.Name, s.Description, s.Seed, s.Replications)
	}
	if back.Hash() != s.Hash() {
		t.Errorf("hash changed in round trip")
	}
}

func TestRoundTrip(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			s, err := Load(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, s)
		})
	}
	t.Run("awkward values", func(t *testing.T) {
		s, err := LoadBytes("x.toml", []byte(`name = "é.v2_run-1"
description = """quote \" back\\slash \t tab \u0001 ctl \u007f del é
two
lines\r"""
seed = 9223372036854775807
[behaviour]
event_appeal = -0.0
tie_decay = 1e-300
org_spend_per_member = 123456.789
[community]
organization_funds = 1e9
income_median = 0.1e1
[participation]
thresholds = [0.30000000000000004, 5e-324, 1]
`), []string{`project.boundary=[]`})
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, s)
	})
}

func TestEncodeIsDeterministicAndComplete(t *testing.T) {
	s, err := Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := s.Encode(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("two encodings differ")
	}
	// Every key of the schema is written, including empty slices.
	var tree map[string]any
	if _, err := toml.Decode(a.String(), &tree); err != nil {
		t.Fatal(err)
	}
	var missing []string
	var walk func(path []string, tree map[string]any, typ reflect.Type)
	walk = func(path []string, tree map[string]any, typ reflect.Type) {
		for _, f := range fields(typ) {
			if path == nil && f.name == "extends" {
				continue
			}
			p := append(path[:len(path):len(path)], f.name)
			v, ok := tree[f.name]
			if !ok {
				missing = append(missing, join(p))
				continue
			}
			if f.typ.Kind() == reflect.Struct {
				sub, _ := v.(map[string]any)
				walk(p, sub, f.typ)
			}
		}
	}
	walk(nil, tree, documentType)
	if len(missing) > 0 {
		t.Errorf("keys missing from the encoding: %v", missing)
	}
	if !strings.HasPrefix(a.String(), "name = \"full-programme\"\n") {
		t.Errorf("encoding does not start with the name:\n%.200s", a.String())
	}
}

func TestHash(t *testing.T) {
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	h := s.Hash()
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Fatalf("Hash() = %q, want 64 hex digits", h)
	}
	// Sources do not count: only the content does.
	same := *s
	same.Sources = nil
	if same.Hash() != h {
		t.Error("hash depends on Sources")
	}
	changed := *s
	changed.Config.Community.Households++
	if changed.Hash() == h {
		t.Error("hash ignores a config change")
	}
	changed = *s
	changed.Seed++
	if changed.Hash() == h {
		t.Error("hash ignores the seed")
	}
	tooBig := *s
	tooBig.Seed = math.MaxUint64
	if tooBig.Hash() != "" || tooBig.Encode(&bytes.Buffer{}) == nil {
		t.Error("a seed TOML cannot hold was encoded")
	}
}

func TestFormatFloat(t *testing.T) {
	cases := map[float64]string{
		0: "0.0", 1200: "1200.0", -1: "-1.0", 0.1: "0.1", 1e9: "1000000000.0", 1e300: "1e+300",
		1e-7: "1e-07", math.Inf(1): "inf", math.Inf(-1): "-inf", math.NaN(): "nan",
	}
	for f, want := range cases {
		if got := formatFloat(f); got != want {
			t.Errorf("formatFloat(%g) = %q, want %q", f, got, want)
		}
	}
}
