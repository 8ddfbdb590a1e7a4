package workbench

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

// pageNames are the templates under templates/, each rendered inside
// layout.html.
var pageNames = []string{"library", "job", "results", "explore", "edit", "data", "error"}

var funcs = template.FuncMap{
	"plain": report.PlainNameOf,
	"short": report.ShortName,
	"label": report.ShortLabel,
	"atLabel": func(at string) string {
		if at == report.AtEndOfProject {
			return "end of the project"
		}
		return "end of the follow-up"
	},
	"join":  strings.Join,
	"first": func(names []string) string { return names[0] },
}

func (s *Server) parsePages() error {
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/whogains.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

// page is what layout.html needs besides the page's own data.
type page struct {
	Title string
	Data  any
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name, title string, data any) {
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, page{Title: title, Data: data}); err != nil {
		s.opts.Log.Printf("rendering %s: %v", name, err)
		http.Error(w, "the page could not be drawn: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	b.WriteTo(w)
}

// problem is the error page's content.
type problem struct {
	Heading, Detail string
	Lines           []string // e.g. one per invalid key, as the CLI prints them
}

// fail answers with an error page saying what went wrong in words.
func (s *Server) fail(w http.ResponseWriter, status int, heading, detail string, lines ...string) {
	s.render(w, status, "error", heading, problem{Heading: heading, Detail: detail, Lines: lines})
}

// metricOptions lists every metric for a select, with its short label (and
// its plain name and column name for the option's title).
type metricOption struct {
	Name, Plain, Label, Doc string
	Selected                bool
}

func metricOptions(selected sim.Metric) []metricOption {
	out := make([]metricOption, len(sim.Metrics))
	for m, info := range sim.Metrics {
		out[m] = metricOption{Name: info.Name, Plain: report.PlainName(sim.Metric(m)), Label: report.ShortLabel(info.Name), Doc: info.Doc, Selected: sim.Metric(m) == selected}
	}
	return out
}

// metricParam reads the metric named in the query, Participation if none
// or unknown.
func metricParam(r *http.Request) sim.Metric {
	if m, ok := sim.MetricByName(r.FormValue("metric")); ok {
		return m
	}
	return sim.Participation
}
