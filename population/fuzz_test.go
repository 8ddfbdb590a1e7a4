package population

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// seeds returns the files of the example data set and of every test case,
// by file name.
func seeds(f *testing.F) map[string][][]byte {
	out := map[string][][]byte{}
	for _, name := range []string{HouseholdsFile, ResidentsFile, TiesFile} {
		data, err := os.ReadFile(filepath.Join("..", "scenarios", "data", name))
		if err != nil {
			f.Fatal(err)
		}
		out[name] = append(out[name], data)
	}
	paths, _ := filepath.Glob("testdata/bad/*.txt")
	paths = append(paths, "testdata/base.txt", "testdata/ok-variants.txt")
	for _, p := range paths {
		h, r, t := caseFiles(f, p)
		out[HouseholdsFile] = append(out[HouseholdsFile], h)
		out[ResidentsFile] = append(out[ResidentsFile], r)
		out[TiesFile] = append(out[TiesFile], t)
	}
	return out
}

// checkErrors fails unless err is a non-empty Errors of located problems.
func checkErrors(t *testing.T, err error) {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 || len(es) > maxErrors+1 {
		t.Fatalf("error %v (%T) is not a bounded Errors", err, err)
	}
	for _, e := range es {
		if e.File == "" || e.Msg == "" || e.Line < 0 || e.Column < 0 {
			t.Fatalf("unlocated error %#v", e)
		}
	}
}

// exampleTables reads the example households and residents, which the
// fuzzers of the other files refer to.
func exampleTables(f *testing.F) (*householdTable, *residentTable) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "scenarios", "data", name))
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	var errs collector
	hh := readHouseholds(Input{HouseholdsFile, bytes.NewReader(read(HouseholdsFile))}, &errs)
	rs := readResidents(Input{ResidentsFile, bytes.NewReader(read(ResidentsFile))}, hh, &errs)
	if order(hh, rs, &errs) == nil || len(errs.errs) > 0 {
		f.Fatalf("example data: %v", errs.errs)
	}
	return hh, rs
}

func FuzzHouseholds(f *testing.F) {
	for _, s := range seeds(f)[HouseholdsFile] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs collector
		hh := readHouseholds(Input{HouseholdsFile, bytes.NewReader(data)}, &errs)
		if len(errs.errs) > 0 {
			checkErrors(t, errs.errs)
			return
		}
		if hh == nil || len(hh.rows) == 0 || hh.buildings < 1 || hh.buildings > len(hh.rows) || len(hh.ids) != len(hh.rows) {
			t.Fatalf("no error, but %+v", hh)
		}
		for _, h := range hh.rows {
			if h.building < 0 || int(h.building) >= hh.buildings || !(h.income >= 0 && h.income <= maxIncome) {
				t.Fatalf("bad row accepted: %+v", h)
			}
		}
	})
}

func FuzzResidents(f *testing.F) {
	hh, _ := exampleTables(f)
	for _, s := range seeds(f)[ResidentsFile] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs collector
		rs := readResidents(Input{ResidentsFile, bytes.NewReader(data)}, hh, &errs)
		if len(errs.errs) > 0 {
			checkErrors(t, errs.errs)
			return
		}
		for i, r := range rs.rows {
			if r.household < 0 || int(r.household) >= len(hh.rows) {
				t.Fatalf("resident %d in household %d", i, r.household)
			}
			if err := checkResident(i, r.r); err != nil {
				t.Fatalf("accepted: %v", err)
			}
		}
	})
}

func FuzzTies(f *testing.F) {
	_, rs := exampleTables(f)
	for _, s := range seeds(f)[TiesFile] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs collector
		ts := readTies(Input{TiesFile, bytes.NewReader(data)}, rs, &errs)
		if len(errs.errs) > 0 {
			checkErrors(t, errs.errs)
			return
		}
		for _, tie := range ts.ties {
			if tie.A == tie.B || rs.rows[tie.A].household == rs.rows[tie.B].household || !inUnit(tie.Strength, true) {
				t.Fatalf("bad tie accepted: %+v", tie)
			}
		}
		if len(ts.ties) > MaxTieRows*max(1, len(rs.rows)) {
			t.Fatalf("%d ties accepted for %d residents", len(ts.ties), len(rs.rows))
		}
	})
}

// FuzzParse reads whole communities: whatever reads must be writable, read
// back the same, and buildable by the engine.
func FuzzParse(f *testing.F) {
	s := seeds(f)
	for k := range s[HouseholdsFile] {
		f.Add(s[HouseholdsFile][k], s[ResidentsFile][k], s[TiesFile][k])
	}
	f.Fuzz(func(t *testing.T, h, r, ties []byte) {
		p, err := Parse(Input{HouseholdsFile, bytes.NewReader(h)}, Input{ResidentsFile, bytes.NewReader(r)}, Input{TiesFile, bytes.NewReader(ties)})
		if err != nil {
			checkErrors(t, err)
			return
		}
		if err := Check(p); err != nil {
			t.Fatalf("read, but %v", err)
		}
		var hb, rb, tb bytes.Buffer
		WriteHouseholds(&hb, p)
		WriteResidents(&rb, p)
		WriteTies(&tb, p)
		q, err := Parse(Input{HouseholdsFile, &hb}, Input{ResidentsFile, &rb}, Input{TiesFile, &tb})
		if err != nil {
			t.Fatalf("written out, it does not read: %v", err)
		}
		if !Equal(p, q) {
			t.Fatal("written out and read back, it differs")
		}
		if len(p.Residents) > 5000 {
			return // building is slow for the fuzzer, and size is not the point
		}
		cfg := sim.Defaults()
		cfg.Data = p
		e, err := sim.New(&cfg, 1, 1)
		if err != nil {
			t.Fatalf("the engine refuses it: %v", err)
		}
		e.Close()
	})
}
