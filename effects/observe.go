package effects

import (
	"fmt"
	"math"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// Stat is the number a check reads from one metric's weekly curve.
type Stat int

// The numbers read. Weeks 0 to 3 are left out of the long means because
// the four-week windows are not yet full.
const (
	AtProjectEnd Stat = iota // the last week of the later stage
	AtEnd                    // the last week of the follow-up
	Settled                  // mean over weeks 4 to the end
	Early                    // mean over weeks 4 to 29
	LastYear                 // mean over the last 52 weeks
	ProjectMean              // mean over the project's weeks (initial to later)
)

var statNames = [...]string{"end_of_project", "end_of_follow_up", "mean_4_end", "mean_4_29", "mean_last_52", "mean_project"}

func (s Stat) String() string { return statNames[s] }

// Obs is one number per replication: a statistic of a metric in one of the
// checks' scenarios.
type Obs struct {
	Scenario string
	Metric   sim.Metric
	Stat     Stat
}

// Column names the observation in a CSV: scenario.metric.stat.
func (o Obs) Column() string {
	return o.Scenario + "." + sim.Metrics[o.Metric].Name + "." + o.Stat.String()
}

// value reads the observation from a replication's result.
func (o Obs) value(res *sim.Result) float64 {
	ys := res.Values[o.Metric]
	n := len(ys)
	switch o.Stat {
	case AtProjectEnd:
		return at(ys, res.Calendar.ProjectEnd()-1)
	case AtEnd:
		return at(ys, n-1)
	case Settled:
		return meanOf(ys, 4, n)
	case Early:
		return meanOf(ys, 4, 30)
	case LastYear:
		return meanOf(ys, n-52, n)
	case ProjectMean:
		return meanOf(ys, res.Calendar.PreProject, res.Calendar.ProjectEnd())
	}
	return math.NaN()
}

func at(ys []float64, w int) float64 {
	if w < 0 || w >= len(ys) {
		return math.NaN()
	}
	return ys[w]
}

// meanOf is the mean of ys[from:to], NaN when the weeks are not there.
func meanOf(ys []float64, from, to int) float64 {
	if from < 0 || to > len(ys) || from >= to {
		return math.NaN()
	}
	var s float64
	for _, y := range ys[from:to] {
		s += y
	}
	return s / float64(to-from)
}

// Data holds every observation over the replications of one parameter
// point.
type Data struct {
	index map[Obs]int
	rows  [][]float64 // rows[r][column]
}

// Observations returns every number the checks read, in column order.
func Observations() []Obs {
	rec := &recorder{}
	evaluate(rec)
	return rec.obs
}

// Columns returns the observations' column names.
func Columns() []string {
	obs := Observations()
	out := make([]string, len(obs))
	for i, o := range obs {
		out[i] = o.Column()
	}
	return out
}

// Observe reads every observation from one replication's results, given
// by scenario name as Scenarios returns them.
func Observe(names []string, results []*sim.Result) ([]float64, error) {
	byName := make(map[string]*sim.Result, len(names))
	for i, n := range names {
		byName[n] = results[i]
	}
	obs := Observations()
	row := make([]float64, len(obs))
	for i, o := range obs {
		res, ok := byName[o.Scenario]
		if !ok {
			return nil, fmt.Errorf("effects: no results of scenario %s", o.Scenario)
		}
		row[i] = o.value(res)
	}
	return row, nil
}

// NewData takes rows[r] as Observe returns them, one per replication.
func NewData(rows [][]float64) (*Data, error) {
	obs := Observations()
	d := &Data{index: make(map[Obs]int, len(obs)), rows: rows}
	for i, o := range obs {
		d.index[o] = i
	}
	for r, row := range rows {
		if len(row) != len(obs) {
			return nil, fmt.Errorf("effects: replication %d has %d observations, want %d", r, len(row), len(obs))
		}
	}
	return d, nil
}

// values returns the observation over the replications.
func (d *Data) values(o Obs) []float64 {
	i, ok := d.index[o]
	if !ok {
		panic("effects: unknown observation " + o.Column()) // a check reads what Observations did not list
	}
	xs := make([]float64, len(d.rows))
	for r, row := range d.rows {
		xs[r] = row[i]
	}
	return xs
}

// source is what checks read from: the data, or a recorder listing what
// they read.
type source interface {
	values(o Obs) []float64
}

// recorder lists the observations the checks read and answers NaN.
type recorder struct {
	obs  []Obs
	seen map[Obs]bool
}

func (r *recorder) values(o Obs) []float64 {
	if r.seen == nil {
		r.seen = map[Obs]bool{}
	}
	if !r.seen[o] {
		r.seen[o] = true
		r.obs = append(r.obs, o)
	}
	return []float64{math.NaN(), math.NaN(), math.NaN()}
}

// metricName is a metric's column name, for finding names.
func metricName(m sim.Metric) string { return sim.Metrics[m].Name }

// join lists names for details.
func join(xs []string) string { return strings.Join(xs, "; ") }
