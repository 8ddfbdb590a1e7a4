package calibrate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
)

// A checkpoint file holds the state of an ABC-SMC run after its last
// finished generation, so that a run killed in the middle of a
// generation can go on from there (grassroots calibrate --resume) and
// write what it would have written uninterrupted. Its key identifies the
// calibration: the file's text, the base scenario, the seed, the number
// of particles and the program.
type checkpoint struct {
	Key         string            `json:"key"`
	Generations []savedGeneration `json:"generations"`
	Particles   []Particle        `json:"particles"`
}

// savedGeneration is a Generation in JSON, which has no infinity: the
// first generation's tolerance is null.
type savedGeneration struct {
	Generation
	Tolerance *float64 `json:"Tolerance"`
}

// CheckpointKey identifies what f computes with the program version.
func (f *File) CheckpointKey(version string) string {
	h := sha256.New()
	for _, s := range []string{f.text, f.Base, f.Scenario.Hash(), strconv.FormatUint(f.Seed, 10), strconv.Itoa(f.Particles), version} {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeCheckpoint saves st under key at path, atomically.
func writeCheckpoint(path, key string, st State) error {
	c := checkpoint{Key: key, Particles: st.Particles}
	for _, g := range st.Generations {
		sg := savedGeneration{Generation: g}
		if !math.IsInf(g.Tolerance, 1) {
			sg.Tolerance = &g.Tolerance
		}
		c.Generations = append(c.Generations, sg)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteJSON(path, c)
}

// readCheckpoint returns the state saved at path, nil if there is none,
// or an error if it belongs to another calibration.
func readCheckpoint(path, key string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var c checkpoint
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: not a calibration checkpoint: %v", path, err)
	}
	if c.Key != key {
		return nil, fmt.Errorf("%s holds another calibration's progress (another file, seed, number of particles or program): remove it, or run without --resume to start afresh", path)
	}
	st := &State{Particles: c.Particles}
	for _, sg := range c.Generations {
		g := sg.Generation
		g.Tolerance = math.Inf(1)
		if sg.Tolerance != nil {
			g.Tolerance = *sg.Tolerance
		}
		st.Generations = append(st.Generations, g)
	}
	return st, nil
}
