package population

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math"
	"os"

	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/sim"
)

// Limits on what one community may hold.
const (
	// MaxHouseholds is the most households a file may list, as many as a
	// scenario may synthesise (community.households).
	MaxHouseholds = 2_000_000
	// MaxResidents is the most residents a file may list.
	MaxResidents = 20_000_000
	// MaxTieRows is the most rows a ties file may have per resident: a
	// guard against a file out of all proportion to its community (a mean
	// of 16 ties per resident listed both ways, 32 listed once). One
	// resident may have any number of ties.
	MaxTieRows = 16
)

// The columns of each file, in the order Write writes them.
var (
	householdColumns = []column{{"household_id", true}, {"building", true}, {"income", true}}
	residentColumns  = []column{{"resident_id", true}, {"household_id", true}, {"age", true}, {"education", true},
		{"vulnerable", true}, {"party_member", true}, {"threshold", false}, {"interest", false}, {"belonging", false},
		{"trust", false}, {"efficacy", false}, {"role_clarity", false}, {"norm", false},
		{"belonging_baseline", false}, {"trust_baseline", false}, {"efficacy_baseline", false}, {"norm_baseline", false}}
	tieColumns = []column{{"resident_a", true}, {"resident_b", true}, {"kind", true}, {"strength", false}}
)

// Column positions in the lists above.
const (
	hID, hBuilding, hIncome                                                = 0, 1, 2
	rID, rHousehold, rAge, rEducation, rVulnerable, rParty, rFirstOptional = 0, 1, 2, 3, 4, 5, 6
	rFirstBaseline                                                         = 13
	tA, tB, tKind, tStrength                                               = 0, 1, 2, 3
)

// Input is one data file: its name, as shown in errors, and its content.
type Input struct {
	Name string
	R    io.Reader
}

// Read reads the community in the households, residents and (unless
// tiesPath is "") ties files. Any problem is an Errors.
func Read(householdsPath, residentsPath, tiesPath string) (*sim.Population, error) {
	p, _, err := ReadSum(householdsPath, residentsPath, tiesPath)
	return p, err
}

// ReadSum is Read that also returns a hex SHA-256 of the files' contents,
// which identifies the data in manifests.
func ReadSum(householdsPath, residentsPath, tiesPath string) (*sim.Population, string, error) {
	paths := []string{householdsPath, residentsPath, tiesPath}
	inputs := make([]Input, 3)
	sums := make([]hash.Hash, 3)
	for k, path := range paths {
		if path == "" {
			continue
		}
		f, err := open(path)
		if err != nil {
			return nil, "", Errors{err}
		}
		defer f.Close()
		sums[k] = sha256.New()
		inputs[k] = Input{Name: path, R: io.TeeReader(f, sums[k])}
	}
	p, err := Parse(inputs[0], inputs[1], inputs[2])
	if err != nil {
		return nil, "", err
	}
	all := sha256.New()
	for k, name := range []string{"households", "residents", "ties"} {
		if sums[k] != nil {
			fmt.Fprintf(all, "%s %x\n", name, sums[k].Sum(nil))
		}
	}
	return p, hex.EncodeToString(all.Sum(nil)), nil
}

// open opens a regular file, with a located error otherwise.
func open(path string) (*os.File, *Error) {
	f, err := regular.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{File: path, Msg: "no such file"}
	case errors.Is(err, regular.ErrNotRegular):
		return nil, &Error{File: path, Msg: "not a regular file"}
	case err != nil:
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return f, nil
}

// Parse reads a community from households and residents and, if ties.R is
// not nil, ties (otherwise the engine weaves synthetic ties). It checks
// every cell and every reference between the files, and puts households
// in building order and residents in household order, as sim.Population
// requires. Any problem is an Errors.
func Parse(households, residents, ties Input) (*sim.Population, error) {
	var errs collector
	if households.R == nil || residents.R == nil {
		return nil, Errors{{File: households.Name + residents.Name, Msg: "population: households and residents are both required"}}
	}
	hh := readHouseholds(households, &errs)
	res := readResidents(residents, hh, &errs)
	p := order(hh, res, &errs)
	if ties.R != nil {
		ts := readTies(ties, res, &errs)
		if p != nil && ts != nil {
			p.Ties = make([]sim.PopTie, len(ts.ties))
			for k, t := range ts.ties {
				t.A, t.B = res.pos[t.A], res.pos[t.B]
				p.Ties[k] = t
			}
		}
	}
	if len(errs.errs) > 0 {
		return nil, errs.errs
	}
	if p == nil {
		// Not reached: every failure above records an error.
		return nil, Errors{{File: households.Name, Msg: "population: no community read"}}
	}
	return p, nil
}

