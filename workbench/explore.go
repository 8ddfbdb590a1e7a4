package workbench

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// The interactive comparison: the baseline, the full programme and the
// full programme with sustained funding, at exploreReps replications,
// re-run whenever a lever moves.
var exploreScenarios = []string{"baseline", "full-programme", "sustained-funding"}

const exploreReps = 20

// lever is one slider: a key (or a family of keys) a planner changes most.
type lever struct {
	Name, Label, Help, Unit string
	Min, Max, Step, Value   int
}

// levers reads the sliders from the query, defaulting to the built-in
// scenarios' values, and reports the first value out of range.
func levers(r *http.Request, full, sustained *scenario.Scenario) ([]lever, error) {
	cal := full.Config.Calendar
	ls := []lever{
		{Name: "social_workers", Label: "Social workers", Unit: "people", Min: 0, Max: 12, Step: 1, Value: full.Config.Project.SocialWorkers,
			Help: "The size of the social-work team during the project (project.social_workers)."},
		{Name: "effort", Label: "Budget per measure", Unit: "% of the field study's", Min: 0, Max: 200, Step: 10, Value: 100,
			Help: "Every measure's weekly budget and, with it, its intensity, as a share of the field study's project (stages.*.*.weekly_cost and intensity)."},
		{Name: "initial_weeks", Label: "Initial stage", Unit: "weeks", Min: 0, Max: 52, Step: 1, Value: cal.Initial,
			Help: "Team training and home visits (calendar.initial_weeks); for all three scenarios."},
		{Name: "middle_weeks", Label: "Middle stage", Unit: "weeks", Min: 0, Max: 104, Step: 2, Value: cal.Middle,
			Help: "Activities, organizations, party linkage and discussion channels (calendar.middle_weeks)."},
		{Name: "later_weeks", Label: "Later stage", Unit: "weeks", Min: 0, Max: 52, Step: 1, Value: cal.Later,
			Help: "Services shared with other actors and the handover (calendar.later_weeks)."},
		{Name: "org_funds", Label: "Organization funds after the project", Unit: "yuan a week per organization", Min: 0, Max: 300, Step: 10,
			Value: int(sustained.Config.FollowUp.OrgFundsPerWeek),
			Help:  "What sustained funding keeps giving each organization during the follow-up (follow_up.organization_funds_per_week)."},
	}
	for i := range ls {
		l := &ls[i]
		text := strings.TrimSpace(r.FormValue(l.Name))
		if text == "" {
			continue
		}
		v, err := strconv.Atoi(text)
		if err != nil || v < l.Min || v > l.Max {
			return ls, fmt.Errorf("%s must be a whole number from %d to %d, got %q", l.Label, l.Min, l.Max, text)
		}
		l.Value = v
	}
	return ls, nil
}

// exploreLoad loads the three scenarios with the levers applied as --set
// overrides, so that the scenario package checks them as it checks the
// command line's.
func exploreLoad(ls []lever) ([]*scenario.Scenario, error) {
	val := map[string]int{}
	for _, l := range ls {
		val[l.Name] = l.Value
	}
	common := []string{
		fmt.Sprintf("calendar.initial_weeks=%d", val["initial_weeks"]),
		fmt.Sprintf("calendar.middle_weeks=%d", val["middle_weeks"]),
		fmt.Sprintf("calendar.later_weeks=%d", val["later_weeks"]),
	}
	base, err := scenario.Load(exploreScenarios[0], nil)
	if err != nil {
		return nil, err
	}
	full, err := scenario.Load(exploreScenarios[1], nil)
	if err != nil {
		return nil, err
	}
	project := append(common[:len(common):len(common)], fmt.Sprintf("project.social_workers=%d", val["social_workers"]))
	// Scale every measure the programme takes, and its budget.
	scale := float64(val["effort"]) / 100
	for _, c := range scenario.Diff(&base.Config, &full.Config) {
		if !strings.HasPrefix(c.Key, "stages.") || !(strings.HasSuffix(c.Key, ".intensity") || strings.HasSuffix(c.Key, ".weekly_cost")) {
			continue
		}
		v, err := strconv.ParseFloat(c.To, 64)
		if err != nil {
			continue
		}
		project = append(project, fmt.Sprintf("%s=%s", c.Key, strconv.FormatFloat(v*scale, 'f', -1, 64)))
	}
	sets := [][]string{common, project,
		append(project[:len(project):len(project)], fmt.Sprintf("follow_up.organization_funds_per_week=%d", val["org_funds"]))}
	out := make([]*scenario.Scenario, len(exploreScenarios))
	for i, name := range exploreScenarios {
		if out[i], err = scenario.Load(name, sets[i]); err != nil {
			return nil, err
		}
	}
	return out, prepare(out)
}

