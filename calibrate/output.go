package calibrate

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"gonum.org/v1/gonum/stat"
)

// The calibration methods.
const (
	MethodABC = "abc-smc"
	MethodMSM = "msm"
)

// Methods lists the calibration methods, the default first.
var Methods = []string{MethodABC, MethodMSM}

// Calibration is a finished calibration: the file, the posterior (ABC-SMC)
// or the point estimate (MSM), the predictive draws, and how it was run.
type Calibration struct {
	File       *File
	Method     string
	Result     *Result     // ABC-SMC
	Estimate   *Estimate   // MSM
	Predictive [][]float64 // simulated moments at draws resampled from the posterior, or at the estimate
	Workers    int
	Wall       time.Duration
	Command    []string
	Version    string
	// Resumed counts the generations read from a checkpoint rather than
	// run in this session, whose time Wall is.
	Resumed int
}

// Options say how Run runs.
type Options struct {
	Workers int // simulations at once; the result does not depend on it
	// Progress and Finished, if not nil, report the run's course (see
	// Settings).
	Progress func(generation, accepted, particles int)
	Finished func(Generation)
	// Checkpoint, if not "", is a file that holds the state after each
	// generation while the run goes on, removed when it ends; with Resume,
	// a run starts from the state it holds, if any.
	Checkpoint string
	Resume     bool
	Version    string // the program's, part of the checkpoint's key
}

// Run calibrates f by ABC-SMC, then simulates f.Predictive posterior draws
// for the fit.
func Run(ctx context.Context, f *File, o Options) (*Calibration, error) {
	start := time.Now()
	simulate := f.Simulator(1) // particles run in parallel, each on one goroutine
	s := Settings{
		Particles: f.Particles, Seed: f.Seed, Workers: o.Workers, Quantile: f.Quantile,
		Tolerance: f.Tolerance, MinAcceptance: f.MinAcceptance, MaxGenerations: f.Generations,
		Progress: o.Progress, Finished: o.Finished,
	}
	if o.Checkpoint != "" {
		key := f.CheckpointKey(o.Version)
		if o.Resume {
			st, err := readCheckpoint(o.Checkpoint, key)
			if err != nil {
				return nil, err
			}
			s.Resume = st
		}
		s.Checkpoint = func(st State) error { return writeCheckpoint(o.Checkpoint, key, st) }
	}
	res, err := SMC(ctx, f.Priors(), f.Observed(), simulate, s)
	if err != nil {
		return nil, err
	}
	pred, err := Predict(ctx, res.Particles, f.Predictive, f.Seed, o.Workers, simulate)
	if err != nil {
		return nil, err
	}
	c := &Calibration{File: f, Method: MethodABC, Result: res, Predictive: pred, Workers: o.Workers, Wall: time.Since(start)}
	if s.Resume != nil {
		c.Resumed = len(s.Resume.Generations)
	}
	return c, nil
}

// MaxEvaluations bounds the simulations of MSM's search, per parameter.
const MaxEvaluations = 100

// RunMSM estimates f's parameters by the method of simulated moments, each
// evaluation's replications on up to workers goroutines, then simulates
// f.Predictive draws at the estimate (with fresh random numbers) for the
// fit.
func RunMSM(ctx context.Context, f *File, workers int) (*Calibration, error) {
	start := time.Now()
	est, err := MSM(ctx, f.Priors(), f.Observed(), f.Simulator(workers), f.Seed, f.Replications, MaxEvaluations*len(f.Params))
	if err != nil {
		return nil, err
	}
	at := []Particle{{Params: est.Params, Weight: 1}}
	pred, err := Predict(ctx, at, f.Predictive, f.Seed, workers, f.Simulator(1))
	if err != nil {
		return nil, err
	}
	return &Calibration{File: f, Method: MethodMSM, Estimate: est, Predictive: pred, Workers: workers, Wall: time.Since(start)}, nil
}

// Simulations counts every parameter set simulated, the predictive draws
// included.
func (c *Calibration) Simulations() int { return c.simulations(0) }

// SessionSimulations counts those of this session, those of generations
// read from a checkpoint left out: the ones Wall timed.
func (c *Calibration) SessionSimulations() int { return c.simulations(c.Resumed) }

func (c *Calibration) simulations(from int) int {
	n := len(c.Predictive)
	if c.Estimate != nil {
		n += c.Estimate.Evaluations
	}
	if c.Result != nil {
		for _, g := range c.Result.Generations[from:] {
			n += g.Simulations
		}
	}
	return n
}

// Quantile returns the weighted q-quantile of parameter j in the final
// population: the smallest value whose cumulative weight reaches q.
func (r *Result) Quantile(j int, q float64) float64 {
	x := make([]float64, len(r.Particles))
	w := make([]float64, len(r.Particles))
	order := make([]int, len(r.Particles))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpFloat(r.Particles[a].Params[j], r.Particles[b].Params[j])
	})
	for k, i := range order {
		x[k], w[k] = r.Particles[i].Params[j], r.Particles[i].Weight
	}
	return stat.Quantile(q, stat.Empirical, x, w)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Values returns the calibrated value of each parameter, the posterior
