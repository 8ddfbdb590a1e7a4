package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/regular"
)

// checkCoverage reads every shard's runs.csv and reports runs missing or
// present more than once, naming the shard that should hold them.
func checkCoverage(shards []shardOut) ([]string, error) {
	first := shards[0].m
	total, reps := first.Runs, first.Replications
	if len(shards) > 1<<16-1 {
		return nil, fmt.Errorf("cannot merge more than %d directories at once", 1<<16-1)
	}
	owner := make([]uint16, total) // 1 + index of the first shard holding the run
	var dups []string
	nDup := 0
	for si, s := range shards {
		err := eachRun(filepath.Join(s.dir, RunsFile), reps, func(run int) error {
			if run >= total {
				return fmt.Errorf("run %d is outside the sweep's %d runs", run, total)
			}
			if owner[run] != 0 {
				nDup++
				if len(dups) < maxListed {
					dups = append(dups, fmt.Sprintf("%s in %s and %s", runName(run, reps), shards[owner[run]-1].dir, s.dir))
				}
				return nil
			}
			owner[run] = uint16(si + 1)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var problems []string
	var missing []string
	nMissing := 0
	byShard := map[string]int{}
	for run, o := range owner {
		if o != 0 {
			continue
		}
		nMissing++
		where := ""
		if sh := shardOfRun(run, shards); sh != "" {
			where = " (shard " + sh + ")"
			byShard[sh]++
		}
		if len(missing) < maxListed {
			missing = append(missing, runName(run, reps)+where)
		}
	}
	if nMissing > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d runs missing: %s%s", nMissing, total, strings.Join(missing, "; "), more(nMissing)))
		if len(byShard) > 0 {
			var names []string
			for sh, n := range byShard {
				names = append(names, fmt.Sprintf("%s (%d runs)", sh, n))
			}
			sort.Strings(names)
			problems = append(problems, "the missing runs belong to shards "+strings.Join(names, ", ")+": run those (with --resume) or add their directories")
		}
	}
	if nDup > 0 {
		problems = append(problems, fmt.Sprintf("%d runs present more than once: %s%s", nDup, strings.Join(dups, "; "), more(nDup)))
	}
	return problems, nil
}

func more(n int) string {
	if n > maxListed {
		return fmt.Sprintf("; and %d more", n-maxListed)
	}
	return ""
}

func runName(run, reps int) string {
	return fmt.Sprintf("point %d replication %d", run/reps, run%reps)
}

// shardOfRun names the shard a missing run belongs to, if the inputs agree
// on a shard count.
func shardOfRun(run int, shards []shardOut) string {
	n := 0
	for _, s := range shards {
		if s.m.Shard == nil {
			return ""
		}
		if n != 0 && s.m.Shard.Count != n {
			return ""
		}
		n = s.m.Shard.Count
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", run%n+1, n)
}

// eachRun calls fn with the run of every row of a runs.csv, checking the
// header and that rows ascend.
func eachRun(path string, reps int, fn func(run int) error) error {
	f, err := regular.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	header, err := r.ReadString('\n')
	if err != nil || header != runsHeader() {
		return fmt.Errorf("%s: not a runs table of this program's format", path)
	}
	prev := -1
	for line := 2; ; line++ {
		text, err := r.ReadSlice('\n')
		if errors.Is(err, io.EOF) && len(text) == 0 {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		run, ok := runOf(text, reps)
		if !ok || run <= prev {
			return fmt.Errorf("%s:%d: bad or out-of-order run", path, line)
		}
		prev = run
		if err := fn(run); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

// runOf parses the point and replication leading a CSV line.
func runOf(line []byte, reps int) (int, bool) {
	i := bytes.IndexByte(line, ',')
	if i < 0 {
		return 0, false
	}
	j := bytes.IndexByte(line[i+1:], ',')
	if j < 0 {
		return 0, false
	}
	point, err1 := strconv.Atoi(string(line[:i]))
	rep, err2 := strconv.Atoi(string(line[i+1 : i+1+j]))
	if err1 != nil || err2 != nil || point < 0 || rep < 0 || rep >= reps {
		return 0, false
	}
	return point*reps + rep, true
}
