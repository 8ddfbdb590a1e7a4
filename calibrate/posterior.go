package calibrate

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
)

// Posterior is a posterior.csv read back, to run scenarios at its draws
// (grassroots compare --posterior): weighted values of model parameters.
type Posterior struct {
	Source string   // the file's path
	SHA256 string   // of its contents
	Paths  []string // the parameters, in the file's column order
	Ints   []bool   // whether each parameter takes integers
	Draws  []Draw
	cum    []float64 // cumulative weights, for picking a draw
}

// Draw is one row of a posterior.
type Draw struct {
	ID     string  // the draw column, as written
	Weight float64 // at least 0
	Values []float64
	Line   int
}

// ReadPosterior reads a posterior.csv as calibrate writes it (draw,
// weight, then one column per parameter), strictly: a column that is not
// a model parameter, a value that is not a finite number, a negative
// weight or weights that are all 0 is an error naming the file and line.
func ReadPosterior(path string) (*Posterior, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such posterior file %q (calibrate writes one as posterior.csv in its output directory)", path)
	}
	if err != nil {
		return nil, err
	}
	return ParsePosterior(path, data)
}

// ParsePosterior is ReadPosterior for a file's contents.
func ParsePosterior(path string, data []byte) (*Posterior, error) {
	sum := sha256.Sum256(data)
	p := &Posterior{Source: path, SHA256: hex.EncodeToString(sum[:])}
	fail := func(line int, key, format string, a ...any) error {
		return &scenario.Error{Source: path, Line: line, Key: key, Msg: fmt.Sprintf(format, a...)}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // checked below, to say how many
	head, err := r.Read()
	if err == io.EOF {
		return nil, fail(0, "", "empty: want the columns draw, weight, then one per parameter, as calibrate writes posterior.csv")
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	if len(head) < 3 || head[0] != "draw" || head[1] != "weight" {
		return nil, fail(1, "", "want the columns draw, weight, then one per parameter, as calibrate writes posterior.csv; got %q", strings.Join(head, ","))
	}
	for _, path := range head[2:] {
		integer, msg := modelParameter(path)
		if msg != "" {
			return nil, fail(1, path, "%s", msg)
		}
		if slices.Contains(p.Paths, path) {
			return nil, fail(1, path, "column given twice")
		}
		p.Paths, p.Ints = append(p.Paths, path), append(p.Ints, integer)
	}
	var total float64
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(head) {
			return nil, fail(line, "", "%d fields, the header has %d", len(rec), len(head))
		}
		w, err := strconv.ParseFloat(rec[1], 64)
		if err != nil || !(w >= 0) || math.IsInf(w, 1) {
			return nil, fail(line, "weight", "must be a finite number at least 0, got %q", rec[1])
		}
		d := Draw{ID: rec[0], Weight: w, Line: line}
		for j, v := range rec[2:] {
			x, err := strconv.ParseFloat(v, 64)
			switch {
			case err != nil || math.IsNaN(x) || math.IsInf(x, 0):
				return nil, fail(line, p.Paths[j], "must be a finite number, got %q", v)
			case p.Ints[j] && x != math.Trunc(x):
				return nil, fail(line, p.Paths[j], "must be an integer, got %q", v)
			}
			d.Values = append(d.Values, x)
		}
		total += w
		p.Draws = append(p.Draws, d)
		p.cum = append(p.cum, total)
	}
	switch {
	case len(p.Draws) == 0:
		return nil, fail(0, "", "no draws: the file has its header and no rows")
	case !(total > 0) || math.IsInf(total, 1):
		return nil, fail(0, "weight", "the weights must add up to a finite number above 0, got %g: no draw can be made", total)
	}
	return p, nil
}

// csvError locates a CSV syntax error (a stray quote) in the file.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &scenario.Error{Source: path, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return err
}

// modelParameter tells whether a column is an integer model parameter,
// or why it cannot be one. The calendar is refused, as in a calibration
// file: the scenarios compared must share one.
func modelParameter(path string) (integer bool, msg string) {
	top, _, _ := strings.Cut(path, ".")
	prm, ok := scenario.Lookup(path)
	switch {
	case slices.Contains(notParameters, top):
		return false, fmt.Sprintf("%q is a scenario setting, not a model parameter", path)
	case top == "calendar":
		return false, "the calendar cannot be drawn from a posterior: the scenarios compared must share one"
	case !ok:
		var paths []string
		for _, p := range scenario.Params(&scenario.Scenario{}) {
			paths = append(paths, p.Path)
		}
		return false, "not a model parameter; grassroots params lists them" + scenario.Suggest(path, paths)
	case prm.Type != "float" && prm.Type != "int":
		return false, fmt.Sprintf("not a numeric model parameter: it takes a %s", prm.Type)
	}
	return prm.Type == "int", ""
}

// posteriorKey keeps the posterior's draws apart from every generation's
// and the predictive draws' streams.
const posteriorKey = 1 << 41

// Pick returns the index of the draw that replication r uses: drawn by
// weight from a stream of (seed, r) alone, so that every scenario of a
// comparison gets the same draw in replication r, whatever the workers.
func (p *Posterior) Pick(seed uint64, r int) int {
	u := stream(seed, posteriorKey, uint64(r)).Float64() * p.cum[len(p.cum)-1]
	return min(len(p.cum)-1, sortSearch(p.cum, u))
}

// Overrides returns draw i as --set overrides, path=value.
func (p *Posterior) Overrides(i int) []string {
	out := make([]string, len(p.Paths))
	for j, path := range p.Paths {
		out[j] = path + "=" + formatValue(p.Draws[i].Values[j], p.Ints[j])
	}
	return out
}
