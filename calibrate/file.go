package calibrate

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// File is a calibration: a base scenario, the targets it should reproduce
// and the parameters to fit, with the settings of the fit.
type File struct {
	Source      string // path of the file
	Name        string // the file's name without .toml unless it says
	Description string
	Base        string // the base scenario: a built-in name or a path (resolved against the file's directory)
	Scenario    *scenario.Scenario

	Seed          uint64 // default: the base scenario's
	Particles     int
	Replications  int // simulations averaged per particle
	Generations   int // most generations
	Predictive    int // posterior draws simulated for the fit
	Tolerance     float64
	MinAcceptance float64
	Quantile      float64
	Targets       []TargetSpec
	Params        []Param
	horizon       int    // weeks to simulate: through the last target week
	text          string // the file's text, for checkpoints' keys
}

// TargetSpec is one [[target]]: a metric's mean over some weeks, of the
// whole community or, with GroupBy and Group, of one group of residents
// (sim.GroupMetrics; the weeks where the group has nobody the metric is
// over are left out of the mean).
type TargetSpec struct {
	Metric      string
	GroupBy     string // a sim grouping (sim.Groupings), "" for the whole community
	Group       string // a group of it, "" for the whole community
	Weeks       string // as written: a stage, a week or "first:last"
	First, Last int    // the weeks, inclusive, from 0
	Value, SE   float64
	Line        int
	metric      sim.Metric
	gmetric     sim.GroupMetric
}

// Param is one parameter to fit: a dotted scenario path and its prior.
type Param struct {
	Path    string
	Prior   Prior
	Integer bool // the scenario takes an integer: values are rounded
	Line    int
}

// Defaults of the settings a file may leave out.
const (
	DefaultParticles     = 200
	DefaultReplications  = 2
	DefaultGenerations   = 10
	DefaultTolerance     = 1.0 // simulated moments within one SE on average
	DefaultMinAcceptance = 0.02
	DefaultQuantile      = 0.5
	DefaultPredictive    = 100
)

var fileKeys = []string{"name", "description", "base", "seed", "particles", "replications", "generations", "tolerance", "min_acceptance", "quantile", "predictive_draws", "target", "parameters"}

var targetKeys = []string{"metric", "weeks", "value", "se", "group_by", "group"}

// requiredTargetKeys are the keys every target has.
var requiredTargetKeys = targetKeys[:4]

var priorKeys = map[string][]string{
	PriorUniform:    {"prior", "min", "max"},
	PriorLogUniform: {"prior", "min", "max"},
	PriorNormal:     {"prior", "mean", "sd", "min", "max"},
}

// notParameters are scenario keys that are not model parameters.
var notParameters = []string{"name", "description", "extends", "seed", "replications"}

// maxFileSize bounds what Load reads.
const maxFileSize = 1 << 20

