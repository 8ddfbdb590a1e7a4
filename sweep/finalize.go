package sweep

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
)

// The output files of a sweep.
const (
	PointsFile     = "points.csv"
	RunsFile       = "runs.csv"
	TimeseriesFile = "timeseries.csv"
	GroupsFile     = "groups.csv"
	ManifestFile   = "manifest.json"
	TimingFile     = "timing.json"
)

// finalize writes the outputs from the journal, sorted by run, each file
// atomically and the manifest last, then removes the journal. Sorting by
// run makes the files the same whatever order the runs finished in and
// however often the sweep was interrupted.
func (s *Sweep) finalize(sum *Summary) error {
	dir := s.opts.Dir
	jpath := filepath.Join(dir, journalName)
	offs := make([]int64, len(s.done))
	lens := make([]int, len(s.done))
	for k := range offs {
		offs[k] = -1
	}
	_, _, err := scanJournal(jpath, func(journalHeader) error { return nil }, func(off int64, n int, rec *journalRecord) error {
		i := rec.Run
		if i < 0 || i >= s.plan.Runs() || !s.opts.Shard.owns(i) {
			return fmt.Errorf("%s: record of run %d, which is not in shard %s", jpath, i, s.opts.Shard)
		}
		if k := i / s.opts.Shard.Count; offs[k] < 0 {
			offs[k], lens[k] = off, n
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, off := range offs {
		if off < 0 {
			return fmt.Errorf("%s lacks run %d after the sweep finished", jpath, s.opts.Shard.nth(k))
		}
	}
	f, err := regular.Open(jpath)
	if err != nil {
		return err
	}
	defer f.Close()

	if err := atomicfile.Write(filepath.Join(dir, PointsFile), func(w io.Writer) error {
		return writePoints(w, s.plan)
	}); err != nil {
		return err
	}
	copyRuns := func(name, header string, field func(journalRecord) string) error {
		return atomicfile.Write(filepath.Join(dir, name), func(w io.Writer) error {
			if _, err := io.WriteString(w, header); err != nil {
				return err
			}
			var buf []byte
			for k, off := range offs {
				rec, err := readRecord(f, off, lens[k], &buf)
				if err != nil {
					return err
				}
				if want := s.opts.Shard.nth(k); rec.Run != want {
					return fmt.Errorf("journal record at byte %d is run %d, expected %d", off, rec.Run, want)
				}
				if _, err := io.WriteString(w, field(rec)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := copyRuns(RunsFile, runsHeader(s.plan.columns()), func(r journalRecord) string { return r.Row }); err != nil {
		return err
	}
	if s.plan.Spec.Timeseries {
		if err := copyRuns(TimeseriesFile, timeseriesHeader(), func(r journalRecord) string { return r.Timeseries }); err != nil {
			return err
		}
	}
	if s.plan.Spec.Groups {
		if err := copyRuns(GroupsFile, groupsHeader(), func(r journalRecord) string { return r.Groups }); err != nil {
			return err
		}
	}
	if s.plan.Spec.Method == MethodLHS && s.opts.Shard.Whole() && s.opts.Analyze != nil && s.plan.Spec.Runner == nil {
		if err := s.opts.Analyze(dir, s.plan.outcomes()); err != nil {
			sum.Warnings = append(sum.Warnings, "sensitivity analysis skipped: "+err.Error())
		}
	}
	if s.plan.Spec.Method == MethodGrid && s.opts.Shard.Whole() && s.plan.Spec.Runner == nil {
		if _, err := WriteHeatMaps(dir, dir, s.plan.outcomes(), s.plan.Replications); err != nil {
			sum.Warnings = append(sum.Warnings, "heat maps skipped: "+err.Error())
		}
	}
	m, err := s.plan.manifest(s.opts.ProgramVersion, s.opts.Shard)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteJSON(filepath.Join(dir, ManifestFile), m); err != nil {
		return err
	}
	if err := s.jr.close(); err != nil {
		return err
	}
	s.jr = nil
	if err := os.Remove(jpath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	atomicfile.SyncDir(dir)
	return nil
}

// writePoints writes points.csv: the point id, then one column per varied
// parameter, named by its path.
func writePoints(w io.Writer, p *Plan) error {
	cw := csv.NewWriter(w)
	row := []string{"point"}
	for _, prm := range p.Spec.Params {
		row = append(row, prm.Path)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for _, pt := range p.Points {
		row = append(row[:0], strconv.Itoa(pt.ID))
		for _, v := range pt.Values {
			row = append(row, v.CSV)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// timing is timing.json: how this session ran. Unlike the manifest it
// differs from run to run.
type timing struct {
	Command                []string `json:"command"`
	Workers                int      `json:"workers"`
	Shard                  string   `json:"shard"`
	RunsComputed           int      `json:"runs_computed"`
	RunsResumed            int      `json:"runs_resumed"`
	WallSeconds            float64  `json:"wall_seconds"`
	RunsPerSecond          *float64 `json:"runs_per_second"`
	ResidentWeeksPerSecond *float64 `json:"resident_weeks_per_second"`
}

func (s *Sweep) writeTiming(sum Summary) error {
	t := timing{
		Command:      nonNil(s.opts.Command),
		Workers:      s.opts.Workers,
		Shard:        s.opts.Shard.String(),
		RunsComputed: sum.Computed,
		RunsResumed:  len(s.done) - sum.Computed,
		WallSeconds:  sum.Wall.Seconds(),
	}
	if secs := sum.Wall.Seconds(); secs > 0 && sum.Computed > 0 {
		rps, rwps := float64(sum.Computed)/secs, sum.ResidentWeeks/secs
		t.RunsPerSecond, t.ResidentWeeksPerSecond = &rps, &rwps
	}
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(s.opts.Dir, TimingFile), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
