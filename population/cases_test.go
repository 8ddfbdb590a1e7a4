package population

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
	"github.com/grassroots-sim/grassroots/sim"
)

// archive is a test case: named files in one text, each after a line
// "-- NAME --" (text before the first is a comment).
type archive map[string][]byte

func readArchive(t testing.TB, path string) archive {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := archive{}
	name := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if n, ok := strings.CutPrefix(trimmed, "-- "); ok && strings.HasSuffix(n, " --") {
			name = strings.TrimSuffix(n, " --")
			a[name] = []byte{}
			continue
		}
		if name != "" {
			a[name] = append(a[name], line...)
		}
	}
	return a
}

// caseFiles returns the three files of a case: base.txt's, replaced by
// the case's own.
func caseFiles(t testing.TB, path string) (h, r, ties []byte) {
	t.Helper()
	base := readArchive(t, filepath.Join("testdata", "base.txt"))
	c := readArchive(t, path)
	for name, data := range c {
		base[name] = data
	}
	return base["households.csv"], base["residents.csv"], base["ties.csv"]
}

func parseBytes(h, r, ties []byte) error {
	_, err := Parse(Input{"households.csv", bytes.NewReader(h)}, Input{"residents.csv", bytes.NewReader(r)},
		Input{"ties.csv", bytes.NewReader(ties)})
	return err
}

// TestBadFiles reads every testdata/bad/*.txt, each a community with some
// problem, and compares the errors with the .golden file beside it.
func TestBadFiles(t *testing.T) {
	paths, err := filepath.Glob("testdata/bad/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			err := parseBytes(caseFiles(t, path))
			if err == nil {
				t.Fatal("read without error")
			}
			if _, ok := err.(Errors); !ok {
				t.Fatalf("error %T is not an Errors", err)
			}
			golden.Check(t, strings.TrimSuffix(path, ".txt")+".golden", []byte(err.Error()+"\n"))
		})
	}
}

// The base case and a variant in another spelling read, and agree.
func TestGoodFiles(t *testing.T) {
	h, _, _ := caseFiles(t, "testdata/base.txt")
	if _, err := Parse(Input{"h", bytes.NewReader(h)}, Input{}, Input{}); err == nil {
		t.Fatal("residents are required")
	}
	read := func(path string) *sim.Population {
		h, r, ties := caseFiles(t, path)
		p, err := Parse(Input{"households.csv", bytes.NewReader(h)}, Input{"residents.csv", bytes.NewReader(r)}, Input{"ties.csv", bytes.NewReader(ties)})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return p
	}
	base, variant := read("testdata/base.txt"), read("testdata/ok-variants.txt")
	if base.Buildings != 2 || len(base.Households) != 4-1 || len(base.Residents) != 4 || len(base.Ties) != 2 {
		t.Fatalf("base: %+v", base)
	}
	if base.Residents[2].Education != educationLevel(0) || !base.Residents[2].Vulnerable || base.Residents[3].Education != 1 || !base.Residents[3].Party {
		t.Errorf("base values: %+v", base.Residents)
	}
	if variant.Buildings != 2 || len(variant.Residents) != 4 || variant.Residents[0].Trust != float64(float32(0.4)) ||
		variant.Residents[2].Age != 2 || variant.Residents[1].Age != 0 || variant.Residents[2].Education != float64(float32(0.2)) {
		t.Errorf("variant: %+v", variant.Residents)
	}
}
