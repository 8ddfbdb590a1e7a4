package sweep

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
)

// MergeError lists everything that keeps a set of shard outputs from
// merging: unfinished or foreign directories, and runs missing or present
// more than once.
type MergeError struct {
	Problems []string
}

func (e *MergeError) Error() string {
	return "cannot merge:\n  " + strings.Join(e.Problems, "\n  ")
}

// maxListed bounds how many missing or duplicated runs are named one by
// one; the rest are counted.
const maxListed = 20

// MergeResult describes a merge.
type MergeResult struct {
	Dirs     []string // the shard directories merged, in the order read
	Runs     int
	Warnings []string
	Removed  []string // temporary files of an interrupted merge, cleared
}

// shardOut is one finished shard directory.
type shardOut struct {
	dir string
	m   Manifest
}

// Merge combines the outputs of a sweep's shards into out, which then
// holds exactly what the whole sweep run on one machine writes (but
// timing.json). Each input is a shard's directory or a directory holding
// shard-K-of-N directories. It checks that every run appears exactly once
// and writes nothing otherwise. analyze, if not nil, analyses a Latin
// hypercube sweep as Options.Analyze does.
func Merge(inputs []string, out string, analyze Analyzer) (MergeResult, error) {
	var res MergeResult
	var problems []string
	var shards []shardOut
	for _, in := range inputs {
		dirs, probs := expandInput(in)
		problems = append(problems, probs...)
		for _, d := range dirs {
			m, err := ReadManifest(filepath.Join(d, ManifestFile))
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			shards = append(shards, shardOut{dir: d, m: m})
		}
	}
	if len(shards) == 0 && len(problems) == 0 {
		problems = append(problems, "no shard outputs given")
	}
	absOut, _ := filepath.Abs(out)
	for _, s := range shards {
		if abs, _ := filepath.Abs(s.dir); abs == absOut {
			problems = append(problems, fmt.Sprintf("--out %s is one of the inputs", out))
		}
	}
	if len(shards) > 0 {
		problems = append(problems, checkSame(shards)...)
	}
	if len(problems) > 0 {
		return res, &MergeError{Problems: problems}
	}
	first := shards[0].m
	res.Runs = first.Runs
	for _, s := range shards {
		res.Dirs = append(res.Dirs, s.dir)
	}
	if probs, err := checkCoverage(shards); err != nil || len(probs) > 0 {
		if err != nil {
			return res, err
		}
		return res, &MergeError{Problems: probs}
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return res, err
	}
	lock, err := lockDir(out)
	if err != nil {
		return res, err
	}
	defer lock.unlock()
	res.Removed = atomicfile.RemoveTemps(out, ownFiles...)
	// A previous merge or sweep may be replaced; anyone else's files not.
	if _, err := os.Lstat(filepath.Join(out, ManifestFile)); errors.Is(err, fs.ErrNotExist) {
		if err := checkEmpty(out); err != nil {
			return res, err
		}
	}
	points, err := regular.ReadFile(filepath.Join(shards[0].dir, PointsFile))
	if err != nil {
		return res, err
	}
	if err := atomicfile.Write(filepath.Join(out, PointsFile), func(w io.Writer) error {
		_, err := w.Write(points)
		return err
	}); err != nil {
		return res, err
	}
	if err := mergeFiles(shards, RunsFile, out, first.Replications); err != nil {
		return res, err
	}
	if first.Timeseries {
		if err := mergeFiles(shards, TimeseriesFile, out, first.Replications); err != nil {
			return res, err
		}
	}
	if first.Groups {
		if err := mergeFiles(shards, GroupsFile, out, first.Replications); err != nil {
			return res, err
		}
	}
	if first.Method == MethodLHS && analyze != nil && first.Runner == "" {
		if err := analyze(out, first.Outcomes); err != nil {
			res.Warnings = append(res.Warnings, "sensitivity analysis skipped: "+err.Error())
		}
	}
	if first.Method == MethodGrid && first.Runner == "" {
		if _, err := WriteHeatMaps(out, out, first.Outcomes, first.Replications); err != nil {
			res.Warnings = append(res.Warnings, "heat maps skipped: "+err.Error())
		}
	}
	m := first
	m.Shard = nil
	return res, atomicfile.WriteJSON(filepath.Join(out, ManifestFile), m)
}

// expandInput returns the finished shard directories of one input, and
// problems with unfinished ones.
func expandInput(in string) ([]string, []string) {
	if _, err := os.Stat(filepath.Join(in, ManifestFile)); err == nil {
		return []string{in}, nil
	}
	if _, err := os.Stat(filepath.Join(in, journalName)); err == nil {
		return nil, []string{fmt.Sprintf("%s: unfinished (a journal but no manifest); run its sweep again with --resume", in)}
	}
	subs, _ := filepath.Glob(filepath.Join(in, "shard-*-of-*"))
	sort.Slice(subs, func(a, b int) bool { return shardOrder(subs[a]) < shardOrder(subs[b]) })
	var dirs, problems []string
	for _, sub := range subs {
		if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
			continue
		}
		d, p := expandInput(sub)
		dirs, problems = append(dirs, d...), append(problems, p...)
		if len(d) == 0 && len(p) == 0 {
			problems = append(problems, fmt.Sprintf("%s: no output yet; run that shard", sub))
		}
	}
	if len(subs) == 0 {
		if _, err := os.Stat(in); errors.Is(err, fs.ErrNotExist) {
			return nil, []string{fmt.Sprintf("%s: no such directory", in)}
		}
		return nil, []string{fmt.Sprintf("%s: neither a sweep's output nor a directory of shard-K-of-N outputs", in)}
	}
	return dirs, problems
}

// shardOrder sorts shard-K-of-N names by K.
func shardOrder(path string) int {
	var k, n int
	if _, err := fmt.Sscanf(filepath.Base(path), "shard-%d-of-%d", &k, &n); err != nil {
		return 1 << 30
	}
	return k
}

// checkSame reports shards that do not belong to the first one's sweep.
func checkSame(shards []shardOut) []string {
	var problems []string
	first := shards[0]
	unread := false // a points.csv that cannot be read differs from none
	sum := func(dir string) [32]byte {
		data, err := regular.ReadFile(filepath.Join(dir, PointsFile))
		if err != nil {
			problems, unread = append(problems, err.Error()), true
			return [32]byte{}
		}
		return sha256.Sum256(data)
	}
	firstPoints := sum(first.dir)
	for _, s := range shards[1:] {
		switch {
		case s.m.SweepHash != first.m.SweepHash:
			problems = append(problems, fmt.Sprintf("%s belongs to another sweep than %s (%s, not %s)", s.dir, first.dir, describe(s.m), describe(first.m)))
		case s.m.ProgramVersion != first.m.ProgramVersion:
			problems = append(problems, fmt.Sprintf("%s was computed by program version %s, %s by %s", s.dir, s.m.ProgramVersion, first.dir, first.m.ProgramVersion))
		case sum(s.dir) != firstPoints && !unread:
			problems = append(problems, fmt.Sprintf("%s/%s differs from %s/%s", s.dir, PointsFile, first.dir, PointsFile))
		}
	}
	return problems
}
