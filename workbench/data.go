package workbench

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/population"
)

// The files of an uploaded community, as the workspace stores them and
// docs/data.md describes them.
var dataFiles = [3]string{"households.csv", "residents.csv", "ties.csv"}

// dataForm is the upload page.
type dataForm struct {
	Name        string
	NameProblem string
	Problems    []string // one per data error, "file:line:column: ..." as the CLI prints them
	Saved       string   // the community just saved
	Communities []string
}

func (s *Server) dataPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "data", "Community data", dataForm{Communities: s.communities()})
}

// dataUpload reads households, residents and (optionally) ties CSV files
// with the command line's reader, and keeps them in the workspace under
// the community's name if they are valid.
func (s *Server) dataUpload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, http.StatusRequestEntityTooLarge, "The files are too large", "The three files together may hold at most 64 MiB.")
			return
		}
		s.badForm(w, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	f := dataForm{Name: r.FormValue("name"), Communities: s.communities()}
	if err := checkName(f.Name); err != nil {
		f.NameProblem = "The community's name " + err.Error()
	}
	var contents [3][]byte
	var inputs [3]population.Input
	for k, field := range []string{"households", "residents", "ties"} {
		file, header, err := r.FormFile(field)
		if errors.Is(err, http.ErrMissingFile) {
			continue
		}
		if err != nil {
			s.badForm(w, err)
			return
		}
		contents[k], err = readPart(file)
		if err != nil {
			s.badForm(w, err)
			return
		}
		// Errors name the file as the planner chose it.
		inputs[k] = population.Input{Name: filepath.Base(header.Filename), R: bytes.NewReader(contents[k])}
	}
	if inputs[0].R == nil || inputs[1].R == nil {
		f.Problems = []string{"Choose a households file and a residents file: a community needs both (ties are optional)."}
	} else if _, err := population.Parse(inputs[0], inputs[1], inputs[2]); err != nil {
		f.Problems = errorLines(err)
	}
	if f.NameProblem != "" || f.Problems != nil {
		s.render(w, http.StatusBadRequest, "data", "Community data", f)
		return
	}
	err := atomicfile.Dir(filepath.Join(s.opts.Workspace, dataDir, f.Name), func(tmp string) error {
		for k, data := range contents {
			if inputs[k].R == nil {
				continue
			}
			if err := os.WriteFile(filepath.Join(tmp, dataFiles[k]), data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "The community could not be saved", err.Error())
		return
	}
	f.Saved, f.Communities = f.Name, s.communities()
	s.render(w, http.StatusOK, "data", "Community data", f)
}

func readPart(f multipart.File) ([]byte, error) {
	defer f.Close()
	return io.ReadAll(f)
}
