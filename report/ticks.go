package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks marks round values (1, 2, 2.5 or 5 times a power of ten) about
// target times over an axis, with unlabelled minor ticks halfway between.
// plot's default ticker aims for fewer marks and can pick odd steps such as 9.
type niceTicks struct {
	target  int
	integer bool // only whole numbers, as for weeks
}

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	step := niceStep((hi-lo)/float64(t.target), t.integer)
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if step*math.Pow10(decimals) != math.Round(step*math.Pow10(decimals)) {
		decimals++ // 2.5 × 10^k needs one more digit
	}
	var ticks []plot.Tick
	half := step / 2
	if t.integer && half != math.Trunc(half) {
		half = 0
	}
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		v := i*step + 0 // + 0 turns -0 into 0
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
		if m := v + half; half > 0 && m <= hi {
			ticks = append(ticks, plot.Tick{Value: m})
		}
	}
	if half > 0 && len(ticks) > 0 && ticks[0].Value-half >= lo {
		ticks = append(ticks, plot.Tick{Value: ticks[0].Value - half})
	}
	return ticks
}

// niceStep rounds raw up to the next 1, 2, 2.5 or 5 times a power of ten
// (2.5 only where a whole number is not required or it is one).
func niceStep(raw float64, integer bool) float64 {
	if integer && raw < 1 {
		return 1
	}
	p := math.Pow10(int(math.Floor(math.Log10(raw))))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		s := m * p
		if integer && s != math.Trunc(s) {
			continue
		}
		if s >= raw*(1-1e-9) {
			return s
		}
	}
	return 10 * p
}
