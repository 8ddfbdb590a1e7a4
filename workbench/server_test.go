package workbench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grassroots-sim/grassroots/sim"
)

// tinyScenarios are small enough to compare in a test: a baseline and a
// programme on a community of 120 households over 12 weeks.
var tinyScenarios = map[string]string{
	"tiny-base": `name = "tiny-base"
description = "A small baseline."
extends = "baseline"
[community]
households = 120
buildings = 6
grids = 2
[calendar]
pre_project_weeks = 2
initial_weeks = 2
middle_weeks = 4
later_weeks = 2
follow_up_weeks = 2
`,
	"tiny-plan": `name = "tiny-plan"
description = "The full programme on the small community."
extends = "full-programme"
[community]
households = 120
buildings = 6
grids = 2
[calendar]
pre_project_weeks = 2
initial_weeks = 2
middle_weeks = 4
later_weeks = 2
follow_up_weeks = 2
`,
}

func newTestServer(t testing.TB) *Server {
	t.Helper()
	ws := t.TempDir()
	for name, text := range tinyScenarios {
		if err := os.WriteFile(filepath.Join(ws, name+".toml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Options{Workspace: ws, MaxJobs: 1, Workers: 2, Version: "test", Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// do sends a request to s as a browser on the same machine would.
func do(t testing.TB, s *Server, method, target string, body io.Reader, contentType string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:8080"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func get(t testing.TB, s *Server, target string) *httptest.ResponseRecorder {
	return do(t, s, "GET", target, nil, "")
}

func postForm(t testing.TB, s *Server, target string, form url.Values) *httptest.ResponseRecorder {
	return do(t, s, "POST", target, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

func expect(t *testing.T, rec *httptest.ResponseRecorder, status int, want ...string) {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status %d, want %d; body:\n%.600s", rec.Code, status, rec.Body.String())
	}
	for _, w := range want {
		if !strings.Contains(rec.Body.String(), w) {
			t.Errorf("body lacks %q:\n%.600s", w, rec.Body.String())
		}
	}
}

func TestLibrary(t *testing.T) {
	s := newTestServer(t)
	os.WriteFile(filepath.Join(s.opts.Workspace, "broken.toml"), []byte("[community]\nhouseholds = -1\n"), 0o644)
	os.WriteFile(filepath.Join(s.opts.Workspace, "..hidden.toml"), []byte(""), 0o644)
	rec := get(t, s, "/")
	expect(t, rec, 200, "full-programme", "The three-stage social-work project", "tiny-plan",
		"The full programme on the small community.", "Not valid:", `key &#34;community.households&#34;: must be at least 1, got -1`)
	if strings.Contains(rec.Body.String(), "hidden") {
		t.Error("a file whose name is not a valid scenario name is listed")
	}
}

func TestStatic(t *testing.T) {
	s := newTestServer(t)
	expect(t, get(t, s, "/static/app.js"), 200, "EventSource")
	expect(t, get(t, s, "/static/style.css"), 200)
	if rec := get(t, s, "/static/../server.go"); rec.Code == 200 && strings.Contains(rec.Body.String(), "package workbench") {
		t.Error("static files reach the source")
	}
	expect(t, get(t, s, "/nope"), 404)
}

// Only requests naming this machine are served, unless remote access was
// allowed; state-changing requests from other sites are refused.
func TestHostAndOrigin(t *testing.T) {
	s := newTestServer(t)
	for _, host := range []string{"evil.example", "192.168.1.5:8080", "localhost.evil.example"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		expect(t, rec, http.StatusMisdirectedRequest, "--allow-remote")
	}
	for _, host := range []string{"localhost:8080", "127.0.0.1", "[::1]:9000"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		expect(t, rec, 200)
	}
	req := httptest.NewRequest("POST", "/compare", strings.NewReader("reps=2"))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	expect(t, rec, http.StatusForbidden)
}

func TestOversizedBody(t *testing.T) {
	s := newTestServer(t)
	big := "reps=" + strings.Repeat("9", 2<<20)
	rec := do(t, s, "POST", "/compare", strings.NewReader(big), "application/x-www-form-urlencoded")
	expect(t, rec, http.StatusRequestEntityTooLarge, "The form is too large")
}

// Bad input is explained, never a crash, and never reaches outside the
// workspace.
func TestCompareBadInput(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		form   url.Values
		status int
		want   string
	}{
		{url.Values{"reps": {"20"}}, 400, "Choose scenarios to compare"},
		{url.Values{"scenario": {"builtin:full-programme"}, "baseline": {"builtin:baseline"}, "reps": {"abc"}}, 400, "Replications must be a whole number from 2 to 500"},
		{url.Values{"scenario": {"builtin:full-programme"}, "baseline": {"builtin:baseline"}, "reps": {"1"}}, 400, "Replications must be"},
		{url.Values{"scenario": {"builtin:full-programme"}, "baseline": {"builtin:baseline"}, "reps": {"100000"}}, 400, "Replications must be"},
		{url.Values{"scenario": {"builtin:full-programme"}, "baseline": {"builtin:full-programme"}, "reps": {"5"}}, 400, "A comparison needs the baseline and at least one other scenario"},
		{url.Values{"scenario": {"builtin:nope"}, "baseline": {"builtin:baseline"}, "reps": {"5"}}, 400, "no built-in scenario &#34;nope&#34;"},
		{url.Values{"scenario": {"workspace:../../etc/passwd"}, "baseline": {"builtin:baseline"}, "reps": {"5"}}, 400, "a scenario&#39;s name must be 1 to 64 letters"},
		{url.Values{"scenario": {"/etc/passwd"}, "baseline": {"builtin:baseline"}, "reps": {"5"}}, 400, "a scenario is chosen as builtin:NAME or workspace:NAME"},
		{url.Values{"scenario": {"workspace:missing"}, "baseline": {"builtin:baseline"}, "reps": {"5"}}, 400, "Scenario missing is not valid"},
		{url.Values{"scenario": {"workspace:tiny-plan"}, "baseline": {"builtin:baseline"}, "reps": {"5"}}, 400, "other stage lengths than the baseline baseline (calendar.pre_project_weeks 8 in the baseline, 2;"},
		{url.Values{"scenario": {"workspace:tiny-plan", "workspace:tiny-plan"}, "baseline": {"workspace:tiny-base"}, "reps": {"5"}}, 400, "scenario tiny-plan is chosen twice"},
	} {
		rec := postForm(t, s, "/compare", tc.form)
		expect(t, rec, tc.status, tc.want)
	}
}

// waitJob waits for the job at location to end and returns its state.
func waitJob(t testing.TB, s *Server, location string) string {
	t.Helper()
	j := s.jobs.get(strings.TrimPrefix(location, "/jobs/"))
	if j == nil {
		t.Fatalf("no job at %q", location)
	}
	deadline := time.After(2 * time.Minute)
	for {
		changed := j.next()
		if st := j.snapshot().State; st != running {
			return st
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatal("job did not end")
		}
	}
}

func TestCompareResultsAndReport(t *testing.T) {
	s := newTestServer(t)
	rec := postForm(t, s, "/compare", url.Values{"scenario": {"workspace:tiny-plan"}, "baseline": {"workspace:tiny-base"}, "reps": {"3"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	loc := rec.Header().Get("Location")
	if st := waitJob(t, s, loc); st != done {
		t.Fatalf("job %s", st)
	}
	expect(t, get(t, s, loc), 200, "tiny-plan compared with tiny-base", `id="figure-levels"`, "data:image/svg&#43;xml;base64,",
		`id="comparison"`, "Residents taking part in community discussions", "gain per 100,000 yuan", "extra cost (yuan)", " pts</td>",
		// who gains: by income fifth, participation, at the end of the project, by default
		`id="who-gains"`, `id="figure-groups"`, "poorest fifth (q1)", "richest fifth (q5)", "difference, percentage points",
		`<option value="income_quintile" selected>`, `<option value="participation" selected title=`, `<option value="end_of_project" selected>`,
		`id="equity-statements"`, "the gap in participation between the richest and the poorest fifth",
		"concentration index of participation by income",
		// short names in running text, the plain name and the column name at hand
		`alt="Participation over the weeks, by scenario"`, `<figcaption title="Residents taking part in community discussions (last four weeks) (participation)">Participation by income fifth`,
		`<span class="muted" id="metric-plain">Residents taking part in community discussions (last four weeks) (<code>participation</code>)</span>`,
		`<option value="participation" title="Residents taking part in community discussions (last four weeks) (participation)" selected>Participation</option>`,
		// what tiny-plan changes, in words with the key
		"<li>middle stage, cultural activities: weekly cost 0 → 600 yuan a week (<code>stages.middle.cultural_activities.weekly_cost</code>)</li>")
	// The few group measures read first come first, the others folded
	// under "More measures".
	page := get(t, s, loc).Body.String()
	first, more := strings.Index(page, `<optgroup label="Read first">`), strings.Index(page, `<optgroup label="More measures">`)
	if first < 0 || more < first {
		t.Fatal("the who-gains measures are not grouped")
	}
	for _, name := range []string{"participation", "vulnerable_coverage", "belonging", "trust", "strong_tie_share"} {
		if i := strings.Index(page[first:], `<option value="`+name+`"`); i < 0 || first+i > more {
			t.Errorf("%s is not among the measures read first", name)
		}
	}
	for _, name := range []string{"efficacy", "needs_lapsed", "participation_week"} {
		if i := strings.Index(page[more:], `<option value="`+name+`"`); i < 0 {
			t.Errorf("%s is not among the more measures", name)
		}
	}
	// The page's measure, if measured by group, is who gains' by default;
	// a choice of its own overrides it.
	expect(t, get(t, s, loc+"?metric=trust"), 200, "Trust in community institutions", `<option value="trust" selected title=`)
	rec = get(t, s, loc+"?metric=cohesion&gmetric=vulnerable_coverage&by=age&at=end_of_horizon")
	expect(t, rec, 200, `<option value="vulnerable_coverage" selected title=`, `<option value="age" selected>`, `<option value="end_of_horizon" selected>`,
		"<td>elder</td>", "the gap in care of the vulnerable between")
	if strings.Contains(rec.Body.String(), "poorest fifth (q1)") {
		t.Error("grouped by age, the table shows income fifths")
	}
	// The page's measure form carries who gains' choices, so that choosing
	// another measure keeps them; a who-gains measure never chosen follows
	// the page's.
	rec = get(t, s, loc+"?metric=cohesion&gmetric=trust&by=age&at=end_of_horizon")
	_, form, ok := strings.Cut(rec.Body.String(), `id="metric-form"`)
	form, _, _ = strings.Cut(form, "</form>")
	if !ok {
		t.Error("no measure form")
	}
	for _, want := range []string{`name="gmetric" value="trust"`, `name="by" value="age"`, `name="at" value="end_of_horizon"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the measure form lacks %s:\n%s", want, form)
		}
	}
	if strings.Contains(get(t, s, loc+"?metric=trust").Body.String(), `type="hidden" name="gmetric"`) {
		t.Error("a who-gains measure never chosen is carried")
	}
	// Unknown choices fall back to the defaults.
	expect(t, get(t, s, loc+"?gmetric=care_needy&by=height&at=never"), 200, `<option value="participation" selected title=`, "poorest fifth (q1)")
	expect(t, get(t, s, loc+"?metric=nonsense"), 200, "Residents taking part") // unknown: the default
	// The progress stream of a finished job ends at once.
	expect(t, get(t, s, loc+"/events"), 200, "event: end", `"State":"done"`)
	rep := get(t, s, loc+"/report.html?metric=trust")
	expect(t, rep, 200, "<title>grassroots: tiny-plan compared with tiny-base</title>", "What the model cannot tell", "Trust in community institutions",
		"<h2>Who gains</h2>", "poorest fifth (q1)", "Gap in taking part, richest − poorest fifth",
		"<li>whether the social-work project exists: off → on (<code>project.enabled</code>)</li>")
	if cd := rep.Header().Get("Content-Disposition"); !strings.Contains(cd, "report.html") {
		t.Errorf("report served as %q", cd)
	}
	if strings.Contains(rep.Body.String(), "http://") || strings.Contains(rep.Body.String(), "https://") {
		t.Error("the report refers outside itself")
	}
	expect(t, get(t, s, "/jobs/0123456789abcdef/report.html"), 404, "No such comparison")
	expect(t, get(t, s, "/jobs/..%2F..%2Fetc"), 404)
}

func TestBusy(t *testing.T) {
	s := newTestServer(t)
	s.slots <- struct{}{} // the only slot is taken
	defer s.release()
	rec := postForm(t, s, "/compare", url.Values{"scenario": {"workspace:tiny-plan"}, "baseline": {"workspace:tiny-base"}, "reps": {"3"}})
	expect(t, rec, http.StatusTooManyRequests, "The workbench is busy", "1 simulations are already running")
	expect(t, get(t, s, "/explore/result"), http.StatusTooManyRequests, "already running")
}

// A lever moved twice quickly aborts the first request, whose simulation
// frees its slot a moment later: the second waits for it instead of
// saying the workbench is busy.
func TestExploreWaitsForAbortedRun(t *testing.T) {
	s := newTestServer(t)
	s.slots <- struct{}{} // the aborted run, still stopping
	go func() {
		time.Sleep(300 * time.Millisecond)
		s.release()
	}()
	expect(t, get(t, s, "/explore/result?baseline=workspace:tiny-base&scenario=workspace:tiny-plan"), 200, "<td>tiny-plan</td>")
}

func TestCancel(t *testing.T) {
	s := newTestServer(t)
	rec := postForm(t, s, "/compare", url.Values{"scenario": {"workspace:tiny-plan"}, "baseline": {"workspace:tiny-base"}, "reps": {"500"}})
	loc := rec.Header().Get("Location")
	expect(t, get(t, s, loc), 200, "Keep this page open", `action="`+loc+`/cancel"`)
	rec = postForm(t, s, loc+"/cancel", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("cancel: %d", rec.Code)
	}
	if st := waitJob(t, s, loc); st != cancelled {
		t.Fatalf("job %s after cancel", st)
	}
	expect(t, get(t, s, loc), 200, "The comparison was cancelled (cancelled from its page)")
	// The slot is free again.
	waitFree(t, s)
}

func waitFree(t *testing.T, s *Server) {
	t.Helper()
	for range 100 {
		if len(s.slots) == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the simulation slot stays taken")
}

// Closing the progress page (its event stream) stops the job.
func TestPageClosedCancels(t *testing.T) {
	s := newTestServer(t)
	rec := postForm(t, s, "/compare", url.Values{"scenario": {"workspace:tiny-plan"}, "baseline": {"workspace:tiny-base"}, "reps": {"500"}})
	loc := rec.Header().Get("Location")
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", loc+"/events", nil).WithContext(ctx)
	req.Host = "localhost"
	pr, pw := io.Pipe()
	w := &streamRecorder{ResponseRecorder: httptest.NewRecorder(), w: pw}
	go func() { s.ServeHTTP(w, req); pw.Close() }()
	first := make([]byte, 64)
	if _, err := io.ReadAtLeast(pr, first, 20); err != nil || !strings.HasPrefix(string(first), "event: progress") {
		t.Fatalf("stream starts %q, %v", first, err)
	}
	go io.Copy(io.Discard, pr)
	cancel() // the page is closed
	if st := waitJob(t, s, loc); st != cancelled {
		t.Fatalf("job %s after its page closed", st)
	}
	expect(t, get(t, s, loc), 200, "its page was closed")
	waitFree(t, s)
}

// streamRecorder passes what is written on to a pipe, to read a stream as
// it is written.
type streamRecorder struct {
	*httptest.ResponseRecorder
	w io.Writer
}

func (r *streamRecorder) Write(b []byte) (int, error) { return r.w.Write(b) }
func (r *streamRecorder) Flush()                      {}

func TestPanicBecomes500(t *testing.T) {
	s := newTestServer(t)
	s.mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	expect(t, get(t, s, "/boom"), 500, "Something went wrong inside the workbench")
	expect(t, get(t, s, "/"), 200) // still serving
}

func TestDownloadScenario(t *testing.T) {
	s := newTestServer(t)
	rec := get(t, s, "/workspace/tiny-plan.toml")
	expect(t, rec, 200, `extends = "full-programme"`)
	if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="tiny-plan.toml"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	for _, bad := range []string{"/workspace/..%2Fsecret.toml", "/workspace/.hidden.toml", "/workspace/tiny-plan", "/workspace/a%00b.toml"} {
		if rec := get(t, s, bad); rec.Code == 200 {
			t.Errorf("%s: served", bad)
		}
	}
	expect(t, get(t, s, "/workspace/missing.toml"), 404, "The workspace has no scenario missing")
}

func TestExploreBadLever(t *testing.T) {
	s := newTestServer(t)
	expect(t, get(t, s, "/explore"), 200, "Social workers", "Budget per measure", "Initial stage", "Organization funds after the project", `value="4"`)
	expect(t, get(t, s, "/explore?run=1&social_workers=-3"), 400, "Social workers must be a whole number from 0 to 12, got &#34;-3&#34;")
	expect(t, get(t, s, "/explore/result?middle_weeks=1e9"), 400, "Middle stage must be a whole number from 0 to 104")
}

// upload posts community files as the data page's form does.
func upload(t *testing.T, s *Server, name string, files map[string]string) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("name", name)
	for field, content := range files {
		fw, _ := mw.CreateFormFile(field, field+".csv")
		io.WriteString(fw, content)
	}
	mw.Close()
	return do(t, s, "POST", "/data", &b, mw.FormDataContentType())
}

func TestDataUpload(t *testing.T) {
	s := newTestServer(t)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "scenarios", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	good := map[string]string{"households": read("households.csv"), "residents": read("residents.csv"), "ties": read("ties.csv")}
	expect(t, get(t, s, "/data"), 200, "Households (CSV)")
	expect(t, upload(t, s, "estate", good), 200, "Saved the community <strong>estate</strong>")
	if _, err := os.Stat(filepath.Join(s.opts.Workspace, "data", "estate", "ties.csv")); err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{"households": "household_id,building,income\nh1,b1,lots\n", "residents": "resident_id,household_id,age,education,vulnerable,party_member\nr1,h1,40,middle,no,no\n"}
	expect(t, upload(t, s, "estate2", bad), 400, "The files were not saved", `households.csv:2:7: column &#34;income&#34;`)
	if _, err := os.Stat(filepath.Join(s.opts.Workspace, "data", "estate2")); err == nil {
		t.Error("invalid data was saved")
	}
	expect(t, upload(t, s, "../../escape", good), 400, "The community&#39;s name must be 1 to 64 letters")
	expect(t, upload(t, s, "only", map[string]string{"households": good["households"]}), 400, "Choose a households file and a residents file")
	expect(t, do(t, s, "POST", "/data", strings.NewReader("garbage"), "multipart/form-data; boundary=x"), 400, "The form could not be read")
}

// The table forgets the oldest finished jobs beyond keepJobs, never a
// running one.
func TestJobTableBounded(t *testing.T) {
	tb := newJobTable()
	running1 := &job{id: "r1", state: running, changed: make(chan struct{})}
	tb.add(running1)
	for i := range keepJobs + 5 {
		tb.add(&job{id: fmt.Sprint("d", i), state: done, changed: make(chan struct{})})
	}
	if len(tb.byID) != keepJobs || len(tb.order) != keepJobs {
		t.Fatalf("%d jobs kept, want %d", len(tb.byID), keepJobs)
	}
	if tb.get("r1") == nil {
		t.Error("a running job was forgotten")
	}
	if tb.get("d0") != nil || tb.get(fmt.Sprint("d", keepJobs+4)) == nil {
		t.Error("not the oldest finished jobs were forgotten")
	}
	// Results beyond maxBytes: the oldest finished jobs go, the newest
	// stays even alone beyond it.
	big := func(id string) *job {
		r := &sim.Result{GroupValues: make([]float64, 1000/8/3+1)}
		return &job{id: id, state: done, changed: make(chan struct{}), results: [][]*sim.Result{{r}}}
	}
	tb = newJobTable()
	tb.maxBytes = 1000
	for _, id := range []string{"b1", "b2", "b3", "b4"} {
		tb.add(big(id))
	}
	if tb.get("b1") != nil || tb.get("b2") != nil || tb.get("b3") == nil || tb.get("b4") == nil {
		t.Errorf("kept %v, want b3 and b4 (a third of the budget and a bit each)", tb.order)
	}
}
