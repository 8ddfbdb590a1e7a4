package workbench

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// The interactive comparison: by default the baseline, the full programme
// and the full programme with sustained funding, at exploreReps
// replications, re-run whenever a lever moves. Any scenarios of the
// library, the user's own among them, can be chosen instead.
var exploreScenarios = []string{"builtin:baseline", "builtin:full-programme", "builtin:sustained-funding"}

const exploreReps = 20

// exploreSlotWait is how long an interactive comparison waits for a
// simulation slot before it says the workbench is busy.
const exploreSlotWait = 3 * time.Second

// maxExplore bounds the scenarios of an interactive comparison, which must
// stay quick.
const maxExplore = 4

// lever is one slider: a key (or a family of keys) a planner changes most.
// Default is its value in the chosen scenarios as written; a lever left at
// its default changes nothing, so that each scenario keeps its own value.
type lever struct {
	Name, Label, Help     string
	Unit                  string // after the value, its space included
	Min, Max, Step, Value int
	Default               int
	Applies               []string // the scenarios it changes
}

// moved reports whether the lever is away from its default.
func (l lever) moved() bool { return l.Value != l.Default }

// levers reads the sliders from the query, defaulting to the values of the
// chosen scenarios scs (baseline first, as written), and reports the first
// value out of range. The stage lengths change every scenario; the social
// workers and the budget every one but the baseline; the organizations'
// funds after the project those that fund organizations then, or every one
// but the baseline if none does.
func levers(r *http.Request, scs []*scenario.Scenario) ([]lever, error) {
	cal := scs[0].Config.Calendar
	all, programmes := names(scs), names(scs[1:])
	var funders []string
	funds := 0
	for _, sc := range scs[1:] {
		if f := sc.Config.FollowUp.OrgFundsPerWeek; f > 0 {
			if funders == nil {
				funds = int(math.Round(f))
			}
			funders = append(funders, sc.Name)
		}
	}
	if funders == nil {
		funders = programmes
	}
	ls := []lever{
		{Name: "social_workers", Label: "Social workers", Unit: " in the team", Min: 0, Max: 12, Step: 1, Value: scs[1].Config.Project.SocialWorkers, Applies: programmes,
			Help: "The size of the social-work team during the project (project.social_workers)."},
		{Name: "effort", Label: "Budget per measure", Unit: "% of each scenario's own", Min: 0, Max: 200, Step: 10, Value: 100, Applies: programmes,
			Help: "Every measure's weekly budget and, with it, its intensity, as a share of what each scenario sets (stages.*.*.weekly_cost and intensity)."},
		{Name: "initial_weeks", Label: "Initial stage", Unit: " weeks", Min: 0, Max: 52, Step: 1, Value: cal.Initial, Applies: all,
			Help: "Team training and home visits (calendar.initial_weeks)."},
		{Name: "middle_weeks", Label: "Middle stage", Unit: " weeks", Min: 0, Max: 104, Step: 2, Value: cal.Middle, Applies: all,
			Help: "Activities, organizations, party linkage and discussion channels (calendar.middle_weeks)."},
		{Name: "later_weeks", Label: "Later stage", Unit: " weeks", Min: 0, Max: 52, Step: 1, Value: cal.Later, Applies: all,
			Help: "Services shared with other actors and the handover (calendar.later_weeks)."},
		{Name: "org_funds", Label: "Organization funds after the project", Unit: " yuan a week per organization", Min: 0, Max: 300, Step: 10, Value: funds, Applies: funders,
			Help: "What sustained funding keeps giving each organization during the follow-up (follow_up.organization_funds_per_week)."},
	}
	var bad error
	for i := range ls {
		l := &ls[i]
		l.Default = l.Value
		text := strings.TrimSpace(r.FormValue(l.Name))
		if text == "" {
			continue
		}
		v, err := strconv.Atoi(text)
		if err != nil || v < l.Min || v > l.Max {
			if bad == nil {
				bad = fmt.Errorf("%s must be a whole number from %d to %d, got %q", l.Label, l.Min, l.Max, text)
			}
			continue
		}
		l.Value = v
	}
	return ls, bad
}

func names(scs []*scenario.Scenario) []string {
	out := make([]string, len(scs))
	for i, sc := range scs {
		out[i] = sc.Name
	}
	return out
}

