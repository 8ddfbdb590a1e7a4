package sim

import (
	"math/rand/v2"
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
	for _, name := range PhaseNames() {
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
			fresh.records.counted = false // count every group
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

// TestRollWordIsRollByte: the record rolls eight residents at a time in a
// word; each byte must come out as rolling that resident alone would, with
// the same counts, for every combination of bits in any position.
func TestRollWordIsRollByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 20000 {
		var took, history, prevTook [8]uint8
		for k := range 8 {
			// took has only did* bits; prevTook may have isGrown.
			took[k] = uint8(rng.IntN(32))
			history[k] = uint8(rng.IntN(256))
			prevTook[k] = uint8(rng.IntN(32)) | uint8(rng.IntN(2))<<7
		}
		for _, met := range []uint8{0, didAffairs} {
			var want rollCounts
			var wantH, wantP [8]uint8
			for k := range 8 {
				wantH[k], wantP[k] = rollByte(took[k], history[k], prevTook[k], met, &want)
			}
			var got rollCounts
			h, p := rollWord(le.Uint64(took[:]), le.Uint64(history[:]), le.Uint64(prevTook[:]), uint64(met)*ones, &got)
			if h != le.Uint64(wantH[:]) || p != le.Uint64(wantP[:]) || got != want {
				t.Fatalf("trial %d, met %d: took %x history %x prevTook %x: word gives %x %x %+v, bytes %x %x %+v",
					trial, met, took, history, prevTook, h, p, got, wantH, wantP, want)
			}
		}
	}
}
