package workbench

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The browser tests drive headless Chromium through what a planner does.
// They need Debian's chromium (or Chrome) and skip without it. Screenshots
// go to $GRASSROOTS_SCREENSHOTS, by default a folder in the system's
// temporary directory, printed by the test.

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium): skipping the browser tests")
	return ""
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("GRASSROOTS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "grassroots-workbench-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browse starts the workbench and a headless browser on it, and returns
// the browser's context and the workbench's address.
func browse(t *testing.T) (context.Context, *Server, string) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	exe := chromium(t)
	s := newTestServer(t)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 900), chromedp.Flag("disable-gpu", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx, s, srv.URL
}

// shoot saves a screenshot of the whole page as name.png.
func shoot(t *testing.T, ctx context.Context, name string) {
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(screenshotDir(t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestBrowserCompareAndReport(t *testing.T) {
	ctx, _, base := browse(t)
	var library string
	run(t, ctx, "open the library",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#compare", chromedp.ByID),
		chromedp.Text("table.library", &library, chromedp.ByQuery))
	for _, want := range []string{"full-programme", "sustained-funding", "tiny-plan"} {
		if !strings.Contains(library, want) {
			t.Errorf("the library lacks %s", want)
		}
	}
	shoot(t, ctx, "library")

	var table string
	run(t, ctx, "compare two scenarios",
		chromedp.Click("#pick-ws-tiny-plan", chromedp.ByID),
		chromedp.Click(`input[name=baseline][value="workspace:tiny-base"]`, chromedp.ByQuery),
		chromedp.SetValue(`input[name=reps]`, "4", chromedp.ByQuery),
		chromedp.Click("#compare", chromedp.ByID),
		chromedp.WaitVisible("#figure-levels", chromedp.ByID),
		chromedp.WaitVisible("#figure-diff", chromedp.ByID),
		chromedp.Text("#comparison", &table, chromedp.ByID))
	if !strings.Contains(table, "Residents taking part in community discussions") || !strings.Contains(table, "tiny-plan") {
		t.Errorf("the comparison table reads:\n%s", table)
	}
	var loaded bool
	run(t, ctx, "check the figure drew",
		chromedp.Evaluate(`document.getElementById("figure-levels").naturalWidth > 0`, &loaded))
	if !loaded {
		t.Error("the figure did not load in the browser")
	}
	shoot(t, ctx, "results")

	// Who gains: by income fifth by default; another grouping on demand.
	var groups, statements string
	run(t, ctx, "see who gains",
		chromedp.WaitVisible("#figure-groups", chromedp.ByID),
		chromedp.Text("#who-gains-table", &groups, chromedp.ByID),
		chromedp.Text("#equity-statements", &statements, chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("figure-groups").naturalWidth > 0`, &loaded))
	if !loaded {
		t.Error("the who-gains figure did not load in the browser")
	}
	for _, want := range []string{"poorest fifth (q1)", "richest fifth (q5)", "tiny-plan"} {
		if !strings.Contains(groups, want) {
			t.Errorf("the who-gains table lacks %q:\n%s", want, groups)
		}
	}
	if !strings.Contains(statements, "between the richest and the poorest fifth") || !strings.Contains(statements, "concentration index") {
		t.Errorf("the equity statements read:\n%s", statements)
	}
	var section []byte
	run(t, ctx, "screenshot who gains", chromedp.Screenshot("#who-gains", &section, chromedp.ByID))
	os.WriteFile(filepath.Join(screenshotDir(t), "who-gains.png"), section, 0o644)
	run(t, ctx, "group by age",
		chromedp.Evaluate(`const by = document.querySelector("#who-gains-form select[name=by]");
			by.value = "age";
			by.dispatchEvent(new Event("change"));`, nil),
		chromedp.WaitVisible(`//table[@id="who-gains-table"]//td[text()="elder"]`, chromedp.BySearch),
		chromedp.Text("#who-gains-table", &groups, chromedp.ByID))
	if strings.Contains(groups, "fifth") {
		t.Errorf("grouped by age, the table reads:\n%s", groups)
	}

	downloads := t.TempDir()
	done := make(chan string, 1)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			done <- e.GUID
		}
	})
	run(t, ctx, "download the report",
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Click("#download-report", chromedp.ByID))
	var guid string
	select {
	case guid = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the report did not download")
	}
	page, err := os.ReadFile(filepath.Join(downloads, guid))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"tiny-plan compared with tiny-base", "What the model cannot tell", "data:image/svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the downloaded report lacks %q", want)
		}
	}
	if strings.Contains(string(page), "http://") || strings.Contains(string(page), "https://") {
		t.Error("the downloaded report refers outside itself")
	}
}

