package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strconv"

	"github.com/grassroots-sim/grassroots/internal/regular"
)

// The journal is an append-only file of one line per finished run, each
// line "CRC JSON\n" where CRC is the CRC-32C of JSON in eight hex digits.
// Its first line is a header naming the sweep. A run is done when its line
// is in the file, whole and with a matching checksum; a line torn by a
// crash or a kill fails that test, and it and anything after it are cut
// off on resume and computed again.
const journalName = "journal.jsonl"

const journalKind = "grassroots-sweep-journal"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// journalHeader identifies the sweep a journal belongs to.
type journalHeader struct {
	Kind           string `json:"kind"`
	Format         int    `json:"format"`
	SweepHash      string `json:"sweep_hash"`
	ProgramVersion string `json:"program_version"`
	Shard          string `json:"shard"`
	// What the hash covers, to say what differs when it does not match.
	ScenarioHash string `json:"scenario_hash"`
	Method       string `json:"method"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	Points       int    `json:"points"`
	Timeseries   bool   `json:"timeseries"`
	Groups       bool   `json:"groups"`
}

func newHeader(p *Plan, programVersion string, shard Shard) journalHeader {
	return journalHeader{
		Kind: journalKind, Format: formatVersion, SweepHash: p.Hash, ProgramVersion: programVersion,
		Shard: shard.String(), ScenarioHash: p.Scenario.Hash(), Method: p.Spec.Method, Seed: p.Seed,
		Replications: p.Replications, Points: len(p.Points), Timeseries: p.Spec.Timeseries, Groups: p.Spec.Groups,
	}
}

// mismatch says how the journal's sweep differs from h, or "" if it is the
// same sweep.
func (j journalHeader) mismatch(h journalHeader) string {
	switch {
	case j.Kind != journalKind || j.Format != h.Format:
		return fmt.Sprintf("it was written in another format (%s %d)", j.Kind, j.Format)
	case j.Shard != h.Shard:
		return fmt.Sprintf("it holds shard %s, not %s", j.Shard, h.Shard)
	case j.ProgramVersion != h.ProgramVersion:
		return fmt.Sprintf("it was started by program version %s, this is %s", j.ProgramVersion, h.ProgramVersion)
	case j.Seed != h.Seed:
		return fmt.Sprintf("it was started with seed %d, not %d", j.Seed, h.Seed)
	case j.Replications != h.Replications:
		return fmt.Sprintf("it was started with %d replications, not %d", j.Replications, h.Replications)
	case j.Method != h.Method || j.Points != h.Points:
		return fmt.Sprintf("it was started with %s of %d points, not %s of %d", j.Method, j.Points, h.Method, h.Points)
	case j.Timeseries != h.Timeseries:
		return fmt.Sprintf("it was started with timeseries %v, not %v", j.Timeseries, h.Timeseries)
	case j.Groups != h.Groups:
		return fmt.Sprintf("it was started with groups %v, not %v", j.Groups, h.Groups)
	case j.ScenarioHash != h.ScenarioHash:
		return "its base scenario (with the fixed values and --set overrides) is different"
	case j.SweepHash != h.SweepHash:
		return "its parameters or points are different"
	}
	return ""
}

// journalRecord is one finished run.
type journalRecord struct {
	Run        int    `json:"run"`
	Residents  int    `json:"residents"`
	Weeks      int    `json:"weeks"`
	Row        string `json:"row"`                  // its runs.csv line
	Timeseries string `json:"timeseries,omitempty"` // its timeseries.csv lines
	Groups     string `json:"groups,omitempty"`     // its groups.csv lines
}

// encodeLine returns v as a journal line.
func encodeLine(v any) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	line := make([]byte, 0, len(body)+10)
	line = fmt.Appendf(line, "%08x ", crc32.Checksum(body, castagnoli))
	line = append(line, body...)
	return append(line, '\n'), nil
}

var errTorn = errors.New("torn or corrupt journal line")

// decodeLine checks a journal line (with its newline) and decodes it into v.
func decodeLine(line []byte, v any) error {
	if len(line) < 10 || line[len(line)-1] != '\n' || line[8] != ' ' {
		return errTorn
	}
	want, err := strconv.ParseUint(string(line[:8]), 16, 32)
	body := line[9 : len(line)-1]
	if err != nil || crc32.Checksum(body, castagnoli) != uint32(want) {
		return errTorn
	}
	if err := json.Unmarshal(body, v); err != nil {
		return errTorn
	}
	return nil
}

// scanJournal reads the journal at path: its header, which it passes to
// onHeader, then every whole record, calling fn with each record's offset
// and length. It returns the offset where the valid part ends; anything
// after it is torn. A journal whose header is torn has no valid part (ok
// is false). An error from onHeader or fn stops the scan.
func scanJournal(path string, onHeader func(journalHeader) error, fn func(off int64, n int, rec *journalRecord) error) (end int64, ok bool, err error) {
	f, err := regular.Open(path)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	line, err := r.ReadBytes('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, false, err
	}
	var hdr journalHeader
	if decodeLine(line, &hdr) != nil || hdr.Kind != journalKind {
		return 0, false, nil
	}
	if err := onHeader(hdr); err != nil {
		return 0, true, err
	}
	end = int64(len(line))
	for {
		line, err := r.ReadBytes('\n')
		if len(line) == 0 && errors.Is(err, io.EOF) {
			return end, true, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return end, true, err
		}
		var rec journalRecord
		if decodeLine(line, &rec) != nil {
			return end, true, nil
		}
		if err := fn(end, len(line), &rec); err != nil {
			return end, true, err
		}
		end += int64(len(line))
	}
}

// readRecord reads the record of n bytes at off.
func readRecord(f *os.File, off int64, n int, buf *[]byte) (journalRecord, error) {
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	b := (*buf)[:n]
	if _, err := f.ReadAt(b, off); err != nil {
		return journalRecord{}, err
	}
	var rec journalRecord
	if err := decodeLine(b, &rec); err != nil {
		return journalRecord{}, fmt.Errorf("journal record at byte %d: %w", off, err)
	}
	return rec, nil
}

// journal appends records durably.
type journal struct {
	f   *os.File
	buf bytes.Buffer
}

// createJournal starts a journal with its header, replacing any file.
func createJournal(path string, h journalHeader) (*journal, error) {
	line, err := encodeLine(h)
	if err != nil {
		return nil, err
	}
	f, err := regular.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return &journal{f: f}, nil
}

// openJournal reopens a journal for appending after cutting it at end.
func openJournal(path string, end int64) (*journal, error) {
	f, err := regular.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(end); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return &journal{f: f}, nil
}

// append writes lines with one write and makes them durable.
func (j *journal) append(lines [][]byte) error {
	j.buf.Reset()
	for _, l := range lines {
		j.buf.Write(l)
	}
	if _, err := j.f.Write(j.buf.Bytes()); err != nil {
		return err
	}
	return j.f.Sync()
}

func (j *journal) close() error { return j.f.Close() }