// leverSets turns the levers moved from their defaults into --set
// overrides for sc, so that the scenario package checks them as it checks
// the command line's.
func leverSets(ls []lever, sc *scenario.Scenario) []string {
	var sets []string
	for _, l := range ls {
		if !l.moved() || !slices.Contains(l.Applies, sc.Name) {
			continue
		}
		switch l.Name {
		case "social_workers":
			sets = append(sets, fmt.Sprintf("project.social_workers=%d", l.Value))
		case "initial_weeks", "middle_weeks", "later_weeks":
			sets = append(sets, fmt.Sprintf("calendar.%s=%d", l.Name, l.Value))
		case "org_funds":
			sets = append(sets, fmt.Sprintf("follow_up.organization_funds_per_week=%d", l.Value))
		case "effort":
			// Scale every measure the scenario takes, and its budget: its
			// stage plans' values that are not zero.
			scale := float64(l.Value) / 100
			none := sc.Config
			none.Stages = sim.StagePlans{}
			for _, c := range scenario.Diff(&none, &sc.Config) {
				if !strings.HasPrefix(c.Key, "stages.") || !(strings.HasSuffix(c.Key, ".intensity") || strings.HasSuffix(c.Key, ".weekly_cost")) {
					continue
				}
				v, err := strconv.ParseFloat(c.To, 64)
				if err != nil {
					continue
				}
				sets = append(sets, fmt.Sprintf("%s=%s", c.Key, strconv.FormatFloat(v*scale, 'f', -1, 64)))
			}
		}
	}
	return sets
}

// exploreRefs reads the chosen scenarios from the query: baseline and
// scenario (one or more; an empty one is the "add a scenario" chooser left
// alone), the built-in trio by default. The baseline comes first, and no
// scenario twice.
func exploreRefs(r *http.Request) []string {
	chosen := slices.DeleteFunc(slices.Clone(r.Form["scenario"]), func(s string) bool { return s == "" })
	baseline := r.FormValue("baseline")
	if len(chosen) == 0 {
		chosen = exploreScenarios[1:]
		if baseline == "" {
			baseline = exploreScenarios[0]
		}
	}
	if baseline == "" {
		baseline = chosen[0]
	}
	refs := []string{baseline}
	for _, c := range chosen {
		if !slices.Contains(refs, c) {
			refs = append(refs, c)
		}
	}
	return refs
}

// exploreData is the explore page.
type exploreData struct {
	Levers    []lever
	Metrics   []metricOption
	Metric    string
	Groups    bool // who gains asked for: groups of residents measured
	Problem   string
	Result    *exploreOutcome
	Scenarios []exploreOption // to choose the baseline from: built-in (the default trio first), then the user's
	Chosen    []exploreOption // compared with the baseline, in the order chosen
	// AddBuiltin and AddMine are the scenarios that can still be added,
	// none once maxExplore are chosen.
	AddBuiltin, AddMine []exploreOption
	HasMine             bool     // the workspace has valid scenarios
	Names               []string // chosen, baseline first
}

// exploreOption is one scenario of the library the levers can act on.
type exploreOption struct {
	Ref, Name        string
	Chosen, Baseline bool
	Builtin          bool
}

// exploreOutcome is one interactive comparison's figures and table.
type exploreOutcome struct {
	Levels, Diff template.URL
	Table        []report.FormattedRow
	Notes        []string
	Seconds      float64
	Reps         int
	WhoGains     *whoGains // nil unless asked for
}

