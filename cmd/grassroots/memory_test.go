package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
)

// TestMemoryHelper is grassroots in a child process (see peakRSS), which
// then writes its peak resident memory (VmHWM) to stderr. Rusage's maxrss
// would not do: it keeps the parent's peak across the fork and exec.
func TestMemoryHelper(t *testing.T) {
	if os.Getenv("GRASSROOTS_MEMORY_HELPER") != "1" {
		return
	}
	args := os.Args[slices.Index(os.Args, "--")+1:]
	code := runWithSignals(args, io.Discard, os.Stderr)
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		os.Exit(3)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Fprintf(os.Stderr, "\nVmHWM %s", strings.TrimSpace(rest))
		}
	}
	os.Exit(code)
}

// peakRSS runs grassroots args in a child process and returns its peak
// resident memory and stderr.
func peakRSS(t *testing.T, args ...string) (int64, string) {
	t.Helper()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc/self/status on this system")
	}
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestMemoryHelper$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "GRASSROOTS_MEMORY_HELPER=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	out, hwm, _ := strings.Cut(stderr.String(), "\nVmHWM ")
	kb, perr := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(hwm), " kB"), 10, 64)
	if perr != nil || err != nil && !strings.Contains(out, "would need about") {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	return kb << 10, out
}

// filesSize is the total size of the data files s names.
func filesSize(t *testing.T, s *scenario.Scenario) int64 {
	var n int64
	for _, p := range []string{s.Config.Community.HouseholdsFile, s.Config.Community.ResidentsFile, s.Config.Community.TiesFile} {
		if p == "" {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}

// The memory estimate bounds the peak resident memory of the process from
// above in every shape of issue 13 (at sizes that run in seconds): a data
// set, whose reading costs several times its size; many replications of
// many weeks; the population command. The shape of long incubation
// horizons is sim's TestEstimateBytesIncubation.
func TestMemoryEstimateBoundsPeak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs commands of up to a minute and measures them")
	}
	data := filepath.Join(t.TempDir(), "data")
	if _, stderr, err := runCLI(t, "population", "baseline", "--set", "community.households=30000", "--out", data); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	dataScenario := filepath.Join(data, "scenario.toml")
	short := []string{"calendar.pre_project_weeks=1", "calendar.initial_weeks=1", "calendar.middle_weeks=1",
		"calendar.later_weeks=1", "calendar.follow_up_weeks=1"}
	long := []string{"community.households=20", "community.buildings=2", "community.grids=1",
		"calendar.pre_project_weeks=520", "calendar.initial_weeks=520", "calendar.middle_weeks=520",
		"calendar.later_weeks=520", "calendar.follow_up_weeks=1040"}
	cases := []struct {
		name string
		cmd  string
		ref  string
		reps int
		sets []string
	}{
		{"data set", "run", dataScenario, 2, short},
		{"100 replications × 3,120 weeks", "run", "baseline", 100, long},
		{"population of 100,000 households", "population", "baseline", 0, []string{"community.households=100000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := scenario.Load(c.ref, c.sets)
			if err != nil {
				t.Fatal(err)
			}
			var est int64
			args := []string{c.cmd, c.ref, "--out", filepath.Join(t.TempDir(), "out")}
			for _, set := range c.sets {
				args = append(args, "--set", set)
			}
			switch c.cmd {
			case "run":
				s.Replications = c.reps
				est = runMemory(s, 2).total()
				args = append(args, "--reps", strconv.Itoa(c.reps), "--workers", "2", "--quiet")
			case "population":
				est = populationMemory(s).total()
			}
			if size := filesSize(t, s); size > 0 {
				est = max(est, readingBytesPerByte*size+processOverhead)
			}
			peak, _ := peakRSS(t, args...)
			t.Logf("%s: peak %s, estimated %s (%+.0f%%)", c.name, showBytes(peak), showBytes(est), 100*(float64(est)/float64(peak)-1))
			if est < peak {
				t.Errorf("estimate %s below the peak %s", showBytes(est), showBytes(peak))
			}
		})
	}

	// Over the limit, reading is refused before it starts.
	limit := int64(100 << 20)
	peak, stderr := peakRSS(t, "run", dataScenario, "--max-memory", "100MiB", "--out", filepath.Join(t.TempDir(), "out"))
	want := "grassroots: reading the data files would need about"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "Use a smaller data set, or raise the limit") {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if peak > limit/2 {
		t.Errorf("refused after using %s", showBytes(peak))
	}
}
