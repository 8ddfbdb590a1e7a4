package effects

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Measures are the four middle-stage measures of SF3's factorial, in the
// order of a cell's bits.
var Measures = [4]string{"party_linkage", "cultural_activities", "organization_cultivation", "discussion_channels"}

// abbrev shortens a measure in names of interactions.
var abbrev = [4]string{"party", "cultural", "orgs", "discussion"}

// variant is one scenario the checks read: a built-in scenario with extra
// overrides.
type variant struct {
	name, base string
	set        []string
}

// cell names the factorial cell whose measures are the bits of mask (bit
// i: Measures[i] taken). The full cell is the full programme itself.
func cell(mask int) string {
	if mask == 15 {
		return "full-programme"
	}
	return fmt.Sprintf("sf3-%04b", bitsReversed(mask))
}

// bitsReversed writes Measures[0] first in a cell's name.
func bitsReversed(mask int) int {
	r := 0
	for i := range 4 {
		if mask&(1<<i) != 0 {
			r |= 1 << (3 - i)
		}
	}
	return r
}

// variants are every scenario the checks need: the built-in ones, then the
// 15 other cells of SF3's factorial. A cell is the full programme with the
// measures it lacks switched off in the middle stage and in their
// continuation in the later stage; the later stage's own measures
// (multi_actor_services, handover) stay as in the full programme in every
// cell, so that cells differ only by the four measures.
func variants() []variant {
	vs := []variant{
		{name: "baseline", base: "baseline"},
		{name: "full-programme", base: "full-programme"},
		{name: "sustained-funding", base: "sustained-funding"},
		{name: "heavy-bureaucracy", base: "heavy-bureaucracy"},
		{name: "vague-role", base: "vague-role"},
		{name: "low-income", base: "low-income"},
		{name: "more-educated", base: "more-educated"},
	}
	for mask := range 15 {
		v := variant{name: cell(mask), base: "full-programme"}
		for i, m := range Measures {
			if mask&(1<<i) != 0 {
				continue
			}
			for _, stage := range []string{"middle", "later"} {
				v.set = append(v.set,
					"stages."+stage+"."+m+".intensity=0",
					"stages."+stage+"."+m+".weekly_cost=0")
			}
		}
		vs = append(vs, v)
	}
	return vs
}

// Scenarios loads every scenario the checks need with the overrides
// applied, except to the keys a scenario is about: heavy-bureaucracy keeps
// its bureaucracy whatever the overrides say, so that a point of a
// parameter sweep changes the conditions of a comparison, never the
// comparison itself. It returns the scenarios' names and configurations,
// in the same order.
func Scenarios(overrides []string) ([]string, []*sim.Config, error) {
	vs := variants()
	keys, err := protected()
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(vs))
	cfgs := make([]*sim.Config, len(vs))
	for i, v := range vs {
		var sets []string
		for _, o := range overrides {
			path, _, _ := strings.Cut(o, "=")
			if !keys[v.base][strings.TrimSpace(path)] {
				sets = append(sets, o)
			}
		}
		s, err := scenario.Load(v.base, append(sets, v.set...))
		if err != nil {
			return nil, nil, fmt.Errorf("scenario %s: %w", v.name, err)
		}
		names[i], cfgs[i] = v.name, &s.Config
	}
	return names, cfgs, nil
}

var (
	protectedOnce sync.Once
	protectedKeys map[string]map[string]bool
	protectedErr  error
)

// protected returns, by built-in scenario, the keys it is about (ownKeys),
// computed once: the scenarios are embedded and never change.
func protected() (map[string]map[string]bool, error) {
	protectedOnce.Do(func() {
		baseline, err := scenario.Load("baseline", nil)
		if err != nil {
			protectedErr = err
			return
		}
		protectedKeys = map[string]map[string]bool{}
		for _, v := range variants() {
			if _, done := protectedKeys[v.base]; done {
				continue
			}
			own, err := scenario.Load(v.base, nil)
			if err != nil {
				protectedErr = err
				return
			}
			protectedKeys[v.base] = ownKeys(own, baseline)
		}
	})
	return protectedKeys, protectedErr
}

// ownKeys returns the keys of the model's tables in which s differs from
// the baseline.
func ownKeys(s, baseline *scenario.Scenario) map[string]bool {
	base := map[string]any{}
	for _, p := range scenario.Params(baseline) {
		base[p.Path] = p.Value
	}
	own := map[string]bool{}
	for _, p := range scenario.Params(s) {
		if p.Group != "" && !reflect.DeepEqual(p.Value, base[p.Path]) {
			own[p.Path] = true
		}
	}
	return own
}