// exploreSetup reads the page's choices and loads the chosen scenarios with
// the levers applied. A choice the planner can fix (a lever out of range,
// a scenario that does not load) is d.Problem, with no scenarios; err is
// for the server's own faults.
func (s *Server) exploreSetup(r *http.Request) (exploreData, []*scenario.Scenario, error) {
	r.ParseForm()
	m := metricParam(r)
	d := exploreData{Metrics: metricOptions(m), Metric: sim.Metrics[m].Name, Groups: groupsParam(r)}
	refs := exploreRefs(r)
	mine, err := s.workspaceScenarios()
	if err != nil {
		return d, nil, err
	}
	for _, in := range scenario.Builtins() {
		rf := ref{builtin: true, name: in.Name}.String()
		d.Scenarios = append(d.Scenarios, exploreOption{Ref: rf, Name: in.Name, Builtin: true, Chosen: slices.Contains(refs[1:], rf), Baseline: rf == refs[0]})
	}
	// The default trio first: what a planner compares first.
	slices.SortStableFunc(d.Scenarios, func(a, b exploreOption) int {
		rank := func(o exploreOption) int {
			if i := slices.Index(exploreScenarios, o.Ref); i >= 0 {
				return i
			}
			return len(exploreScenarios)
		}
		return rank(a) - rank(b)
	})
	for _, e := range mine {
		if e.Problem == "" {
			d.Scenarios = append(d.Scenarios, exploreOption{Ref: e.Ref, Name: e.Name, Chosen: slices.Contains(refs[1:], e.Ref), Baseline: e.Ref == refs[0]})
			d.HasMine = true
		}
	}
	for _, rf := range refs[1:] {
		if i := slices.IndexFunc(d.Scenarios, func(o exploreOption) bool { return o.Ref == rf }); i >= 0 {
			d.Chosen = append(d.Chosen, d.Scenarios[i])
		} else if r, err := parseRef(rf); err == nil {
			d.Chosen = append(d.Chosen, exploreOption{Ref: rf, Name: r.name, Chosen: true, Builtin: r.builtin})
		}
	}
	if len(refs) < maxExplore {
		for _, o := range d.Scenarios {
			switch {
			case o.Chosen || o.Baseline:
			case o.Builtin:
				d.AddBuiltin = append(d.AddBuiltin, o)
			default:
				d.AddMine = append(d.AddMine, o)
			}
		}
	}
	if len(refs) < 2 {
		d.Problem = "Choose at least one scenario besides the baseline."
		return d, nil, nil
	}
	if len(refs) > maxExplore {
		d.Problem = fmt.Sprintf("Choose at most %d scenarios, the baseline included: the levers re-run them all at every move, which must stay quick. Compare more from the Scenarios page.", maxExplore)
		return d, nil, nil
	}
	plain := make([]*scenario.Scenario, len(refs))
	for i, text := range refs {
		rf, err := parseRef(text)
		if err != nil {
			d.Problem = err.Error()
			return d, nil, nil
		}
		if plain[i], err = s.load(rf, nil); err != nil {
			d.Problem = "Scenario " + rf.name + " is not valid: " + err.Error()
			return d, nil, nil
		}
	}
	d.Names = names(plain)
	ls, err := levers(r, plain)
	d.Levers = ls
	if err != nil {
		d.Problem = err.Error()
		return d, nil, nil
	}
	scs := make([]*scenario.Scenario, len(refs))
	for i, text := range refs {
		rf, _ := parseRef(text)
		if scs[i], err = s.load(rf, leverSets(ls, plain[i])); err != nil {
			d.Problem = err.Error()
			return d, nil, nil
		}
	}
	if err := prepare(scs); err != nil {
		d.Problem = err.Error()
		return d, nil, nil
	}
	return d, scs, nil
}

// explore shows the levers, and the comparison when asked to run it (the
// page's script asks for the result alone instead).
func (s *Server) explore(w http.ResponseWriter, r *http.Request) {
	d, scs, err := s.exploreSetup(r)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "The scenarios cannot be listed", err.Error())
		return
	}
	status := http.StatusOK
	if d.Problem != "" {
		status = http.StatusBadRequest
	}
	if r.FormValue("run") != "" && scs != nil {
		out, code, msg := s.runExplore(r, scs)
		if msg != "" {
			d.Problem, status = msg, code
		}
		d.Result = out
	}
	s.render(w, status, "explore", "Explore the levers", d)
}

