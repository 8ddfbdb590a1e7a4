package sim

import (
	"fmt"
	"math"
)

// FieldError is a problem with one configuration value, named by its dotted
// TOML path.
type FieldError struct {
	Path string
	Msg  string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Msg }

// NeedTypes names the need types in the order the engine indexes them.
var NeedTypes = [NumNeeds]string{"care", "economic", "cultural", "civic", "children"}

// The need types.
const (
	NeedCare = iota
	NeedEconomic
	NeedCultural
	NeedCivic
	NeedChildren
	NumNeeds
)

// Validate checks what the per-field `min`, `max` and `enum` tags cannot:
// relations between fields. The scenario package checks the tags.
func (c *Config) Validate() []FieldError {
	var errs []FieldError
	add := func(path, format string, args ...any) {
		errs = append(errs, FieldError{path, fmt.Sprintf(format, args...)})
	}
	cm := c.Community
	if len(cm.EducationMix) != 4 {
		add("community.education_mix", "needs 4 shares (primary, middle school, high school, college), got %d", len(cm.EducationMix))
	} else if s := cm.EducationMix[0] + cm.EducationMix[1] + cm.EducationMix[2] + cm.EducationMix[3]; math.Abs(s-1) > 1e-6 {
		add("community.education_mix", "shares must sum to 1, got %g", s)
	}
	if cm.ChildShare+cm.ElderShare > 0.95 {
		add("community.child_share", "child_share + elder_share must be at most 0.95, got %g", cm.ChildShare+cm.ElderShare)
	}
	// Data files decide households and buildings (grids are then capped at
	// the data's buildings), so the synthetic counts constrain nothing.
	if cm.HouseholdsFile == "" {
		if cm.Grids > cm.Buildings {
			add("community.grids", "cannot exceed community.buildings (%d), got %d", cm.Buildings, cm.Grids)
		}
		if cm.Buildings > cm.Households {
			add("community.buildings", "cannot exceed community.households (%d), got %d", cm.Households, cm.Buildings)
		}
	}
	if c.Project.LocalHires > c.Project.SocialWorkers {
		add("project.local_hires", "cannot exceed project.social_workers (%d), got %d", c.Project.SocialWorkers, c.Project.LocalHires)
	}
	if c.Calendar.Weeks() == 0 {
		add("calendar", "the horizon is empty: give at least one week to some stage")
	}
	if !c.Phases.Measure.Enabled {
		add("phases.measure.enabled", "the measure phase records the week and cannot be switched off")
	}
	seen := map[string]bool{}
	for _, b := range c.Project.Boundary {
		if seen[b] {
			add("project.boundary", "need type %q listed twice", b)
		}
		seen[b] = true
	}
	return errs
}
