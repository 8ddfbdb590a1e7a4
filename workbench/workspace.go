package workbench

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// dataDir is the workspace's folder of uploaded communities, one folder
// per community.
const dataDir = "data"

// validName is what the browser may call a scenario or a community in the
// workspace: one path segment that cannot be "..", hidden or a path.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

func checkName(name string) error {
	if !validName.MatchString(name) {
		return fmt.Errorf("must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit; got %q", name)
	}
	return nil
}

// ref names a scenario from the browser: a built-in ("builtin:NAME") or
// one in the workspace ("workspace:NAME"). It is never a path.
type ref struct {
	builtin bool
	name    string
}

func (r ref) String() string {
	if r.builtin {
		return "builtin:" + r.name
	}
	return "workspace:" + r.name
}

func parseRef(s string) (ref, error) {
	kind, name, ok := strings.Cut(s, ":")
	switch {
	case ok && kind == "builtin":
		if !slices.Contains(scenarios.Names(), name) {
			return ref{}, fmt.Errorf("no built-in scenario %q; built-ins: %s", name, strings.Join(scenarios.Names(), ", "))
		}
		return ref{builtin: true, name: name}, nil
	case ok && kind == "workspace":
		if err := checkName(name); err != nil {
			return ref{}, fmt.Errorf("a scenario's name %w", err)
		}
		return ref{name: name}, nil
	}
	return ref{}, fmt.Errorf("a scenario is chosen as builtin:NAME or workspace:NAME, got %q", s)
}

// scenarioPath is where the workspace keeps the scenario called name.
func (s *Server) scenarioPath(name string) string {
	return filepath.Join(s.opts.Workspace, name+".toml")
}

// load reads and validates a scenario with --set style overrides; errors
// are scenario.Errors, as the command line prints them.
func (s *Server) load(r ref, overrides []string) (*scenario.Scenario, error) {
	if r.builtin {
		return scenario.Load(r.name, overrides)
	}
	return scenario.Load(s.scenarioPath(r.name), overrides)
}

// entry is one scenario of the library.
type entry struct {
	Ref, Name, Summary string
	Builtin            bool
	File               string // workspace file name, for download
	Problem            string // why a workspace scenario does not load
}

// workspaceScenarios lists the scenarios saved in the workspace, sorted by
// name, with their summary or what is wrong with them.
func (s *Server) workspaceScenarios() ([]entry, error) {
	des, err := os.ReadDir(s.opts.Workspace)
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, de := range des {
		name, ok := strings.CutSuffix(de.Name(), ".toml")
		if !ok || !de.Type().IsRegular() || checkName(name) != nil {
			continue
		}
		e := entry{Ref: ref{name: name}.String(), Name: name, File: de.Name()}
		if sc, err := s.load(ref{name: name}, nil); err != nil {
			e.Problem = firstLine(err.Error())
		} else {
			e.Summary = firstLine(sc.Description)
		}
		out = append(out, e)
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// communities lists the uploaded communities in the workspace.
func (s *Server) communities() []string {
	des, err := os.ReadDir(filepath.Join(s.opts.Workspace, dataDir))
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range des {
		if de.IsDir() && checkName(de.Name()) == nil {
			out = append(out, de.Name())
		}
	}
	return out
}
