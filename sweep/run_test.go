package sweep

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

// tiny shrinks the community and the calendar so that a run takes about a
// millisecond.
var tiny = []string{
	"community.households=40", "community.buildings=4", "community.grids=2",
	"calendar.pre_project_weeks=2", "calendar.initial_weeks=3", "calendar.middle_weeks=4",
	"calendar.later_weeks=3", "calendar.follow_up_weeks=3",
}

// tinyPlan is a sweep of the tiny community; with extra it also writes
// timeseries.csv and groups.csv.
func tinyPlan(t *testing.T, method string, reps int, extra bool) *Plan {
	t.Helper()
	return tinyPlanOf(t, method, reps, extra, extra)
}

func tinyPlanOf(t *testing.T, method string, reps int, timeseries, groups bool) *Plan {
	t.Helper()
	b, _ := ParseVary("macro.bureaucracy=0.3,0.6")
	o, _ := ParseVary("macro.channel_openness=0.2:0.8:3")
	spec := &Spec{Base: "full-programme", Method: method, Replications: reps, Params: []Param{b, o}, Set: tiny, Timeseries: timeseries, Groups: groups}
	if method == MethodLHS {
		b, _ = ParseVary("macro.bureaucracy=0.2:0.9")
		o, _ = ParseVary("macro.channel_openness=0.1:0.9")
		f, _ := ParseVary("macro.organization_funds_per_week=0:300")
		spec.Params, spec.Samples = []Param{b, o, f}, 12
	}
	p, err := NewPlan(spec, 2)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runSweep(t *testing.T, p *Plan, opts Options) (Summary, error) {
	t.Helper()
	if opts.Workers == 0 {
		opts.Workers = 2
	}
	if opts.ProgramVersion == "" {
		opts.ProgramVersion = "test"
	}
	if opts.Analyze == nil {
		opts.Analyze = testAnalyze
	}
	sw, err := Open(p, opts)
	if err != nil {
		return Summary{}, err
	}
	defer sw.Close()
	return sw.Run(context.Background())
}

// testAnalyze stands in for sensitivity.WriteSweep (which imports this
// package): it writes analysis.csv, each outcome's mean by point, read
// back with ReadPoints, ReadOutcomes and PointMeans.
func testAnalyze(dir string, outcomes []string) error {
	outcomes, err := Outcomes(outcomes)
	if err != nil {
		return err
	}
	_, values, err := ReadPoints(dir)
	if err != nil {
		return err
	}
	runPoints, ys, err := ReadOutcomes(dir, len(values), outcomes)
	if err != nil {
		return err
	}
	var b strings.Builder
	for o, y := range ys {
		fmt.Fprintln(&b, outcomes[o], PointMeans(runPoints, y, len(values)))
	}
	return os.WriteFile(filepath.Join(dir, "analysis.csv"), []byte(b.String()), 0o644)
}

// outputs are the files that must not depend on how the sweep ran.
var outputs = []string{PointsFile, RunsFile, TimeseriesFile, GroupsFile, ManifestFile}

func sameOutputs(t *testing.T, a, b string, files ...string) {
	t.Helper()
	for _, f := range files {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}

func TestRunWritesSortedOutputs(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 3, true)
	dir := t.TempDir()
	sum, err := runSweep(t, p, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Computed != 18 {
		t.Errorf("computed %d runs, want 18", sum.Computed)
	}
	runs, _ := os.ReadFile(filepath.Join(dir, RunsFile))
	lines := strings.Split(strings.TrimSpace(string(runs)), "\n")
	// The points in time are named as in summary.csv (issue 14: this
	// one was end_of_follow_up).
	if len(lines) != 19 || !strings.HasPrefix(lines[0], "point,replication,seed,participation_end_of_project,participation_end_of_horizon,participation_auc,") {
		t.Fatalf("runs.csv: %d lines, header %q", len(lines), lines[0])
	}
	for i, l := range lines[1:] {
		run, ok := runOf([]byte(l), 3)
		if !ok || run != i {
			t.Fatalf("row %d is run %d", i, run)
		}
	}
	points, _ := os.ReadFile(filepath.Join(dir, PointsFile))
	if !strings.HasPrefix(string(points), "point,macro.bureaucracy,macro.channel_openness\n0,0.3,0.2\n1,0.3,0.5\n") {
		t.Errorf("points.csv:\n%s", points)
	}
	ts, _ := os.ReadFile(filepath.Join(dir, TimeseriesFile))
	if n := strings.Count(string(ts), "\n"); n != 1+18*15 {
		t.Errorf("timeseries.csv has %d lines, want %d", n, 1+18*15)
	}
	sameGroups(t, p, dir)
	if _, err := os.Stat(filepath.Join(dir, journalName)); !errors.Is(err, os.ErrNotExist) {
		t.Error("journal left behind after a finished sweep")
	}
	m, err := ReadManifest(filepath.Join(dir, ManifestFile))
	if err != nil || m.Runs != 18 || m.Points != 6 || len(m.ReplicationSeeds) != 3 || m.Shard != nil {
		t.Errorf("manifest %+v %v", m, err)
	}
	// Same outputs with one worker.
	one := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: one, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, dir, one, outputs...)
}

// Stopping a sweep after some runs and resuming it gives the files of an
// uninterrupted sweep; a torn last record is dropped and recomputed.
func TestInterruptAndResume(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 4, true)
	whole := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: whole}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	sw, err := Open(p, Options{Dir: dir, Workers: 2, ProgramVersion: "test", Progress: func(done, _ int) {
		if done == 7 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sw.Run(ctx)
	sw.Close()
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted sweep returned %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, RunsFile)); err == nil {
		t.Fatal("runs.csv written by an interrupted sweep")
	}
	// Tear the journal as a kill in mid-write would.
	f, err := os.OpenFile(filepath.Join(dir, journalName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`0123abcd {"run":3,"row":"3,0,`)
	f.Close()

	if _, err := runSweep(t, p, Options{Dir: dir}); !errors.Is(err, ErrExists) {
		t.Fatalf("rerun without --resume: %v", err)
	}
	sw, err = Open(p, Options{Dir: dir, Workers: 2, Resume: true, ProgramVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sw.Done() < 7 || sw.Done() >= sw.Total() || sw.Dropped() == 0 {
		t.Errorf("resume: %d of %d done, %d bytes dropped", sw.Done(), sw.Total(), sw.Dropped())
	}
	before := sw.Done()
	sum, err := sw.Run(context.Background())
	sw.Close()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Computed != sw.Total()-before {
		t.Errorf("resume computed %d runs, want the %d missing", sum.Computed, sw.Total()-before)
	}
	sameOutputs(t, whole, dir, outputs...)

	// Resuming a finished sweep does nothing; another sweep is refused.
	if sum, err := runSweep(t, p, Options{Dir: dir, Resume: true}); err != nil || sum.Computed != 0 {
		t.Errorf("resume of a finished sweep: %v, computed %d", err, sum.Computed)
	}
	other := tinyPlan(t, MethodGrid, 5, true)
	if _, err := runSweep(t, other, Options{Dir: dir, Resume: true}); err == nil || !strings.Contains(err.Error(), "another") {
		t.Errorf("resume with other replications: %v", err)
	}
	// The same sweep finished by another build is named as such.
	if _, err := runSweep(t, p, Options{Dir: dir, Resume: true, ProgramVersion: "other"}); err == nil ||
		!strings.Contains(err.Error(), "holds this sweep, finished by program version test (this is other)") {
		t.Errorf("resume by another program version: %v", err)
	}
}

func TestResumeRefusesAnotherSweep(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 2, false)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	sw, err := Open(p, Options{Dir: dir, Workers: 1, ProgramVersion: "test", Progress: func(int, int) { cancel() }})
	if err != nil {
		t.Fatal(err)
	}
	sw.Run(ctx)
	sw.Close()
	for _, tc := range []struct {
		plan    *Plan
		version string
		want    string
	}{
		{tinyPlan(t, MethodGrid, 3, false), "test", "replications"},
		{tinyPlan(t, MethodGrid, 2, true), "test", "timeseries"},
		{tinyPlanOf(t, MethodGrid, 2, false, true), "test", "started with groups false, not true"},
		{p, "other", "program version"},
	} {
		sw, err := Open(tc.plan, Options{Dir: dir, Resume: true, ProgramVersion: tc.version})
		if err == nil {
			sw.Close()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want an error about %s", err, tc.want)
		}
	}
}

// Shards run separately and merged give the files of the whole sweep; a
// missing or repeated shard is named and nothing is written.
func TestShardsMerge(t *testing.T) {
	p := tinyPlan(t, MethodLHS, 2, true)
	whole := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: whole}); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	const n = 5
	for k := 1; k <= n; k++ {
		sh := Shard{Index: k, Count: n}
		if _, err := runSweep(t, p, Options{Dir: ShardDir(root, sh), Shard: sh}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "merged")
	if _, err := Merge([]string{root}, out, testAnalyze); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, whole, out, append(outputs, "analysis.csv")...)

	// Leave out shard 4 and give shard 2 twice.
	dirs := []string{ShardDir(root, Shard{1, n}), ShardDir(root, Shard{2, n}), ShardDir(root, Shard{2, n}),
		ShardDir(root, Shard{3, n}), ShardDir(root, Shard{5, n})}
	bad := filepath.Join(t.TempDir(), "bad")
	_, err := Merge(dirs, bad, testAnalyze)
	var me *MergeError
	if !errors.As(err, &me) {
		t.Fatalf("merge with a missing shard: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"runs missing", "(shard 4/5)", "4/5 (", "present more than once"} {
		if !strings.Contains(msg, want) {
			t.Errorf("merge error does not say %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed merge wrote output")
	}
	// A shard of another sweep is refused.
	q := tinyPlan(t, MethodGrid, 2, true)
	foreign := filepath.Join(t.TempDir(), "foreign")
	if _, err := runSweep(t, q, Options{Dir: ShardDir(foreign, Shard{1, n}), Shard: Shard{1, n}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge([]string{root, foreign}, bad, testAnalyze); err == nil || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("merge of another sweep's shard: %v", err)
	}
}

func TestJournalLines(t *testing.T) {
	line, err := encodeLine(journalRecord{Run: 7, Row: "7,0,1\n"})
	if err != nil {
		t.Fatal(err)
	}
	var rec journalRecord
	if err := decodeLine(line, &rec); err != nil || rec.Run != 7 || rec.Row != "7,0,1\n" {
		t.Fatalf("round trip: %+v %v", rec, err)
	}
	for _, bad := range [][]byte{line[:len(line)-1], line[:len(line)/2], append([]byte("0"), line[1:]...), {}, []byte("\n")} {
		if decodeLine(bad, &rec) == nil {
			t.Errorf("accepted torn line %q", bad)
		}
	}
	flipped := bytes.Replace(line, []byte(`"run":7`), []byte(`"run":8`), 1)
	if decodeLine(flipped, &rec) == nil {
		t.Error("accepted a line whose checksum does not match")
	}
}

// A plan too large to keep its points' configurations loads them again
// when running, with the same results.
func TestReloadedConfigsSameOutputs(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 2, false)
	kept := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: kept}); err != nil {
		t.Fatal(err)
	}
	p.configs = nil // as beyond keepConfigs points
	reloaded := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: reloaded}); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, kept, reloaded, PointsFile, RunsFile, ManifestFile)
}

