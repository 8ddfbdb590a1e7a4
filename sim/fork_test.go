package sim

import (
	"context"
	"math"
	"reflect"
	"testing"
)

// A run forked at ForkWeek from another scenario equals, bit for bit, a run
// of its own scenario from the start.
func TestForkEqualsFreshRun(t *testing.T) {
	base := short(Defaults())
	full := short(programme())
	middle := full
	middle.Stages.Middle.CulturalActivities.Intensity = 3
	sustained := full
	sustained.FollowUp.OrgFundsPerWeek = 80
	team := full
	team.Project.SocialWorkers = 7
	team.Project.LocalHires = 3
	longerMiddle := full
	longerMiddle.Calendar.Middle += 3 // the middle stage ends at week 14 instead of 11
	longerFollowUp := sustained
	longerFollowUp.Calendar.FollowUp += 2
	baseLonger := base
	baseLonger.Calendar.Later += 5
	for _, tc := range []struct {
		name     string
		from, to Config
		week     int
	}{
		{"baseline to programme", base, full, 2},
		{"programme to another middle stage", full, middle, 6},
		{"programme to sustained funding", full, sustained, 18},
		{"programme to a bigger team", full, team, 2},
		// Week 13 is the middle stage's last of 14 under full's calendar,
		// so it measures the network there, and not under the other.
		{"programme to a longer middle stage", full, longerMiddle, 13},
		{"programme to sustained funding and a longer follow-up", full, longerFollowUp, 18},
		{"sustained funding to a longer follow-up", sustained, longerFollowUp, 21},
		{"baseline to a longer later stage", base, baseLonger, 17},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if w := ForkWeek(&tc.from, &tc.to); w != tc.week {
				t.Fatalf("ForkWeek = %d, want %d", w, tc.week)
			}
			fresh := mustNew(t, tc.to, 11, 2)
			fresh.EnableGroups()
			want, err := fresh.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			e := mustNew(t, tc.from, 11, 2)
			e.EnableGroups() // and the fork inherits the groups measured so far
			for range tc.week {
				e.Step()
			}
			f, err := e.Fork(&tc.to, 3)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			e.Step() // the parent goes on without disturbing the fork
			got, err := f.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d := recordDiff(want, got); d != "" {
				t.Fatalf("fork against a fresh run: %s", d)
			}
			if !reflect.DeepEqual(want.Groups, got.Groups) || !sameBits(want.GroupValues, got.GroupValues) {
				t.Fatalf("fork against a fresh run: the groups differ")
			}
		})
	}
}

func TestForkWeekFromTheStart(t *testing.T) {
	a := short(programme())
	for name, change := range map[string]func(*Config){
		"community":    func(c *Config) { c.Community.Households++ },
		"macro":        func(c *Config) { c.Macro.Bureaucracy = 0.9 },
		"role clarity": func(c *Config) { c.Project.RoleClarity = 0.01 },
		"behaviour":    func(c *Config) { c.Behaviour.Drift = 0.5 },
		"pre-project":  func(c *Config) { c.Calendar.PreProject = 0 },
	} {
		b := a
		b.Community.EducationMix = append([]float64(nil), a.Community.EducationMix...)
		change(&b)
		if w := ForkWeek(&a, &b); w != 0 {
			t.Errorf("%s differs, yet ForkWeek = %d", name, w)
		}
	}
	if w := ForkWeek(&a, &a); w != a.Calendar.Weeks() {
		t.Errorf("identical configurations fork at %d, want the horizon %d", w, a.Calendar.Weeks())
	}
}

// Every resident slice is copied, none shared: a field added to residents
// and forgotten in clone fails here.
func TestResidentsCloneSharesNothing(t *testing.T) {
	e := mustNew(t, short(Defaults()), 1, 1)
	c := e.r.clone()
	a, b := reflect.ValueOf(e.r), reflect.ValueOf(c)
	for k := range a.NumField() {
		if a.Field(k).Kind() == reflect.Slice && a.Field(k).Len() > 0 && a.Field(k).Pointer() == b.Field(k).Pointer() {
			t.Errorf("residents.%s is shared by the clone", a.Type().Field(k).Name)
		}
	}
}

// sameBits reports whether a and b hold the same floats, bit for bit.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}
