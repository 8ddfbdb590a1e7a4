package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// groupsHeader is the fixed leading columns of groups.csv; one column per
// sim.GroupMetrics follows.
var groupsHeader = []string{"scenario", "replication", "seed", "week", "stage", "group_by", "group", "size", "adults"}

// HasGroups reports whether every result measured groups of residents.
func HasGroups(results []*sim.Result) bool {
	for _, r := range results {
		if r == nil || len(r.Groups) == 0 {
			return false
		}
	}
	return len(results) > 0
}

// WriteGroups writes groups.csv: one row per scenario, replication, week
// and group of residents (sim.Engine.EnableGroups), with the group's size
// and adults, then every metric of sim.GroupMetrics. A value with nobody to
// be over (coverage in a group where no vulnerable resident needed care)
// is an empty cell. results[i] are the replications of scenarios[i].
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
	header := append([]string(nil), groupsHeader...)
	for _, m := range sim.GroupMetrics {
		header = append(header, m.Name)
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	cw.Flush()
	var row []byte
	for i, name := range scenarios {
		name := csvField(name)
		for _, r := range results[i] {
			groups := make([]string, len(r.Groups)) // group_by,group,size,adults,
			for k, g := range r.Groups {
				groups[k] = csvField(g.By) + "," + csvField(g.Name) + "," + strconv.Itoa(g.Size) + "," + strconv.Itoa(g.Adults) + ","
			}
			for wk := range r.Weeks() {
				row = append(row[:0], name...)
				row = append(row, ',')
				row = strconv.AppendInt(row, int64(r.Replication), 10)
				row = append(row, ',')
				row = strconv.AppendUint(row, r.Seed, 10)
				row = append(row, ',')
				row = strconv.AppendInt(row, int64(wk), 10)
				row = append(row, ',')
				row = append(row, csvField(r.Stage(wk).String())...)
				row = append(row, ',')
				prefix := len(row)
				for k := range r.Groups {
					row = append(row[:prefix], groups[k]...)
					for m := range sim.NumGroupMetrics {
						if m > 0 {
							row = append(row, ',')
						}
						if v := r.GroupValue(wk, k, m); !math.IsNaN(v) && !math.IsInf(v, 0) {
							row = strconv.AppendFloat(row, v, 'g', floatDigits, 64)
						}
					}
					row = append(row, '\n')
					if _, err := bw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	return bw.Flush()
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
