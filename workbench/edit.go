package workbench

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// The keys that name data files: the editor offers the workspace's
// uploaded communities instead of paths, so that nothing typed in the
// browser names a file outside the workspace.
var dataKeys = []string{"community.households_file", "community.residents_file", "community.ties_file"}

// formField is one scenario key in the editor.
type formField struct {
	Path, Key, Type    string
	Unit, Doc          string // the unit in words (report.UnitAfter)
	Symbol             string // the unit as the parameter table writes it
	Value              string // as the form shows and returns it
	Base               string // in the scenario it extends
	BaseUnit           string // what follows Base: its unit in words
	Allowed, Plausible string
	Enum               []string
	Changed            bool
	Error              string // the loader's message about this key
}

// formGroup is one TOML table of the editor, or its main levers.
type formGroup struct {
	Name   string // "" for the top level
	Fields []formField
	Open   bool // shown unfolded: something in it changed or is wrong
	Main   bool // the main levers, first and always unfolded
}

// mainLevers are the keys a planner changes most, shown first in the
// editor, out of their tables (the ~150 others stay folded under theirs):
// whether there is a project, its team and their cost, the stage lengths,
// the organizations' funds during and after the project, and the size of
// the community.
var mainLevers = []string{
	"project.enabled", "project.social_workers", "project.local_hires", "project.weekly_cost_per_worker",
	"calendar.initial_weeks", "calendar.middle_weeks", "calendar.later_weeks", "calendar.follow_up_weeks",
	"macro.organization_funds_per_week", "follow_up.organization_funds_per_week",
	"community.households",
}

// editData is the editor's page.
type editData struct {
	From, Base        string // the ref edited, and what the result extends
	Name, Description string
	NameError         string
	Community         string
	Communities       []string
	CommunityError    string
	Groups            []formGroup
	Changes           []scenario.Change
	TOML              string
	Problems          []string // errors tied to no field
	Checked, Valid    bool
}

// editBase resolves what the editor's scenario extends: a built-in edited
// as a copy extends that built-in; a workspace scenario keeps extending
// what its file extends. It returns the extends value and the loaded base.
func (s *Server) editBase(from ref) (string, *scenario.Scenario, error) {
	if from.builtin {
		base, err := scenario.Load(from.name, nil)
		return from.name, base, err
	}
	var head struct {
		Extends string `toml:"extends"`
	}
	if _, err := toml.DecodeFile(s.scenarioPath(from.name), &head); err != nil {
		return "", nil, err
	}
	switch {
	case head.Extends == "":
		base, err := scenario.LoadBytes("defaults", nil, nil)
		return "", base, err
	case slices.Contains(scenarios.Names(), head.Extends):
		base, err := scenario.Load(head.Extends, nil)
		return head.Extends, base, err
	}
	// A workspace file extending another file: relative to the workspace.
	base, err := scenario.Load(filepath.Join(s.opts.Workspace, head.Extends), nil)
	return head.Extends, base, err
}

func (s *Server) editRef(r *http.Request) (ref, error) {
	from := r.FormValue("from")
	if from == "" {
		from = "builtin:baseline"
	}
	return parseRef(from)
}

// editPage shows the editor on a built-in (as a copy) or a workspace
// scenario.
func (s *Server) editPage(w http.ResponseWriter, r *http.Request) {
	from, err := s.editRef(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "Unknown scenario", err.Error())
		return
	}
	extends, base, err := s.editBase(from)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "The scenario it extends is not valid", "Fix it first:", errorLines(err)...)
		return
	}
	cur, err := s.load(from, nil)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "Scenario "+from.name+" is not valid", "Fix its file in the workspace, or start from a built-in:", errorLines(err)...)
		return
	}
	d := editData{From: from.String(), Base: extends, Name: from.name, Description: cur.Description, Communities: s.communities()}
	if from.builtin {
		d.Name = "my-" + from.name
	}
	if c := r.FormValue("community"); c != "" {
		if checkName(c) == nil && slices.Contains(d.Communities, c) {
			d.Community = c
		} else {
			d.CommunityError = fmt.Sprintf("no uploaded community %q", c)
		}
	} else {
		d.Community = communityOf(s.opts.Workspace, cur.Config.Community.HouseholdsFile)
	}
	values := map[string]string{}
	for _, p := range scenario.Params(cur) {
		values[p.Path] = showValue(p.Value)
	}
	d.Groups = formGroups(base, values)
	d.TOML = generate(d, extends)
	s.render(w, http.StatusOK, "edit", "Edit a scenario", d)
}

