package sim

import (
	"fmt"
	"math"
)

// Population is a community given as data rather than synthesised: the
// households, residents and (optionally) ties of a real roster, already
// checked and put in order by the reader (package population). Indices are
// dense: households are numbered 0..len-1 in building order, residents in
// household order, and buildings 0..Buildings-1. Optional values are NaN
// when the data do not give them; the scenario's distributions fill them.
type Population struct {
	Buildings  int
	Households []PopHousehold
	Residents  []PopResident
	// Ties, if not nil, replace the synthetic neighbour and friend ties.
	// Household ties are implicit and need not be listed.
	Ties []PopTie
}

// PopHousehold is one household of a Population.
type PopHousehold struct {
	Building int32
	Income   float64 // yuan a month
}

// PopResident is one resident of a Population.
type PopResident struct {
	Household  int32
	Age        uint8   // Child, Adult or Elder
	Education  float64 // in [0,1]; 0 for children
	Vulnerable bool
	Party      bool
	// Optional, NaN when not given.
	Threshold, Interest                           float64
	Belonging, Trust, Efficacy, RoleClarity, Norm float64
}

// PopTie is one non-household tie between residents A and B.
type PopTie struct {
	A, B     int32
	Kind     uint8   // TieNeighbour, TieFriend or TieGrown
	Strength float64 // NaN for the kind's default
}

// Tie kinds as data files name them, in the order of the tie* constants.
var TieKinds = [...]string{"neighbour", "friend", "grown"}

// Exported tie kinds for PopTie.Kind.
const (
	TieNeighbour = tieNeighbour
	TieFriend    = tieFriend
	TieGrown     = tieGrown
)

// check reports the first inconsistency of p: what the reader must have
// guaranteed, verified again because the engine relies on it.
func (p *Population) check() error {
	if len(p.Households) == 0 || len(p.Residents) == 0 {
		return fmt.Errorf("population: no households or no residents")
	}
	if p.Buildings < 1 {
		return fmt.Errorf("population: %d buildings", p.Buildings)
	}
	for h, hh := range p.Households {
		if hh.Building < 0 || int(hh.Building) >= p.Buildings || h > 0 && hh.Building < p.Households[h-1].Building {
			return fmt.Errorf("population: household %d in building %d is out of building order", h, hh.Building)
		}
	}
	for i, r := range p.Residents {
		if r.Household < 0 || int(r.Household) >= len(p.Households) || i > 0 && r.Household < p.Residents[i-1].Household {
			return fmt.Errorf("population: resident %d of household %d is out of household order", i, r.Household)
		}
		if r.Age > Elder {
			return fmt.Errorf("population: resident %d has age group %d", i, r.Age)
		}
	}
	members := make([]int, len(p.Households))
	for _, r := range p.Residents {
		members[r.Household]++
	}
	for h, m := range members {
		if m == 0 {
			return fmt.Errorf("population: household %d has no residents", h)
		}
	}
	for k, t := range p.Ties {
		if t.A < 0 || t.B < 0 || int(t.A) >= len(p.Residents) || int(t.B) >= len(p.Residents) || t.A == t.B {
			return fmt.Errorf("population: tie %d joins %d and %d", k, t.A, t.B)
		}
		if t.Kind < TieNeighbour || t.Kind > TieGrown {
			return fmt.Errorf("population: tie %d has kind %d", k, t.Kind)
		}
	}
	return nil
}

// buildFromData lays out the community of e.cfg.Data. Households keep
// their order; buildings map to grids as in synthesis.
func (e *Engine) buildFromData() {
	p := e.cfg.Data
	c := &e.cfg.Community
	c.Households, c.Buildings = len(p.Households), p.Buildings
	c.Grids = min(c.Grids, c.Buildings)
	e.allocate(len(p.Residents), c.Households, c.Buildings)
	r := &e.r
	h := int32(-1)
	for i, pr := range p.Residents {
		for h < pr.Household {
			h++
			e.households.start[h] = int32(i)
			e.households.income[h] = float32(p.Households[h].Income)
		}
		b := p.Households[pr.Household].Building
		r.household[i], r.building[i], r.age[i] = pr.Household, b, pr.Age
	}
	e.households.start[len(p.Households)] = int32(r.n)
	// Buildings are contiguous: each starts at its first resident.
	next := 0
	for i := range r.n {
		for next <= int(r.building[i]) {
			e.geo.buildingStart[next] = int32(i)
			next++
		}
	}
	for ; next <= c.Buildings; next++ {
		e.geo.buildingStart[next] = int32(r.n)
	}
	e.mapGrids()
}

