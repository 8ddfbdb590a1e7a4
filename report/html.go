package report

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/docs"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
	"gonum.org/v1/plot"
)

// HTMLReport is what report.html shows: one scenario's run, or scenarios
// compared with the first.
type HTMLReport struct {
	Title     string
	Scenarios []HTMLScenario // the first is the baseline of a comparison
	Metrics   []sim.Metric   // drawn and tabulated
	Seed      uint64
	Version   string // of the program, for the footer
}

// HTMLScenario is one scenario of a report.
type HTMLScenario struct {
	Name, Description string
	// Changes lists what the scenario sets differently from the baseline;
	// with Like set, only those beyond what scenario Like changes.
	Changes []Change
	Like    string
	Results []*sim.Result
}

//go:embed html/report.html
var htmlFS embed.FS

var reportTemplate = template.Must(template.New("report.html").ParseFS(htmlFS, "html/report.html"))

// The parts of report.html, for its template.
type (
	htmlPage struct {
		HTMLReport
		Reps       int
		Compared   bool
		Figures    []htmlMetric
		Table      []FormattedRow
		Notes      []string
		Summary    []htmlSummary
		Limits     template.HTML
		PlainNames map[string]string
		WhoGains   []htmlWhoGains
	}
	// htmlWhoGains is one group metric by income fifth, at the end of the
	// project and of the follow-up.
	htmlWhoGains struct {
		Name, Plain, Short, Unit string
		Project, Horizon         template.URL
		Rows                     []htmlGroupRow
		ProjectText              []string // equity statements at the end of the project
		HorizonText              []string // and of the follow-up
	}
	htmlGroupRow struct {
		Scenario, Group  string
		Project, Horizon FormattedGroupRow
	}
	htmlMetric struct {
		Name, Plain, Short, Doc string
		Levels, Diff            template.URL
	}
	htmlSummary struct {
		Plain, Name, Unit, Project, Horizon string
	}
)

// WriteHTML writes r as one self-contained HTML page: figures inline as
// data: URIs, its style sheet inline, no reference outside the file, so it
// can be mailed or printed as it is. It draws with Curve and Difference, as
// the command line does.
func WriteHTML(w io.Writer, r HTMLReport) error {
	if len(r.Scenarios) == 0 || len(r.Scenarios[0].Results) == 0 {
		return fmt.Errorf("report: no results for report.html")
	}
	page := htmlPage{HTMLReport: r, Reps: len(r.Scenarios[0].Results), Compared: len(r.Scenarios) > 1,
		Limits: markdownList(docs.Limits()), PlainNames: map[string]string{}}
	series := make([]Series, len(r.Scenarios))
	names := make([]string, len(r.Scenarios))
	results := make([][]*sim.Result, len(r.Scenarios))
	for i, s := range r.Scenarios {
		series[i] = Series{Label: s.Name, Results: s.Results}
		names[i], results[i] = s.Name, s.Results
	}
	for _, m := range r.Metrics {
		info := sim.Metrics[m]
		page.PlainNames[info.Name] = PlainName(m)
		for _, q := range Equities {
			page.PlainNames[q.Name] = PlainNameOf(q.Name)
		}
		f := htmlMetric{Name: info.Name, Plain: PlainName(m), Short: ShortLabel(info.Name), Doc: info.Doc}
		p, err := Curve(m, series)
		if err != nil {
			return err
		}
		if f.Levels, err = SVGDataURI(p); err != nil {
			return err
		}
		if page.Compared {
			if p, err = Difference(m, series, 0); err != nil {
				return err
			}
			if f.Diff, err = SVGDataURI(p); err != nil {
				return err
			}
		}
		page.Figures = append(page.Figures, f)
	}
	if page.Compared {
		c, err := Compare(names, results, 0, r.Metrics)
		if err != nil {
			return err
		}
		page.Table, page.Notes = FormatComparison(c), ReadingNotes(c)
		for _, rs := range results {
			if !HasGroups(rs) {
				goto written
			}
		}
		for _, m := range r.Metrics {
			name := sim.Metrics[m].Name
			if _, ok := groupMetricByName(name); !ok {
				continue
			}
			wg, err := whoGainsHTML(names, results, name, c)
			if err != nil {
				return err
			}
			page.WhoGains = append(page.WhoGains, wg)
		}
	written:
	} else {
		sum := Summarize(r.Scenarios[0].Name, r.Scenarios[0].Results)
		for _, m := range r.Metrics {
			info := sim.Metrics[m]
			row := htmlSummary{Plain: PlainName(m), Name: info.Name, Unit: info.Unit}
			for _, sr := range sum.Rows {
				if sr.Metric != info.Name {
					continue
				}
				dec := decimalsFor(info.Unit, sr.Estimate.Mean, sr.Estimate.Low, sr.Estimate.High)
				text := fmt.Sprintf("%s [%s, %s]", formatIn(sr.Estimate.Mean, dec, false), formatIn(sr.Estimate.Low, dec, false), formatIn(sr.Estimate.High, dec, false))
				switch sr.At {
				case AtEndOfProject:
					row.Project = text
				case AtEndOfHorizon:
					row.Horizon = text
				}
			}
			page.Summary = append(page.Summary, row)
		}
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, page); err != nil {
		return err
	}
	_, err := b.WriteTo(w)
	return err
}

