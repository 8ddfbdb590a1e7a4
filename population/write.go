package population

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/sim"
)

// File names Write uses.
const (
	HouseholdsFile = "households.csv"
	ResidentsFile  = "residents.csv"
	TiesFile       = "ties.csv"
)

// Write writes p into dir (created if needed) as households.csv,
// residents.csv and, if p.Ties is not nil, ties.csv, each atomically. Ids
// are the indices: households h0, h1, ..., residents r0, r1, ...,
// buildings b0, b1, .... Reading the files back gives p again, and writing
// that gives the same bytes.
func Write(dir string, p *sim.Population) error {
	if err := Check(p); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer, *sim.Population) error
	}{{HouseholdsFile, WriteHouseholds}, {ResidentsFile, WriteResidents}}
	if p.Ties != nil {
		files = append(files, struct {
			name  string
			write func(io.Writer, *sim.Population) error
		}{TiesFile, WriteTies})
	}
	for _, f := range files {
		err := atomicfile.Write(filepath.Join(dir, f.name), func(w io.Writer) error { return f.write(w, p) })
		if err != nil {
			return err
		}
	}
	return nil
}

// Check reports the first reason p cannot be written: households out of
// building order, a building or household without members, residents out
// of household order, an index out of range.
func Check(p *sim.Population) error {
	if p == nil || len(p.Households) == 0 || len(p.Residents) == 0 {
		return fmt.Errorf("population: no households or no residents")
	}
	if p.Buildings < 1 || p.Buildings > len(p.Households) {
		return fmt.Errorf("population: %d buildings for %d households", p.Buildings, len(p.Households))
	}
	next := int32(0) // the building that must come next
	for h, hh := range p.Households {
		switch hh.Building {
		case next:
			next++
		case next - 1:
		default:
			return fmt.Errorf("population: household %d is in building %d, out of order after building %d (a building without households cannot be written)", h, hh.Building, next-1)
		}
	}
	if int(next) != p.Buildings {
		return fmt.Errorf("population: buildings %d to %d have no households", next, p.Buildings-1)
	}
	for h, hh := range p.Households {
		if !(hh.Income >= 0 && hh.Income <= maxIncome) {
			return fmt.Errorf("population: household %d has income %g, outside [0, %g]", h, hh.Income, maxIncome)
		}
	}
	nextH := int32(0)
	for i, r := range p.Residents {
		switch r.Household {
		case nextH:
			nextH++
		case nextH - 1:
		default:
			return fmt.Errorf("population: resident %d is in household %d, out of order after household %d (a household without residents cannot be written)", i, r.Household, nextH-1)
		}
		if err := checkResident(i, r); err != nil {
			return err
		}
	}
	if int(nextH) != len(p.Households) {
		return fmt.Errorf("population: households %d to %d have no residents", nextH, len(p.Households)-1)
	}
	for k, t := range p.Ties {
		if t.A < 0 || t.B < 0 || int(t.A) >= len(p.Residents) || int(t.B) >= len(p.Residents) || t.A == t.B {
			return fmt.Errorf("population: tie %d joins residents %d and %d", k, t.A, t.B)
		}
		if t.Kind < sim.TieNeighbour || int(t.Kind-sim.TieNeighbour) >= len(sim.TieKinds) {
			return fmt.Errorf("population: tie %d has kind %d", k, t.Kind)
		}
		if !inUnit(t.Strength, true) {
			return fmt.Errorf("population: tie %d has strength %g, outside [0,1]", k, t.Strength)
		}
	}
	return nil
}

// checkResident reports why resident i cannot be written and read back.
func checkResident(i int, r sim.PopResident) error {
	switch {
	case r.Age > sim.Elder:
		return fmt.Errorf("population: resident %d has age group %d", i, r.Age)
	case !inUnit(r.Education, false):
		return fmt.Errorf("population: resident %d has education %g, outside [0,1]", i, r.Education)
	case r.Age == sim.Child && (r.Education != 0 || r.Vulnerable || r.Party):
		return fmt.Errorf("population: resident %d is a child with education, vulnerability or party membership", i)
	}
	for _, x := range [...]float64{r.Threshold, r.Interest, r.Belonging, r.Trust, r.Efficacy, r.RoleClarity, r.Norm} {
		if !inUnit(x, true) {
			return fmt.Errorf("population: resident %d has a value %g outside [0,1]", i, x)
		}
	}
	return nil
}

// inUnit reports whether x is in [0,1], or NaN if nan is allowed.
func inUnit(x float64, nan bool) bool {
	return x >= 0 && x <= 1 || nan && math.IsNaN(x)
}

// header writes the names of cols as a CSV header row.
func header(w *bufio.Writer, cols []column) {
	for k, c := range cols {
		if k > 0 {
			w.WriteByte(',')
		}
		w.WriteString(c.name)
	}
	w.WriteByte('\n')
}

// appendFloat writes x in the shortest decimal form that reads back as the
// same float32, the engine's precision; NaN (not given) is an empty cell.
func appendFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) {
		return b
	}
	return strconv.AppendFloat(b, x, 'f', -1, 32)
}

