package workbench

import (
	"errors"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/scenario"
)

func TestEditPage(t *testing.T) {
	s := newTestServer(t)
	expect(t, get(t, s, "/edit?from=builtin:full-programme"), 200, "This scenario extends <strong>full-programme</strong>",
		`name="p.project.social_workers" value="4"`, `value="my-full-programme"`, "[stages.middle.cultural_activities]", "Allowed: 0 to 10000")
	// A workspace scenario keeps extending what its file extends, and
	// shows what it changes.
	expect(t, get(t, s, "/edit?from=workspace:tiny-plan"), 200, "extends <strong>full-programme</strong>",
		`class="param changed"`, "In full-programme: 800 households.", "In full-programme: 12 weeks.", `value="120"`)
	// Units read after a number: counts in words, scales in brackets, the
	// table's symbol kept in the title.
	expect(t, get(t, s, "/edit?from=builtin:full-programme"), 200,
		`<span class="muted unit" title="unit: yuan/week">yuan a week</span>`,
		`<span class="muted unit" title="unit: × study">(multiple of the field study&#39;s effort)</span>`,
		`<span class="muted unit" title="unit: share">(share)</span>`)
	expect(t, get(t, s, "/edit"), 200, "New scenario", "extends <strong>baseline</strong>")
	// The main levers come first, unfolded, each once; the rest folded by table.
	page := get(t, s, "/edit?from=builtin:full-programme").Body.String()
	main := strings.Index(page, `id="main-levers"`)
	if main < 0 || strings.Index(page, "<details") != strings.Index(page, `<details open id="main-levers"`) {
		t.Errorf("the main levers are not the first, unfolded group")
	}
	for _, path := range mainLevers {
		if n := strings.Count(page, `name="p.`+path+`"`); n != 1 {
			t.Errorf("%s: %d fields", path, n)
		}
		if i := strings.Index(page, `name="p.`+path+`"`); i < main || i > strings.Index(page, "<summary>[community]</summary>") {
			t.Errorf("%s is not among the main levers", path)
		}
	}
	if strings.Count(page, "<details open") != 1 {
		t.Error("a table without changes is unfolded")
	}
	expect(t, get(t, s, "/edit?from=workspace:../../etc/passwd"), 400, "a scenario&#39;s name must be 1 to 64 letters")
	expect(t, get(t, s, "/edit?from=builtin:nope"), 400, "no built-in scenario")
	expect(t, get(t, s, "/edit?from=workspace:missing"), 400)
	expect(t, get(t, s, "/edit?from=builtin:baseline&community=../x"), 200, "no uploaded community &#34;../x&#34;")
}

// Invalid values are explained next to their fields with the messages the
// command line gives for the same file.
func TestEditInvalidSameMessagesAsCLI(t *testing.T) {
	s := newTestServer(t)
	form := url.Values{"from": {"builtin:full-programme"}, "name": {"plan"}, "action": {"check"},
		"p.project.social_workers": {"-2"}, "p.macro.bureaucracy": {"abc"}, "p.replications": {"1.5"},
		"p.community.education_mix": {"[0.5, 0.5, 0.5, 0.5]"}, "p.participation.rule": {"sometimes"}}
	rec := postForm(t, s, "/edit", form)
	expect(t, rec, 400, "The scenario is not valid yet", `id="error-project.social_workers"`)
	page := html.UnescapeString(rec.Body.String())
	// The same scenario as a file, loaded as "grassroots validate" does.
	text := generate(editData{Name: "plan", Groups: formGroups(mustLoad(t, "full-programme"), map[string]string{
		"project.social_workers": "-2", "macro.bureaucracy": "abc", "replications": "1.5",
		"community.education_mix": "[0.5, 0.5, 0.5, 0.5]", "participation.rule": "sometimes"})}, "full-programme")
	path := filepath.Join(t.TempDir(), "plan.toml")
	os.WriteFile(path, []byte(text), 0o644)
	_, err := scenario.Load(path, nil)
	var es scenario.Errors
	if !errors.As(err, &es) || len(es) < 4 {
		t.Fatalf("the CLI finds %v", err)
	}
	for _, e := range es {
		if !strings.Contains(page, e.Msg) {
			t.Errorf("the page lacks the CLI's message %q", e.Msg)
		}
	}
	if _, err := os.Stat(s.scenarioPath("plan")); err == nil {
		t.Error("checking saved the scenario")
	}
}

