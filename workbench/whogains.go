package workbench

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

// whoGains is the results and explore pages' section on who gains: for one
// group metric, grouping and point in time, each group's paired difference
// from the baseline, drawn and tabulated, and the equity summaries in
// words. Everything comes from report (CompareGroups, Compare's equity
// rows), as report.html's section does.
type whoGains struct {
	Metric, By, At string
	Baseline       string
	PageMetric     string // the page's measure, which its choices keep
	// Action is where the section's own form goes (the results page);
	// with Form set instead, its selects belong to that form of the page
	// (the explore page's levers).
	Action, Form string
	Plain, Unit  string
	Grouping     string   // the grouping in words
	Metrics      []choice // report.WhoGainsFirst, in its order
	More         []choice // the other group metrics
	Groupings    []choice
	Times        []choice
	Figure       template.URL
	Rows         []report.FormattedGroupRow
	Statements   []string
	Missing      string // why there is nothing to show
	// Chosen says the metric was chosen (gmetric), not taken from the
	// page's: the page's other forms carry it, and by and at, so that
	// choosing another measure for the page keeps who gains as it is.
	Chosen bool
}

// choice is one option of a select.
type choice struct {
	Value, Label string
	Selected     bool
}

// whoGainsParams reads the section's choices from the query: the group
// metric (gmetric; else the page's metric if it is measured by group;
// else participation), the grouping (by; the income quintiles by
// default) and the point in time (at; the end of the project by default).
func whoGainsParams(r *http.Request, m sim.Metric) (metric, by, at string) {
	metrics := report.WhoGainsMetrics()
	metric = r.FormValue("gmetric")
	if !slices.Contains(metrics, metric) {
		metric = sim.Metrics[m].Name
		if !slices.Contains(metrics, metric) {
			metric = sim.Metrics[sim.Participation].Name
		}
	}
	by = r.FormValue("by")
	if !slices.Contains(report.Groupings, by) {
		by = sim.ByIncome
	}
	at = r.FormValue("at")
	if at != report.AtEndOfHorizon {
		at = report.AtEndOfProject
	}
	return metric, by, at
}

// makeWhoGains builds the section for the results of names (baseline
// first) and their comparison c.
func makeWhoGains(r *http.Request, m sim.Metric, names []string, results [][]*sim.Result, c report.Comparison) (whoGains, error) {
	metric, by, at := whoGainsParams(r, m)
	w := whoGains{Metric: metric, By: by, At: at, Baseline: names[0], PageMetric: sim.Metrics[m].Name, Chosen: metric == r.FormValue("gmetric"), Plain: report.PlainNameOf(metric), Unit: report.WhoGainsUnit(metric), Grouping: report.GroupingLabel(by)}
	for _, name := range report.WhoGainsFirst {
		w.Metrics = append(w.Metrics, choice{name, report.ShortLabel(name), name == metric})
	}
	for _, name := range report.WhoGainsMetrics() {
		if !slices.Contains(report.WhoGainsFirst, name) {
			w.More = append(w.More, choice{name, report.ShortLabel(name), name == metric})
		}
	}
	for _, g := range report.Groupings {
		w.Groupings = append(w.Groupings, choice{g, report.GroupingLabel(g), g == by})
	}
	for _, t := range []string{report.AtEndOfProject, report.AtEndOfHorizon} {
		w.Times = append(w.Times, choice{t, funcs["atLabel"].(func(string) string)(t), t == at})
	}
	for _, rs := range results {
		if !report.HasGroups(rs) {
			w.Missing = "These results were simulated without measuring groups of residents; compare the scenarios again to see who gains."
			return w, nil
		}
	}
	g, err := report.CompareGroups(names, results, 0, metric, by, at)
	if err != nil {
		return w, err
	}
	p, err := report.GroupFigure(g, names)
	if err != nil {
		return w, err
	}
	if w.Figure, err = report.SVGDataURI(p); err != nil {
		return w, err
	}
	w.Rows = report.FormatWhoGains(g)
	w.Statements = report.EquityStatements(c, at, metric)
	return w, nil
}
