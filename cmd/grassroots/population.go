package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// populationScenario is the scenario file population writes beside the
// data, which runs the community just written.
const populationScenario = "scenario.toml"

var cmdPopulation = &command{
	Name:      "population",
	UsageLine: "grassroots population SCENARIO --out DIR [--seed S] [--set path=value]...",
	Short:     "write a scenario's community out as data files",
	Long: `Population builds the community of a scenario's first replication, as a
run would, and writes it to DIR in the data format that scenarios read
(docs/data.md), so that it can be inspected, edited and loaded back:

	households.csv  household_id,building,income
	residents.csv   one row per resident: household, age group, education,
	                vulnerability, party membership, threshold and
	                starting attitudes
	ties.csv        one row per tie between residents of different
	                households: both ends, kind and strength
	scenario.toml   the resolved scenario reading these three files

"grassroots run DIR/scenario.toml" then runs the same community (with
other random draws after the build, so not the same run). DIR is replaced
as a whole, atomically; if it exists it must be empty or a directory
grassroots wrote (holding its .grassroots-output marker and nothing else).`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		var f runFlags
		fs.Func("seed", "scenario seed, 0 to 2^63-1 (default: the scenario's)", func(s string) error {
			var err error
			f.seed, err = parseSeed(s)
			f.seedSet = err == nil
			return err
		})
		fs.StringVar(&f.out, "out", "", "output directory (required)")
		fs.Var(&f.set, "set", "override a scenario value, as dotted.path=value (repeatable)")
		f.memory = declareMemory(fs)
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) != 1 {
				return usageError(env, "takes one scenario, got %d", len(args))
			}
			if f.out == "" {
				return usageError(env, "needs --out DIR")
			}
			return writePopulation(ctx, env, args[0], &f)
		}
	},
}

func writePopulation(ctx context.Context, env *env, ref string, f *runFlags) error {
	s, err := f.memory.dataCache().Load(ref, f.set)
	if err != nil {
		return err
	}
	if f.seedSet {
		s.Seed = f.seed
	}
	out, err := checkOutputDir(f.out, nil, s.Files())
	if err != nil {
		return err
	}
	out.noteRemoved(env.stderr)
	if err := f.memory.check(populationMemory(s), false); err != nil {
		return err
	}
	e, err := sim.New(&s.Config, sim.ReplicationSeed(s.Seed, 0), 1)
	if err != nil {
		return err
	}
	p := e.Population()
	e.Close()

	data := dataScenario(s, fmt.Sprintf("The community of %s (seed %d, replication 0), written by grassroots population.", s.Name, s.Seed))

	err = out.write(ctx, env.args, func(tmp string) error {
		if err := population.Write(tmp, p); err != nil {
			return err
		}
		return atomicfile.Write(filepath.Join(tmp, populationScenario), func(w io.Writer) error {
			fmt.Fprintf(w, "# Written by grassroots population from %s; run with\n#   grassroots run %s\n\n",
				ref, filepath.Join(f.out, populationScenario))
			return data.Encode(w)
		})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "%s: %d households in %d buildings, %d residents, %d ties; wrote %s\n",
		s.Name, len(p.Households), p.Buildings, len(p.Residents), len(p.Ties), f.out)
	return nil
}

// dataScenario is the scenario beside a community written as data: s
// resolved, reading the files from its own directory.
func dataScenario(s *scenario.Scenario, description string) *scenario.Scenario {
	data := *s
	data.Name = dataName(s.Name)
	data.Description = description
	data.DataHash = ""
	data.Config.Data = nil
	c := &data.Config.Community
	c.HouseholdsFile, c.ResidentsFile, c.TiesFile = population.HouseholdsFile, population.ResidentsFile, population.TiesFile
	return &data
}

// dataName names the scenario of a written community after its source.
func dataName(name string) string {
	const suffix = "-data"
	if len(name)+len(suffix) > 100 {
		name = strings.ToValidUTF8(name[:100-len(suffix)], "")
	}
	return name + suffix
}