// householdTable is the households file as read, in file order.
type householdTable struct {
	file      string
	partial   bool // see table.partial
	lastID    string
	last      int32
	lastOK    bool
	ids       map[string]int32 // id → row
	rows      []householdRow
	buildings int
}

// lookup finds a household by id. Residents usually come household by
// household, so the last answer is tried first.
func (h *householdTable) lookup(id string) (int32, bool) {
	if h.lastOK && id == h.lastID {
		return h.last, true
	}
	k, ok := h.ids[id]
	h.lastID, h.last, h.lastOK = id, k, ok
	return k, ok
}

type householdRow struct {
	id        string
	building  int32
	income    float64
	line, col int // of the id cell
}

func readHouseholds(in Input, errs *collector) *householdTable {
	t := newTable(in.R, in.Name, householdColumns, errs)
	if t == nil {
		return nil
	}
	h := &householdTable{file: in.Name, ids: map[string]int32{}}
	buildings := map[string]int32{}
	for t.next() {
		if t.rows > MaxHouseholds {
			t.failRow(fmt.Sprintf("more than %d households, the most a community may have", MaxHouseholds))
			break
		}
		id, ok := t.newID(hID, "household", h.ids, func(k int32) int { return h.rows[k].line })
		if !ok {
			continue
		}
		row := householdRow{id: id}
		row.line, row.col = t.pos(hID)
		h.ids[id] = int32(len(h.rows))
		if b := t.cell(hBuilding); idError(b) != "" {
			t.fail(hBuilding, "the building label "+idError(b))
		} else {
			k, ok := buildings[b]
			if !ok {
				k = int32(len(buildings))
				buildings[b] = k
			}
			row.building = k
		}
		var msg string
		if row.income, msg = income(t.cell(hIncome)); msg != "" {
			t.fail(hIncome, msg)
		}
		h.rows = append(h.rows, row)
	}
	h.buildings = len(buildings)
	if t.rows == 0 && !errs.full() {
		errs.add(&Error{File: in.Name, Msg: "no households: the file has a header but no rows"})
		t.partial = true
	}
	h.partial = t.partial
	return h
}

// residentTable is the residents file as read, in file order.
type residentTable struct {
	file    string
	partial bool // see table.partial
	// The last id found at each end of a tie: ties are often listed
	// resident by resident.
	lastID [2]string
	last   [2]int32
	ids    map[string]int32 // id → row
	rows   []residentRow
	pos    []int32 // row → index in the Population, set by order
}

// lookup finds a resident by id, for end e of a tie.
func (rs *residentTable) lookup(e int, id string) (int32, bool) {
	if rs.lastID[e] != "" && id == rs.lastID[e] {
		return rs.last[e], true
	}
	k, ok := rs.ids[id]
	if ok {
		rs.lastID[e], rs.last[e] = id, k
	}
	return k, ok
}

type residentRow struct {
	id        string
	household int32 // row in the households file, -1 if unknown
	r         sim.PopResident
	line, col int
}

func readResidents(in Input, hh *householdTable, errs *collector) *residentTable {
	t := newTable(in.R, in.Name, residentColumns, errs)
	if t == nil {
		return nil
	}
	rs := &residentTable{file: in.Name, ids: map[string]int32{}}
	for t.next() {
		if t.rows > MaxResidents {
			t.failRow(fmt.Sprintf("more than %d residents, the most a community may have", MaxResidents))
			break
		}
		id, ok := t.newID(rID, "resident", rs.ids, func(k int32) int { return rs.rows[k].line })
		if !ok {
			continue
		}
		row := residentRow{id: id, household: -1}
		row.line, row.col = t.pos(rID)
		rs.ids[id] = int32(len(rs.rows))
		if hid := t.cell(rHousehold); idError(hid) != "" {
			t.fail(rHousehold, "the household id "+idError(hid))
			t.partial = true // its household is not known
		} else if hh != nil && !hh.partial {
			if k, ok := hh.lookup(hid); ok {
				row.household = k
			} else {
				t.fail(rHousehold, fmt.Sprintf("no household %s in %s", show(hid), hh.file))
			}
		}
		rs.rows = append(rs.rows, row)
		readResident(t, &rs.rows[len(rs.rows)-1].r)
	}
	if t.rows == 0 && !errs.full() {
		errs.add(&Error{File: in.Name, Msg: "no residents: the file has a header but no rows"})
		t.partial = true
	}
	rs.partial = t.partial
	return rs
}