// mapGrids assigns buildings to grids in order, grids of equal building
// counts, and records where each grid's residents start.
func (e *Engine) mapGrids() {
	c := e.cfg.Community
	e.geo.gridStart[0] = 0
	for bb := range c.Buildings {
		g := int32(bb * c.Grids / c.Buildings)
		e.geo.buildingGrid[bb] = g
		e.geo.gridStart[g+1] = e.geo.buildingStart[bb+1]
	}
}

// applyData copies the thresholds and starting attitudes the data give
// over the drawn ones. (Education, party membership and vulnerability are
// taken in personalTraits, before the baselines that depend on them.)
func (e *Engine) applyData() {
	r := &e.r
	for i, pr := range e.cfg.Data.Residents {
		set := func(dst []float32, v float64) {
			if !math.IsNaN(v) {
				dst[i] = float32(v)
			}
		}
		set(r.threshold, pr.Threshold)
		set(r.interest, pr.Interest)
		set(r.belong, pr.Belonging)
		set(r.trust, pr.Trust)
		set(r.efficacy, pr.Efficacy)
		set(r.role, pr.RoleClarity)
		set(r.norm, pr.Norm)
	}
}

// dataTies lays the data's ties into the tie lists, each with room for
// all of its resident's ties: any degree fits.
func (e *Engine) dataTies() error {
	degree := make([]int32, e.r.n)
	for _, t := range e.cfg.Data.Ties {
		degree[t.A]++
		degree[t.B]++
	}
	e.r.allocateTies(e.cfg.Community.MaxTies, degree)
	for k, t := range e.cfg.Data.Ties {
		s := t.Strength
		if math.IsNaN(s) {
			c, b := &e.cfg.Community, &e.cfg.Behaviour
			s = [...]float64{tieNeighbour: c.NeighbourStrength, tieFriend: c.FriendStrength, tieGrown: b.GrownStrength}[t.Kind]
		}
		base := s
		if t.Kind == tieGrown {
			base = 0
		}
		a, b := int(t.A), int(t.B)
		if e.r.hasTie(a, b) {
			continue // listed twice, or both ways
		}
		if !e.r.addTie(a, b, t.Kind, float32(s), float32(base), true) {
			return fmt.Errorf("population: tie %d between %d and %d does not fit", k, a, b) // cannot happen: the lists have room for every tie
		}
	}
	return nil
}

// Population returns the community as built, in the form a Population
// file set describes, so that a synthetic community can be written out,
// edited and loaded back. Ties are listed once, with the lower index first.
func (e *Engine) Population() *Population {
	r := &e.r
	p := &Population{Buildings: len(e.geo.buildingGrid)}
	p.Households = make([]PopHousehold, len(e.households.income))
	for h := range p.Households {
		lo, _ := e.households.members(h)
		p.Households[h] = PopHousehold{Building: r.building[lo], Income: float64(e.households.income[h])}
	}
	p.Residents = make([]PopResident, r.n)
	for i := range p.Residents {
		p.Residents[i] = PopResident{
			Household: r.household[i], Age: r.age[i], Education: float64(r.edu[i]),
			Vulnerable: r.flags[i]&flagVulnerable != 0, Party: r.flags[i]&flagParty != 0,
			Threshold: float64(r.threshold[i]), Interest: float64(r.interest[i]), Belonging: float64(r.belong[i]), Trust: float64(r.trust[i]),
			Efficacy: float64(r.efficacy[i]), RoleClarity: float64(r.role[i]), Norm: float64(r.norm[i]),
		}
		to, str := r.ties(i)
		for k, j := range to {
			if int(j) > i {
				p.Ties = append(p.Ties, PopTie{A: int32(i), B: j, Kind: r.tieKind[int(r.tieStart[i])+k], Strength: float64(str[k])})
			}
		}
	}
	if p.Ties == nil {
		p.Ties = []PopTie{}
	}
	return p
}