// exploreData is the explore page.
type exploreData struct {
	Levers  []lever
	Metrics []metricOption
	Metric  string
	Problem string
	Result  *exploreOutcome
}

// exploreOutcome is one interactive comparison's figures and table.
type exploreOutcome struct {
	Levels, Diff template.URL
	Table        []report.FormattedRow
	Notes        []string
	Seconds      float64
	Reps         int
}

func (s *Server) exploreSetup(r *http.Request) (exploreData, []*scenario.Scenario, error) {
	full, err1 := scenario.Load(exploreScenarios[1], nil)
	sustained, err2 := scenario.Load(exploreScenarios[2], nil)
	if err1 != nil || err2 != nil {
		return exploreData{}, nil, fmt.Errorf("built-in scenarios: %v %v", err1, err2)
	}
	m := metricParam(r)
	d := exploreData{Metrics: metricOptions(m), Metric: sim.Metrics[m].Name}
	ls, err := levers(r, full, sustained)
	d.Levers = ls
	if err != nil {
		d.Problem = err.Error()
		return d, nil, nil
	}
	scs, err := exploreLoad(ls)
	if err != nil {
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
		s.fail(w, http.StatusInternalServerError, "The built-in scenarios do not load", err.Error())
		return
	}
	status := http.StatusOK
	if d.Problem != "" {
		status = http.StatusBadRequest
	}
	if r.FormValue("run") != "" && scs != nil {
		out, code, msg := s.runExplore(r.Context(), scs, metricParam(r))
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
		out, code, msg := s.runExplore(r.Context(), scs, metricParam(r))
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

// runExplore runs the interactive comparison within the request: closing
// the page, or moving a lever again, cancels it. It returns the outcome,
// or an HTTP status and a message.
func (s *Server) runExplore(ctx context.Context, scs []*scenario.Scenario, m sim.Metric) (*exploreOutcome, int, string) {
	if !s.acquire() {
		return nil, http.StatusTooManyRequests, fmt.Sprintf("%d simulations are already running, the most this workbench runs at once; try again when one has finished.", s.opts.MaxJobs)
	}
	defer s.release()
	start := time.Now()
	results, err := s.results.compare(ctx, scs, exploreReps, s.opts.Workers)
	if err != nil {
		return nil, http.StatusServiceUnavailable, "The comparison stopped: " + err.Error()
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
	return &exploreOutcome{Levels: template.URL(f.levels), Diff: template.URL(f.diff), Table: report.FormatComparison(c),
		Notes: report.ReadingNotes(c), Seconds: time.Since(start).Seconds(), Reps: exploreReps}, 0, ""
}

// resultCache keeps the results of the scenarios of recent interactive
// comparisons, by content. A lever changes only some of the three
// scenarios (the organizations' funds only sustained funding, the social
// workers not the baseline), and only those are simulated again. Reusing
// results changes no number: replication r has the same seed whether the
// scenarios run together or apart (experiment.Compare gives the same
// results as separate runs).
type resultCache struct {
	mu      sync.Mutex
	keys    []string // least recently used first
	results map[string][]*sim.Result
}

// keepResults bounds the cache: a few comparisons' worth, a few MB.
const keepResults = 12

// compare is compare for scs (baseline first, whose seed they all use),
// with the results of scenarios already simulated taken from the cache.
func (c *resultCache) compare(ctx context.Context, scs []*scenario.Scenario, reps, workers int) ([][]*sim.Result, error) {
	seed := scs[0].Seed
	out := make([][]*sim.Result, len(scs))
	keys := make([]string, len(scs))
	var missing []*scenario.Scenario
	var at []int
	c.mu.Lock()
	for i, sc := range scs {
		keys[i] = fmt.Sprintf("%s/%d/%d", sc.Hash(), seed, reps)
		if rs, ok := c.results[keys[i]]; ok {
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
	rs, err := compare(ctx, missing, seed, reps, workers, false, nil)
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
		if _, ok := c.results[keys[i]]; !ok {
			c.keys = append(c.keys, keys[i])
			c.results[keys[i]] = rs[k]
		}
	}
	for len(c.keys) > keepResults {
		delete(c.results, c.keys[0])
		c.keys = c.keys[1:]
	}
	return out, nil
}
