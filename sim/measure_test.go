package sim

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
)

// The record carries a group of sums over from last week only when no phase
// that ran could have changed it. Counting every group afresh every week
// must then give the same record, bit for bit, under every combination of
// phases (in -short mode, a spread of 24 of the 128).
func TestRecordRecountsWhatCanChange(t *testing.T) {
	var switchable []string
	for _, name := range PhaseNames {
		if name != "measure" {
			switchable = append(switchable, name)
		}
	}
	for mask := range 1 << len(switchable) {
		if testing.Short() && mask%11 != 0 && mask&(mask-1) != 0 {
			continue
		}
		var on []string
		for k, name := range switchable {
			if mask>>k&1 != 0 {
				on = append(on, name)
			}
		}
		cfg := onlyPhases(short(programme()), on...)
		carried, fresh := mustNew(t, cfg, 8, 2), mustNew(t, cfg, 8, 2)
		for range cfg.Calendar.Weeks() {
			carried.Step()
			fresh.counted = false // count every group
			fresh.Step()
		}
		if d := recordDiff(fresh.Result(), carried.Result()); d != "" {
			t.Fatalf("phases [%s], carried over against counted afresh: %s", strings.Join(on, " "), d)
		}
	}
}

// The whole record of a short programme, pinned: any change to what the
// model computes shows here, and a change meant to alter results rewrites
// the files with -update, in a commit that says why. The second record
// runs without the attitudes phase under the threshold rule, where ties
// are fixed and the engine takes its shorter paths (influence.go, and the
// discussion's outcome applied in the record's pass).
func TestRecordGolden(t *testing.T) {
	fixed := onlyPhases(short(programme()), "calendar", "needs", "services", "activities", "organizations", "discussion")
	fixed.Participation.Rule = "threshold"
	for file, cfg := range map[string]Config{
		"record.golden":            short(programme()),
		"record-fixed-ties.golden": fixed,
	} {
		_, res := mustRun(t, cfg, 1, 2)
		var b strings.Builder
		for m, info := range Metrics {
			if m > 0 {
				b.WriteByte(',')
			}
			b.WriteString(info.Name)
		}
		b.WriteByte('\n')
		for wk := range res.Weeks() {
			for m := range Metrics {
				if m > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.FormatFloat(res.Values[m][wk], 'g', -1, 64))
			}
			b.WriteByte('\n')
		}
		golden.Check(t, filepath.Join("testdata", file), []byte(b.String()))
	}
}
