package workbench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// library lists every scenario there is to compare.
func (s *Server) library(w http.ResponseWriter, r *http.Request) {
	var builtins []entry
	for _, in := range scenario.Builtins() {
		builtins = append(builtins, entry{Ref: ref{builtin: true, name: in.Name}.String(), Name: in.Name, Summary: in.Summary, Builtin: true})
	}
	mine, err := s.workspaceScenarios()
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "The workspace cannot be read", err.Error())
		return
	}
	saved := r.FormValue("saved")
	if checkName(saved) != nil {
		saved = ""
	}
	s.render(w, http.StatusOK, "library", "Scenarios", struct {
		Builtins, Mine []entry
		Workspace      string
		Communities    []string
		Saved          string
	}{builtins, mine, s.opts.Workspace, s.communities(), saved})
}

// startCompare starts a comparison of the chosen scenarios and sends the
// browser to its page.
func (s *Server) startCompare(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badForm(w, err)
		return
	}
	if r.URL.Query().Get("preset") == "sustained" {
		// The planner's first question: the programme, with and without
		// sustained funding, against doing nothing.
		r.PostForm["scenario"] = []string{"builtin:full-programme", "builtin:sustained-funding"}
		r.PostForm.Set("baseline", "builtin:baseline")
		r.PostForm.Set("reps", "20")
	}
	chosen := r.PostForm["scenario"]
	if len(chosen) < 1 {
		s.fail(w, http.StatusBadRequest, "Choose scenarios to compare", "Tick at least one scenario besides the baseline, then press Compare.")
		return
	}
	baseline := r.PostFormValue("baseline")
	if baseline == "" {
		baseline = chosen[0]
	}
	reps, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("reps")))
	if err != nil || reps < 2 || reps > maxReplications {
		s.fail(w, http.StatusBadRequest, "Replications must be a whole number from 2 to "+strconv.Itoa(maxReplications),
			fmt.Sprintf("Got %q. Each replication is one simulated run with its own random numbers; 20 give usable intervals, more give narrower ones but take longer.", r.PostFormValue("reps")))
		return
	}
	refs := []string{baseline}
	for _, c := range chosen {
		if c != baseline {
			refs = append(refs, c)
		}
	}
	if len(refs) < 2 {
		s.fail(w, http.StatusBadRequest, "Choose a scenario besides the baseline", "A comparison needs the baseline and at least one other scenario.")
		return
	}
	var scs []*scenario.Scenario
	for _, text := range refs {
		rf, err := parseRef(text)
		if err != nil {
			s.fail(w, http.StatusBadRequest, "Unknown scenario", err.Error())
			return
		}
		sc, err := s.load(rf, nil)
		if err != nil {
			s.fail(w, http.StatusBadRequest, "Scenario "+rf.name+" is not valid", "Fix it in the editor, then compare again:", errorLines(err)...)
			return
		}
		scs = append(scs, sc)
	}
	if err := prepare(scs); err != nil {
		s.fail(w, http.StatusBadRequest, "These scenarios cannot be compared", err.Error())
		return
	}
	if !s.acquire() {
		s.busy(w)
		return
	}
	j := s.start(scs, scs[0].Seed, reps)
	http.Redirect(w, r, "/jobs/"+j.id, http.StatusSeeOther)
}

func (s *Server) badForm(w http.ResponseWriter, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.fail(w, http.StatusRequestEntityTooLarge, "The form is too large", fmt.Sprintf("This page accepts at most %d bytes.", tooBig.Limit))
		return
	}
	s.fail(w, http.StatusBadRequest, "The form could not be read", err.Error())
}

// errorLines splits a scenario's or a data file's errors into lines.
func errorLines(err error) []string {
	return strings.Split(err.Error(), "\n")
}

func (s *Server) job(w http.ResponseWriter, r *http.Request) *job {
	j := s.jobs.get(r.PathValue("id"))
	if j == nil {
		s.fail(w, http.StatusNotFound, "No such comparison",
			"It may have been forgotten: the workbench keeps the last "+strconv.Itoa(keepJobs)+" comparisons (fewer when they are large: 1 GiB of results at most), and none after a restart. Start it again from the library.")
	}
	return j
}