// median or the MSM estimate, rounded to six significant digits (integers
// for integer parameters) within its prior's bounds: the values
// calibrated.toml sets.
func (c *Calibration) Values() []float64 {
	out := make([]float64, len(c.File.Params))
	for j, p := range c.File.Params {
		v := c.value(j)
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
		if p.Integer {
			v = math.Round(v)
		}
		out[j] = math.Min(p.Prior.Max, math.Max(p.Prior.Min, v))
	}
	return out
}

func (c *Calibration) value(j int) float64 {
	if c.Estimate != nil {
		return c.Estimate.Params[j]
	}
	return c.Result.Quantile(j, 0.5)
}

// Extensions are those of every file Write writes.
var Extensions = []string{".csv", ".toml", ".json", ".png", ".svg"}

// Write writes the calibration's files into dir, which will be renamed to
// final (the calibrated scenario's relative extends path is computed from
// there).
func (c *Calibration) Write(dir, final string) error {
	type writer struct {
		name  string
		write func(io.Writer) error
	}
	writers := []writer{
		{"fit.csv", c.writeFit},
		{"calibrated.toml", func(w io.Writer) error { return c.writeScenario(w, final) }},
	}
	if c.Result != nil {
		writers = append(writers, writer{"posterior.csv", c.writePosterior}, writer{"generations.csv", c.writeGenerations})
	}
	if c.Estimate != nil {
		writers = append(writers, writer{"estimates.csv", c.writeEstimates})
	}
	for _, wr := range writers {
		if err := atomicfile.Write(filepath.Join(dir, wr.name), wr.write); err != nil {
			return err
		}
	}
	if err := atomicfile.WriteJSON(filepath.Join(dir, "manifest.json"), c.manifest()); err != nil {
		return err
	}
	if c.Result != nil {
		if err := c.posteriorFigure(dir); err != nil {
			return err
		}
	}
	return c.fitFigure(dir)
}

// num writes a number into a CSV as every CSV writer does
// (report.FormatFloat): 10 significant digits, an empty cell for one that
// is not finite.
func num(v float64) string { return report.FormatFloat(v) }

func (c *Calibration) writePosterior(w io.Writer) error {
	head := []string{"draw", "weight"}
	for _, p := range c.File.Params {
		head = append(head, p.Path)
	}
	fmt.Fprintln(w, strings.Join(head, ","))
	for i, p := range c.Result.Particles {
		row := []string{strconv.Itoa(i), num(p.Weight)}
		for _, v := range p.Params {
			row = append(row, num(v))
		}
		if _, err := fmt.Fprintln(w, strings.Join(row, ",")); err != nil {
			return err
		}
	}
	return nil
}

func (c *Calibration) writeGenerations(w io.Writer) error {
	fmt.Fprintln(w, "generation,tolerance,acceptance_rate,ess,simulations,complete")
	for _, g := range c.Result.Generations {
		if _, err := fmt.Fprintf(w, "%d,%s,%s,%s,%d,%t\n", g.Index, num(g.Tolerance), num(g.AcceptanceRate), num(g.ESS), g.Simulations, g.Complete); err != nil {
			return err
		}
	}
	return nil
}

func (c *Calibration) writeEstimates(w io.Writer) error {
	fmt.Fprintln(w, "parameter,estimate,se,ci95_low,ci95_high")
	for j, p := range c.File.Params {
		v, se := c.Estimate.Params[j], c.Estimate.SE[j]
		if _, err := fmt.Fprintf(w, "%s,%s,%s,%s,%s\n", p.Path, num(v), num(se), num(v-1.96*se), num(v+1.96*se)); err != nil {
			return err
		}
	}
	return nil
}

// FitRow is one target against the posterior predictive.
type FitRow struct {
	Target          TargetSpec
	Mean, Low, High float64 // predictive mean and 95% interval
}

// Fit compares each target with the predictive draws.
func (c *Calibration) Fit() []FitRow {
	rows := make([]FitRow, len(c.File.Targets))
	for k, t := range c.File.Targets {
		v := make([]float64, len(c.Predictive))
		for i, m := range c.Predictive {
			v[i] = m[k]
		}
		slices.Sort(v)
		rows[k] = FitRow{Target: t, Mean: stat.Mean(v, nil),
			Low: stat.Quantile(0.025, stat.Empirical, v, nil), High: stat.Quantile(0.975, stat.Empirical, v, nil)}
	}
	return rows
}

func (c *Calibration) writeFit(w io.Writer) error {
	fmt.Fprintln(w, "target,metric,group_by,group,weeks,value,se,predictive_mean,predictive_q025,predictive_q975")
	for k, r := range c.Fit() {
		t := r.Target
		if _, err := fmt.Fprintf(w, "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", k+1, t.Metric, t.GroupBy, t.Group, t.Weeks, num(t.Value), num(t.SE), num(r.Mean), num(r.Low), num(r.High)); err != nil {
			return err
		}
	}
	return nil
}