// communityOf names the uploaded community a households file belongs to,
// "" if none.
func communityOf(workspace, householdsFile string) string {
	dir, file := filepath.Split(householdsFile)
	name := filepath.Base(dir)
	if file != dataFiles[0] || filepath.Clean(dir) != filepath.Join(workspace, dataDir, name) {
		return ""
	}
	return name
}

// formGroups lays out every key of base's schema by table, with the values
// of the form.
func formGroups(base *scenario.Scenario, values map[string]string) []formGroup {
	var groups []formGroup
	var main []formField
	for _, p := range scenario.Params(base) {
		if p.Path == "name" || p.Path == "description" || slices.Contains(dataKeys, p.Path) {
			continue
		}
		f := formField{Path: p.Path, Key: p.Path[strings.LastIndex(p.Path, ".")+1:], Type: p.Type, Doc: p.Doc,
			Unit: strings.TrimSpace(report.UnitAfter("", p.Unit)), Symbol: p.Unit, Base: showValue(p.Value), Allowed: allowed(p)}
		if p.Type != "bool" && p.Type != "string" {
			f.BaseUnit = report.UnitAfter(f.Base, p.Unit)
		} else {
			f.Unit = ""
		}
		if p.Plausible != nil {
			f.Plausible = scenario.Number(p.Plausible.Lo) + " to " + scenario.Number(p.Plausible.Hi)
		}
		if p.Type == "string" {
			f.Enum = p.Enum
		}
		if p.Type == "bool" {
			f.Enum = []string{"true", "false"}
		}
		f.Value = f.Base
		if v, ok := values[p.Path]; ok {
			f.Value = v
		}
		f.Changed = strings.TrimSpace(f.Value) != f.Base
		if slices.Contains(mainLevers, p.Path) {
			f.Key = p.Path // out of its table, the key names it
			main = append(main, f)
			continue
		}
		if len(groups) == 0 || groups[len(groups)-1].Name != p.Group {
			groups = append(groups, formGroup{Name: p.Group})
		}
		g := &groups[len(groups)-1]
		g.Fields = append(g.Fields, f)
		g.Open = g.Open || f.Changed
	}
	// The main levers in the order of mainLevers, not of the schema.
	slices.SortStableFunc(main, func(a, b formField) int {
		return slices.Index(mainLevers, a.Path) - slices.Index(mainLevers, b.Path)
	})
	return append([]formGroup{{Fields: main, Open: true, Main: true}}, groups...)
}