func TestBrowserBadCSV(t *testing.T) {
	ctx, _, base := browse(t)
	dir := t.TempDir()
	households := filepath.Join(dir, "households.csv")
	residents := filepath.Join(dir, "residents.csv")
	os.WriteFile(households, []byte("household_id,building,income\nh1,b1,lots\n"), 0o644)
	os.WriteFile(residents, []byte("resident_id,household_id,age,education,vulnerable,party_member\nr1,h1,40,middle,no,no\n"), 0o644)
	var problems string
	run(t, ctx, "upload a bad CSV",
		chromedp.Navigate(base+"/data"),
		chromedp.WaitVisible("#upload", chromedp.ByID),
		chromedp.SetValue(`input[name=name]`, "estate", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file-households", []string{households}, chromedp.ByID),
		chromedp.SetUploadFiles("#file-residents", []string{residents}, chromedp.ByID),
		chromedp.Click("#upload", chromedp.ByID),
		chromedp.WaitVisible("#data-problems", chromedp.ByID),
		chromedp.Text("#data-problems", &problems, chromedp.ByID))
	if !strings.Contains(problems, `households.csv:2:7: column "income"`) {
		t.Errorf("the upload's errors read:\n%s", problems)
	}
	shoot(t, ctx, "data-error")
}

// editInvalidTeam opens a copy of the full programme in the editor, sets a
// team of -2 and checks it, until the editor shows it invalid.
func editInvalidTeam(base string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(base + "/edit?from=builtin:full-programme"),
		chromedp.WaitVisible("#edit-check", chromedp.ByID),
		chromedp.SetValue(`#name`, "eight-workers", chromedp.ByQuery),
		chromedp.SetValue(`input[name="p.project.social_workers"]`, "-2", chromedp.ByQuery),
		chromedp.Click("#edit-check", chromedp.ByID),
		chromedp.WaitVisible("#edit-invalid", chromedp.ByID),
	}
}

func TestBrowserEditInvalid(t *testing.T) {
	ctx, s, base := browse(t)
	var message string
	run(t, ctx, "edit a scenario with an invalid value",
		editInvalidTeam(base),
		chromedp.Text(`[id="error-project.social_workers"]`, &message, chromedp.ByQuery),
		chromedp.ScrollIntoView(`[id="error-project.social_workers"]`, chromedp.ByQuery))
	if message != "must be at least 0, got -2" {
		t.Errorf("the field's message reads %q", message)
	}
	var png []byte
	run(t, ctx, "screenshot", chromedp.CaptureScreenshot(&png))
	os.WriteFile(filepath.Join(screenshotDir(t), "edit-invalid.png"), png, 0o644)

	// Corrected, it saves into the workspace and appears in the library.
	run(t, ctx, "fix and save",
		chromedp.SetValue(`input[name="p.project.social_workers"]`, "8", chromedp.ByQuery),
		chromedp.Click("#edit-save", chromedp.ByID),
		chromedp.WaitVisible("#saved", chromedp.ByID))
	if _, err := os.Stat(s.scenarioPath("eight-workers")); err != nil {
		t.Error(err)
	}
}