func mustLoad(t *testing.T, ref string) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Load(ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestEditSaveAndDownload(t *testing.T) {
	s := newTestServer(t)
	form := url.Values{"from": {"builtin:full-programme"}, "name": {"six-workers"}, "description": {"Six social workers."},
		"action": {"save"}, "p.project.social_workers": {"6"}}
	rec := postForm(t, s, "/edit", form)
	if rec.Code != 303 || rec.Header().Get("Location") != "/?saved=six-workers" {
		t.Fatalf("save: %d %q\n%.400s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	got, _ := os.ReadFile(s.scenarioPath("six-workers"))
	want := "name = \"six-workers\"\ndescription = \"Six social workers.\"\nextends = \"full-programme\"\n\n[project]\nsocial_workers = 6\n"
	if string(got) != want {
		t.Fatalf("saved\n%s\nwant\n%s", got, want)
	}
	expect(t, get(t, s, "/?saved=six-workers"), 200, "Saved <strong>six-workers</strong>", "Six social workers.")
	// Saving again under the name of another scenario is refused; editing
	// the same one replaces it.
	form.Set("name", "tiny-plan")
	expect(t, postForm(t, s, "/edit", form), 400, "your workspace already has a scenario tiny-plan")
	form.Set("from", "workspace:six-workers")
	form.Set("name", "six-workers")
	form.Set("p.project.social_workers", "7")
	if rec := postForm(t, s, "/edit", form); rec.Code != 303 {
		t.Fatalf("editing a saved scenario: %d", rec.Code)
	}
	form.Set("name", "baseline")
	expect(t, postForm(t, s, "/edit", form), 400, "baseline is the name of a built-in scenario")
	form.Set("name", "../../evil")
	expect(t, postForm(t, s, "/edit", form), 400, "The name must be 1 to 64 letters")
	form.Set("name", "dl")
	form.Set("action", "download")
	rec = postForm(t, s, "/edit", form)
	expect(t, rec, 200, "social_workers = 7")
	if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="dl.toml"` {
		t.Errorf("download as %q", cd)
	}
	if _, err := os.Stat(s.scenarioPath("dl")); err == nil {
		t.Error("download saved the scenario")
	}
	entries, _ := os.ReadDir(s.opts.Workspace)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".edit-") {
			t.Errorf("left %s behind", e.Name())
		}
	}
}

// A scenario on an uploaded community names its files inside the
// workspace, and loads.
func TestEditCommunity(t *testing.T) {
	s := newTestServer(t)
	dir := filepath.Join(s.opts.Workspace, dataDir, "estate")
	os.MkdirAll(dir, 0o755)
	for _, f := range dataFiles {
		b, err := os.ReadFile(filepath.Join("..", "scenarios", "data", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	expect(t, get(t, s, "/edit?from=builtin:full-programme&community=estate"), 200, `<option value="estate" selected>`)
	form := url.Values{"from": {"builtin:full-programme"}, "name": {"on-estate"}, "community": {"estate"}, "action": {"save"},
		"p.community.grids": {"2"}, "p.community.community_workers": {"1"}}
	if rec := postForm(t, s, "/edit", form); rec.Code != 303 {
		t.Fatalf("save: %d\n%s", rec.Code, rec.Body)
	}
	sc, err := scenario.Load(s.scenarioPath("on-estate"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Config.Data == nil || sc.Config.Community.Households != 40 {
		t.Fatalf("the scenario has %d households from data %v", sc.Config.Community.Households, sc.Config.Data != nil)
	}
	expect(t, get(t, s, "/edit?from=workspace:on-estate"), 200, `<option value="estate" selected>`)
	form.Set("community", "/etc")
	expect(t, postForm(t, s, "/edit", form), 400, "no uploaded community &#34;/etc&#34;")
}

// Whatever is typed into a field, the generated line sets that one key:
// a value cannot add keys or tables to the scenario.
func FuzzTOMLValue(f *testing.F) {
	for _, seed := range []string{"1", "-2", "abc", "[1, 2]", `"x"`, "1\n[project]\nenabled = true", "1 # c", `"a" = 1`, "true", "inf", "1e9", `["care", "civic"]`, "{a = 1}"} {
		f.Add("float", seed)
		f.Add("string", seed)
	}
	f.Fuzz(func(t *testing.T, typ, text string) {
		line := "v = " + tomlValue(typ, text)
		var got map[string]any
		md, err := toml.Decode(line, &got)
		if err != nil {
			t.Fatalf("%q does not decode: %v", line, err)
		}
		if keys := md.Keys(); len(keys) != 1 || keys[0].String() != "v" {
			t.Fatalf("%q sets %v", line, keys)
		}
	})
}
