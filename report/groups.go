package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/sim"
)

// GroupsColumns are the columns of every groups.csv the program writes:
// key (scenario for run and compare, point for a sweep), replication,
// seed, week (from 0), stage, group_by, group, size, adults, then every
// metric of sim.GroupMetrics in order.
func GroupsColumns(key string) []string {
	cols := make([]string, 0, 9+len(sim.GroupMetrics))
	cols = append(cols, key, "replication", "seed", "week", "stage", "group_by", "group", "size", "adults")
	for _, m := range sim.GroupMetrics {
		cols = append(cols, m.Name)
	}
	return cols
}

// HasGroups reports whether every result measured groups of residents.
func HasGroups(results []*sim.Result) bool {
	for _, r := range results {
		if r == nil || len(r.Groups) == 0 {
			return false
		}
	}
	return len(results) > 0
}

// WriteGroupsFile writes groups.csv at path, atomically, in the background,
// and returns a function that waits for it and returns its error; call it
// on every path. Run and compare start it before their other outputs: the
// file is the largest they write, and their figures are drawn on one core,
// which leaves the others to it.
func WriteGroupsFile(path string, scenarios []string, results [][]*sim.Result) (wait func() error) {
	done := make(chan error, 1)
	go func() {
		done <- atomicfile.Write(path, func(w io.Writer) error { return WriteGroups(w, scenarios, results) })
	}()
	return sync.OnceValue(func() error { return <-done })
}

// WriteGroups writes groups.csv: one row per scenario, replication, week
// and group of residents (sim.Engine.EnableGroups), with the columns
// GroupsColumns("scenario"): the group's size and adults, then every
// metric of sim.GroupMetrics. A value with nobody to be over (coverage in
// a group where no vulnerable resident needed care) is an empty cell.
// results[i] are the replications of scenarios[i].
//
// The file is the largest a run writes, so rows are put together as bytes,
// each field as encoding/csv would write it (csvField), rather than
// through csv.Writer's strings: the same bytes, several times faster.
func WriteGroups(w io.Writer, scenarios []string, results [][]*sim.Result) error {
	for i, name := range scenarios {
		if !HasGroups(results[i]) {
			return fmt.Errorf("report: scenario %q has no group measures to write", name)
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString(strings.Join(GroupsColumns("scenario"), ",") + "\n"); err != nil {
		return err
	}
	// Formatting the numbers is most of the cost of writing the file, so
	// chunks of a result's weeks are formatted side by side, one per core,
	// and written in order: the same bytes. A chunk is at most a year, so
	// the buffers stay small however long the runs.
	type chunk struct {
		key    string
		r      *sim.Result
		groups []string
		lo, hi int // weeks
	}
	var chunks []chunk
	for i, name := range scenarios {
		key := csvField(name)
		for _, r := range results[i] {
			groups := groupFields(r)
			for lo := 0; lo < r.Weeks(); lo += weeksPerChunk {
				chunks = append(chunks, chunk{key, r, groups, lo, min(lo+weeksPerChunk, r.Weeks())})
			}
		}
	}
	bufs := make([][]byte, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(chunks); lo += len(bufs) {
		batch := chunks[lo:min(lo+len(bufs), len(chunks))]
		var wg sync.WaitGroup
		for k, c := range batch {
			wg.Go(func() { bufs[k] = appendGroupsWeeks(bufs[k][:0], c.key, c.r, c.groups, c.lo, c.hi) })
		}
		wg.Wait()
		for k := range batch {
			if _, err := bw.Write(bufs[k]); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// weeksPerChunk is how many weeks of one result WriteGroups formats in one
// piece.
const weeksPerChunk = 52

// GroupsWriterBytes bounds the memory WriteGroups holds besides the
// results, for results of the given number of groups: a buffer of a
// chunk of weeks per core, about 400 bytes a row (eight short fields and
// the metrics at up to 17 characters; a long scenario name adds to it),
// twice for the growth of a slice.
func GroupsWriterBytes(groups int) int64 {
	return int64(runtime.GOMAXPROCS(0)) * 2 * weeksPerChunk * int64(groups) * 400
}

// AppendGroups appends the groups.csv rows of r (GroupsColumns), week by
// week and group by group, each starting with key, which must be a valid
// CSV field (quoted if need be). r must have measured groups.
func AppendGroups(b []byte, key string, r *sim.Result) []byte {
	return appendGroupsWeeks(b, key, r, groupFields(r), 0, r.Weeks())
}

// appendGroupsWeeks appends the rows of weeks [lo, hi) of r.
func appendGroupsWeeks(b []byte, key string, r *sim.Result, groups []string, lo, hi int) []byte {
	for wk := lo; wk < hi; wk++ {
		b = appendGroupsWeek(b, key, r, wk, groups)
	}
	return b
}

// groupFields are r's groups' fields group_by,group,size,adults, each
// with a comma after it.
func groupFields(r *sim.Result) []string {
	groups := make([]string, len(r.Groups))
	for k, g := range r.Groups {
		groups[k] = csvField(g.By) + "," + csvField(g.Name) + "," + strconv.Itoa(g.Size) + "," + strconv.Itoa(g.Adults) + ","
	}
	return groups
}

// appendGroupsWeek appends the rows of week wk of r, one per group.
func appendGroupsWeek(b []byte, key string, r *sim.Result, wk int, groups []string) []byte {
	start := len(b)
	b = appendRowStart(b, key, r, wk)
	prefix := len(b)
	for k := range r.Groups {
		if k > 0 {
			b = append(b, b[start:prefix]...) // key,replication,seed,week,stage,
		}
		b = append(b, groups[k]...)
		for m := range sim.NumGroupMetrics {
			if m > 0 {
				b = append(b, ',')
			}
			b = AppendFloat(b, r.GroupValue(wk, k, m))
		}
		b = append(b, '\n')
	}
	return b
}

// csvField is s as encoding/csv writes it as one field: quoted when it
// must be.
func csvField(s string) string {
	if s == "" {
		return "" // csv quotes a record of one empty field, not an empty field in a row
	}
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Write([]string{s})
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}
