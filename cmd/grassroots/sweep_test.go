package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHelperProcess is not a test: started by another test with
// GRASSROOTS_HELPER=1, it runs the command line after "--" as the
// grassroots binary would, so that tests can kill a real process.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("GRASSROOTS_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(runWithSignals(args, os.Stdout, os.Stderr))
}

// schedulerVars are cleared in helper processes, so that a test run inside
// a Slurm job or a Kubernetes pod does not shard its sweeps.
var schedulerVars = []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
	"SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX", "GRASSROOTS_SHARDS"}

// helper returns a command running grassroots args in a child process with
// the extra environment variables env.
func helper(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	for _, kv := range os.Environ() {
		keep := true
		for _, v := range schedulerVars {
			keep = keep && !strings.HasPrefix(kv, v+"=")
		}
		if keep {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, "GRASSROOTS_HELPER=1"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// tinySweep is a grid of 30 points × 10 replications of a tiny community
// over a short calendar: 300 runs of about a millisecond each.
func tinySweep(out string, extra ...string) []string {
	args := []string{"sweep", "full-programme", "--quiet", "--workers", "2", "--out", out, "--timeseries", "--groups",
		"--vary", "macro.bureaucracy=0.3,0.5,0.7", "--vary", "macro.channel_openness=0.2:0.8:5",
		"--vary", "project.social_workers=2,4", "--reps", "10",
		"--set", "community.households=40", "--set", "community.buildings=4", "--set", "community.grids=2",
		"--set", "calendar.pre_project_weeks=2", "--set", "calendar.initial_weeks=3", "--set", "calendar.middle_weeks=4",
		"--set", "calendar.later_weeks=3", "--set", "calendar.follow_up_weeks=3"}
	return append(args, extra...)
}

// sweepFiles are the outputs that must be byte-identical however the sweep
// ran. All are sorted by (point, replication), so no sorting is needed to
// compare them.
var sweepFiles = []string{"points.csv", "runs.csv", "timeseries.csv", "groups.csv", "manifest.json"}

func sameFiles(t *testing.T, want, got string, files []string) {
	t.Helper()
	for _, f := range files {
		a, err1 := os.ReadFile(filepath.Join(want, f))
		b, err2 := os.ReadFile(filepath.Join(got, f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the uninterrupted sweep's", f)
		}
	}
}

// journalRecords counts the whole lines of a journal after its header.
func journalRecords(dir string) int {
	data, err := os.ReadFile(filepath.Join(dir, "journal.jsonl"))
	if err != nil {
		return 0
	}
	return max(0, bytes.Count(data, []byte("\n"))-1)
}

// interruptMidway starts the sweep in a child process, waits until it has
// saved some runs, and sends it sig.
func interruptMidway(t *testing.T, dir string, sig os.Signal) (*exec.Cmd, *bytes.Buffer, error) {
	t.Helper()
	cmd, stderr := helper(t, nil, tinySweep(dir, "--shard", "1/1")...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
	for journalRecords(dir) < 25 {
		select {
		case err := <-exited:
			t.Fatalf("the sweep ended (%v) before it could be interrupted:\n%s", err, stderr)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the sweep saved no runs in two minutes")
		case <-time.After(time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr, <-exited
}

// A sweep killed midway (kill -9, or Ctrl-C) and resumed writes the same
// bytes as one never interrupted.
func TestSweepKilledAndResumed(t *testing.T) {
	want := t.TempDir()
	if _, stderr, err := runCLI(t, tinySweep(want, "--shard", "1/1")...); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, stderr)
	}
	for _, tc := range []struct {
		name string
		sig  os.Signal
	}{{"SIGKILL", syscall.SIGKILL}, {"SIGINT", os.Interrupt}} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.sig != syscall.SIGKILL {
				t.Skip("short: the SIGKILL case covers resuming")
			}
			dir := t.TempDir()
			cmd, stderr, err := interruptMidway(t, dir, tc.sig)
			if err == nil {
				t.Fatalf("interrupted sweep exited 0:\n%s", stderr)
			}
			if tc.sig == os.Interrupt {
				if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "--resume") {
					t.Errorf("after Ctrl-C: exit %d, stderr %q; want 1 and advice to --resume", code, stderr)
				}
			}
			saved := journalRecords(dir)
			if saved >= 300 {
				t.Fatalf("all %d runs were saved before the signal; nothing to resume", saved)
			}
			if _, err := os.Stat(filepath.Join(dir, "runs.csv")); err == nil {
				t.Fatal("an interrupted sweep wrote runs.csv")
			}
			if tc.sig == syscall.SIGKILL {
				tearJournal(t, dir)
			}
			// Rerunning without --resume refuses to touch it.
			again, _ := helper(t, nil, tinySweep(dir, "--shard", "1/1")...)
			if err := again.Run(); err == nil || again.ProcessState.ExitCode() != 1 {
				t.Fatalf("rerun without --resume: %v", err)
			}
			resume, stderr := helper(t, nil, tinySweep(dir, "--shard", "1/1", "--resume")...)
			if err := resume.Run(); err != nil {
				t.Fatalf("resume: %v\n%s", err, stderr)
			}
			sameFiles(t, want, dir, sweepFiles)
			if _, err := os.Stat(filepath.Join(dir, "journal.jsonl")); !errors.Is(err, os.ErrNotExist) {
				t.Error("journal left after the sweep finished")
			}
			t.Logf("%s after %d of 300 runs saved", tc.name, saved)
		})
	}
}

// tearJournal appends the first half of the journal's last record, as a
// kill in the middle of a write (or a power cut) could leave it.
func tearJournal(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "journal.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.TrimSuffix(data, []byte("\n"))
	last := body[bytes.LastIndexByte(body, '\n')+1:]
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(last[:len(last)/2]); err != nil {
		t.Fatal(err)
	}
}

// lhsSweep is a Latin hypercube of 12 points × 3 replications.
func lhsSweep(out string, extra ...string) []string {
	args := []string{"sweep", "full-programme", "--quiet", "--workers", "1", "--out", out,
		"--method", "lhs", "--samples", "12", "--reps", "3", "--timeseries", "--groups",
		"--vary", "macro.bureaucracy=0.3:0.9", "--vary", "macro.channel_openness=0.1:0.9",
		"--vary", "macro.organization_funds_per_week=0:200",
		"--set", "community.households=40", "--set", "community.buildings=4", "--set", "community.grids=2",
		"--set", "calendar.pre_project_weeks=2", "--set", "calendar.initial_weeks=3", "--set", "calendar.middle_weeks=4",
		"--set", "calendar.later_weeks=3", "--set", "calendar.follow_up_weeks=3"}
	return append(args, extra...)
}

// Three shard processes, told their shard by --shard, by Slurm's variables
// and by a Kubernetes Indexed Job's, merged, write what one machine does.
func TestSweepShardsMerge(t *testing.T) {
	want := t.TempDir()
	if _, stderr, err := runCLI(t, lhsSweep(want, "--shard", "1/1")...); err != nil {
		t.Fatalf("single-machine sweep: %v\n%s", err, stderr)
	}
	root := t.TempDir()
	shards := []struct {
		env  []string
		args []string
	}{
		{nil, []string{"--shard", "1/3"}},
		{[]string{"SLURM_ARRAY_TASK_ID=5", "SLURM_ARRAY_TASK_MIN=4", "SLURM_ARRAY_TASK_COUNT=3"}, nil},
		{[]string{"JOB_COMPLETION_INDEX=2", "GRASSROOTS_SHARDS=3"}, nil},
	}
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for _, s := range shards {
		cmd, stderr := helper(t, s.env, lhsSweep(root, s.args...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, stderr)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i+1, err, errs[i])
		}
	}
	for k := 1; k <= 3; k++ {
		if _, err := os.Stat(filepath.Join(root, "shard-"+string(rune('0'+k))+"-of-3", "runs.csv")); err != nil {
			t.Fatalf("shard %d/3 output: %v", k, err)
		}
	}
	merged := filepath.Join(t.TempDir(), "merged")
	if _, stderr, err := runCLI(t, "merge", root, "--out", merged, "--quiet"); err != nil {
		t.Fatalf("merge: %v\n%s", err, stderr)
	}
	sameFiles(t, want, merged, append(sweepFiles, "sensitivity.csv", "tornado.svg", "tornado.png"))

	// Without shard 2 the merge fails, names what is missing and writes
	// nothing.
	bad := filepath.Join(t.TempDir(), "bad")
	_, _, err := runCLI(t, "merge", filepath.Join(root, "shard-1-of-3"), filepath.Join(root, "shard-3-of-3"), "--out", bad)
	if err == nil || errors.Is(err, errUsage) || !strings.Contains(err.Error(), "missing") || !strings.Contains(err.Error(), "shard 2/3") {
		t.Fatalf("merge without shard 2: %v", err)
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Error("failed merge wrote output")
	}
}

func TestSensitivityCommand(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := runCLI(t, lhsSweep(dir, "--shard", "1/1")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// The LHS sweep analyses itself and prints the table.
	if !strings.Contains(stdout, "| macro.channel_openness |") {
		t.Errorf("sweep did not print its PRCC table:\n%s", stdout)
	}
	out := t.TempDir()
	stdout, stderr, err = runCLI(t, "sensitivity", dir, "--outcomes", "trust_auc,cost_end_of_follow_up", "--per-run", "--out", out, "--quiet")
	if err != nil {
		t.Fatalf("sensitivity: %v\n%s", err, stderr)
	}
	// cost_end_of_follow_up is the earlier name of cost_end_of_horizon:
	// runs.csv and summary.csv now name the last week alike (issue 14).
	if !strings.Contains(stdout, "| parameter | trust_auc | cost_end_of_horizon |") {
		t.Errorf("table:\n%s", stdout)
	}
	rows := readCSV(t, filepath.Join(out, "sensitivity.csv"))
	if len(rows) != 1+2*3 || rows[1][5] != "32" { // 36 runs - 2 - (3 - 1)
		t.Errorf("sensitivity.csv: %v", rows)
	}
	for _, f := range []string{"tornado.png", "tornado.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, _, err := runCLI(t, "sensitivity", dir, "--outcomes", "participation_end"); err == nil || !strings.Contains(err.Error(), "unknown outcome") {
		t.Errorf("unknown outcome: %v", err)
	}
}

func TestSweepUsage(t *testing.T) {
	sweepFile := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(sweepFile, []byte("base = \"baseline\"\n[vary]\nmacro.bureacracy = [0.1, 0.2]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		usage bool
		say   string
	}{
		{"nothing", []string{"sweep"}, true, "takes one sweep file or scenario"},
		{"no vary", []string{"sweep", "baseline"}, true, "--vary"},
		{"bad vary", []string{"sweep", "baseline", "--vary", "macro.bureaucracy"}, true, `missing "="`},
		{"bad shard", []string{"sweep", "baseline", "--vary", "macro.bureaucracy=0.1", "--shard", "0/2"}, true, "from 1"},
		{"vary with file", []string{"sweep", sweepFile, "--vary", "x=1"}, true, "sweep file"},
		{"unknown key in file", []string{"sweep", sweepFile, "--quiet", "--shard", "1/1"}, false, "bureacracy"},
		{"out of range", []string{"sweep", "baseline", "--quiet", "--shard", "1/1", "--vary", "macro.bureaucracy=0.5,2"}, false, "at most 0.95"},
		{"vary seed", []string{"sweep", "baseline", "--quiet", "--vary", "seed=1,2"}, false, `"seed" is not a model parameter and cannot be varied; vary a key under community, macro`},
		{"vary replications", []string{"sweep", "baseline", "--quiet", "--vary", "replications=2,3"}, false, `"replications" is not a model parameter`},
		{"vary name", []string{"sweep", "baseline", "--quiet", "--vary", "name=a,b"}, false, `"name" is not a model parameter`},
		{"vary description", []string{"sweep", "baseline", "--quiet", "--vary", "description=a,b"}, false, `"description" is not a model parameter`},
		{"reps 0", []string{"sweep", "baseline", "--vary", "macro.bureaucracy=0.1", "--reps", "0"}, true, "--reps must be from 1 to 10000, got 0"},
		{"merge no out", []string{"merge", "x"}, true, "--out"},
		{"merge nothing", []string{"merge", t.TempDir(), "--out", filepath.Join(t.TempDir(), "m")}, false, "neither a sweep"},
		{"sensitivity nothing", []string{"sensitivity", t.TempDir()}, false, "points.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, err := runCLI(t, tc.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, errUsage) != tc.usage {
				t.Fatalf("usage error = %v, want %v (%v)", errors.Is(err, errUsage), tc.usage, err)
			}
			if msg := err.Error() + stderr; !strings.Contains(msg, tc.say) {
				t.Fatalf("message %q does not say %q", msg, tc.say)
			}
		})
	}
}
