package population

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// synthetic builds a default community of the given size and returns it
// as a Population.
func synthetic(t testing.TB, households int, seed uint64) *sim.Population {
	t.Helper()
	cfg := sim.Defaults()
	cfg.Community.Households = households
	cfg.Community.Buildings = min(cfg.Community.Buildings, households)
	cfg.Community.Grids = min(cfg.Community.Grids, cfg.Community.Buildings)
	e, err := sim.New(&cfg, seed, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	return e.Population()
}

func readDir(t testing.TB, dir string) *sim.Population {
	t.Helper()
	p, err := Read(filepath.Join(dir, HouseholdsFile), filepath.Join(dir, ResidentsFile), filepath.Join(dir, TiesFile))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A built community written out reads back as the same Population, and
// writing that again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	p := synthetic(t, 300, 7)
	if len(p.Ties) == 0 {
		t.Fatal("no ties to test")
	}
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, p); err != nil {
		t.Fatal(err)
	}
	q := readDir(t, a)
	if !Equal(p, q) {
		t.Fatal("the population read back differs from the one written")
	}
	if err := Write(b, q); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{HouseholdsFile, ResidentsFile, TiesFile} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs on the second write", name)
		}
	}
	// And the engine builds the same community from it.
	cfg := sim.Defaults()
	cfg.Data = q
	e, err := sim.New(&cfg, 7, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !Equal(e.Population(), p) {
		t.Error("the engine built another community from the data")
	}
}

// A community after weeks of a run reads back as written too: its grown
// ties, and never a tie within a household, which the reader refuses.
func TestRoundTripAfterWeeks(t *testing.T) {
	cfg := sim.Defaults()
	e, err := sim.New(&cfg, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for range 60 {
		e.Step()
	}
	p := e.Population()
	grown := 0
	for _, tie := range p.Ties {
		if p.Residents[tie.A].Household == p.Residents[tie.B].Household {
			t.Fatalf("a run grew a tie within household %d", p.Residents[tie.A].Household)
		}
		if tie.Kind == sim.TieGrown {
			grown++
		}
	}
	if grown == 0 {
		t.Fatal("no grown tie: the test does not exercise them")
	}
	dir := t.TempDir()
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	if q := readDir(t, dir); !Equal(p, q) {
		t.Fatal("the population read back differs from the one written")
	}
}

// Long-run baselines read back as written, and a community without them is
// written without their columns (as before they existed).
func TestRoundTripLongRun(t *testing.T) {
	p := synthetic(t, 30, 7)
	var plain bytes.Buffer
	if err := WriteResidents(&plain, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "_baseline") {
		t.Error("a community without long-run baselines is written with their columns")
	}
	nan := math.NaN()
	p.Residents[0].LongRun = &sim.PopBaselines{Belonging: 0.75, Trust: nan, Efficacy: 0.5, Norm: nan}
	dir := t.TempDir()
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	q := readDir(t, dir)
	if !Equal(p, q) {
		t.Fatal("the population read back differs from the one written")
	}
	if lr := q.Residents[0].LongRun; lr == nil || lr.Belonging != 0.75 || lr.Efficacy != 0.5 || !math.IsNaN(lr.Trust) {
		t.Errorf("resident 0's long-run baselines read back as %+v", lr)
	}
	if q.Residents[1].LongRun != nil {
		t.Errorf("resident 1 has long-run baselines %+v, none were written", *q.Residents[1].LongRun)
	}
}
