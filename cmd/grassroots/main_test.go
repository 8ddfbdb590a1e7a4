package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// small keeps end-to-end runs fast: a smaller community, a shorter horizon.
var small = []string{"--quiet", "--reps", "3",
	"--set", "community.households=150", "--set", "community.buildings=8", "--set", "community.grids=3",
	"--set", "calendar.middle_weeks=10", "--set", "calendar.follow_up_weeks=6"}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestRunWritesEveryOutput(t *testing.T) {
	dir := t.TempDir()
	_, stderr, err := runCLI(t, append([]string{"run", "--out", dir}, small...)...)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	for _, f := range []string{"timeseries.csv", "groups.csv", "summary.csv", "participation.png", "participation.svg",
		"cohesion.png", "cohesion.svg", "report.html", "manifest.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	rows := readCSV(t, filepath.Join(dir, "timeseries.csv"))
	header := strings.Join(rows[0], ",")
	if !strings.HasPrefix(header, "scenario,replication,seed,week,stage,participation,") {
		t.Errorf("timeseries header %q", header)
	}
	weeks := 8 + 12 + 10 + 12 + 6
	if len(rows)-1 != 3*weeks {
		t.Errorf("%d timeseries rows, want %d", len(rows)-1, 3*weeks)
	}
	if rows[1][0] != "full-programme" || rows[1][4] != "pre-project" {
		t.Errorf("first row %v", rows[1])
	}
	var m struct {
		Scenario         string   `json:"scenario"`
		ScenarioHash     string   `json:"scenario_hash"`
		Seed             uint64   `json:"seed"`
		Replications     int      `json:"replications"`
		ReplicationSeeds []uint64 `json:"replication_seeds"`
		GoVersion        string   `json:"go_version"`
		Resolved         string   `json:"resolved_scenario"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Scenario != "full-programme" || len(m.ScenarioHash) != 64 || m.Seed == 0 || m.Replications != 3 ||
		len(m.ReplicationSeeds) != 3 || m.GoVersion == "" || !strings.Contains(m.Resolved, "households = 150") {
		t.Errorf("manifest incomplete: %+v", m)
	}
}

// The tables are byte-identical whatever the number of workers.
func TestRunSameOutputWhateverWorkers(t *testing.T) {
	var want [2][]byte
	for k, w := range []string{"1", "2", "8"} {
		dir := t.TempDir()
		if _, stderr, err := runCLI(t, append([]string{"run", "baseline", "--workers", w, "--out", dir}, small...)...); err != nil {
			t.Fatalf("workers=%s: %v\n%s", w, err, stderr)
		}
		for f, name := range []string{"timeseries.csv", "summary.csv"} {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				want[f] = got
			} else if !bytes.Equal(got, want[f]) {
				t.Errorf("workers=%s: %s differs from workers=1", w, name)
			}
		}
	}
}

func TestSeedFlagChangesOutput(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []struct{ dir, seed string }{{a, "1"}, {b, "2"}} {
		if _, stderr, err := runCLI(t, append([]string{"run", "--seed", d.seed, "--out", d.dir}, small...)...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "timeseries.csv"))
	y, _ := os.ReadFile(filepath.Join(b, "timeseries.csv"))
	if bytes.Equal(x, y) {
		t.Fatal("--seed 1 and --seed 2 wrote the same table")
	}
}

func TestUsageAndFailures(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("[community]\nhousehold = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		usage bool   // want errUsage (exit 2) rather than a failure (exit 1)
		say   string // expected in the error or stderr
	}{
		{"no command", nil, true, "Usage"},
		{"unknown command", []string{"fly"}, true, `unknown command "fly"`},
		{"unknown flag", []string{"run", "--fast"}, true, "flag provided but not defined"},
		{"typo command", []string{"rnu"}, true, `unknown command "rnu" (did you mean "run"?)`},
		{"typo flag", []string{"run", "--rpes", "3"}, true, `flag provided but not defined: -rpes (did you mean "--reps"?)`},
		{"typo flag of compare", []string{"compare", "baseline", "-baselin", "x"}, true, `-baselin (did you mean "--baseline"?)`},
		{"help typo", []string{"help", "comprae"}, true, `unknown command "comprae" (did you mean "compare"?)`},
		{"two scenarios", []string{"run", "a", "b"}, true, "takes one scenario"},
		{"bad workers", []string{"run", "--workers", "0"}, true, "--workers"},
		{"too many reps", []string{"run", "--reps", "10001"}, true, "--reps"},
		{"zero reps", []string{"run", "--reps", "0"}, true, "--reps must be from 1 to 10000, got 0"},
		{"compare zero reps", []string{"compare", "baseline", "--reps", "0"}, true, "--reps must be from 1 to 10000, got 0"},
		{"seed too big", []string{"run", "--seed", "9223372036854775808"}, true, "--seed"},
		{"missing scenario", []string{"run", "--quiet", "no-such-scenario"}, false, "no-such-scenario"},
		{"bad key", []string{"run", "--quiet", bad}, false, `household`},
		{"bad override", []string{"run", "--quiet", "--set", "community.households=-1"}, false, "households"},
		{"validate nothing", []string{"validate"}, true, "needs at least one file"},
		{"validate bad", []string{"validate", bad}, false, "bad.toml:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, err := runCLI(t, tc.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if got := errors.Is(err, errUsage); got != tc.usage {
				t.Fatalf("usage error = %v, want %v (%v)", got, tc.usage, err)
			}
			if msg := err.Error() + stderr; !strings.Contains(msg, tc.say) {
				t.Fatalf("message %q does not say %q", msg, tc.say)
			}
			want := 1
			if tc.usage {
				want = 2
			}
			if code := exitCodeQuiet(err); code != want {
				t.Fatalf("exit code %d, want %d", code, want)
			}
		})
	}
}

func exitCodeQuiet(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

func TestListValidateVersionHelp(t *testing.T) {
	out, _, err := runCLI(t, "list")
	if err != nil || !strings.Contains(out, "baseline") || !strings.Contains(out, "full-programme") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, "validate", "baseline", "full-programme")
	if err != nil || strings.Count(out, "ok ") != 2 {
		t.Fatalf("validate: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, "version")
	if err != nil || !strings.HasPrefix(out, "grassroots ") {
		t.Fatalf("version: %v %q", err, out)
	}
	out, _, err = runCLI(t, "help", "run")
	if err != nil || !strings.Contains(out, "--reps") && !strings.Contains(out, "-reps") {
		t.Fatalf("help run: %v\n%s", err, out)
	}
}

// validate and run say what a file builds on and warn when its project
// keys take no effect (a file without extends ran with the project off,
// silently).
func TestValidateBuildsOnAndWarns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte("[project]\nsocial_workers = 6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	warning := "warning: " + path + `:2: key "project.social_workers" is set, but the project never runs (project.enabled is false)`
	out, stderr, err := runCLI(t, "validate", path, "full-programme")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ok " + path + " (mine; no extends: every key not set keeps the program's default, with the project off)",
		"ok full-programme (full-programme; extends builtin:baseline)"} {
		if !strings.Contains(out, want) {
			t.Errorf("validate says\n%s\nnot %q", out, want)
		}
	}
	if !strings.Contains(stderr, warning) {
		t.Errorf("validate warns\n%s\nnot %q", stderr, warning)
	}
	_, stderr, err = runCLI(t, append([]string{"run", path, "--out", t.TempDir()}, small[1:]...)...)
	if err != nil || !strings.Contains(stderr, "mine: no extends") || !strings.Contains(stderr, warning) {
		t.Errorf("run: %v\n%s", err, stderr)
	}
}

// show prints a built-in's file and validate --print the resolved
// scenario, which loads back as the same scenario.
func TestShowAndPrint(t *testing.T) {
	out, _, err := runCLI(t, "show", "full-programme")
	want, _ := scenarios.Read("full-programme")
	if err != nil || out != string(want) {
		t.Fatalf("show full-programme: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "show", "full-programe"); err == nil || !strings.Contains(err.Error(), `unknown built-in scenario "full-programe"`) {
		t.Errorf("show of an unknown name: %v", err)
	}
	if _, _, err := runCLI(t, "show"); !errors.Is(err, errUsage) {
		t.Errorf("show without a name: %v", err)
	}
	out, _, err = runCLI(t, "validate", "--print", "full-programme")
	if err != nil || !strings.HasPrefix(out, "# ok full-programme (full-programme; extends builtin:baseline)\nname = \"full-programme\"\n") {
		t.Fatalf("validate --print: %v\n%s", err, out)
	}
	orig, err := scenario.Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := scenario.LoadBytes("full-programme.toml", []byte(out), nil)
	if err != nil || back.Hash() != orig.Hash() {
		t.Errorf("the printed scenario does not load back the same: %v", err)
	}
}

// compare refuses scenarios on different calendars, saying how to align
// them, and warns when the communities differ in size.
func TestCompareCalendarsAndSizes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	short := write("short.toml", "extends = \"baseline\"\nname = \"short\"\n[calendar]\nmiddle_weeks = 10\n")
	_, _, err := runCLI(t, "compare", "baseline", short, "--quiet")
	want := `short has another calendar than the baseline baseline (middle_weeks 10, the baseline's 40): the weeks and the points compared would not line up; ` +
		`give every scenario the same [calendar], e.g. with --set calendar.middle_weeks=40, which applies to all of them`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	smaller := write("smaller.toml", "extends = \"baseline\"\nname = \"smaller\"\n[community]\nhouseholds = 120\n")
	args := []string{"compare", "baseline", smaller, "--reps", "2", "--out", filepath.Join(dir, "out"), "--quiet", "--set", "community.buildings=8",
		"--set", "community.grids=3", "--set", "calendar.middle_weeks=4", "--set", "calendar.follow_up_weeks=4"}
	_, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	if w := "warning: smaller has 120 households, the baseline baseline 800: the differences mix the scenario's effect with the community's size"; !strings.Contains(stderr, w) {
		t.Errorf("stderr\n%s\ndoes not warn %q", stderr, w)
	}
}

// The default output directory is named as the README says.
func TestCompareDirName(t *testing.T) {
	if got := compareDirName([]string{"baseline", "full-programme"}); got != "compare-baseline+full-programme" {
		t.Errorf("short names: %s", got)
	}
	long := []string{strings.Repeat("a", 40), strings.Repeat("b", 40)} // 81 characters joined
	sum := sha256.Sum256([]byte(long[0] + "\n" + long[1]))
	if got, want := compareDirName(long), "compare-"+hex.EncodeToString(sum[:])[:12]; got != want {
		t.Errorf("long names: %s, want %s", got, want)
	}
	if got := compareDirName([]string{strings.Repeat("a", 40), strings.Repeat("b", 39)}); !strings.HasSuffix(got, strings.Repeat("b", 39)) {
		t.Errorf("80 characters are kept: %s", got)
	}
}

// Every help page works and states the command's real defaults.
func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"help", "help"}, "usage: grassroots help [command]"},
		{[]string{"help", "run"}, "output directory (default results/<scenario name>)"},
		{[]string{"help", "compare"}, "output directory (default results/compare-<names joined by +>, or compare-<hash> when longer than 80 characters)"},
		{[]string{"help", "sweep"}, "output directory (default results/sweep-<name>: the sweep file's name, else the scenario's)"},
		{[]string{"compare", "--help"}, "results/compare-<names joined by +>"},
		{[]string{"help", "show"}, "usage: grassroots show SCENARIO"},
		{[]string{"help", "validate"}, "-print"},
		{[]string{"help"}, "show         print a built-in scenario's TOML file"},
		// Aligned to the longest name: "sensitivity" ran into its text.
		{[]string{"help"}, "sensitivity  rank a sweep's parameters"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, tc.args...)
			if err != nil || !strings.Contains(out, tc.say) {
				t.Fatalf("%v\n%s\ndoes not say %q", err, out, tc.say)
			}
		})
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCompareWritesTablesAndFigures(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"compare", "full-programme", "--baseline", "baseline", "--metrics", "participation,vulnerable_coverage", "--out", dir}, small...)
	stdout, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("compare: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "| full-programme | participation | end_of_project |") {
		t.Errorf("markdown table missing:\n%s", stdout)
	}
	rows := readCSV(t, filepath.Join(dir, "comparison.csv"))
	// 2 scenarios × (2 metrics + 4 equity summaries) × 3 points in time,
	// plus the header.
	if len(rows) != 37 || rows[0][6] != "diff" || rows[7][2] != "participation_income_gap" {
		t.Fatalf("comparison.csv has %d rows: %v", len(rows), rows[0])
	}
	for _, f := range []string{"participation.png", "participation.svg", "vulnerable_coverage.png", "groups.csv", "report.html", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	var m map[string]any
	data, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err := json.Unmarshal(data, &m); err != nil || m["baseline"] != "baseline" {
		t.Fatalf("manifest: %v %v", err, m["baseline"])
	}
	if _, _, err := runCLI(t, "compare", "baseline", "--metrics", "nope"); !errors.Is(err, errUsage) {
		t.Errorf("unknown metric: %v", err)
	}
}

// The validation scenarios run from the CLI and end where the published
// results say (Granovetter 1978).
func TestValidationScenarios(t *testing.T) {
	for _, tc := range []struct {
		file string
		want string
	}{
		{"granovetter-uniform.toml", "1"},
		{"granovetter-uniform-broken.toml", "0.01"},
	} {
		dir := t.TempDir()
		path := filepath.Join("..", "..", "scenarios", "validation", tc.file)
		if _, stderr, err := runCLI(t, "run", path, "--quiet", "--out", dir); err != nil {
			t.Fatalf("%s: %v\n%s", tc.file, err, stderr)
		}
		rows := readCSV(t, filepath.Join(dir, "timeseries.csv"))
		if got := rows[len(rows)-1][slices.Index(rows[0], "participation")]; got != tc.want {
			t.Errorf("%s: participation %s at the last week, want %s", tc.file, got, tc.want)
		}
	}
}

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.out"), filepath.Join(dir, "mem.out"), filepath.Join(dir, "trace.out")
	args := append([]string{"run", "--out", dir, "--cpuprofile", cpu, "--memprofile", mem, "--trace", tr}, small...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, f := range []string{cpu, mem, tr} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}