// editSubmit checks the edited scenario with the scenario package's own
// loader, then saves it in the workspace or sends its TOML, as asked.
func (s *Server) editSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badForm(w, err)
		return
	}
	from, err := s.editRef(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "Unknown scenario", err.Error())
		return
	}
	extends, base, err := s.editBase(from)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "The scenario it extends is not valid", "Fix it first:", errorLines(err)...)
		return
	}
	d := editData{From: from.String(), Base: extends, Name: strings.TrimSpace(r.PostFormValue("name")),
		Description: r.PostFormValue("description"), Communities: s.communities(), Checked: true}
	values := map[string]string{}
	for key, vs := range r.PostForm {
		if path, ok := strings.CutPrefix(key, "p."); ok && len(vs) > 0 {
			values[path] = vs[0]
		}
	}
	if c := r.PostFormValue("community"); c != "" {
		if checkName(c) != nil || !slices.Contains(d.Communities, c) {
			d.CommunityError = fmt.Sprintf("no uploaded community %q; upload it on the Community data page", c)
		} else {
			d.Community = c
		}
	}
	d.Groups = formGroups(base, values)
	if err := checkName(d.Name); err != nil {
		d.NameError = "The name " + err.Error()
	} else if slices.Contains(scenarios.Names(), d.Name) {
		d.NameError = fmt.Sprintf("%s is the name of a built-in scenario; choose another", d.Name)
	}
	d.TOML = generate(d, extends)
	s.check(&d, base)
	action := r.PostFormValue("action")
	if action == "download" {
		file := d.Name
		if checkName(file) != nil {
			file = "scenario"
		}
		w.Header().Set("Content-Type", "application/toml; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+file+`.toml"`)
		io.WriteString(w, d.TOML)
		return
	}
	if action == "save" && d.Valid && d.NameError == "" {
		path := s.scenarioPath(d.Name)
		if _, err := os.Stat(path); err == nil && from != (ref{name: d.Name}) {
			d.NameError = fmt.Sprintf("your workspace already has a scenario %s; choose another name, or edit that one", d.Name)
		} else {
			if err := atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, d.TOML); return err }); err != nil {
				s.fail(w, http.StatusInternalServerError, "The scenario could not be saved", err.Error())
				return
			}
			http.Redirect(w, r, "/?saved="+url.QueryEscape(d.Name), http.StatusSeeOther)
			return
		}
	}
	status := http.StatusOK
	if !d.Valid || d.NameError != "" || d.CommunityError != "" {
		status = http.StatusBadRequest
	}
	s.render(w, status, "edit", "Edit a scenario", d)
}

// check loads the generated TOML as the command line would load the file,
// from a temporary file in the workspace (so that extends and data files
// resolve as they will once saved), and puts each error next to its key.
func (s *Server) check(d *editData, base *scenario.Scenario) {
	tmp, err := os.CreateTemp(s.opts.Workspace, ".edit-*.toml")
	if err != nil {
		d.Problems = []string{err.Error()}
		return
	}
	defer os.Remove(tmp.Name())
	_, err = io.WriteString(tmp, d.TOML)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		d.Problems = []string{err.Error()}
		return
	}
	sc, err := scenario.Load(tmp.Name(), nil)
	if err == nil {
		d.Valid = true
		d.Changes = scenario.Diff(&base.Config, &sc.Config)
		return
	}
	shown := d.Name + ".toml"
	var es scenario.Errors
	if !errors.As(err, &es) {
		d.Problems = []string{strings.ReplaceAll(err.Error(), tmp.Name(), shown)}
		return
	}
	fields := map[string]*formField{}
	for g := range d.Groups {
		for f := range d.Groups[g].Fields {
			fields[d.Groups[g].Fields[f].Path] = &d.Groups[g].Fields[f]
		}
	}
	for _, e := range es {
		if f, ok := fields[e.Key]; ok {
			f.Error = strings.TrimSpace(f.Error + " " + e.Msg)
			continue
		}
		if e.Key == "name" {
			if d.NameError == "" {
				d.NameError = e.Msg
			}
			continue
		}
		if slices.Contains(dataKeys, e.Key) || strings.HasPrefix(e.Source, filepath.Join(s.opts.Workspace, dataDir)) {
			d.CommunityError = strings.TrimSpace(d.CommunityError + " " + strings.TrimPrefix(e.Error(), filepath.Join(s.opts.Workspace, dataDir)+string(filepath.Separator)))
			continue
		}
		msg := e.Error()
		if e.Source == tmp.Name() {
			msg = strings.Replace(msg, tmp.Name(), shown, 1)
		}
		d.Problems = append(d.Problems, msg)
	}
	for g := range d.Groups {
		for _, f := range d.Groups[g].Fields {
			d.Groups[g].Open = d.Groups[g].Open || f.Error != ""
		}
	}
}

// generate writes the scenario the form describes: its name, what it
// extends, the community's data files and every key whose value differs
// from the base, table by table.
func generate(d editData, extends string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name = %s\n", scenario.Quote(d.Name))
	if desc := strings.TrimSpace(d.Description); desc != "" {
		fmt.Fprintf(&b, "description = %s\n", scenario.Quote(desc))
	}
	if extends != "" {
		fmt.Fprintf(&b, "extends = %s\n", scenario.Quote(extends))
	}
	tables := map[string][]string{}
	var order []string
	add := func(group, line string) {
		if _, ok := tables[group]; !ok {
			order = append(order, group)
		}
		tables[group] = append(tables[group], line)
	}
	for _, g := range d.Groups {
		for _, f := range g.Fields {
			if f.Changed && strings.TrimSpace(f.Value) != "" {
				// By its path: a main lever is shown out of its table.
				table, key := "", f.Path
				if i := strings.LastIndex(f.Path, "."); i >= 0 {
					table, key = f.Path[:i], f.Path[i+1:]
				}
				add(table, key+" = "+tomlValue(f.Type, strings.TrimSpace(f.Value)))
			}
		}
	}
	if d.Community != "" {
		for k, key := range dataKeys {
			add("community", strings.TrimPrefix(key, "community.")+" = "+scenario.Quote(dataDir+"/"+d.Community+"/"+dataFiles[k]))
		}
	}
	for _, line := range tables[""] {
		b.WriteString(line + "\n")
	}
	for _, g := range order {
		if g == "" {
			continue
		}
		fmt.Fprintf(&b, "\n[%s]\n", g)
		for _, line := range tables[g] {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// tomlValue writes what was typed for a key of the given type as a TOML
// value: a string quoted; anything else as typed when it is one TOML value,
// or else quoted, so that the loader says what type it wanted.
func tomlValue(typ, text string) string {
	if typ == "string" || strings.ContainsAny(text, "\n\r") {
		return scenario.Quote(text)
	}
	var probe map[string]any
	if md, err := toml.Decode("v = "+text, &probe); err == nil && len(md.Keys()) == 1 {
		return text
	}
	return scenario.Quote(text)
}

// showValue writes a value as the form shows it: numbers in the shortest
// form without exponent for whole numbers, lists in TOML's brackets.
func showValue(v any) string {
	switch x := v.(type) {
	case float64:
		return scenario.Number(x)
	case []float64:
		s := make([]string, len(x))
		for i, f := range x {
			s[i] = scenario.Number(f)
		}
		return "[" + strings.Join(s, ", ") + "]"
	case []string:
		s := make([]string, len(x))
		for i, e := range x {
			s[i] = scenario.Quote(e)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// allowed says what a key accepts, from its schema.
func allowed(p scenario.Param) string {
	var s string
	switch {
	case p.Enum != nil:
		s = "one of " + strings.Join(p.Enum, ", ")
	case p.Bounds() != "":
		s = p.Bounds()
	case p.Type == "bool":
		return "true or false"
	default:
		return ""
	}
	if strings.HasPrefix(p.Type, "[]") {
		s = "a list, each " + s
	}
	return s
}

// downloadScenario sends a workspace scenario's TOML file.
func (s *Server) downloadScenario(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".toml")
	if !ok || checkName(name) != nil {
		s.fail(w, http.StatusBadRequest, "No such scenario file", "Scenario files are NAME.toml, NAME made of letters, digits, '-' and '_'.")
		return
	}
	data, err := os.ReadFile(s.scenarioPath(name))
	if err != nil {
		s.fail(w, http.StatusNotFound, "No such scenario", "The workspace has no scenario "+name+".")
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.toml"`)
	w.Write(data)
}