// writeScenario writes a scenario extending the base with every parameter
// at its posterior median.
func (c *Calibration) writeScenario(w io.Writer, final string) error {
	f := c.File
	base := f.Base
	if looksLikeFile(base) {
		if absBase, err := filepath.Abs(base); err == nil {
			if absOut, err := filepath.Abs(final); err == nil {
				if rel, err := filepath.Rel(absOut, absBase); err == nil {
					base = filepath.ToSlash(rel)
				} else {
					base = absBase
				}
			}
		}
	}
	what, more := "posterior median", "posterior.csv holds the whole posterior"
	if c.Estimate != nil {
		what, more = "simulated-moments estimate", "estimates.csv holds the standard errors"
	}
	fmt.Fprintf(w, "# Written by grassroots calibrate (%s) from %s: the base scenario\n", c.Method, filepath.Base(f.Source))
	fmt.Fprintf(w, "# with each calibrated parameter at its %s.\n# %s; fit.csv how well it reproduces the targets.\n\n", what, more)
	fmt.Fprintf(w, "name = %s\n", scenario.Quote(ScenarioName(f.Name)))
	fmt.Fprintf(w, "description = %s\n", scenario.Quote(fmt.Sprintf("%s calibrated to the targets of %s (%s, %ss).", f.Scenario.Name, filepath.Base(f.Source), c.Method, what)))
	fmt.Fprintf(w, "extends = %s\n\n", scenario.Quote(base))
	for j, v := range c.Values() {
		p := f.Params[j]
		parts := strings.Split(p.Path, ".")
		for i, s := range parts {
			if !isBareKey(s) {
				parts[i] = scenario.Quote(s)
			}
		}
		if _, err := fmt.Fprintf(w, "%s = %s\n", strings.Join(parts, "."), formatValue(v, p.Integer)); err != nil {
			return err
		}
	}
	return nil
}

// isBareKey reports whether s may be written as a bare TOML key.
func isBareKey(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return s != ""
}

func looksLikeFile(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".toml")
}

// ScenarioName is the calibrated scenario's name: the calibration's with
// "-calibrated".
func ScenarioName(name string) string { return name + "-calibrated" }

// cleanName replaces every character a scenario or directory name may not
// hold by '-', trims dots at the ends and keeps at most 80 characters.
func cleanName(name string) string {
	r := []rune(name)
	for i, c := range r {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_' || c == '.') {
			r[i] = '-'
		}
	}
	if len(r) > 80 {
		r = r[:80]
	}
	return strings.Trim(string(r), ".")
}

// manifestDoc records what produced a calibration.
type manifestDoc struct {
	Calibration        string    `json:"calibration"`
	Name               string    `json:"name"`
	Base               string    `json:"base"`
	BaseHash           string    `json:"base_hash"`
	Method             string    `json:"method"`
	Seed               uint64    `json:"seed"`
	Particles          int       `json:"particles,omitempty"` // abc-smc
	Replications       int       `json:"replications_per_particle"`
	WeeksSimulated     int       `json:"weeks_simulated"`
	Generations        int       `json:"generations,omitempty"` // abc-smc
	Stop               string    `json:"stop"`
	Distance           *float64  `json:"distance,omitempty"` // msm: at the estimate
	Simulations        int       `json:"simulations"`        // parameter sets simulated
	ModelRuns          int       `json:"model_runs"`         // replications run: simulations × replications
	PredictiveDraws    int       `json:"predictive_draws"`
	Parameters         []string  `json:"parameters"`
	Values             []float64 `json:"calibrated_values"`             // as in calibrated.toml
	Resumed            int       `json:"resumed_generations,omitempty"` // read from a checkpoint: the time and speed are the last session's
	Workers            int       `json:"workers"`
	WallSeconds        float64   `json:"wall_seconds"`
	ModelRunsPerSecond float64   `json:"model_runs_per_second"`
	ProgramVersion     string    `json:"program_version"`
	GoVersion          string    `json:"go_version"`
	Command            []string  `json:"command"`
}

func (c *Calibration) manifest() manifestDoc {
	f := c.File
	m := manifestDoc{
		Calibration: f.Source, Name: f.Name, Base: f.Base, BaseHash: f.Scenario.Hash(), Method: c.Method,
		Seed: f.Seed, Particles: f.Particles, Replications: f.Replications, WeeksSimulated: f.Horizon(),
		Simulations: c.Simulations(), ModelRuns: c.Simulations() * f.Replications, PredictiveDraws: len(c.Predictive),
		Values: c.Values(), Workers: c.Workers, Resumed: c.Resumed,
		WallSeconds: c.Wall.Seconds(), ProgramVersion: c.Version, GoVersion: runtime.Version(), Command: c.Command,
	}
	if c.Result != nil {
		m.Generations, m.Stop = len(c.Result.Generations), c.Result.Stop
	}
	if c.Estimate != nil {
		m.Particles, m.Stop, m.Distance = 0, c.Estimate.Status, &c.Estimate.Distance
	}
	for _, p := range f.Params {
		m.Parameters = append(m.Parameters, p.Path)
	}
	if s := c.Wall.Seconds(); s > 0 {
		m.ModelRunsPerSecond = float64(c.SessionSimulations()*f.Replications) / s
	}
	if m.Command == nil {
		m.Command = []string{}
	}
	return m
}