// Load reads a calibration file strictly: an unknown key, a wrong type, an
// unknown metric, a parameter the base scenario does not have or cannot
// take every value of, or an impossible prior is an error naming the file
// and line. Every problem found is reported at once, as scenario.Errors.
func Load(path string) (*File, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such calibration file %q", path)
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxFileSize {
		return nil, fmt.Errorf("%q is not a regular file of at most %d bytes", path, maxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse is Load for a file's contents; path names it in errors and
// relative base paths resolve against its directory.
func Parse(path string, data []byte) (*File, error) {
	p := &parser{f: &File{Source: path, text: string(data)}, line: scenario.KeyLines(string(data)), data: &scenario.DataCache{}}
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		e := &scenario.Error{Source: path, Msg: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Line, e.Msg = pe.Position.Line, "syntax error: "+pe.Message
			if st := pe.Position.Start; st >= 0 && st <= len(data) {
				e.Line = 1 + strings.Count(string(data[:st]), "\n")
			}
		}
		return nil, scenario.Errors{e}
	}
	p.document(tree)
	if len(p.errs) > 0 {
		// By line; problems with no line (a missing key) last.
		slices.SortStableFunc(p.errs, func(a, b *scenario.Error) int {
			return cmpLine(a.Line) - cmpLine(b.Line)
		})
		return nil, p.errs
	}
	return p.f, nil
}

func cmpLine(l int) int {
	if l == 0 {
		return math.MaxInt32
	}
	return l
}

type parser struct {
	f    *File
	line func(path []string) int
	errs scenario.Errors
	data *scenario.DataCache // a data community is read once for every check
}

// fail records a problem with key. The n-th [[target]] (from 0 in key,
// as the line index has it) is shown as target[n+1].
func (p *parser) fail(key []string, format string, a ...any) {
	shown := strings.Join(key, ".")
	if n, err := strconv.Atoi(at(key, 1)); key[0] == "target" && err == nil {
		shown = fmt.Sprintf("target[%d]", n+1) + strings.TrimPrefix(shown, "target."+key[1])
	}
	p.errs = append(p.errs, &scenario.Error{Source: p.f.Source, Line: p.line(key), Key: shown, Msg: fmt.Sprintf(format, a...)})
}

func at(key []string, i int) string {
	if i < len(key) {
		return key[i]
	}
	return ""
}

func (p *parser) document(tree map[string]any) {
	f := p.f
	for _, k := range slices.Sorted(maps.Keys(tree)) {
		if !slices.Contains(fileKeys, k) {
			p.fail([]string{k}, "unknown key; allowed top-level keys: %s%s", strings.Join(fileKeys, ", "), scenario.Suggest(k, fileKeys))
		}
	}
	f.Name = cleanName(strings.TrimSuffix(filepath.Base(f.Source), ".toml"))
	if p.str(tree, []string{"name"}, &f.Name) && (f.Name == "" || cleanName(f.Name) != f.Name) {
		p.fail([]string{"name"}, "must be 1 to 80 letters, digits, '-', '_' or '.' (it names the output directory), got %q", f.Name)
	}
	p.str(tree, []string{"description"}, &f.Description)
	if _, given := tree["base"]; !given {
		p.fail([]string{"base"}, `missing: name the scenario to calibrate, a built-in such as "baseline" or a file`)
		return
	}
	if !p.str(tree, []string{"base"}, &f.Base) {
		return
	}
	if f.Base == "" {
		p.fail([]string{"base"}, `must name the scenario to calibrate, a built-in such as "baseline" or a file, got an empty string`)
		return
	}
	if looksLikeFile(f.Base) && !filepath.IsAbs(f.Base) {
		f.Base = filepath.Join(filepath.Dir(f.Source), f.Base)
	}
	base, err := p.data.Load(f.Base, nil)
	if err != nil {
		var serrs scenario.Errors
		if errors.As(err, &serrs) {
			p.errs = append(p.errs, serrs...) // they name the base's own file
		} else {
			p.fail([]string{"base"}, "%v", err)
		}
		return
	}
	f.Scenario = base
	f.Seed = base.Seed
	if v, ok := tree["seed"]; ok {
		if n, isInt := v.(int64); isInt && n >= 0 {
			f.Seed = uint64(n)
		} else {
			p.fail([]string{"seed"}, "must be a non-negative integer, got %s", scenario.Describe(v))
		}
	}
	p.integer(tree, "particles", &f.Particles, DefaultParticles, 2, 100_000)
	p.integer(tree, "replications", &f.Replications, DefaultReplications, 1, 1000)
	p.integer(tree, "generations", &f.Generations, DefaultGenerations, 1, 1000)
	p.integer(tree, "predictive_draws", &f.Predictive, DefaultPredictive, 10, 100_000)
	p.number(tree, "tolerance", &f.Tolerance, DefaultTolerance, 0, math.Inf(1), false)
	p.number(tree, "min_acceptance", &f.MinAcceptance, DefaultMinAcceptance, 0, 1, true)
	p.number(tree, "quantile", &f.Quantile, DefaultQuantile, 0, 1, true)
	if f.Quantile == 0 {
		p.fail([]string{"quantile"}, "must be above 0 and below 1, got 0")
	}
	p.targets(tree["target"])
	p.parameters(tree["parameters"])
	p.gridsKept()
}

// gridsKept checks that every grid a target names exists whatever values
// the fitted parameters take: with those that set the number of grids at
// their priors' least.
func (p *parser) gridsKept() {
	var fewest []Param
	var values []float64
	for _, prm := range p.f.Params {
		if prm.Path == "community.grids" || prm.Path == "community.buildings" {
			fewest, values = append(fewest, prm), append(values, prm.Prior.Min)
		}
	}
	if len(fewest) == 0 || len(p.errs) > 0 {
		return
	}
	s, err := p.f.load(p.data, fewest, values)
	if err != nil {
		return // modelParameter has said why
	}
	names := sim.GroupNames(&s.Config, sim.ByGrid)
	for i, t := range p.f.Targets {
		if t.GroupBy == sim.ByGrid && !slices.Contains(names, t.Group) {
			at := "at its prior's min"
			if len(fewest) > 1 {
				at = "at their priors' min"
			}
			p.fail([]string{"target", strconv.Itoa(i), "group"}, "grid %s is not in every community the parameters make: with %s %s the community has %d grids, 0 to %d",
				t.Group, strings.Join(paths(fewest), " and "), at, len(names), len(names)-1)
		}
	}
}

func paths(params []Param) []string {
	out := make([]string, len(params))
	for j, prm := range params {
		out[j] = prm.Path
	}
	return out
}

// str reads an optional string; it reports whether the key was there.
func (p *parser) str(tree map[string]any, key []string, dst *string) bool {
	v, ok := tree[key[len(key)-1]]
	if !ok {
		return false
	}
	s, isStr := v.(string)
	if !isStr {
		p.fail(key, "must be a string, got %s", scenario.Describe(v))
		return false
	}
	*dst = s
	return true
}

func (p *parser) integer(tree map[string]any, key string, dst *int, def, lo, hi int) {
	*dst = def
	v, ok := tree[key]
	if !ok {
		return
	}
	n, isInt := v.(int64)
	if !isInt || n < int64(lo) || n > int64(hi) {
		p.fail([]string{key}, "must be an integer from %d to %d, got %s", lo, hi, scenario.Describe(v))
		return
	}
	*dst = int(n)
}

// number reads an optional number in [lo, hi], or [lo, hi) if open.
func (p *parser) number(tree map[string]any, key string, dst *float64, def, lo, hi float64, open bool) {
	*dst = def
	v, ok := tree[key]
	if !ok {
		return
	}
	x, isNum := toFloat(v)
	if !isNum || !(x >= lo && x <= hi) || (open && x == hi) {
		switch {
		case math.IsInf(hi, 1):
			p.fail([]string{key}, "must be a number of at least %g, got %s", lo, scenario.Describe(v))
		case open:
			p.fail([]string{key}, "must be a number from %g to below %g, got %s", lo, hi, scenario.Describe(v))
		default:
			p.fail([]string{key}, "must be a number from %g to %g, got %s", lo, hi, scenario.Describe(v))
		}
		return
	}
	*dst = x
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}

// metricNames lists the metrics a target may name.
func metricNames() []string {
	names := make([]string, len(sim.Metrics))
	for i, m := range sim.Metrics {
		names[i] = m.Name
	}
	return names
}

func (p *parser) targets(v any) {
	if v == nil {
		p.fail([]string{"target"}, "missing: give at least one [[target]] with metric, weeks, value and se")
		return
	}
	list, ok := v.([]map[string]any)
	if !ok {
		p.fail([]string{"target"}, "must be an array of tables: write each target under its own [[target]] header, got %s", scenario.Describe(v))
		return
	}
	cal := p.f.Scenario.Config.Calendar
	for i, t := range list {
		key := func(k ...string) []string { return append([]string{"target", strconv.Itoa(i)}, k...) }
		n := len(p.errs)
		for _, k := range slices.Sorted(maps.Keys(t)) {
			if !slices.Contains(targetKeys, k) {
				p.fail(key(k), "unknown key in a target; allowed: %s%s", strings.Join(targetKeys, ", "), scenario.Suggest(k, targetKeys))
			}
		}
		ts := TargetSpec{Line: p.line(key())}
		for _, k := range requiredTargetKeys {
			if _, ok := t[k]; !ok {
				p.fail(key(), "target %d has no %s; a target needs %s", i+1, k, strings.Join(requiredTargetKeys, ", "))
			}
		}
		_, byGroup := t["group_by"]
		_, group := t["group"]
		if m, ok := t["metric"]; ok {
			name, isStr := m.(string)
			metric, known := sim.MetricByName(name)
			gmetric, knownByGroup := groupMetricByName(name)
			switch {
			case !isStr:
				p.fail(key("metric"), "must be a metric's name, got %s", scenario.Describe(m))
			case (byGroup || group) && !knownByGroup:
				p.fail(key("metric"), "%q is not measured per group of residents%s; the group metrics are %s", name, scenario.Suggest(name, groupMetricNames()), strings.Join(groupMetricNames(), ", "))
			case !byGroup && !group && !known:
				p.fail(key("metric"), "unknown metric %q%s; the metrics are %s", name, scenario.Suggest(name, metricNames()), strings.Join(metricNames(), ", "))
			default:
				ts.Metric, ts.metric, ts.gmetric = name, metric, gmetric
			}
		}
		if byGroup || group {
			p.group(t, key, &ts)
		}
		if w, ok := t["weeks"]; ok {
			var err error
			if ts.Weeks, ts.First, ts.Last, err = parseWeeks(w, cal); err != nil {
				p.fail(key("weeks"), "%v", err)
			}
		}
		if x, ok := t["value"]; ok {
			if ts.Value, ok = toFloat(x); !ok {
				p.fail(key("value"), "must be a finite number, got %s", scenario.Describe(x))
			}
		}
		if x, ok := t["se"]; ok {
			if ts.SE, ok = toFloat(x); !ok || ts.SE <= 0 {
				p.fail(key("se"), "must be a standard error above 0, got %s", scenario.Describe(x))
			}
		}
		if len(p.errs) == n {
			p.f.Targets = append(p.f.Targets, ts)
			p.f.horizon = max(p.f.horizon, ts.Last+1)
		}
	}
}

func groupMetricByName(name string) (sim.GroupMetric, bool) {
	for m, info := range sim.GroupMetrics {
		if info.Name == name {
			return sim.GroupMetric(m), true
		}
	}
	return 0, false
}

// groupMetricNames lists the metrics a group's target may name.
func groupMetricNames() []string {
	names := make([]string, len(sim.GroupMetrics))
	for m, info := range sim.GroupMetrics {
		names[m] = info.Name
	}
	return names
}

// group reads a target's group_by and group: a grouping and one of its
// groups in the base scenario's community, of which the target's metric
// (already read into ts, if it could be) is defined.
func (p *parser) group(t map[string]any, key func(...string) []string, ts *TargetSpec) {
	by, byGiven := t["group_by"]
	name, nameGiven := t["group"]
	groupings := sim.Groupings[:]
	switch {
	case !byGiven:
		p.fail(key("group"), "a group needs group_by, the grouping it belongs to: one of %s", strings.Join(groupings, ", "))
		return
	case !nameGiven:
		p.fail(key("group_by"), "group_by needs group, the group of residents whose %s is the target", orMetric(ts.Metric))
		return
	}
	bys, isStr := by.(string)
	names := sim.GroupNames(&p.f.Scenario.Config, bys)
	switch {
	case !isStr:
		p.fail(key("group_by"), "must be a grouping of residents (%s), got %s", strings.Join(groupings, ", "), scenario.Describe(by))
		return
	case names == nil:
		p.fail(key("group_by"), "unknown grouping %q%s; the groupings are %s", bys, scenario.Suggest(bys, groupings), strings.Join(groupings, ", "))
		return
	}
	g, isStr := name.(string)
	if n, isInt := name.(int64); isInt && bys == sim.ByGrid {
		g, isStr = strconv.FormatInt(n, 10), true // grid = 3 for "3"
	}
	shown, suggest := strings.Join(names, ", "), scenario.Suggest(g, names)
	if bys == sim.ByGrid {
		// Numbers: one a letter away from another is no likelier meant.
		shown, suggest = fmt.Sprintf("0 to %d (the base scenario's %d grids)", len(names)-1, len(names)), ""
	}
	switch {
	case !isStr:
		p.fail(key("group"), "must be a group of %s (%s), got %s", bys, shown, scenario.Describe(name))
		return
	case !slices.Contains(names, g):
		p.fail(key("group"), "%s has no group %q%s; its groups are %s", bys, g, suggest, shown)
		return
	}
	if ts.Metric != "" {
		if why := neverDefined(bys, g, ts.gmetric); why != "" {
			p.fail(key("group"), "%s is never measured in group %s=%s: %s", ts.Metric, bys, g, why)
			return
		}
	}
	ts.GroupBy, ts.Group = bys, g
}

func orMetric(m string) string {
	if m == "" {
		return "metric"
	}
	return m
}

// neverDefined says why metric m has no value in a group in any week,
// or "".
func neverDefined(by, group string, m sim.GroupMetric) string {
	switch over := sim.GroupMetrics[m].Over; {
	case over == sim.OverAdults && group == "child" && (by == sim.ByAge || by == sim.ByEducation):
		return "it is over adults and elders, and the group has none"
	case over == sim.OverNeedy && by == sim.ByVulnerable && group == "not_vulnerable":
		return "it is over vulnerable residents with a care need, and the group has none"
	}
	return ""
}

// parseWeeks reads a target's weeks: a stage's name, a week (an integer
// or its text) or "first:last", inclusive, within the calendar.
func parseWeeks(v any, cal sim.Calendar) (text string, first, last int, err error) {
	horizon := cal.Weeks()
	stages := make([]string, 0, 5)
	for _, b := range cal.Boundaries() {
		stages = append(stages, b.Stage.String())
	}
	switch x := v.(type) {
	case int64:
		text = strconv.FormatInt(x, 10)
	case string:
		text = strings.TrimSpace(x)
	default:
		return "", 0, 0, fmt.Errorf("must be a stage (%s), a week or a range \"first:last\", got %s", strings.Join(stages, ", "), scenario.Describe(v))
	}
	for _, b := range cal.Boundaries() {
		if b.Stage.String() == text {
			return text, b.Week, b.Week + b.Weeks - 1, nil
		}
	}
	a, b, isRange := strings.Cut(text, ":")
	if !isRange {
		b = a
	}
	first, errA := strconv.Atoi(strings.TrimSpace(a))
	last, errB := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case errA != nil || errB != nil:
		return "", 0, 0, fmt.Errorf("%q is not a stage (%s), a week or a range \"first:last\"%s", text, strings.Join(stages, ", "), scenario.Suggest(text, stages))
	case first < 0 || last >= horizon || first > last:
		return "", 0, 0, fmt.Errorf("weeks %q must lie within 0:%d (the base scenario's %d weeks), first not after last", text, horizon-1, horizon)
	}
	return text, first, last, nil
}

func (p *parser) parameters(v any) {
	table, ok := v.(map[string]any)
	if !ok || len(table) == 0 {
		if v == nil || ok {
			p.fail([]string{"parameters"}, `missing: give the parameters to fit under [parameters], e.g. "macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }`)
		} else {
			p.fail([]string{"parameters"}, "must be a table, got %s", scenario.Describe(v))
		}
		return
	}
	seen := map[string]bool{}
	n := len(p.errs)
	p.collect(nil, table, seen)
	if len(p.f.Params) == 0 && len(p.errs) == n {
		p.fail([]string{"parameters"}, `no parameter with a prior: write "dotted.path" = { prior = "uniform", min = ..., max = ... }`)
	}
	// The file's order, so that columns follow the reader's.
	slices.SortStableFunc(p.f.Params, func(a, b Param) int { return a.Line - b.Line })
}

// collect flattens [parameters]: a table with a prior key is a parameter,
// any other table a level of its dotted path.
func (p *parser) collect(key []string, table map[string]any, seen map[string]bool) {
	for _, k := range slices.Sorted(maps.Keys(table)) {
		at := append(key[:len(key):len(key)], k)
		full := append([]string{"parameters"}, at...)
		path := strings.Join(at, ".")
		t, isTable := table[k].(map[string]any)
		switch {
		case !isTable:
			p.fail(full, `must be a prior, e.g. { prior = "uniform", min = 0.1, max = 0.6 }, got %s`, scenario.Describe(table[k]))
			continue
		case t["prior"] == nil && !hasAny(t, "min", "max", "mean", "sd"):
			p.collect(at, t, seen)
			continue
		case seen[path]:
			p.fail(full, "given twice")
			continue
		}
		seen[path] = true
		prior, ok := p.prior(full, t)
		if !ok {
			continue
		}
		prm := Param{Path: path, Prior: prior, Line: p.line(full)}
		if p.modelParameter(full, &prm) {
			p.f.Params = append(p.f.Params, prm)
		}
	}
}

func hasAny(t map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := t[k]; ok {
			return true
		}
	}
	return false
}

