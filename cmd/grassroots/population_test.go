package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

var smallCommunity = []string{"--set", "community.households=150", "--set", "community.buildings=8", "--set", "community.grids=3"}

// population writes replication 0's community; the scenario it writes
// beside the files loads it back, value for value, and writing that out
// again gives the same files.
func TestPopulationRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pop")
	args := append([]string{"population", "baseline", "--seed", "5", "--out", dir}, smallCommunity...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var sets []string
	for k := 1; k < len(smallCommunity); k += 2 {
		sets = append(sets, smallCommunity[k])
	}
	src, err := scenario.Load("baseline", sets)
	if err != nil {
		t.Fatal(err)
	}
	e, err := sim.New(&src.Config, sim.ReplicationSeed(5, 0), 1)
	if err != nil {
		t.Fatal(err)
	}
	want := e.Population()
	e.Close()

	back, err := scenario.Load(filepath.Join(dir, populationScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !population.Equal(back.Config.Data, want) {
		t.Fatal("the written community does not load back as the one built")
	}
	if back.Seed != 5 || back.Name != "baseline-data" || back.Config.Community.Households != 150 {
		t.Errorf("scenario: %s seed %d, %d households", back.Name, back.Seed, back.Config.Community.Households)
	}
	// The engine builds the same community from the data.
	e, err = sim.New(&back.Config, sim.ReplicationSeed(5, 0), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !population.Equal(e.Population(), want) {
		t.Error("the engine built another community from the data")
	}
	e.Close()

	again := filepath.Join(t.TempDir(), "again")
	if _, stderr, err := runCLI(t, "population", filepath.Join(dir, populationScenario), "--out", again); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, name := range []string{population.HouseholdsFile, population.ResidentsFile, population.TiesFile} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs when written again", name)
		}
	}
	// And it runs.
	if _, stderr, err := runCLI(t, "run", filepath.Join(dir, populationScenario), "--quiet", "--reps", "2",
		"--set", "calendar.middle_weeks=4", "--set", "calendar.follow_up_weeks=2", "--out", filepath.Join(t.TempDir(), "r")); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
}

func TestPopulationUsage(t *testing.T) {
	for _, args := range [][]string{{"population"}, {"population", "baseline"}, {"population", "a", "b", "--out", "x"}} {
		if _, _, err := runCLI(t, args...); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

// The example data scenario runs.
func TestExampleDataScenario(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join("..", "..", "scenarios", "data", "example.toml")
	if _, stderr, err := runCLI(t, "run", path, "--quiet", "--reps", "2", "--out", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	rows := readCSV(t, filepath.Join(dir, "timeseries.csv"))
	if len(rows) != 1+2*124 || rows[1][0] != "example-data" {
		t.Errorf("%d rows, first %v", len(rows), rows[1])
	}
	m, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if !strings.Contains(string(m), `"residents": 127`) || !strings.Contains(string(m), "data files sha256") {
		t.Errorf("manifest does not describe the data:\n%.400s", m)
	}
}

// Scenarios reading the same data compare (sharing one copy of it).
func TestCompareDataScenarios(t *testing.T) {
	example, err := filepath.Abs(filepath.Join("..", "..", "scenarios", "data", "example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	project := filepath.Join(dir, "project.toml")
	text := "name = \"example-project\"\nextends = " + strconv.Quote(example) + "\n[project]\nenabled = true\n"
	if err := os.WriteFile(project, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runCLI(t, "compare", example, project, "--quiet", "--reps", "2", "--out", filepath.Join(dir, "out"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "| example-project | participation | end_of_project |") {
		t.Errorf("table:\n%s", stdout)
	}
}
