package calibrate

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/sweep"
)

// A sharded ABC-SMC calibration keeps everything in one directory that
// every machine sees: checkpoint.json, the state after the last merged
// generation (absent before generation 0), and shard-K-of-N/gen-G.csv,
// the proposals shard K of N simulated for generation G. Proposal i of a
// generation depends only on the seed, the generation, i and the state
// before it (SMC's rule), so shard K simulates the proposals i ≡ K-1
// (mod N) in index order, and the merge sees exactly the proposals an
// unsharded run would have: it keeps the first Particles accepted in
// index order and finishes the generation with SMC's own code.

// ShardCheckpoint is the state file in a sharded calibration's directory.
const ShardCheckpoint = "checkpoint.json"

// shardFile is where shard sh writes generation g's proposals.
func shardFile(dir string, sh sweep.Shard, g int) string {
	return filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d", sh.Index, sh.Count), fmt.Sprintf("gen-%d.csv", g))
}

// generationKey ties a shard file to the calibration and to the state its
// generation follows.
func generationKey(key string, st State) string {
	b, _ := json.Marshal(toCheckpoint(key, st))
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ShardReport says what a shard did.
type ShardReport struct {
	Finished  string // why the calibration stopped, if it has: nothing was done
	File      string // the shard's file
	Index     int    // the generation
	Simulated int    // proposals simulated in this session
	Rows      int    // proposals in the file
	Accepted  int    // of them within the tolerance
}

// settings are SMC's settings for f.
func (f *File) settings(o Options) Settings {
	return Settings{
		Particles: f.Particles, Seed: f.Seed, Workers: o.Workers, Quantile: f.Quantile,
		Tolerance: f.Tolerance, MinAcceptance: f.MinAcceptance, MaxGenerations: f.Generations,
		Progress: o.Progress, Finished: o.Finished,
	}
}

// loadShardState reads the state of the sharded calibration in dir: the
// zero State before generation 0.
func loadShardState(f *File, dir, key string) (State, error) {
	st, err := readCheckpointOr(filepath.Join(dir, ShardCheckpoint), key,
		"shard another calibration into another directory, or remove this one's to start afresh")
	if err != nil || st == nil {
		return State{}, err
	}
	if err := st.check(len(f.Params), f.Particles); err != nil {
		return State{}, fmt.Errorf("%s: %v", filepath.Join(dir, ShardCheckpoint), err)
	}
	return *st, nil
}

// RunShard simulates shard sh's part of the next generation of the
// sharded calibration in dir, appending to its file (rewritten atomically
// after every batch) until the shard has accepted a quarter more than its
// share of the particles or reached the acceptance floor's limit. Run
// again on a file that has reached that, it extends it by another quarter
// of its share: what a merge short of accepted proposals asks for.
func RunShard(ctx context.Context, f *File, dir string, sh sweep.Shard, o Options) (ShardReport, error) {
	if sh.Whole() {
		sh = sweep.Shard{Index: 1, Count: 1}
	}
	key := f.CheckpointKey(o.Version)
	st, err := loadShardState(f, dir, key)
	if err != nil {
		return ShardReport{}, err
	}
	if st.Stop != "" {
		return ShardReport{Finished: st.Stop}, nil
	}
	s := f.settings(o)
	next, err := s.next(st, f.Priors(), f.Observed(), f.Simulator(1))
	if err != nil {
		return ShardReport{}, err
	}
	rep := ShardReport{File: shardFile(dir, sh, next.index), Index: next.index}
	genKey := generationKey(key, st)
	rows, err := readShardFile(rep.File, genKey, sh, len(f.Params))
	if err != nil {
		return rep, err
	}
	for _, r := range rows {
		if accepts(r, next.tolerance) {
			rep.Accepted++
		}
	}
	share := (f.Particles + sh.Count - 1) / sh.Count
	goal := share + share/4 + 1 // rarely short, and a round of shards costs a wait in the queue
	if rep.Accepted >= goal {
		goal = rep.Accepted + share/4 + 1
	}
	if err := os.MkdirAll(filepath.Dir(rep.File), 0o755); err != nil {
		return rep, err
	}
	batch := max(1, 4*o.Workers)
	for rep.Accepted < goal {
		var todo []int
		for k := len(rows); len(todo) < batch; k++ {
			if i := nth(sh, k); i < next.limit {
				todo = append(todo, i)
			} else {
				break
			}
		}
		if len(todo) == 0 {
			break
		}
		out := make([]proposal, len(todo))
		err := experiment.ForEach(ctx, len(todo), o.Workers, nil, func(ctx context.Context, k int) error {
			var err error
			out[k], err = next.propose(ctx, todo[k])
			return err
		})
		if err != nil {
			return rep, err
		}
		for _, p := range out {
			if accepts(p, next.tolerance) {
				rep.Accepted++
			}
		}
		rows = append(rows, out...)
		rep.Simulated += len(out)
		if err := writeShardFile(rep.File, genKey, f, sh, rows); err != nil {
			return rep, err
		}
		if o.Progress != nil {
			o.Progress(next.index, min(rep.Accepted, goal), goal)
		}
	}
	rep.Rows = len(rows)
	if rep.Simulated == 0 {
		// A shard with nothing (more) to do says so by its file, which
		// may hold no proposal at all.
		return rep, writeShardFile(rep.File, genKey, f, sh, rows)
	}
	return rep, nil
}

// nth is the index of shard sh's k-th proposal (from 0).
func nth(sh sweep.Shard, k int) int {
	return k*sh.Count + sh.Index - 1
}

// exact writes v so that it reads back the same, +Inf included: a shard
// file is state the merge goes on from, not a table for people.
func exact(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// The first line of a shard file, before its key.
const shardHeader = "# grassroots calibrate shard, key "

func writeShardFile(path, genKey string, f *File, sh sweep.Shard, rows []proposal) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "%s%s\nindex,distance", shardHeader, genKey)
		for _, p := range f.Params {
			fmt.Fprintf(bw, ",%s", p.Path)
		}
		bw.WriteString("\n")
		for k, r := range rows {
			fmt.Fprintf(bw, "%d,%s", nth(sh, k), exact(r.distance))
			for _, v := range r.params {
				fmt.Fprintf(bw, ",%s", exact(v))
			}
			bw.WriteString("\n")
		}
		return bw.Flush()
	})
}

