package sweep

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Shard is part Index (from 1) of Count equal parts of a sweep: run i
// belongs to shard i mod Count + 1, so every shard gets every point's
// replications spread evenly. The zero Shard is the whole sweep.
type Shard struct {
	Index, Count int
}

// Whole reports whether s is the whole sweep.
func (s Shard) Whole() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.Whole() {
		return "1/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// owns reports whether run i belongs to s.
func (s Shard) owns(i int) bool { return s.Whole() || i%s.Count == s.Index-1 }

// runs returns how many of total runs belong to s.
func (s Shard) runs(total int) int {
	if s.Whole() {
		return total
	}
	n := total / s.Count
	if s.Index-1 < total%s.Count {
		n++
	}
	return n
}

// nth returns the run index of s's k-th run (from 0).
func (s Shard) nth(k int) int {
	if s.Whole() {
		return k
	}
	return k*s.Count + s.Index - 1
}

// maxShards bounds the shard count; more shards than that are certainly a
// mistake.
const maxShards = 1_000_000

// ParseShard reads K/N, with K from 1 to N.
func ParseShard(text string) (Shard, error) {
	k, n, ok := strings.Cut(text, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: write K/N, e.g. 3/10 for the third of ten shards", text)
	}
	return newShard(ki, ni, fmt.Sprintf("shard %q", text))
}

func newShard(k, n int, what string) (Shard, error) {
	switch {
	case n < 1 || n > maxShards:
		return Shard{}, fmt.Errorf("%s: the number of shards must be from 1 to %d, got %d", what, maxShards, n)
	case k < 1 || k > n:
		return Shard{}, fmt.Errorf("%s: K must be from 1 to %d (shards count from 1), got %d", what, n, k)
	}
	return Shard{Index: k, Count: n}, nil
}

// Environment variables read by ShardFromEnv.
const (
	EnvShards = "GRASSROOTS_SHARDS" // shard count for a Kubernetes Indexed Job
)

// ShardFromEnv reads the shard from a Slurm job array
// (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN and
// SLURM_ARRAY_TASK_STEP) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX,
// counting from 0, with the count from count if positive or else from
// GRASSROOTS_SHARDS). It returns the whole sweep and an empty source when
// neither is set.
func ShardFromEnv(getenv func(string) string, count int) (s Shard, source string, err error) {
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		idx, err := envInt(getenv, "SLURM_ARRAY_TASK_ID", -1)
		if err != nil {
			return Shard{}, "", err
		}
		lo, err := envInt(getenv, "SLURM_ARRAY_TASK_MIN", 0)
		if err != nil {
			return Shard{}, "", err
		}
		step, err := envInt(getenv, "SLURM_ARRAY_TASK_STEP", 1)
		if err != nil {
			return Shard{}, "", err
		}
		n := count
		if n <= 0 {
			if n, err = envInt(getenv, "SLURM_ARRAY_TASK_COUNT", -1); err != nil {
				return Shard{}, "", err
			}
		}
		if step < 1 || (idx-lo)%step != 0 {
			return Shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is not on the array's step %d from SLURM_ARRAY_TASK_MIN=%d", idx, step, lo)
		}
		src := fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d, SLURM_ARRAY_TASK_MIN=%d, SLURM_ARRAY_TASK_COUNT=%d", idx, lo, n)
		s, err := newShard((idx-lo)/step+1, n, src)
		return s, src, err
	}
	if getenv("JOB_COMPLETION_INDEX") != "" {
		idx, err := envInt(getenv, "JOB_COMPLETION_INDEX", -1)
		if err != nil {
			return Shard{}, "", err
		}
		n := count
		if n <= 0 {
			if getenv(EnvShards) == "" {
				return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%d is set but not the number of shards: pass --shards N or set %s to the Job's completions", idx, EnvShards)
			}
			if n, err = envInt(getenv, EnvShards, -1); err != nil {
				return Shard{}, "", err
			}
		}
		src := fmt.Sprintf("JOB_COMPLETION_INDEX=%d of %d", idx, n)
		s, err := newShard(idx+1, n, src)
		return s, src, err
	}
	return Shard{}, "", nil
}

func envInt(getenv func(string) string, name string, def int) (int, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		if def >= 0 {
			return def, nil
		}
		return 0, fmt.Errorf("%s is not set", name)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not an integer", name, v)
	}
	return n, nil
}

// ShardDir is where shard s of a sweep writes: out itself for the whole
// sweep, otherwise out/shard-K-of-N, so that the tasks of a job array can
// share one --out.
func ShardDir(out string, s Shard) string {
	if s.Whole() {
		return out
	}
	return filepath.Join(out, fmt.Sprintf("shard-%d-of-%d", s.Index, s.Count))
}
