package scenario

import (
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/tomlnest"
	"github.com/grassroots-sim/grassroots/scenarios"
	"github.com/grassroots-sim/grassroots/sim"
)

// Scenario is a resolved, validated scenario.
type Scenario struct {
	Name, Description string
	Seed              uint64
	Replications      int
	Config            sim.Config
	Sources           []string // files read, base first ("builtin:baseline" for embedded ones)
	// DataHash is a hex SHA-256 of the data files Config.Data was read
	// from (community.households_file and the others), "" without data.
	DataHash string
	// Warnings are problems that do not stop a run, such as project keys
	// set while the project never runs.
	Warnings []string
}

// document is the shape of one scenario file. Every file of an extends
// chain is decoded into the same document, so each overrides only the keys
// it sets; sim.Config is embedded so that its tables sit at the top level.
type document struct {
	Name         string `toml:"name"`
	Description  string `toml:"description"`
	Extends      string `toml:"extends"`
	Seed         uint64 `toml:"seed"`
	Replications int    `toml:"replications" min:"1" max:"10000"`
	sim.Config
}

// Defaults that are not part of sim.Config.
const (
	defaultSeed         = 1
	defaultReplications = 10
)

// Info describes a built-in scenario for listings.
type Info struct {
	Name, Summary string
}

// Builtins lists the built-in scenarios, sorted by name.
func Builtins() []Info {
	var out []Info
	for _, name := range scenarios.Names() {
		data, err := scenarios.Read(name)
		if err != nil {
			continue
		}
		out = append(out, Info{Name: name, Summary: summary(string(data))})
	}
	return out
}

// summary is the first line of the description, or else the first comment
// line, so that `grassroots list` has something to show for every file.
func summary(text string) string {
	var d struct {
		Description string `toml:"description"`
	}
	// Text nested too deep is not decoded: the loader reports it.
	if tomlnest.Check(text) == 0 {
		if _, err := toml.Decode(text, &d); err == nil && firstLine(d.Description) != "" {
			return firstLine(d.Description)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if c, ok := strings.CutPrefix(line, "#"); ok {
			if c = strings.TrimSpace(c); c != "" {
				return c
			}
		}
	}
	return ""
}

func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// Files lists the files the scenario was read from: its scenario files
// (not the built-in ones) and its data files. A command must not write
// over them.
func (s *Scenario) Files() []string {
	var files []string
	for _, src := range s.Sources {
		if !strings.HasPrefix(src, builtinPrefix) && src != "<bytes>" {
			files = append(files, src)
		}
	}
	c := &s.Config.Community
	for _, f := range []string{c.HouseholdsFile, c.ResidentsFile, c.TiesFile} {
		if f != "" {
			files = append(files, f)
		}
	}
	return files
}
