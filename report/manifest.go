package report

import (
	"encoding/json"
	"math"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
)

// Manifest records what produced a run, so that it can be reproduced and
// its speed compared.
type Manifest struct {
	Scenario               string   `json:"scenario"`
	ScenarioHash           string   `json:"scenario_hash"`
	Sources                []string `json:"sources"`
	Seed                   uint64   `json:"seed"`
	Replications           int      `json:"replications"`
	ReplicationSeeds       []uint64 `json:"replication_seeds"`
	Workers                int      `json:"workers"`
	ProgramVersion         string   `json:"program_version"`
	GoVersion              string   `json:"go_version"`
	Weeks                  int      `json:"weeks"`
	Residents              int      `json:"residents"`
	WallSeconds            float64  `json:"wall_seconds"`
	ResidentWeeksPerSecond float64  `json:"resident_weeks_per_second"`
	Command                []string `json:"command"`
	ResolvedScenario       string   `json:"resolved_scenario"`
	// Posterior, when the replications drew their parameters from one
	// (--posterior), says which and what each drew; ResolvedScenario is
	// then the scenario before the draws.
	Posterior *PosteriorDraws `json:"posterior,omitempty"`
}

// PosteriorDraws records the posterior a run drew its parameters from.
type PosteriorDraws struct {
	File       string   `json:"file"`
	SHA256     string   `json:"sha256"`
	Parameters []string `json:"parameters"`
	// Draws[r] is the draw column of the row replication r ran at.
	Draws []string `json:"draws"`
}

// MarshalJSON writes non-finite timings (a run too fast to time gives an
// infinite rate) as null, because encoding/json refuses them and a run's
// results must not be lost over its speed. Missing lists are written as
// empty lists, so readers need not handle null.
func (m Manifest) MarshalJSON() ([]byte, error) {
	type plain Manifest // no methods, so no recursion
	m.Sources = nonNil(m.Sources)
	m.ReplicationSeeds = nonNil(m.ReplicationSeeds)
	m.Command = nonNil(m.Command)
	// The outer fields shadow the embedded ones of the same name; command
	// and resolved_scenario are repeated only to keep them last.
	return json.Marshal(struct {
		plain
		WallSeconds            *float64 `json:"wall_seconds"`
		ResidentWeeksPerSecond *float64 `json:"resident_weeks_per_second"`
		Command                []string `json:"command"`
		ResolvedScenario       string   `json:"resolved_scenario"`
	}{plain(m), finite(m.WallSeconds), finite(m.ResidentWeeksPerSecond), m.Command, m.ResolvedScenario})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// WriteManifest writes m to path as indented JSON, atomically.
func WriteManifest(path string, m Manifest) error { return atomicfile.WriteJSON(path, m) }