// readResident reads the values of one resident from the current record.
func readResident(t *table, r *sim.PopResident) {
	var msg string
	ageOK := true
	if r.Age, msg = age(t.cell(rAge)); msg != "" {
		t.fail(rAge, msg)
		ageOK = false
	}
	child := ageOK && r.Age == sim.Child
	switch edu := t.cell(rEducation); {
	case child && (edu == "" || edu == "0"):
	case child:
		t.fail(rEducation, "a child's education must be empty or 0 (children's schooling does not enter the model), got "+show(edu))
	case edu == "":
		t.fail(rEducation, "is required for adults and elders: primary, middle, high or college, or a number from 0 to 1")
	default:
		if r.Education, msg = education(edu); msg != "" {
			t.fail(rEducation, msg)
		}
	}
	if r.Vulnerable, msg = boolean(t.cell(rVulnerable)); msg != "" {
		t.fail(rVulnerable, msg)
	} else if child && r.Vulnerable {
		t.fail(rVulnerable, "a child cannot be marked vulnerable: the model counts children's needs as their parents'; mark the adult who cares for them")
	}
	if r.Party, msg = boolean(t.cell(rParty)); msg != "" {
		t.fail(rParty, msg)
	} else if child && r.Party {
		t.fail(rParty, "a child cannot be a party member")
	}
	for k, dst := range []*float64{&r.Threshold, &r.Interest, &r.Belonging, &r.Trust, &r.Efficacy, &r.RoleClarity, &r.Norm} {
		if *dst, msg = optionalShare(t.cell(rFirstOptional + k)); msg != "" {
			t.fail(rFirstOptional+k, msg)
		}
	}
	lr := sim.PopBaselines{}
	given := false
	for k, dst := range []*float64{&lr.Belonging, &lr.Trust, &lr.Efficacy, &lr.Norm} {
		if *dst, msg = optionalShare(t.cell(rFirstBaseline + k)); msg != "" {
			t.fail(rFirstBaseline+k, msg)
		}
		given = given || !math.IsNaN(*dst)
	}
	if given {
		r.LongRun = &lr
	}
}

// order numbers households in building order and residents in household
// order (both stable: file order within a building or a household), and
// reports households without residents. It returns nil if hh or rs could
// not be read.
func order(hh *householdTable, rs *residentTable, errs *collector) *sim.Population {
	if hh == nil || rs == nil || hh.partial {
		return nil
	}
	// Counting sort of households by building.
	start := make([]int, hh.buildings+1)
	for _, h := range hh.rows {
		start[h.building+1]++
	}
	for b := range hh.buildings {
		start[b+1] += start[b]
	}
	hpos := make([]int32, len(hh.rows))
	p := &sim.Population{Buildings: hh.buildings, Households: make([]sim.PopHousehold, len(hh.rows))}
	for k, h := range hh.rows {
		at := start[h.building]
		start[h.building]++
		hpos[k] = int32(at)
		p.Households[at] = sim.PopHousehold{Building: h.building, Income: h.income}
	}
	// Counting sort of residents by household position.
	members := make([]int, len(hh.rows)+1)
	for _, r := range rs.rows {
		if r.household >= 0 {
			members[hpos[r.household]+1]++
		}
	}
	// A few empty households are named; a file of residents that matches
	// few households would otherwise bury every other error.
	const named = 3
	empty := 0
	for k, h := range hh.rows {
		if members[hpos[k]+1] > 0 || rs.partial {
			continue
		}
		if empty++; empty <= named {
			errs.add(&Error{File: hh.file, Line: h.line, Column: h.col, Field: "household_id",
				Msg: fmt.Sprintf("household %s has no residents in %s", show(h.id), rs.file)})
		}
	}
	if empty > named {
		errs.add(&Error{File: hh.file, Msg: fmt.Sprintf("%d more households have no residents in %s", empty-named, rs.file)})
	}
	for k := range hh.rows {
		members[k+1] += members[k]
	}
	rs.pos = make([]int32, len(rs.rows))
	p.Residents = make([]sim.PopResident, members[len(hh.rows)])
	for k, r := range rs.rows {
		if r.household < 0 {
			rs.pos[k] = -1
			continue
		}
		h := hpos[r.household]
		at := members[h]
		members[h]++
		rs.pos[k] = int32(at)
		r.r.Household = h
		p.Residents[at] = r.r
	}
	return p
}

