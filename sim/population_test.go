package sim

import (
	"math"
	"reflect"
	"testing"
)

// A synthetic community written out as a Population and built back gives
// the same residents, households, buildings and ties.
func TestPopulationRoundTrip(t *testing.T) {
	c := short(Defaults())
	a := mustNew(t, c, 3, 1)
	p := a.Population()
	c.Data = p
	b := mustNew(t, c, 3, 1)
	if got := b.Population(); !reflect.DeepEqual(got, p) {
		t.Fatal("the community built from its own Population differs")
	}
	for name, pair := range map[string][2]any{
		"household":     {a.r.household, b.r.household},
		"building":      {a.r.building, b.r.building},
		"buildingStart": {a.geo.buildingStart, b.geo.buildingStart},
		"gridStart":     {a.geo.gridStart, b.geo.gridStart},
		"baseTrust":     {a.r.baseTrust, b.r.baseTrust},
		"time":          {a.r.time, b.r.time},
		"vulnerable":    {a.vulnerable, b.vulnerable},
		"party":         {a.party, b.party},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differs after the round trip", name)
		}
	}
}

// Missing optional values fall back to the scenario's distributions;
// given ones are used.
func TestPopulationOptionalValues(t *testing.T) {
	nan := math.NaN()
	p := &Population{Buildings: 1, Households: []PopHousehold{{0, 3000}, {0, 1500}}}
	for h := range 2 {
		for k := range 3 {
			p.Residents = append(p.Residents, PopResident{Household: int32(h), Age: Adult, Education: float64(k) / 3,
				Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan})
		}
	}
	p.Residents[0].Trust = 0.9
	p.Residents[1].Threshold = 0.4
	p.Ties = []PopTie{{A: 0, B: 3, Kind: TieFriend, Strength: nan}, {A: 3, B: 0, Kind: TieFriend, Strength: 0.9}}
	c := short(Defaults())
	c.Community.Grids = 1
	c.Data = p
	e := mustNew(t, c, 1, 1)
	if e.r.n != 6 || e.r.trust[0] != 0.9 || e.r.threshold[1] != 0.4 {
		t.Fatalf("given values not used: n=%d trust=%v threshold=%v", e.r.n, e.r.trust[0], e.r.threshold[1])
	}
	if e.r.trust[2] == 0 || e.r.trust[2] == 0.9 {
		t.Errorf("a missing trust was not drawn near its baseline: %v", e.r.trust[2])
	}
	if e.r.deg[0] != 1 || e.r.deg[3] != 1 || e.r.tieStr[0] != float32(c.Community.FriendStrength) {
		t.Errorf("ties: degrees %d %d, strength %v; want one friend tie of default strength (a repeat is ignored)", e.r.deg[0], e.r.deg[3], e.r.tieStr[0])
	}
	if e.r.deg[1] != 0 {
		t.Errorf("given ties should replace the synthetic ones, resident 1 has %d", e.r.deg[1])
	}
}

func TestPopulationRejectsDisorder(t *testing.T) {
	for name, p := range map[string]*Population{
		"empty":             {Buildings: 1},
		"building order":    {Buildings: 2, Households: []PopHousehold{{1, 1}, {0, 1}}, Residents: []PopResident{{Household: 0}, {Household: 1}}},
		"household order":   {Buildings: 1, Households: []PopHousehold{{0, 1}, {0, 1}}, Residents: []PopResident{{Household: 1}, {Household: 0}}},
		"empty household":   {Buildings: 1, Households: []PopHousehold{{0, 1}, {0, 1}}, Residents: []PopResident{{Household: 0}}},
		"self tie":          {Buildings: 1, Households: []PopHousehold{{0, 1}}, Residents: []PopResident{{Household: 0}}, Ties: []PopTie{{0, 0, TieFriend, 0.5}}},
		"unknown resident":  {Buildings: 1, Households: []PopHousehold{{0, 1}}, Residents: []PopResident{{Household: 0}}, Ties: []PopTie{{0, 5, TieFriend, 0.5}}},
		"building too high": {Buildings: 1, Households: []PopHousehold{{3, 1}}, Residents: []PopResident{{Household: 0}}},
	} {
		c := short(Defaults())
		c.Data = p
		if _, err := New(&c, 1, 1); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
