package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// memoryFlag is --max-memory: the most memory a command may expect to use.
// Before building any community, a command estimates what it needs and
// refuses to start above the limit, with a message rather than being
// killed by the system halfway.
type memoryFlag struct {
	bytes int64 // 0: the default share of the machine
}

func declareMemory(fs *flag.FlagSet) *memoryFlag {
	m := &memoryFlag{}
	fs.Var(m, "max-memory", "refuse to start when the estimated memory exceeds `SIZE`, e.g. 512MiB, 2GiB, 1G (default 80% of this machine's memory)")
	return m
}

func (m *memoryFlag) String() string {
	if m == nil || m.bytes == 0 {
		return ""
	}
	return showBytes(m.bytes)
}

func (m *memoryFlag) Set(s string) error {
	b, err := parseBytes(s)
	if err != nil {
		return err
	}
	m.bytes = b
	return nil
}

// parseBytes reads a size: a number and an optional unit, K, M, G or T
// with or without "B" or "iB", all powers of 1024 ("2GiB", "2G" and "2GB"
// are the same), or B or nothing for bytes.
func parseBytes(s string) (int64, error) {
	bad := fmt.Errorf("want a size such as 512MiB, 2GiB or 1G, got %q", s)
	t := strings.TrimSpace(s)
	cut := len(t)
	for cut > 0 && (t[cut-1] < '0' || t[cut-1] > '9') && t[cut-1] != '.' {
		cut--
	}
	num, unit := t[:cut], strings.ToUpper(strings.TrimSpace(t[cut:]))
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" || strings.ContainsAny(num, "eEnN+-_xXpP") {
		return 0, bad
	}
	unit = strings.TrimSuffix(strings.TrimSuffix(unit, "B"), "I")
	shift := strings.Index("KMGT", unit) + 1
	if unit != "" && (len(unit) != 1 || shift == 0) {
		return 0, bad
	}
	if unit == "" {
		shift = 0
	}
	x *= math.Exp2(float64(10 * shift))
	if !(x >= 1) || x >= math.MaxInt64/2 {
		return 0, fmt.Errorf("want a size from 1 byte to 4EiB, got %q", s)
	}
	return int64(x), nil
}

// showBytes writes b in binary units for messages.
func showBytes(b int64) string {
	x := float64(b)
	for _, u := range []string{"B", "KiB", "MiB", "GiB", "TiB"} {
		if x < 1024 || u == "TiB" {
			if u == "B" {
				return fmt.Sprintf("%d B", b)
			}
			return fmt.Sprintf("%.1f %s", x, u)
		}
		x /= 1024
	}
	return ""
}

// fallbackMemory is assumed when the machine's memory cannot be read.
const fallbackMemory = 4 << 30

// limit returns the limit and how it was set, for messages. A nil flag
// stands for the default.
func (m *memoryFlag) limit() (int64, string) {
	if m != nil && m.bytes > 0 {
		return m.bytes, "set by --max-memory"
	}
	total, what := machineMemory()
	return total / 10 * 8, fmt.Sprintf("80%% of %s", what)
}

// machineMemory is the physical memory, or the container's limit if lower
// (cgroup v2 or v1), with a description.
func machineMemory() (int64, string) {
	total, what := int64(0), ""
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				fields := strings.Fields(rest)
				if len(fields) == 0 {
					continue
				}
				if kb, err := strconv.ParseInt(fields[0], 10, 64); err == nil && kb > 0 && kb < math.MaxInt64>>10 {
					total, what = kb<<10, "this machine's "+showBytes(kb<<10)
				}
			}
		}
		f.Close()
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if b, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && b > 0 && (total == 0 || b < total) {
			total, what = b, "the container's limit of "+showBytes(b)
		}
	}
	if total == 0 {
		return fallbackMemory, showBytes(fallbackMemory) + " (assumed: the machine's memory is unknown)"
	}
	return total, what
}

// processOverhead is memory the program needs besides the communities:
// the runtime, the figures, buffers.
const processOverhead = 64 << 20

// resultBytes is the memory of one replication's recorded result, twice
// over: results accumulate all run long, and the heap grows to twice what
// is live before the collector runs (GOGC=100). 2,000 replications of
// 3,120 weeks held 1.79 GiB against 1.1 GiB counted once.
func resultBytes(cfg *sim.Config) int64 {
	return 2 * (8*int64(sim.NumMetrics)*int64(cfg.Calendar.Weeks()) + 256)
}

// readingBytesPerByte is the memory reading a data set takes per byte of
// its CSV files: the community it builds, the indexes that check every
// reference, and garbage (measured: 5.1 to 5.2 at 22 and 230 MiB).
const readingBytesPerByte = 6