// WriteHouseholds writes the households of p as households.csv.
func WriteHouseholds(w io.Writer, p *sim.Population) error {
	bw := bufio.NewWriter(w)
	header(bw, householdColumns)
	var b []byte
	for h, hh := range p.Households {
		b = append(b[:0], 'h')
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, ",b"...)
		b = strconv.AppendInt(b, int64(hh.Building), 10)
		b = append(b, ',')
		b = appendFloat(b, hh.Income)
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// WriteResidents writes the residents of p as residents.csv, with every
// optional column (empty where the value is not given).
func WriteResidents(w io.Writer, p *sim.Population) error {
	bw := bufio.NewWriter(w)
	header(bw, residentColumns)
	var b []byte
	for i := range p.Residents {
		r := &p.Residents[i]
		b = append(b[:0], 'r')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ",h"...)
		b = strconv.AppendInt(b, int64(r.Household), 10)
		b = append(b, ',')
		b = append(b, ageNames[min(r.Age, sim.Elder)]...)
		b = append(b, ',')
		b = appendEducation(b, r)
		b = append(b, ',')
		b = strconv.AppendBool(b, r.Vulnerable)
		b = append(b, ',')
		b = strconv.AppendBool(b, r.Party)
		for _, x := range [...]float64{r.Threshold, r.Interest, r.Belonging, r.Trust, r.Efficacy, r.RoleClarity, r.Norm} {
			b = append(b, ',')
			b = appendFloat(b, x)
		}
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// appendEducation writes a level's name when the value is one of the four
// levels, the number otherwise, and nothing for a child without schooling.
func appendEducation(b []byte, r *sim.PopResident) []byte {
	if r.Age == sim.Child && r.Education == 0 {
		return b
	}
	for k, name := range educationNames {
		if r.Education == educationLevel(k) {
			return append(b, name...)
		}
	}
	return appendFloat(b, r.Education)
}

// WriteTies writes the ties of p as ties.csv, in order.
func WriteTies(w io.Writer, p *sim.Population) error {
	bw := bufio.NewWriter(w)
	header(bw, tieColumns)
	var b []byte
	for _, t := range p.Ties {
		b = append(b[:0], 'r')
		b = strconv.AppendInt(b, int64(t.A), 10)
		b = append(b, ",r"...)
		b = strconv.AppendInt(b, int64(t.B), 10)
		b = append(b, ',')
		b = append(b, sim.TieKinds[t.Kind-sim.TieNeighbour]...)
		b = append(b, ',')
		b = appendFloat(b, t.Strength)
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// Equal reports whether a and b describe the same community, value for
// value, with "not given" (NaN) equal to itself.
func Equal(a, b *sim.Population) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Buildings != b.Buildings || len(a.Households) != len(b.Households) || len(a.Residents) != len(b.Residents) ||
		len(a.Ties) != len(b.Ties) || (a.Ties == nil) != (b.Ties == nil) {
		return false
	}
	for h := range a.Households {
		x, y := a.Households[h], b.Households[h]
		if x.Building != y.Building || !sameFloat(x.Income, y.Income) {
			return false
		}
	}
	for i := range a.Residents {
		x, y := &a.Residents[i], &b.Residents[i]
		if x.Household != y.Household || x.Age != y.Age || !sameFloat(x.Education, y.Education) || x.Vulnerable != y.Vulnerable ||
			x.Party != y.Party || !sameFloat(x.Threshold, y.Threshold) || !sameFloat(x.Interest, y.Interest) ||
			!sameFloat(x.Belonging, y.Belonging) || !sameFloat(x.Trust, y.Trust) || !sameFloat(x.Efficacy, y.Efficacy) ||
			!sameFloat(x.RoleClarity, y.RoleClarity) || !sameFloat(x.Norm, y.Norm) {
			return false
		}
	}
	for k := range a.Ties {
		x, y := a.Ties[k], b.Ties[k]
		if x.A != y.A || x.B != y.B || x.Kind != y.Kind || !sameFloat(x.Strength, y.Strength) {
			return false
		}
	}
	return true
}

// MembershipsFile is the file of organization memberships a snapshot
// writes beside the community. It is for reading, not read back: a
// scenario's organizations are always synthesised.
const MembershipsFile = "memberships.csv"

// WriteMemberships writes ms as memberships.csv: resident_id (as in
// residents.csv), organization_id (o0, o1, ...), the organization's kind
// and grid (g0, g1, ...).
func WriteMemberships(w io.Writer, ms []sim.PopMembership) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("resident_id,organization_id,kind,grid\n")
	var b []byte
	for _, m := range ms {
		b = append(b[:0], 'r')
		b = strconv.AppendInt(b, int64(m.Resident), 10)
		b = append(b, ",o"...)
		b = strconv.AppendInt(b, int64(m.Org), 10)
		b = append(b, ',')
		b = append(b, m.Kind.String()...)
		b = append(b, ",g"...)
		b = strconv.AppendInt(b, int64(m.Grid), 10)
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}