func (p *parser) prior(key []string, t map[string]any) (Prior, bool) {
	kind, isStr := t["prior"].(string)
	allowed, known := priorKeys[kind]
	if !isStr || !known {
		p.fail(append(key, "prior"), "must be one of %s, got %s%s", strings.Join(priorKinds, ", "), scenario.Describe(t["prior"]), scenario.Suggest(kind, priorKinds))
		return Prior{}, false
	}
	ok := true
	pr := Prior{Kind: kind}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		if !slices.Contains(allowed, k) {
			p.fail(append(key, k), "not a key of a %s prior; allowed: %s%s", kind, strings.Join(allowed, ", "), scenario.Suggest(k, allowed))
			ok = false
		}
	}
	for _, k := range allowed[1:] {
		v, given := t[k]
		x, isNum := toFloat(v)
		switch {
		case !given:
			p.fail(key, "a %s prior needs %s", kind, strings.Join(allowed[1:], ", "))
			return Prior{}, false
		case !isNum:
			p.fail(append(key, k), "must be a finite number, got %s", scenario.Describe(v))
			ok = false
		}
		switch k {
		case "min":
			pr.Min = x
		case "max":
			pr.Max = x
		case "mean":
			pr.Mean = x
		case "sd":
			pr.SD = x
		}
	}
	if !ok {
		return Prior{}, false
	}
	if msg := pr.check(); msg != "" {
		p.fail(key, "impossible prior: %s", msg)
		return Prior{}, false
	}
	return pr, true
}