// readShardFile returns the proposals in a shard file, none if it does
// not exist, or an error if it belongs to another generation or
// calibration or is not the shard's proposals in order.
func readShardFile(path, genKey string, sh sweep.Shard, params int) ([]proposal, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	key, ok := strings.CutPrefix(lines[0], shardHeader)
	if !ok || len(lines) < 2 {
		return nil, fmt.Errorf("%s:1: not a calibration shard's file (it should begin %q)", path, shardHeader)
	}
	if key != genKey {
		return nil, fmt.Errorf("%s holds proposals for another generation or calibration (another checkpoint, file, seed, number of particles or program): remove it and run the shard again", path)
	}
	var rows []proposal
	for n, line := range lines[2:] {
		fields := strings.Split(line, ",")
		vals := make([]float64, len(fields))
		for j, s := range fields {
			if vals[j], err = strconv.ParseFloat(s, 64); err != nil {
				break
			}
		}
		want := nth(sh, len(rows))
		if err != nil || len(fields) != params+2 || vals[0] != float64(want) {
			return nil, fmt.Errorf("%s:%d: want proposal %d as index,distance and %d parameters, got %q", path, n+3, want, params, line)
		}
		rows = append(rows, proposal{distance: vals[1], params: vals[2:]})
	}
	return rows, nil
}

// MergeReport says what a merge did.
type MergeReport struct {
	Generation Generation // the generation finished
	Shards     int
	Proposals  int // the prefix of proposals every shard covers
}

