package calibrate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sweep"
)

// writeTo writes c into a new directory and returns it.
func writeTo(t *testing.T, c *Calibration) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := c.Write(dir, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runShards runs every shard of n, then merges, until the calibration is
// over; cut, if not nil, is called on the shards' directory before each
// merge. It returns the outputs and how many merges asked for more.
func runShards(t *testing.T, f *File, n int, cut func(dir string, merge int)) (string, int) {
	t.Helper()
	ctx, dir, o := context.Background(), t.TempDir(), Options{Workers: 2, Version: "test"}
	var written string
	short := 0
	for merge := 0; written == "" && merge < 20; merge++ {
		for k := 1; k <= n; k++ {
			if _, err := RunShard(ctx, f, dir, sweep.Shard{Index: k, Count: n}, o); err != nil {
				t.Fatal(err)
			}
		}
		if cut != nil {
			cut(dir, merge)
		}
		_, _, err := MergeShards(ctx, f, dir, o, func(c *Calibration) error {
			written = writeTo(t, c)
			return nil
		})
		if err != nil && strings.Contains(err.Error(), "run every shard again") {
			short++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if written == "" {
		t.Fatal("the sharded calibration did not end")
	}
	// Once finished, shards do nothing and a merge is refused.
	if rep, err := RunShard(ctx, f, dir, sweep.Shard{Index: 1, Count: n}, o); err != nil || rep.Finished == "" {
		t.Errorf("a shard after the end: %+v, %v", rep, err)
	}
	if _, _, err := MergeShards(ctx, f, dir, o, nil); err == nil || !strings.Contains(err.Error(), "the calibration has finished") {
		t.Errorf("a merge after the end: %v", err)
	}
	return written, short
}

func sameOutputs(t *testing.T, want, got string) {
	t.Helper()
	for _, name := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "posterior.svg", "fit.svg"} {
		x, _ := os.ReadFile(filepath.Join(want, name))
		y, _ := os.ReadFile(filepath.Join(got, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between the sharded and the unsharded run", name)
		}
	}
}

// A calibration run as 3 shards and merged writes what one machine
// writes, also when a shard's file falls short and is extended.
func TestShardsWriteWhatOneMachineWrites(t *testing.T) {
	f := calibration(t, 0.1, 0.02, "particles = 12\nreplications = 1\ngenerations = 3\ntolerance = 0\npredictive_draws = 10")
	c, err := Run(context.Background(), f, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := writeTo(t, c)
	got, _ := runShards(t, f, 3, nil)
	sameOutputs(t, want, got)
	// More shards than particles: some have nothing to do in generation 0.
	got, _ = runShards(t, f, 13, nil)
	sameOutputs(t, want, got)

	// Cut shard 2's file of generation 1 to its first proposal before the
	// first merge of that generation: the merge asks for more, shard 2
	// goes on from there, and the outputs are still the same.
	cut := false
	got, short := runShards(t, f, 3, func(dir string, merge int) {
		path := shardFile(dir, sweep.Shard{Index: 2, Count: 3}, 1)
		data, err := os.ReadFile(path)
		if cut || err != nil {
			return
		}
		cut = true
		lines := strings.SplitAfter(string(data), "\n")
		if err := os.WriteFile(path, []byte(strings.Join(lines[:3], "")), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if !cut || short == 0 {
		t.Errorf("the cut shard file did not make a merge ask for more (cut %v, short %d)", cut, short)
	}
	sameOutputs(t, want, got)
}

// A shard file of another calibration or generation is refused by its
// key, and a missing shard is named.
func TestShardFileOfAnotherCalibrationRefused(t *testing.T) {
	f := calibration(t, 0.1, 0.02, "particles = 6\nreplications = 1\ngenerations = 2\npredictive_draws = 10")
	other := calibration(t, 0.12, 0.02, "particles = 6\nreplications = 1\ngenerations = 2\npredictive_draws = 10")
	ctx, o := context.Background(), Options{Workers: 1, Version: "test"}
	dir, otherDir := t.TempDir(), t.TempDir()
	sh := sweep.Shard{Index: 1, Count: 2}
	for _, run := range []struct {
		f   *File
		dir string
	}{{f, dir}, {other, otherDir}} {
		if _, err := RunShard(ctx, run.f, run.dir, sh, o); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := MergeShards(ctx, f, dir, o, nil)
	if err == nil || !strings.Contains(err.Error(), "generation 0 has no proposals from shard 2/2: run them, then merge") {
		t.Errorf("missing shard: %v", err)
	}
	data, _ := os.ReadFile(shardFile(otherDir, sh, 0))
	if err := os.WriteFile(shardFile(dir, sh, 0), data, 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "holds proposals for another generation or calibration"
	if _, err := RunShard(ctx, f, dir, sh, o); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("shard: %v", err)
	}
	if _, err := RunShard(ctx, f, dir, sweep.Shard{Index: 2, Count: 2}, o); err != nil {
		t.Fatal(err)
	}
	if _, _, err := MergeShards(ctx, f, dir, o, nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("merge: %v", err)
	}
	// A checkpoint of another calibration is refused too.
	if err := writeCheckpoint(filepath.Join(otherDir, ShardCheckpoint), "x", State{}); err != nil {
		t.Fatal(err)
	}
	if _, err := RunShard(ctx, f, otherDir, sh, o); err == nil || !strings.Contains(err.Error(), "holds another calibration's progress (another file, seed, number of particles or program): shard another calibration into another directory") {
		t.Errorf("another checkpoint: %v", err)
	}
}

// A damaged shard file is an error naming its line.
func TestReadShardFileErrors(t *testing.T) {
	sh := sweep.Shard{Index: 1, Count: 2}
	head := shardHeader + "k\nindex,distance,a\n"
	for _, c := range []struct{ text, want string }{
		{"", ":1: not a calibration shard's file (it should begin \"# grassroots calibrate shard, key \")"},
		{"index,distance,a\n0,1,2\n", ":1: not a calibration shard's file"},
		{shardHeader + "other\nindex,distance,a\n", "holds proposals for another generation or calibration"},
		{head + "0,1,2\n2,1\n", `:4: want proposal 2 as index,distance and 1 parameters, got "2,1"`},
		{head + "0,1,2\n4,1,2\n", `:4: want proposal 2 as index,distance and 1 parameters, got "4,1,2"`},
		{head + "0,x,2\n", `:3: want proposal 0 as index,distance and 1 parameters, got "0,x,2"`},
	} {
		path := filepath.Join(t.TempDir(), "gen-0.csv")
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := readShardFile(path, "k", sh, 1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.text, err, c.want)
		}
	}
	path := filepath.Join(t.TempDir(), "gen-0.csv")
	if err := os.WriteFile(path, []byte(head+"0,+Inf,2\n2,0.5,-1e-300\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := readShardFile(path, "k", sh, 1)
	if err != nil || len(rows) != 2 || rows[1].params[0] != -1e-300 {
		t.Errorf("good file: %v, %v", rows, err)
	}
}