// modelParameter checks that path is a numeric parameter of the base
// scenario that takes both ends of the prior, and whether it is an integer.
func (p *parser) modelParameter(key []string, prm *Param) bool {
	top, _, _ := strings.Cut(prm.Path, ".")
	switch {
	case slices.Contains(notParameters, top):
		p.fail(key, "%q is a scenario setting, not a model parameter", prm.Path)
		return false
	case top == "calendar":
		p.fail(key, "the calendar cannot be calibrated: the targets' weeks are read from the base scenario's calendar")
		return false
	}
	bounds := []struct {
		name  string
		value float64
	}{{"min", prm.Prior.Min}, {"max", prm.Prior.Max}}
	for _, b := range bounds {
		_, err := p.f.load(p.data, []Param{{Path: prm.Path}}, []float64{b.value})
		if err != nil && b.value == math.Trunc(b.value) && isTypeError(err) {
			// An integer parameter: try again as one.
			if _, errInt := p.f.load(p.data, []Param{{Path: prm.Path, Integer: true}}, []float64{b.value}); errInt == nil {
				prm.Integer, err = true, nil
			}
		}
		if err != nil {
			msg := err.Error()
			var serrs scenario.Errors
			if errors.As(err, &serrs) && len(serrs) > 0 {
				msg = serrs[0].Msg
				if serrs[0].Key != "" && serrs[0].Key != prm.Path {
					msg = fmt.Sprintf("key %q: %s", serrs[0].Key, msg)
				}
			}
			p.fail(key, "not a parameter the model can take from %g to %g: with %s = %g, %s", prm.Prior.Min, prm.Prior.Max, b.name, b.value, msg)
			return false
		}
	}
	return true
}

func isTypeError(err error) bool {
	return strings.Contains(err.Error(), "must be an integer")
}

// load loads the base scenario with the parameters set to values (through
// data, which may be nil).
func (f *File) load(data *scenario.DataCache, params []Param, values []float64) (*scenario.Scenario, error) {
	return data.Load(f.Base, overrides(params, values))
}

// overrides writes parameter values as --set overrides.
func overrides(params []Param, values []float64) []string {
	out := make([]string, len(params))
	for j, prm := range params {
		out[j] = prm.Path + "=" + formatValue(values[j], prm.Integer)
	}
	return out
}

// formatValue writes v as a TOML integer (rounded) or float.
func formatValue(v float64, integer bool) string {
	if integer {
		return strconv.FormatInt(int64(math.Round(v)), 10)
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}