// MergeShards finishes the generation the shards in dir simulated: it
// takes the first Particles accepted proposals in index order, as SMC
// does, from the proposals every shard has covered. If the calibration
// goes on, it writes the next state to dir's checkpoint and returns a nil
// Calibration; once it stops, it simulates the predictive draws, hands
// the calibration to write and then marks the checkpoint finished, so
// that a failed write can be merged again. The outputs are those of an
// unsharded run.
func MergeShards(ctx context.Context, f *File, dir string, o Options, write func(*Calibration) error) (*Calibration, MergeReport, error) {
	start := time.Now()
	key := f.CheckpointKey(o.Version)
	var rep MergeReport
	st, err := loadShardState(f, dir, key)
	if err != nil {
		return nil, rep, err
	}
	if st.Stop != "" {
		return nil, rep, fmt.Errorf("%s: the calibration has finished (%s); its outputs were written by the merge that finished it", filepath.Join(dir, ShardCheckpoint), st.Stop)
	}
	s := f.settings(o)
	simulate := f.Simulator(1)
	next, err := s.next(st, f.Priors(), f.Observed(), simulate)
	if err != nil {
		return nil, rep, err
	}
	shards, err := findShards(dir, next.index)
	if err != nil {
		return nil, rep, err
	}
	rep.Shards = len(shards)
	genKey := generationKey(key, st)
	covered := next.limit
	for k, sh := range shards {
		if shards[k].rows, err = readShardFile(shardFile(dir, sh.shard, next.index), genKey, sh.shard, len(f.Params)); err != nil {
			return nil, rep, err
		}
		covered = min(covered, nth(sh.shard, len(shards[k].rows)))
	}
	n := len(shards)
	props := make([]proposal, covered)
	for i := range props {
		props[i] = shards[i%n].rows[i/n]
	}
	rep.Proposals = covered
	gen := Generation{Index: next.index}
	accepted := s.keep(nil, &gen, props, next.tolerance)
	if len(accepted) < s.Particles && covered < next.limit {
		return nil, rep, fmt.Errorf("generation %d: the first %d proposals, which every shard has simulated, hold %d of the %d particles needed: run every shard again to extend its file, then merge", next.index, covered, len(accepted), s.Particles)
	}
	s.close(accepted, &gen)
	st, stop := s.finish(st, next, accepted, gen, f.Priors())
	rep.Generation = st.Generations[len(st.Generations)-1]
	if stop == "" {
		return nil, rep, writeCheckpoint(filepath.Join(dir, ShardCheckpoint), key, st)
	}
	res := &Result{Particles: st.Particles, Generations: st.Generations, Stop: stop}
	pred, err := Predict(ctx, res.Particles, f.Predictive, f.Seed, o.Workers, simulate)
	if err != nil {
		return nil, rep, err
	}
	c := &Calibration{File: f, Method: MethodABC, Result: res, Predictive: pred, Workers: o.Workers,
		Wall: time.Since(start), Resumed: len(st.Generations)}
	if err := write(c); err != nil {
		return nil, rep, err
	}
	st.Stop = stop
	return c, rep, writeCheckpoint(filepath.Join(dir, ShardCheckpoint), key, st)
}

// shardRows are one shard's proposals of a generation.
type shardRows struct {
	shard sweep.Shard
	rows  []proposal
}

// findShards returns the shards in dir, 1 to N of one N, each with a file
// for generation g, or an error naming those missing.
func findShards(dir string, g int) ([]shardRows, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "shard-*-of-*"))
	if err != nil {
		return nil, err
	}
	count := 0
	for _, m := range matches {
		var k, n int
		if _, err := fmt.Sscanf(filepath.Base(m), "shard-%d-of-%d", &k, &n); err != nil || filepath.Base(m) != fmt.Sprintf("shard-%d-of-%d", k, n) {
			continue
		}
		if count != 0 && n != count {
			return nil, fmt.Errorf("%s holds shards of %d and of %d: merge the shards of one run; remove the others", dir, count, n)
		}
		count = n
	}
	if count == 0 {
		return nil, fmt.Errorf("%s holds no shard-K-of-N directory: run the shards (grassroots calibrate FILE --shard K/N --out %s) first", dir, dir)
	}
	shards := make([]shardRows, count)
	var missing []string
	for k := range shards {
		shards[k].shard = sweep.Shard{Index: k + 1, Count: count}
		if _, err := os.Stat(shardFile(dir, shards[k].shard, g)); err != nil {
			missing = append(missing, shards[k].shard.String())
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: generation %d has no proposals from shard %s: run them, then merge", dir, g, strings.Join(missing, ", "))
	}
	return shards, nil
}
