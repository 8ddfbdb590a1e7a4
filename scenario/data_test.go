package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/population"
)

const exampleScenario = "../scenarios/data/example.toml"

// sameScenario compares two loads of a scenario, the data by value.
func sameScenario(t *testing.T, a, b *Scenario) {
	t.Helper()
	ca, cb := a.Config, b.Config
	if !population.Equal(ca.Data, cb.Data) {
		t.Error("the data differ")
	}
	ca.Data, cb.Data = nil, nil
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("configs differ:\n%+v\n%+v", ca, cb)
	}
	if a.Name != b.Name || a.Seed != b.Seed || a.Replications != b.Replications || a.DataHash != b.DataHash || a.Hash() != b.Hash() {
		t.Errorf("headers or hashes differ: %q %q, %q %q", a.Name, b.Name, a.DataHash, b.DataHash)
	}
}

func TestDataExample(t *testing.T) {
	s, err := Load(exampleScenario, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Config.Community
	if s.Config.Data == nil || len(s.Config.Data.Households) != 40 || c.Households != 40 || c.Buildings != 4 || c.Grids != 2 {
		t.Fatalf("data not read: %d households, %d buildings, %d grids", c.Households, c.Buildings, c.Grids)
	}
	want := filepath.Join("..", "scenarios", "data", "households.csv")
	if c.HouseholdsFile != want || c.TiesFile != filepath.Join("..", "scenarios", "data", "ties.csv") {
		t.Errorf("paths not resolved against the scenario: %q, %q", c.HouseholdsFile, c.TiesFile)
	}
	if len(s.DataHash) != 64 {
		t.Errorf("DataHash = %q", s.DataHash)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "# data files sha256 "+s.DataHash) || !strings.Contains(b.String(), `households_file = "`+want+`"`) {
		t.Errorf("encoding lacks the data:\n%s", b.String())
	}
	back, err := LoadBytes("resolved.toml", b.Bytes(), nil)
	if err != nil {
		t.Fatalf("encoding does not load: %v", err)
	}
	sameScenario(t, s, back)
}

// copyExample copies the example data into dir.
func copyExample(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"households.csv", "residents.csv", "ties.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "scenarios", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const dataKeysText = `[community]
households_file = "households.csv"
residents_file = "residents.csv"
grids = 2
`

// A relative path resolves against the file that sets it, however the
// chain reaches it; --set paths resolve against the current directory.
func TestDataPathsResolve(t *testing.T) {
	root := t.TempDir()
	copyExample(t, filepath.Join(root, "a"))
	write(t, filepath.Join(root, "a", "base.toml"), "extends = \"baseline\"\n"+dataKeysText)
	write(t, filepath.Join(root, "b", "child.toml"), "extends = \"../a/base.toml\"\nreplications = 3\n")
	s, err := Load(filepath.Join(root, "b", "child.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Config.Community.ResidentsFile, filepath.Join(root, "a", "residents.csv"); got != want {
		t.Errorf("residents_file = %q, want %q", got, want)
	}
	if s.Config.Data == nil || s.Config.Data.Ties != nil {
		t.Error("want data without ties")
	}
	tiesPath := filepath.Join(root, "a", "ties.csv")
	s2, err := Load(filepath.Join(root, "b", "child.toml"), []string{"community.ties_file=" + tiesPath})
	if err != nil {
		t.Fatal(err)
	}
	if s2.Config.Community.TiesFile != tiesPath || s2.Config.Data.Ties == nil || s2.DataHash == s.DataHash {
		t.Errorf("ties from --set not read: %q", s2.Config.Community.TiesFile)
	}
}

// The scenario's hash follows the data's content.
func TestDataHashFollowsContent(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	path := filepath.Join(dir, "s.toml")
	write(t, path, dataKeysText)
	a, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	hh := filepath.Join(dir, "households.csv")
	data, _ := os.ReadFile(hh)
	write(t, hh, strings.Replace(string(data), "1-101,No. 1,1500", "1-101,No. 1,1501", 1))
	b, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.DataHash == b.DataHash || a.Hash() == b.Hash() {
		t.Error("changing an income did not change the hash")
	}
}

// With data, grids are judged against the data's buildings, not the
// synthetic community.buildings (grids = 3 with buildings = 2 was rejected
// although the data have 4 buildings).
func TestDataGridsAgainstData(t *testing.T) {
	s, err := Load(exampleScenario, []string{"community.buildings=2", "community.grids=3", "community.households=1"})
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Config.Community; c.Grids != 3 || c.Buildings != 4 || c.Households != 40 {
		t.Errorf("grids %d, buildings %d, households %d; want 3, 4 and 40 from the data", c.Grids, c.Buildings, c.Households)
	}
}

func TestDataErrors(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	bad := filepath.Join(dir, "bad-residents.csv")
	write(t, bad, "resident_id,household_id,age,education,vulnerable,party_member\nR1,1-101,adlt,middle,no,no\n")
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"households alone", "[community]\nhouseholds_file = \"households.csv\"\n",
			[]string{`s.toml:2: key "community.households_file": needs community.residents_file too`}},
		{"ties alone", "[community]\nties_file = \"ties.csv\"\n",
			[]string{`s.toml:2: key "community.ties_file": needs community.households_file and community.residents_file`}},
		{"missing file", "[community]\nhouseholds_file = \"nope.csv\"\nresidents_file = \"residents.csv\"\n",
			[]string{`s.toml:2: key "community.households_file": no such file "` + filepath.Join(dir, "nope.csv") + `"`}},
		{"directory", "[community]\nhouseholds_file = \".\"\nresidents_file = \"residents.csv\"\n",
			[]string{`s.toml:2: key "community.households_file": "` + dir + `" is not a regular file`}},
		{"bad cell", "[community]\nhouseholds_file = \"households.csv\"\nresidents_file = \"bad-residents.csv\"\n",
			[]string{bad + `:2:10: column "age": expected child, adult or elder`, `households.csv:3:1: column "household_id": household "1-102" has no residents`}},
		{"wrong type", "[community]\nhouseholds_file = 3\nresidents_file = \"residents.csv\"\n",
			[]string{`s.toml:2: key "community.households_file": must be a string, got integer 3`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "s.toml")
			write(t, path, tc.text)
			_, err := Load(path, nil)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say\n%s", err, w)
				}
			}
		})
	}
}