// exploreResult runs the interactive comparison and answers with the
// result's HTML alone, which the page's script puts in place.
func (s *Server) exploreResult(w http.ResponseWriter, r *http.Request) {
	d, scs, err := s.exploreSetup(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	status := http.StatusOK
	if scs == nil {
		status = http.StatusBadRequest
	} else {
		out, code, msg := s.runExplore(r, scs)
		if msg != "" {
			d.Problem, status = msg, code
		}
		d.Result = out
	}
	var b bytes.Buffer
	if err := s.pages["explore"].ExecuteTemplate(&b, "result", d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	b.WriteTo(w)
}

// runExplore runs the interactive comparison within the request r: closing
// the page, or moving a lever again, cancels it. It returns the outcome,
// the figures and table of r's metric and who gains as r chooses, or an
// HTTP status and a message.
func (s *Server) runExplore(r *http.Request, scs []*scenario.Scenario) (*exploreOutcome, int, string) {
	ctx, m := r.Context(), metricParam(r)
	// A lever moved again aborts the request before, whose simulation
	// frees its slot only when it next looks at its context: wait for it a
	// little rather than answer that the workbench is busy.
	if !s.acquireWithin(ctx, exploreSlotWait) {
		return nil, http.StatusTooManyRequests, fmt.Sprintf("%d simulations are already running, the most this workbench runs at once; try again when one has finished.", s.opts.MaxJobs)
	}
	defer s.release()
	start := time.Now()
	groups := groupsParam(r)
	results, err := s.results.compare(ctx, scs, exploreReps, s.opts.Workers, groups)
	if err != nil {
		return nil, http.StatusServiceUnavailable, "The comparison stopped: " + err.Error()
	}
	if !groups {
		results = withoutGroups(results)
	}
	f, err := drawFigures(m, scs, results)
	if err != nil {
		return nil, http.StatusInternalServerError, err.Error()
	}
	names := make([]string, len(scs))
	for i, sc := range scs {
		names[i] = sc.Name
	}
	c, err := report.Compare(names, results, 0, tableMetrics(m))
	if err != nil {
		return nil, http.StatusInternalServerError, err.Error()
	}
	out := &exploreOutcome{Levels: template.URL(f.levels), Diff: template.URL(f.diff), Table: report.FormatComparison(c),
		Notes: report.ReadingNotes(c), Reps: exploreReps}
	if groups {
		wg, err := makeWhoGains(r, m, names, results, c)
		if err != nil {
			return nil, http.StatusInternalServerError, err.Error()
		}
		wg.Form = "explore"
		out.WhoGains = &wg
	}
	out.Seconds = time.Since(start).Seconds()
	return out, 0, ""
}

// withoutGroups is results without their groups, which some may have from
// the cache: the table then has no equity rows whatever the cache holds.
func withoutGroups(results [][]*sim.Result) [][]*sim.Result {
	out := make([][]*sim.Result, len(results))
	for i, rs := range results {
		out[i] = rs
		if !report.HasGroups(rs) {
			continue
		}
		out[i] = make([]*sim.Result, len(rs))
		for r, res := range rs {
			cp := *res
			cp.Groups, cp.GroupValues = nil, nil
			out[i][r] = &cp
		}
	}
	return out
}

// groupsParam reads whether the interactive comparison shows who gains
// (groups=1). It is a choice because measuring groups of residents costs
// time at every move of a lever (about 7% of the simulation's CPU time),
// and a stage length, which re-runs every scenario, is already near the
// 2 s the levers must keep to.
func groupsParam(r *http.Request) bool { return r.FormValue("groups") == "1" }

// resultCache keeps the results of the scenarios of recent interactive
// comparisons, by content. A lever changes only some of the three
// scenarios (the organizations' funds only sustained funding, the social
// workers not the baseline), and only those are simulated again. Reusing
// results changes no number: replication r has the same seed whether the
// scenarios run together or apart (experiment.Compare gives the same
// results as separate runs).
//
// A stage length changes every scenario, the baseline included, so each
// is simulated again; but only from the first week the new length can
// change, where the engines resume keeps (experiment.Resume) let it: a
// middle or later stage moved skips every scenario's weeks before its
// middle stage.
type resultCache struct {
	mu      sync.Mutex
	keys    []string // least recently used first
	results map[string][]*sim.Result
	resume  *experiment.Resume
}

// resumeBytes bounds the engines the interactive comparison keeps: at the
// default community's size, about 1.6 MB each, the 40 of the default trio
// (the baseline and one programme a replication; sustained funding forks
// from the programme later) or 60 of four scenarios.
const resumeBytes = 256 << 20

// keepResults bounds the cache: a few comparisons' worth. With the groups
// measured for who gains, a result set of 20 replications of a default
// scenario holds about 7 MB, so the cache about 85 MB at most; without,
// a few MB.
const keepResults = 12

// compare is compare for scs (baseline first, whose seed they all use),
// with the results of scenarios already simulated taken from the cache:
// with groups, only results that measured groups.
func (c *resultCache) compare(ctx context.Context, scs []*scenario.Scenario, reps, workers int, groups bool) ([][]*sim.Result, error) {
	seed := scs[0].Seed
	out := make([][]*sim.Result, len(scs))
	keys := make([]string, len(scs))
	var missing []*scenario.Scenario
	var at []int
	c.mu.Lock()
	for i, sc := range scs {
		keys[i] = fmt.Sprintf("%s/%d/%d", sc.Hash(), seed, reps)
		if rs, ok := c.results[keys[i]]; ok && (!groups || report.HasGroups(rs)) {
			out[i] = rs
			// Most recently used last: the baseline stays while the
			// programmes change.
			c.keys = append(slices.DeleteFunc(c.keys, func(k string) bool { return k == keys[i] }), keys[i])
		} else {
			missing, at = append(missing, sc), append(at, i)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	c.mu.Lock()
	if c.resume == nil {
		c.resume = experiment.NewResume(resumeBytes)
	}
	resume := c.resume
	c.mu.Unlock()
	rs, err := compare(ctx, missing, seed, reps, workers, groups, nil, resume)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.results == nil {
		c.results = map[string][]*sim.Result{}
	}
	for k, i := range at {
		out[i] = rs[k]
		if old, ok := c.results[keys[i]]; !ok {
			c.keys = append(c.keys, keys[i])
			c.results[keys[i]] = rs[k]
		} else if groups && !report.HasGroups(old) {
			c.results[keys[i]] = rs[k] // the same numbers, and the groups
		}
	}
	for len(c.keys) > keepResults {
		delete(c.results, c.keys[0])
		c.keys = c.keys[1:]
	}
	return out, nil
}