// jobPage shows a comparison's progress while it runs and its results once
// done.
func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) {
	j := s.job(w, r)
	if j == nil {
		return
	}
	sn := j.snapshot()
	if sn.State != done {
		s.render(w, http.StatusOK, "job", "Comparison "+sn.State, sn)
		return
	}
	m := metricParam(r)
	f, err := j.draw(m)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "The figures could not be drawn", err.Error())
		return
	}
	names := sn.Names
	c, err := report.Compare(names, j.results, 0, tableMetrics(m))
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "The comparison could not be made", err.Error())
		return
	}
	wg, err := makeWhoGains(r, m, names, j.results, c)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "Who gains could not be worked out", err.Error())
		return
	}
	wg.Action = "/jobs/" + sn.ID
	var changes [][]report.Change
	for _, sc := range j.scenarios {
		changes = append(changes, report.Changes(&j.scenarios[0].Config, &sc.Config))
	}
	s.render(w, http.StatusOK, "results", "Results", struct {
		Job          snapshot
		Metric       string
		Metrics      []metricOption
		Levels, Diff template.URL
		Table        []report.FormattedRow
		Notes        []string
		Changes      [][]report.Change
		Seed         uint64
		WhoGains     whoGains
	}{sn, sim.Metrics[m].Name, metricOptions(m), template.URL(f.levels), template.URL(f.diff),
		report.FormatComparison(c), report.ReadingNotes(c), changes, j.seed, wg})
}

// tableMetrics are the metrics a results table shows: the one drawn, then
// the outcomes a planner asks about first.
func tableMetrics(m sim.Metric) []sim.Metric {
	out := []sim.Metric{m}
	for _, k := range []sim.Metric{sim.Participation, sim.Cohesion, sim.VulnerableCoverage} {
		if k != m {
			out = append(out, k)
		}
	}
	return out
}

// jobEvents streams a running job's progress as Server-Sent Events until
// it ends. The page's connection is what keeps the job alive: when the
// last one goes (the page was closed), the job is cancelled.
func (s *Server) jobEvents(w http.ResponseWriter, r *http.Request) {
	j := s.job(w, r)
	if j == nil {
		return
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the stream outlives the server's write timeout
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	changed := j.watch()
	defer j.unwatch()
	for {
		sn := j.snapshot()
		data, _ := json.Marshal(sn)
		event := "progress"
		if sn.State != running {
			event = "end"
		}
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		if event == "end" {
			return
		}
		select {
		case <-changed:
			changed = j.next()
		case <-r.Context().Done():
			return
		}
	}
}

// cancelJob stops a running comparison.
func (s *Server) cancelJob(w http.ResponseWriter, r *http.Request) {
	j := s.job(w, r)
	if j == nil {
		return
	}
	j.cancel(errCancelled)
	// Wait briefly for the job to stop, so that its page says so.
	timeout := time.NewTimer(5 * time.Second)
	defer timeout.Stop()
wait:
	for {
		changed := j.next()
		if j.snapshot().State != running {
			break
		}
		select {
		case <-changed:
		case <-timeout.C:
			break wait
		case <-r.Context().Done():
			return
		}
	}
	http.Redirect(w, r, "/jobs/"+j.id, http.StatusSeeOther)
}

// jobReport downloads a finished comparison's report.html.
func (s *Server) jobReport(w http.ResponseWriter, r *http.Request) {
	j := s.job(w, r)
	if j == nil {
		return
	}
	if j.snapshot().State != done {
		s.fail(w, http.StatusConflict, "No report yet", "The comparison has not finished; its report is written from its results.")
		return
	}
	metrics := tableMetrics(metricParam(r))
	rep := report.ScenarioReport(j.scenarios, j.results, metrics, j.seed, s.opts.Version)
	var b bytes.Buffer
	if err := report.WriteHTML(&b, rep); err != nil {
		s.fail(w, http.StatusInternalServerError, "The report could not be written", err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="report.html"`)
	b.WriteTo(w)
}
