package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// run --snapshots writes replication 0's community at the end of each week
// named, whatever the workers: the engine's own state at that week, which
// the scenario beside it loads back and builds as the same community.
// (sim's TestSnapshotAggregatesAreTheRecord shows that the state's
// aggregates are the week's record, bit for bit.)
func TestRunSnapshots(t *testing.T) {
	short := append([]string{"--set", "calendar.middle_weeks=4", "--set", "calendar.follow_up_weeks=2"}, smallCommunity...)
	out := filepath.Join(t.TempDir(), "out")
	args := append([]string{"run", "full-programme", "--quiet", "--reps", "2", "--workers", "3", "--seed", "9",
		"--snapshots", "weeks=20,0,7,7", "--out", out}, short...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var sets []string
	for k := 1; k < len(short); k += 2 {
		sets = append(sets, short[k])
	}
	src, err := scenario.Load("full-programme", sets)
	if err != nil {
		t.Fatal(err)
	}
	e, err := sim.New(&src.Config, sim.ReplicationSeed(9, 0), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, w := range []int{0, 7, 20} {
		for e.Week() <= w {
			e.Step()
		}
		dir := filepath.Join(out, snapshotsDir, fmt.Sprintf("week-%03d", w))
		back, err := scenario.Load(filepath.Join(dir, populationScenario), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := e.Population()
		if !population.Equal(back.Config.Data, want) {
			t.Fatalf("week %d: the snapshot is not the community of that week", w)
		}
		var ms bytes.Buffer
		population.WriteMemberships(&ms, e.Memberships())
		if got, _ := os.ReadFile(filepath.Join(dir, population.MembershipsFile)); !bytes.Equal(got, ms.Bytes()) || len(e.Memberships()) == 0 {
			t.Errorf("week %d: memberships.csv is not the week's memberships (%d)", w, len(e.Memberships()))
		}
		b, err := sim.New(&back.Config, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !population.Equal(b.Population(), want) {
			t.Errorf("week %d: the snapshot builds another community", w)
		}
		b.Close()
	}
	entries, _ := os.ReadDir(filepath.Join(out, snapshotsDir))
	if len(entries) != 3 {
		t.Errorf("%d snapshots, want 3 (weeks 0, 7, 20)", len(entries))
	}
	// Run again into the same directory, every replication's: the
	// snapshots directory is grassroots' and is replaced.
	args = append([]string{"run", "full-programme", "--quiet", "--reps", "2", "--seed", "9",
		"--snapshots", "every=10;reps=all", "--out", out}, short...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, rel := range []string{"rep-0/week-000", "rep-0/week-020", "rep-1/week-010"} {
		if _, err := os.Stat(filepath.Join(out, snapshotsDir, rel, population.ResidentsFile)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, snapshotsDir, "week-007")); err == nil {
		t.Error("the previous snapshots are still there")
	}
}

func TestSnapshotsFlag(t *testing.T) {
	for _, tc := range []struct {
		spec, err string
	}{
		{"weeks=3,1", ""},
		{"every=5;reps=all", ""},
		{"week=5", `"week=5": want weeks=W,W,... or every=N, optionally followed by ;reps=all`},
		{"weeks=1,x", `week "x": want a whole number from 0`},
		{"weeks=-1", `week "-1": want a whole number from 0`},
		{"every=0", "every=0: want a whole number of weeks from 1"},
		{"every=2;reps=1", `"reps=1": want weeks=W,W,... or every=N, optionally followed by ;reps=all`},
	} {
		var f snapshotFlag
		err := f.Set(tc.spec)
		if got := fmt.Sprint(err); tc.err == "" && err != nil || tc.err != "" && got != tc.err {
			t.Errorf("%s: %v, want %q", tc.spec, err, tc.err)
		}
	}
	var f snapshotFlag
	f.Set("weeks=5,124")
	if _, _, err := f.resolve("baseline", 124, 1); fmt.Sprint(err) != "--snapshots: week 124 is beyond the horizon of baseline (weeks 0 to 123)" {
		t.Errorf("beyond the horizon: %v", err)
	}
	f.Set("every=50;reps=all")
	if weeks, n, err := f.resolve("baseline", 124, 3); err != nil || fmt.Sprint(weeks) != "[0 50 100]" || n != 9 {
		t.Errorf("every=50 of 124 weeks, 3 replications: %v %d %v", weeks, n, err)
	}
}