// dataCache is a scenario.DataCache that refuses, before reading any data
// file, a reading that would need more memory than the limit: reading
// costs several times the files' size, which the estimate made after
// loading did not count.
func (m *memoryFlag) dataCache() *scenario.DataCache {
	return &scenario.DataCache{BeforeRead: func(size int64) error {
		return m.check(memoryNeed{what: "reading the data files", engines: 1,
			perEngine: readingBytesPerByte * size, other: processOverhead, files: size}, false)
	}}
}

// dataBytes is the memory of a community given as data, shared by every
// replication.
func dataBytes(p *sim.Population) int64 {
	if p == nil {
		return 0
	}
	return int64(len(p.Residents))*int64(reflect.TypeFor[sim.PopResident]().Size()) +
		int64(len(p.Households))*int64(reflect.TypeFor[sim.PopHousehold]().Size()) +
		int64(len(p.Ties))*int64(reflect.TypeFor[sim.PopTie]().Size())
}

// copyBytes is the memory of a Population copied out of an engine of n
// residents with the given number of ties (sim.Engine.Population).
func copyBytes(n, ties int64) int64 {
	return n*int64(reflect.TypeFor[sim.PopResident]().Size()) + ties*int64(reflect.TypeFor[sim.PopTie]().Size())
}

// tiesOf is at most how many ties cfg's community is built with: the
// data's, or community.max_ties ends per resident.
func tiesOf(cfg *sim.Config, residents int64) int64 {
	if cfg.Data != nil && cfg.Data.Ties != nil {
		return int64(len(cfg.Data.Ties))
	}
	return residents * int64(cfg.Community.MaxTies) / 2
}

// populationMemory estimates what writing the community of s needs: its
// engine, the data it may read, and the copy written out, twice over as
// it grows by appending (2M households: 5.4 GiB used, 4.6 estimated with
// the copy counted once).
func populationMemory(s *scenario.Scenario) memoryNeed {
	n := memoryNeed{what: s.Name, engines: 1, perEngine: sim.EstimateBytes(&s.Config), residents: residentsOf(&s.Config),
		other: dataBytes(s.Config.Data) + processOverhead}
	n.other += 2 * copyBytes(n.residents, tiesOf(&s.Config, n.residents))
	return n
}

// residentsOf is about how many residents cfg builds, for messages.
func residentsOf(cfg *sim.Config) int64 {
	if cfg.Data != nil {
		return int64(len(cfg.Data.Residents))
	}
	return int64(math.Round(float64(cfg.Community.Households) * cfg.Community.HouseholdSizeMean))
}

// memoryNeed is an estimate of what a command needs: engines at once of
// perEngine bytes each, and the rest.
type memoryNeed struct {
	what      string // "full-programme", "the comparison"
	engines   int    // communities in memory at once
	perEngine int64  // bytes of the largest
	residents int64  // of the largest
	other     int64  // results, data, the process
	files     int64  // when reading data: the files' size
}

func (n memoryNeed) total() int64 { return int64(n.engines)*n.perEngine + n.other }

// check refuses a need above the limit. Within it, it sets the runtime's
// soft memory limit to the limit, so that the collector works harder
// rather than let garbage push the process over.
func (m *memoryFlag) check(n memoryNeed, workersFlag bool) error {
	limit, how := m.limit()
	need := n.total()
	if need <= limit {
		debug.SetMemoryLimit(limit)
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s would need about %s of memory", n.what, showBytes(need))
	if n.files > 0 {
		fmt.Fprintf(&b, " (for %s of CSV files)", showBytes(n.files))
	} else if n.engines > 1 {
		fmt.Fprintf(&b, " (%d replications at once, %s each for communities of about %s residents)", n.engines, showBytes(n.perEngine), thousands(n.residents))
	} else {
		fmt.Fprintf(&b, " (%s for a community of about %s residents)", showBytes(n.perEngine), thousands(n.residents))
	}
	fmt.Fprintf(&b, ", more than the limit of %s (%s). ", showBytes(limit), how)
	if fit := (limit - n.other) / max(n.perEngine, 1); workersFlag && n.engines > 1 && fit >= 1 {
		fmt.Fprintf(&b, "Run fewer replications at once (--workers %d), shrink the community, or", fit)
	} else if n.files > 0 {
		b.WriteString("Use a smaller data set, or")
	} else {
		b.WriteString("Shrink the community, or")
	}
	fmt.Fprintf(&b, " raise the limit if the machine has the memory: --max-memory %s", roundUpGiB(need))
	return fmt.Errorf("%s", b.String())
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// roundUpGiB writes b rounded up to a whole number of GiB (MiB below 1 GiB).
func roundUpGiB(b int64) string {
	if b < 1<<30 {
		return fmt.Sprintf("%dMiB", (b+(1<<20)-1)>>20)
	}
	return fmt.Sprintf("%dGiB", (b+(1<<30)-1)>>30)
}
