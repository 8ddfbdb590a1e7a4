package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = data
	}
	return m
}

func sameSnapshot(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// A second run replaces the first one's outputs whole, leaving nothing
// else behind.
func TestRunReplacesOutputs(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	var snaps []map[string][]byte
	for _, seed := range []string{"1", "2"} {
		if _, stderr, err := runCLI(t, append([]string{"run", "baseline", "--seed", seed, "--out", dir}, small...)...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		snaps = append(snaps, snapshot(t, dir))
	}
	if bytes.Equal(snaps[0]["timeseries.csv"], snaps[1]["timeseries.csv"]) {
		t.Error("the second run did not replace the outputs")
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the parent holds %v, want only out", got)
	}
}

// An output directory holding anything but outputs is refused before the
// run, and left alone.
func TestRunRefusesForeignOutputDir(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, append([]string{"run", "--out", dir}, small...)...)
	if err == nil || !strings.Contains(err.Error(), "notes.txt") || !strings.Contains(err.Error(), "choose another --out") {
		t.Fatalf("err = %v", err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("dir holds %v", got)
	}
	if _, _, err := runCLI(t, append([]string{"run", "--out", "."}, small...)...); err == nil {
		t.Error("--out . accepted")
	}
}

func TestMaxMemory(t *testing.T) {
	_, _, err := runCLI(t, "run", "baseline", "--quiet", "--max-memory", "1GiB", "--set", "community.households=2000000",
		"--set", "community.buildings=20000", "--workers", "2", "--out", t.TempDir())
	if err == nil || errors.Is(err, errUsage) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	for _, want := range []string{"baseline would need about", "more than the limit of 1.0 GiB (set by --max-memory)", "--max-memory"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	_, _, err = runCLI(t, "compare", "baseline", "full-programme", "--quiet", "--max-memory", "1MiB", "--out", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "the comparison would need") {
		t.Errorf("compare: %v", err)
	}
	_, _, err = runCLI(t, "population", "baseline", "--max-memory", "1MiB", "--out", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "more than the limit") {
		t.Errorf("population: %v", err)
	}
	if _, stderr, err := runCLI(t, "run", "--max-memory", "lots"); !errors.Is(err, errUsage) || !strings.Contains(stderr, "512MiB") {
		t.Errorf("bad size: %v %s", err, stderr)
	}
	// Within the limit, it runs.
	if _, stderr, err := runCLI(t, append([]string{"run", "--max-memory", "2GiB", "--out", t.TempDir()}, small...)...); err != nil {
		t.Errorf("%v\n%s", err, stderr)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{
		"512MiB": 512 << 20, "2GiB": 2 << 30, "1G": 1 << 30, "1gb": 1 << 30, "1.5G": 3 << 29, "100": 100, "64k": 64 << 10,
		"1TiB": 1 << 40, " 3 M ": 3 << 20, "7B": 7,
	} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "G", "lots", "-1G", "0", "1e9", "0x10", "1PiB", "1 GG", "nan", "inf", "99999999T"} {
		if got, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) = %d, want an error", in, got)
		}
	}
}

// cpuTime is the CPU time pid has used, from /proc (Linux); ok is false
// elsewhere.
func cpuTime(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are the 12th and 13th, in clock ticks (100 a second).
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, false
	}
	u, _ := strconv.Atoi(f[11])
	k, _ := strconv.Atoi(f[12])
	return time.Duration(u+k) * 10 * time.Millisecond, true
}

// Ctrl-C during a run leaves the previous outputs exactly as they were,
// and says so. The binary gets a real SIGINT.
func TestInterruptKeepsPreviousOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	bin := filepath.Join(t.TempDir(), "grassroots")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	first := exec.Command(bin, append([]string{"run", "baseline", "--out", dir}, small...)...)
	if out, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	before := snapshot(t, dir)
	if len(before) < 7 {
		t.Fatalf("first run wrote %d files", len(before))
	}

	// A run long enough to be interrupted: twenty years of follow-up.
	var stderr bytes.Buffer
	long := exec.Command(bin, "run", "baseline", "--out", dir, "--reps", "20", "--set", "calendar.follow_up_weeks=1040")
	long.Stderr = &stderr
	if err := long.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until it is simulating: half a second of CPU time is well past
	// loading the scenario and setting up the signal handler.
	deadline := time.Now().Add(time.Minute)
	for {
		used, ok := cpuTime(long.Process.Pid)
		if !ok {
			time.Sleep(2 * time.Second)
			break
		}
		if used >= 500*time.Millisecond || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := long.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := long.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	want := "interrupted: nothing written; the previous outputs in " + dir + " are intact"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", stderr.String(), want)
	}
	if after := snapshot(t, dir); !sameSnapshot(before, after) {
		t.Error("the previous outputs changed")
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the parent holds %v, want only out", got)
	}
}