// The levers act on the planner's own scenarios: chosen on the page, the
// small ones of the test workspace (the built-in trio at full size takes
// minutes under the race detector; BenchmarkInteractiveCompare times it).
func TestBrowserExplore(t *testing.T) {
	ctx, _, base := browse(t)
	var table string
	var chosen bool
	// Start from a choice that compares nothing (no simulation to wait
	// for), then add a scenario: the page reloads with the levers at the
	// chosen ones' values and compares them.
	run(t, ctx, "choose the scenarios",
		chromedp.Navigate(base+"/explore?baseline=workspace:tiny-base&scenario=workspace:tiny-base"),
		chromedp.WaitVisible("#explore-problem", chromedp.ByID),
		chromedp.Evaluate(`const add = document.getElementById("explore-add");
			add.value = "workspace:tiny-plan";
			add.dispatchEvent(new Event("change", {bubbles: true}));`, nil),
		chromedp.WaitVisible("#explore-result table.comparison", chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("explore-baseline").value === "workspace:tiny-base" &&
			document.querySelector('input[name=scenario][value="workspace:tiny-plan"]').checked`, &chosen))
	if !chosen {
		t.Error("the scenarios chosen did not stay chosen")
	}
	// Once: chromedp.SetValue would fire change as well, a second move.
	run(t, ctx, "move a lever",
		chromedp.Evaluate(`document.getElementById("explore-result").innerHTML = "";
			const lever = document.getElementById("lever-social_workers");
			lever.value = "8";
			lever.dispatchEvent(new Event("change", {bubbles: true}))`, nil),
		chromedp.WaitVisible("#explore-result table.comparison", chromedp.ByQuery),
		chromedp.Text("#explore-result table.comparison", &table, chromedp.ByQuery))
	if !strings.Contains(table, "tiny-plan") || strings.Contains(table, "sustained-funding") {
		t.Errorf("the interactive table reads:\n%s", table)
	}
	// Who gains, asked for, under the table: another grouping re-runs the
	// comparison with the levers as they are.
	var groups string
	run(t, ctx, "group by age",
		chromedp.Click("#explore-groups", chromedp.ByID),
		chromedp.WaitVisible("#explore-result #figure-groups", chromedp.ByQuery),
		chromedp.Evaluate(`const by = document.querySelector("#who-gains-form select[name=by]");
			by.value = "age";
			by.dispatchEvent(new Event("change", {bubbles: true}));`, nil),
		chromedp.WaitVisible(`//table[@id="who-gains-table"]//td[text()="elder"]`, chromedp.BySearch),
		chromedp.Text("#who-gains-table", &groups, chromedp.ByID))
	if strings.Contains(groups, "fifth") || !strings.Contains(groups, "tiny-plan") {
		t.Errorf("grouped by age, the who-gains table reads:\n%s", groups)
	}
	var url string
	run(t, ctx, "read the address", chromedp.Location(&url))
	if !strings.Contains(url, "social_workers=8") || !strings.Contains(url, "tiny-base") || !strings.Contains(url, "by=age") || !strings.Contains(url, "groups=1") {
		t.Errorf("the page's address %s does not keep the choices", url)
	}
	shoot(t, ctx, "explore")
}

// TestBrowserReadmeScreenshots writes the README's two screenshots into
// $GRASSROOTS_README_SCREENSHOTS (docs/ of the checkout when run from
// workbench/: GRASSROOTS_README_SCREENSHOTS=../docs go test ./workbench
// -run ReadmeScreenshots): the results of the full programme and
// sustained funding against the baseline at 20 replications, and the
// editor with an invalid value. Without the variable it does nothing: it
// takes minutes.
func TestBrowserReadmeScreenshots(t *testing.T) {
	dir := os.Getenv("GRASSROOTS_README_SCREENSHOTS")
	if dir == "" {
		t.Skip("GRASSROOTS_README_SCREENSHOTS not set")
	}
	ctx, _, base := browse(t)
	var png []byte
	run(t, ctx, "compare the full programme and sustained funding",
		chromedp.EmulateViewport(1280, 1000, chromedp.EmulateScale(0.75)), // a 960 × 750 picture of a wide window
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#compare", chromedp.ByID),
		chromedp.Click("#preset-sustained", chromedp.ByID),
		chromedp.WaitVisible("#figure-levels", chromedp.ByID),
		chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(dir, "workbench-results.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	// Who gains in the same comparison, to look at (not in the README).
	var section []byte
	run(t, ctx, "screenshot who gains", chromedp.Screenshot("#who-gains", &section, chromedp.ByID))
	os.WriteFile(filepath.Join(screenshotDir(t), "who-gains-sustained.png"), section, 0o644)
	run(t, ctx, "edit with an invalid value",
		chromedp.EmulateViewport(1280, 757),
		editInvalidTeam(base),
		chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(dir, "workbench-edit.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
