// Package outdir marks the output directories grassroots replaces as a
// whole, so that a directory it did not write is never replaced, and
// describes what a directory holds for the messages that refuse it.
package outdir

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
)

// MarkerName is the file written with the outputs. Its presence, with the
// content below, is what makes a directory one grassroots may replace.
const MarkerName = ".grassroots-output"

// writtenBy is the marker's signature: a file of that name written by
// anyone else is not taken for one.
const writtenBy = "grassroots"

// maxMarker bounds what is read of a marker; a real one is a few hundred
// bytes.
const maxMarker = 1 << 20

// Marker is the content of MarkerName.
type Marker struct {
	WrittenBy string   `json:"written_by"` // always "grassroots"
	Command   []string `json:"command"`    // the command line that wrote the directory
	Files     []string `json:"files"`      // the files it wrote, which a later run may replace
}

// Write marks dir as written by command, holding files.
func Write(dir string, command, files []string) error {
	return atomicfile.WriteJSON(filepath.Join(dir, MarkerName), Marker{WrittenBy: writtenBy, Command: command, Files: files})
}

// Read returns dir's marker, and false when dir has none: no such file, or
// one that is not a regular file holding a marker.
func Read(dir string) (Marker, bool) {
	path := filepath.Join(dir, MarkerName)
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxMarker {
		return Marker{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Marker{}, false
	}
	var m Marker
	if json.Unmarshal(data, &m) != nil || m.WrittenBy != writtenBy {
		return Marker{}, false
	}
	return m, true
}

// List names the first few entries, directories with a trailing slash,
// and says how many more there are.
func List(entries []fs.DirEntry) string {
	const shown = 5
	var names []string
	for i, e := range entries {
		if i == shown {
			names = append(names, fmt.Sprintf("and %d more", len(entries)-shown))
			break
		}
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}