// whoGainsHTML is report.html's section on who gains in the group metric
// named metric, by income fifth.
func whoGainsHTML(names []string, results [][]*sim.Result, metric string, c Comparison) (htmlWhoGains, error) {
	m, _ := sim.MetricByName(metric)
	wg := htmlWhoGains{Name: metric, Plain: PlainName(m), Short: ShortLabel(metric), Unit: WhoGainsUnit(metric),
		ProjectText: EquityStatements(c, AtEndOfProject, metric), HorizonText: EquityStatements(c, AtEndOfHorizon, metric)}
	var rows [2][]FormattedGroupRow
	for k, at := range []string{AtEndOfProject, AtEndOfHorizon} {
		g, err := CompareGroups(names, results, 0, metric, sim.ByIncome, at)
		if err != nil {
			return wg, err
		}
		p, err := GroupFigure(g, names)
		if err != nil {
			return wg, err
		}
		u, err := SVGDataURI(p)
		if err != nil {
			return wg, err
		}
		if k == 0 {
			wg.Project = u
		} else {
			wg.Horizon = u
		}
		rows[k] = FormatWhoGains(g)
	}
	for i := range rows[0] {
		wg.Rows = append(wg.Rows, htmlGroupRow{Scenario: rows[0][i].Scenario, Group: rows[0][i].Group, Project: rows[0][i], Horizon: rows[1][i]})
	}
	return wg, nil
}

// SVGDataURI draws p as SVG in a data: URI, for an <img> that needs no
// file beside the page (and runs no script, whatever the labels hold).
func SVGDataURI(p *plot.Plot) (template.URL, error) {
	var b bytes.Buffer
	if err := WriteSVG(&b, p); err != nil {
		return "", err
	}
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(b.Bytes())), nil
}

// ScenarioReport is the report of scenarios (the first the baseline) and
// their results, seed being the one they ran with: each scenario with what
// it changes from the baseline.
func ScenarioReport(scenarios []*scenario.Scenario, results [][]*sim.Result, metrics []sim.Metric, seed uint64, version string) HTMLReport {
	r := HTMLReport{Metrics: metrics, Seed: seed, Version: version}
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.Name
		hs := HTMLScenario{Name: s.Name, Description: s.Description, Results: results[i]}
		if i > 0 {
			hs.Changes = Changes(&scenarios[0].Config, &s.Config)
		}
		// A scenario that changes all an earlier one changes, and more,
		// is described by what it adds: the long list is read once.
		for _, earlier := range r.Scenarios[min(1, len(r.Scenarios)):] {
			if rest, ok := beyond(hs.Changes, earlier.Changes); ok && len(earlier.Changes) > 0 && (hs.Like == "" || len(rest) < len(hs.Changes)) {
				hs.Like, hs.Changes = earlier.Name, rest
			}
		}
		r.Scenarios = append(r.Scenarios, hs)
	}
	r.Title = "grassroots: " + names[0]
	if len(names) > 1 {
		r.Title = "grassroots: " + strings.Join(names[1:], ", ") + " compared with " + names[0]
	}
	return r
}

// WriteHTMLFile writes r as the file path (report.html) atomically.
func WriteHTMLFile(path string, r HTMLReport) error {
	return atomicfile.Write(path, func(w io.Writer) error { return WriteHTML(w, r) })
}

// beyond returns the changes of all not in some, if all holds every one of
// some.
func beyond(all, some []Change) ([]Change, bool) {
	var rest []Change
	n := 0
	for _, c := range all {
		if slices.Contains(some, c) {
			n++
		} else {
			rest = append(rest, c)
		}
	}
	return rest, n == len(some)
}
