package workbench

import (
	"net/http"
	"os"
	"strings"
)

func (s *Server) editPage(w http.ResponseWriter, r *http.Request) {
	s.fail(w, http.StatusNotImplemented, "Not yet", "")
}

func (s *Server) editSubmit(w http.ResponseWriter, r *http.Request) {
	s.fail(w, http.StatusNotImplemented, "Not yet", "")
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