// A directory holding no sweep but files a sweep writes (a user's own
// runs.csv, say) is refused, and its files left as they were.
func TestOpenRefusesUserFiles(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 1, false)
	for _, name := range []string{RunsFile, PointsFile, ManifestFile, "notes.txt"} {
		for _, resume := range []bool{false, true} {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte("the user's own\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := runSweep(t, p, Options{Dir: dir, Resume: resume})
			if err == nil || !strings.Contains(err.Error(), "choose another --out") {
				t.Errorf("%s, resume %v: err = %v", name, resume, err)
			}
			if data, _ := os.ReadFile(path); string(data) != "the user's own\n" {
				t.Errorf("%s, resume %v: overwritten with %q", name, resume, data)
			}
		}
	}
}

// A session killed while writing its tables leaves temporary files; the
// next one removes them. Neither a finished sweep nor a refused one keeps
// its lock file.
func TestOpenRemovesLeftoversAndLock(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 1, false)
	dir := t.TempDir()
	sw, err := Open(p, Options{Dir: dir, Workers: 2, ProgramVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	sw.Close()
	for _, n := range []string{".runs.csv.tmp-4021", ".sensitivity.csv.tmp-77"} {
		os.WriteFile(filepath.Join(dir, n), []byte("torn"), 0o644)
	}
	sw, err = Open(p, Options{Dir: dir, Workers: 2, ProgramVersion: "test", Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := sw.Removed(); len(got) != 1 || got[0] != ".runs.csv.tmp-4021" {
		t.Errorf("removed %v", got)
	}
	if _, err := sw.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	sw.Close()
	if _, err := os.Stat(filepath.Join(dir, lockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a finished sweep keeps %s: %v", lockName, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".sensitivity.csv.tmp-77")); err != nil {
		t.Error("a temporary of another command's file was removed")
	}
	refused := t.TempDir()
	os.WriteFile(filepath.Join(refused, "notes.txt"), nil, 0o644)
	if _, err := Open(p, Options{Dir: refused, ProgramVersion: "test"}); err == nil {
		t.Fatal("opened")
	}
	if _, err := os.Stat(filepath.Join(refused, lockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused sweep leaves %s: %v", lockName, err)
	}
}

// Merging into a directory of someone else's files is refused and leaves
// them as they were; merging again over a merge replaces it.
func TestMergeRefusesUserFiles(t *testing.T) {
	p := tinyPlan(t, MethodLHS, 2, true)
	root := t.TempDir()
	const n = 2
	for k := 1; k <= n; k++ {
		sh := Shard{Index: k, Count: n}
		if _, err := runSweep(t, p, Options{Dir: ShardDir(root, sh), Shard: sh}); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	mine := filepath.Join(out, PointsFile)
	if err := os.WriteFile(mine, []byte("my thesis data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Merge([]string{root}, out, nil)
	if err == nil || !strings.Contains(err.Error(), "holds no sweep") {
		t.Fatalf("merge into a folder of user files: %v", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my thesis data\n" {
		t.Fatalf("the user's %s was overwritten: %q", PointsFile, b)
	}
	merged := filepath.Join(t.TempDir(), "merged")
	for range 2 {
		if _, err := Merge([]string{root}, merged, nil); err != nil {
			t.Fatalf("merge over a previous merge: %v", err)
		}
	}
}

// sameGroups checks that the sweep's groups.csv is, run by run, what run
// and compare write in groups.csv for the same configuration (one schema,
// one writer), with the point's id in the first column.
func sameGroups(t *testing.T, p *Plan, dir string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, GroupsFile))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	for pt := range p.Points {
		cfg, err := p.Config(pt)
		if err != nil {
			t.Fatal(err)
		}
		results, err := experiment.Run(context.Background(), cfg, experiment.Options{Seed: p.Seed, Replications: p.Replications, Groups: true})
		if err != nil {
			t.Fatal(err)
		}
		var one bytes.Buffer
		if err := report.WriteGroups(&one, []string{"s"}, [][]*sim.Result{results}); err != nil {
			t.Fatal(err)
		}
		header, rows, _ := strings.Cut(one.String(), "\n")
		if pt == 0 {
			want.WriteString(strings.Replace(header, "scenario,", "point,", 1) + "\n")
		}
		want.WriteString(strings.ReplaceAll("\n"+rows, "\ns,", "\n"+strconv.Itoa(pt)+",")[1:])
	}
	if want.Len() < 1000 || !bytes.Equal(got, want.Bytes()) {
		g, w := strings.Split(string(got), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("%s differs from the run's groups.csv at line %d:\n got: %s\nwant: %s", GroupsFile, i+1, g[i], w[i])
			}
		}
		t.Fatalf("%s has %d lines, the runs' groups.csv %d", GroupsFile, len(g), len(w))
	}
}

// Without groups (the default) a sweep measures no groups: its journal
// records carry none and it writes no groups.csv.
func TestGroupsOffByDefault(t *testing.T) {
	p := tinyPlanOf(t, MethodGrid, 2, true, false)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	sw, err := Open(p, Options{Dir: dir, Workers: 1, ProgramVersion: "test", Progress: func(done, _ int) {
		if done == 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	sw.Run(ctx)
	sw.Close()
	journal, err := os.ReadFile(filepath.Join(dir, journalName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(journal, []byte(`"timeseries":"`)) || bytes.Contains(journal, []byte(`"groups":"`)) {
		t.Errorf("journal of a sweep without groups:\n%.600s", journal)
	}
	if _, err := runSweep(t, p, Options{Dir: dir, Resume: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, GroupsFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a sweep without groups wrote %s: %v", GroupsFile, err)
	}
	if m, err := ReadManifest(filepath.Join(dir, ManifestFile)); err != nil || m.Groups {
		t.Errorf("manifest groups %v, %v", m.Groups, err)
	}
}
