package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func testManifest() Manifest {
	return Manifest{
		Scenario:               "baseline",
		ScenarioHash:           "sha256:abc",
		Sources:                []string{"scenarios/base.toml", "scenarios/baseline.toml"},
		Seed:                   1 << 63,
		Replications:           3,
		ReplicationSeeds:       []uint64{1, 18446744073709551615, 42},
		Workers:                8,
		ProgramVersion:         "v0.1.0",
		GoVersion:              "go1.26.8",
		Weeks:                  20,
		Residents:              1234,
		WallSeconds:            1.5,
		ResidentWeeksPerSecond: 49360,
		Command:                []string{"grassroots", "run", "baseline"},
		ResolvedScenario:       "[community]\nhouseholds = 400\n",
	}
}

func TestManifestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.json")
	m := testManifest()
	if err := WriteManifest(path, m); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got Manifest
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, m)
	}
	var fields map[string]any
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"scenario", "scenario_hash", "sources", "seed", "replications", "replication_seeds",
		"workers", "program_version", "go_version", "weeks", "residents", "wall_seconds",
		"resident_weeks_per_second", "command", "resolved_scenario"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	if len(fields) != 15 {
		t.Errorf("%d fields, want 15", len(fields))
	}
	if !strings.HasPrefix(string(b), "{\n  \"scenario\": \"baseline\"") || !strings.HasSuffix(string(b), "}\n") {
		t.Errorf("not indented JSON:\n%s", b)
	}
}

func TestManifestNonFiniteRate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.json")
	m := testManifest()
	m.WallSeconds = 0
	m.ResidentWeeksPerSecond = math.Inf(1)
	if err := WriteManifest(path, m); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"resident_weeks_per_second": null`) {
		t.Errorf("infinite rate not written as null:\n%s", b)
	}
}

func TestManifestZero(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.json")
	if err := WriteManifest(path, Manifest{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "null") {
		t.Errorf("zero manifest has null fields:\n%s", b)
	}
	var got Manifest
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
}
