package population

import (
	"bytes"
	"os"
	"path/filepath"
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

// A community after weeks of a run reads back as written too, though
// doing things together has grown ties between members of a household,
// which the reader takes only as grown ties (a snapshot of run lists them).
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
	within := 0
	for _, tie := range p.Ties {
		if p.Residents[tie.A].Household == p.Residents[tie.B].Household {
			within++
		}
	}
	if within == 0 {
		t.Fatal("no tie within a household: the test does not exercise them")
	}
	dir := t.TempDir()
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	if q := readDir(t, dir); !Equal(p, q) {
		t.Fatal("the population read back differs from the one written")
	}
}
