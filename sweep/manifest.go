package sweep

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/sim"
)

// manifestKind tells a sweep's manifest.json from a run's.
const manifestKind = "grassroots-sweep"

// Manifest is a sweep's manifest.json. It depends only on what the sweep
// computes, never on how (workers, interruptions, timings; those go to
// timing.json), so that an interrupted and resumed sweep, a merged set of
// shards and an uninterrupted sweep on one machine write the same bytes.
type Manifest struct {
	Kind             string      `json:"kind"`
	Format           int         `json:"format"`
	Name             string      `json:"name"`
	Description      string      `json:"description,omitempty"`
	Base             string      `json:"base"`
	Scenario         string      `json:"scenario"`
	ScenarioHash     string      `json:"scenario_hash"`
	Sources          []string    `json:"sources"`
	Method           string      `json:"method"`
	Samples          int         `json:"samples,omitempty"`
	Seed             uint64      `json:"seed"`
	Replications     int         `json:"replications"`
	Points           int         `json:"points"`
	Runs             int         `json:"runs"`
	Parameters       []ParamInfo `json:"parameters"`
	Fixed            []string    `json:"fixed"`
	Set              []string    `json:"set"`
	Timeseries       bool        `json:"timeseries"`
	Groups           bool        `json:"groups"`
	Outcomes         []string    `json:"outcomes"`
	ReplicationSeeds []uint64    `json:"replication_seeds"`
	Weeks            int         `json:"weeks"`
	SweepHash        string      `json:"sweep_hash"`
	ProgramVersion   string      `json:"program_version"`
	GoVersion        string      `json:"go_version"`
	// Shard is set in a shard's output only.
	Shard            *ShardInfo `json:"shard,omitempty"`
	ResolvedScenario string     `json:"resolved_scenario"`
	// Runner names what computed each run when it is not one simulation
	// (e.g. "findings"), and Columns are then runs.csv's outcome columns.
	Runner  string   `json:"runner,omitempty"`
	Columns []string `json:"columns,omitempty"`
}

// ShardInfo says which part of a sweep a directory holds.
type ShardInfo struct {
	Index int `json:"index"` // from 1
	Count int `json:"count"`
	Runs  int `json:"runs"` // runs in this shard
}

// ParamInfo describes a varied parameter in manifests.
type ParamInfo struct {
	Path    string   `json:"path"`
	Values  []string `json:"values,omitempty"` // levels, as TOML
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Count   int      `json:"n,omitempty"`
	Integer bool     `json:"integer,omitempty"`
}

func paramInfos(params []Param) []ParamInfo {
	out := make([]ParamInfo, len(params))
	for j, p := range params {
		info := ParamInfo{Path: p.Path}
		if p.IsRange() {
			lo, hi := p.Min, p.Max
			info.Min, info.Max, info.Count, info.Integer = &lo, &hi, p.Count, p.Integer
		} else {
			for _, v := range p.Levels {
				info.Values = append(info.Values, v.TOML)
			}
		}
		out[j] = info
	}
	return out
}

// manifest describes the plan, and the shard when it is a proper part.
func (p *Plan) manifest(programVersion string, shard Shard) (Manifest, error) {
	var resolved bytes.Buffer
	if err := p.Scenario.Encode(&resolved); err != nil {
		return Manifest{}, err
	}
	seeds := make([]uint64, p.Replications)
	for r := range seeds {
		seeds[r] = sim.ReplicationSeed(p.Seed, r)
	}
	fixed := make([]string, len(p.Spec.Fixed))
	for i, f := range p.Spec.Fixed {
		fixed[i] = f.String()
	}
	m := Manifest{
		Kind:             manifestKind,
		Format:           formatVersion,
		Name:             p.Spec.Name,
		Description:      p.Spec.Description,
		Base:             p.Spec.Base,
		Scenario:         p.Scenario.Name,
		ScenarioHash:     p.Scenario.Hash(),
		Sources:          nonNil(p.Scenario.Sources),
		Method:           p.Spec.Method,
		Samples:          p.Spec.Samples,
		Seed:             p.Seed,
		Replications:     p.Replications,
		Points:           len(p.Points),
		Runs:             p.Runs(),
		Parameters:       paramInfos(p.Spec.Params),
		Fixed:            fixed,
		Set:              nonNil(p.Spec.Set),
		Timeseries:       p.Spec.Timeseries,
		Groups:           p.Spec.Groups,
		Outcomes:         p.outcomes(),
		ReplicationSeeds: seeds,
		Weeks:            p.Scenario.Config.Calendar.Weeks(),
		SweepHash:        p.Hash,
		ProgramVersion:   programVersion,
		GoVersion:        runtime.Version(),
		ResolvedScenario: resolved.String(),
		Columns:          p.columns(),
	}
	if p.Spec.Runner != nil {
		m.Runner = p.Spec.Runner.Name()
	}
	if shard.Count > 1 {
		m.Shard = &ShardInfo{Index: shard.Index, Count: shard.Count, Runs: shard.runs(p.Runs())}
	}
	return m, nil
}

func (p *Plan) outcomes() []string {
	if len(p.Spec.Outcomes) > 0 {
		return p.Spec.Outcomes
	}
	return DefaultOutcomes
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ReadManifest reads a sweep's manifest.json.
func ReadManifest(path string) (Manifest, error) {
	data, err := regular.ReadFile(path)
	if err != nil {
		return Manifest{}, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("%s: %w", path, err)
	}
	if m.Kind != manifestKind {
		return Manifest{}, fmt.Errorf("%s is not the manifest of a sweep", path)
	}
	if m.Format != formatVersion {
		return Manifest{}, fmt.Errorf("%s: sweep format %d; this program reads format %d", path, m.Format, formatVersion)
	}
	return m, nil
}
