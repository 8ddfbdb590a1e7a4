package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A profile flag never destroys a file that is not a profile: not before
// the scenario is known to be valid, not an input of the run, not an
// output, not a user's file of that name.
func TestProfilesNeverDestroyFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		args func(dir, victim string) []string
		want string
	}{
		{"invalid scenario", func(dir, victim string) []string {
			return append([]string{"run", "--out", filepath.Join(dir, "out"), "--cpuprofile", victim, "--set", "macro.bureaucracy=2"}, small...)
		}, `key "macro.bureaucracy": must be at most 0.95`},
		{"an existing file that is not a profile", func(dir, victim string) []string {
			return append([]string{"run", "--out", filepath.Join(dir, "out"), "--trace", victim}, small...)
		}, "exists and is not a profile: it would be overwritten; remove it or choose another path"},
		{"a data file of the run", func(dir, victim string) []string {
			return []string{"run", filepath.Join(dir, "example.toml"), "--quiet", "--reps", "1", "--out", filepath.Join(dir, "out"),
				"--memprofile", filepath.Join(dir, "households.csv")}
		}, "households.csv is a file this command reads; choose another path"},
		{"the scenario file of compare", func(dir, victim string) []string {
			return append([]string{"compare", "baseline", filepath.Join(dir, "example.toml"), "--out", filepath.Join(dir, "out"),
				"--cpuprofile", filepath.Join(dir, "example.toml")}, small...)
		}, "example.toml is a file this command reads"},
		{"named like an output in the output directory", func(dir, victim string) []string {
			return append([]string{"run", "--out", dir, "--cpuprofile", filepath.Join(dir, "summary.csv")}, small...)
		}, "must be directly in it and not be named like an output"},
		{"inside a sweep's directory", func(dir, victim string) []string {
			return append(tinySweep(dir+"-sw"), "--cpuprofile", filepath.Join(dir+"-sw", "cpu.out"))
		}, "is inside the output directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyData(t)
			victim := filepath.Join(t.TempDir(), "thesis.txt")
			os.WriteFile(victim, []byte("years of work\n"), 0o644)
			before, victimBefore := snapshot(t, dir), snapshot(t, filepath.Dir(victim))
			_, _, err := runCLI(t, tc.args(dir, victim)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			after := snapshot(t, dir)
			for name, data := range before {
				if string(after[name]) != string(data) {
					t.Errorf("%s changed", name)
				}
			}
			if !sameSnapshot(victimBefore, snapshot(t, filepath.Dir(victim))) {
				t.Error("thesis.txt changed")
			}
		})
	}
}

// A profile written before is overwritten by the next one.
func TestProfilesReplacePreviousProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.out"), filepath.Join(dir, "mem.out"), filepath.Join(dir, "trace.out")
	for range 2 {
		args := append([]string{"run", "--out", filepath.Join(dir, "out"), "--cpuprofile", cpu, "--memprofile", mem, "--trace", tr}, small...)
		if _, stderr, err := runCLI(t, args...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
	}
}