// tieTable is the ties file as read: ties between residents' file rows,
// each pair once.
type tieTable struct {
	ties []sim.PopTie // A and B are rows of the residents file
}

func readTies(in Input, rs *residentTable, errs *collector) *tieTable {
	t := newTable(in.R, in.Name, tieColumns, errs)
	if t == nil {
		return nil
	}
	ts := &tieTable{}
	// Each tie so far, by its ends (lower first), as its index into
	// ts.ties: a repeat is found whatever the residents' degrees.
	seen := map[[2]int32]int32{}
	var lines []int32 // of each tie in ts.ties
	// The residents read set the limit, unless their reading stopped
	// early: then their count is unknown, not small.
	limit := MaxTieRows * MaxResidents
	if rs != nil && !rs.partial {
		limit = MaxTieRows * max(1, len(rs.rows))
	}
	for t.next() {
		if t.rows > limit {
			t.failRow(fmt.Sprintf("more than %d rows, %d for each resident: list each tie once (or once each way)", limit, MaxTieRows))
			break
		}
		var ends [2]int32
		ok := true
		for e, k := range [2]int{tA, tB} {
			id := t.cell(k)
			if msg := idError(id); msg != "" {
				t.fail(k, "the resident id "+msg)
				ok = false
				continue
			}
			if rs == nil || rs.partial {
				ok = false
				continue
			}
			r, found := rs.lookup(e, id)
			if !found {
				t.fail(k, fmt.Sprintf("no resident %s in %s", show(id), rs.file))
				ok = false
				continue
			}
			ends[e] = r
		}
		kind, msg := tieKind(t.cell(tKind))
		if msg != "" {
			t.fail(tKind, msg)
			ok = false
		}
		strength := math.NaN()
		if t.has(tStrength) {
			if strength, msg = optionalShare(t.cell(tStrength)); msg != "" {
				t.fail(tStrength, msg)
				ok = false
			}
		}
		if !ok {
			continue
		}
		a, b := ends[0], ends[1]
		ra, rb := &rs.rows[a], &rs.rows[b]
		switch {
		case a == b:
			t.fail(tB, fmt.Sprintf("a tie from resident %s to itself", show(ra.id)))
			continue
		case ra.household >= 0 && ra.household == rb.household:
			t.fail(tB, fmt.Sprintf("residents %s and %s live in the same household; household members are tied already, leave the row out", show(ra.id), show(rb.id)))
			continue
		}
		tie := sim.PopTie{A: a, B: b, Kind: kind, Strength: strength}
		pair := [2]int32{min(a, b), max(a, b)}
		if k, ok := seen[pair]; ok {
			// The same tie again, or the other way round, is fine; a
			// different kind or strength is a contradiction.
			first := ts.ties[k]
			if first.Kind != kind || !sameFloat(first.Strength, strength) {
				t.fail(tKind, fmt.Sprintf("the tie between %s and %s is listed at line %d with another kind or strength", show(ra.id), show(rb.id), lines[k]))
			}
			continue
		}
		seen[pair] = int32(len(ts.ties))
		ts.ties = append(ts.ties, tie)
		lines = append(lines, int32(t.line))
	}
	if rs == nil {
		return nil
	}
	return ts
}

// sameFloat is == with NaN equal to NaN.
func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// sameFloats reports whether a and b hold the same values, a missing slice
// counting as one of NaNs (values not given).
func sameFloats(a, b []float64) bool {
	for k := range max(len(a), len(b)) {
		x, y := math.NaN(), math.NaN()
		if k < len(a) {
			x = a[k]
		}
		if k < len(b) {
			y = b[k]
		}
		if !sameFloat(x, y) {
			return false
		}
	}
	return true
}
