package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/outdir"
)

// copyData copies scenarios/data, the example data set and its scenario,
// into a new directory, as a user would to start from it.
func copyData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS("../../scenarios/data")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A directory grassroots did not write is never replaced: the reported
// cases of user files deleted by run, population and compare, and outputs
// of versions that wrote no marker.
func TestOutputDirRefusesUserFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		args func(dir string) []string
		user map[string]string // files the user has in the output directory; nil: a copy of scenarios/data
		want string
	}{
		{"run into the folder of its own input CSVs", func(dir string) []string {
			return []string{"run", filepath.Join(dir, "example.toml"), "--quiet", "--reps", "1", "--out", dir}
		}, nil, "which this command reads"},
		{"run into the folder of its data files, with the scenario elsewhere", func(dir string) []string {
			os.Remove(filepath.Join(dir, "example.toml"))
			return []string{"run", "baseline", "--quiet", "--reps", "1", "--out", dir,
				"--set", "community.households_file=" + filepath.Join(dir, "households.csv"),
				"--set", "community.residents_file=" + filepath.Join(dir, "residents.csv"),
				"--set", "community.ties_file=" + filepath.Join(dir, "ties.csv")}
		}, nil, "households.csv, which this command reads"},
		{"population into a copy of scenarios/data", func(dir string) []string {
			return append([]string{"population", "baseline", "--out", dir}, smallCommunity...)
		}, nil, "has no .grassroots-output marker"},
		{"compare into a folder with important.csv", func(dir string) []string {
			return append([]string{"compare", "baseline", "full-programme", "--out", dir}, small...)
		}, map[string]string{"important.csv": "thesis\n"}, "is not empty (important.csv)"},
		{"outputs of an older version", func(dir string) []string {
			return append([]string{"run", "--out", dir}, small...)
		}, map[string]string{"summary.csv": "old\n", "manifest.json": "{}\n"}, "delete them by hand"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var dir string
			if tc.user == nil {
				dir = copyData(t)
			} else {
				dir = filepath.Join(t.TempDir(), "mine")
				os.Mkdir(dir, 0o755)
				for name, text := range tc.user {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			args := tc.args(dir)
			before := snapshot(t, dir)
			_, _, err := runCLI(t, args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "choose another --out") {
				t.Errorf("err = %v, want a refusal saying %q", err, tc.want)
			}
			if !sameSnapshot(before, snapshot(t, dir)) {
				t.Error("the directory changed")
			}
			if got := entries(t, filepath.Dir(dir)); !slices.Equal(got, []string{filepath.Base(dir)}) {
				t.Errorf("the parent holds %v", got)
			}
		})
	}
}

// A directory grassroots wrote carries a marker naming the command and
// the files; it is replaced only while it holds nothing else.
func TestOutputDirMarker(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	args := append([]string{"run", "--out", dir}, small...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	m, ok := outdir.Read(dir)
	if !ok || !slices.Equal(m.Command, append([]string{"grassroots"}, args...)) || !slices.Contains(m.Files, "summary.csv") {
		t.Fatalf("marker %+v, %v", m, ok)
	}
	var raw map[string]any
	data, _ := os.ReadFile(filepath.Join(dir, outdir.MarkerName))
	if json.Unmarshal(data, &raw) != nil || raw["written_by"] != "grassroots" {
		t.Errorf("marker %s", data)
	}
	notes := filepath.Join(dir, "notes.csv")
	os.WriteFile(notes, []byte("mine\n"), 0o644)
	_, _, err := runCLI(t, args...)
	if err == nil || !strings.Contains(err.Error(), "holds files grassroots did not write there (notes.csv)") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(notes); err != nil {
		t.Fatal(err)
	}
	os.Remove(notes)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("second run: %v\n%s", err, stderr)
	}
	// population's output read by a run is an input of that run.
	pop := filepath.Join(t.TempDir(), "pop")
	if _, stderr, err := runCLI(t, append([]string{"population", "baseline", "--out", pop}, smallCommunity...)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	_, _, err = runCLI(t, "run", filepath.Join(pop, "scenario.toml"), "--quiet", "--reps", "1", "--out", pop)
	if err == nil || !strings.Contains(err.Error(), "which this command reads") {
		t.Errorf("run over its own data: %v", err)
	}
}

// An output directory that cannot be written is found before simulating.
func TestOutputDirCheckedFirst(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	os.WriteFile(file, nil, 0o644)
	locked := filepath.Join(parent, "locked")
	os.Mkdir(locked, 0o555)
	for _, tc := range []struct {
		name, out, want string
	}{
		{"parent is a file", filepath.Join(file, "out"), "not a directory"},
		{"name over NAME_MAX", filepath.Join(parent, strings.Repeat("n", 300)), "file name too long"},
		// NAME fits, but not the temporary ".NAME.new-*.old" written beside it.
		{"temporary name over NAME_MAX", filepath.Join(parent, strings.Repeat("n", 250)), "file name too long"},
		{"unwritable parent", filepath.Join(locked, "out"), "permission denied"},
	} {
		if tc.name == "unwritable parent" && os.Geteuid() == 0 {
			continue // root writes anywhere
		}
		for _, cmd := range [][]string{{"run", "baseline"}, {"compare", "baseline", "full-programme"}} {
			// 10,000 replications would take minutes: the refusal must come first.
			args := append(append(cmd, "--out", tc.out), small...)
			args = append(args, "--reps", "10000")
			_, _, err := runCLI(t, args...)
			want := "cannot create the output directory " + tc.out + ": " + tc.want + "; choose another --out"
			if err == nil || err.Error() != want {
				t.Errorf("%s, %s: err = %v, want %s", tc.name, cmd[0], err, want)
			}
		}
	}
}

// What a hard kill left beside the output directory is removed by the next
// run there, which names it.
func TestRunRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	args := append([]string{"run", "--out", dir}, small...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, n := range []string{".out.new-111", ".out.new-222.old"} {
		os.Mkdir(filepath.Join(parent, n), 0o755)
		os.WriteFile(filepath.Join(parent, n, "timeseries.csv"), []byte("torn"), 0o644)
	}
	_, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, n := range []string{".out.new-111", ".out.new-222.old"} {
		if !strings.Contains(stderr, "removed "+filepath.Join(parent, n)+", left by an interrupted run") {
			t.Errorf("stderr does not name %s: %s", n, stderr)
		}
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the parent holds %v", got)
	}
}
