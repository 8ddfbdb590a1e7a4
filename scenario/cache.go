package scenario

import (
	"os"
	"sync"

	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/sim"
)

// A DataCache shares the communities read from data files between loads.
// A sweep loads the scenario of every point, and its points name the same
// files: through a cache they are read and parsed once, and every point's
// configuration points at the same sim.Population, which nothing modifies
// (the engine only reads it). A file whose size or modification time has
// changed since is read again, and the new reading replaces the old. Safe
// for concurrent use; the zero value is ready, and a nil *DataCache reads
// afresh every time.
type DataCache struct {
	// BeforeRead, if not nil, is called with the total size of the data
	// files before they are read, so that a command can refuse a reading
	// its memory would not hold. Its error is Load's, unchanged.
	BeforeRead func(size int64) error

	mu    sync.Mutex
	reads map[[3]string]*dataRead // by households, residents and ties paths
}

// dataRead is one reading of a set of files, shared by every load that
// names them while they keep the stamps they had.
type dataRead struct {
	stamps [3]fileStamp
	once   sync.Once
	pop    *sim.Population
	sum    string
	err    error
}

type fileStamp struct{ size, modified int64 }

// Load is the package's Load, reading data files through the cache.
func (c *DataCache) Load(ref string, overrides []string) (*Scenario, error) {
	src, err := open(ref, ".")
	if err != nil {
		return nil, err
	}
	return load(src, overrides, c)
}

// read returns the community in the households, residents and ties files
// (the last may be ""), with the hash of their contents (population.ReadSum).
func (c *DataCache) read(paths [3]string) (*sim.Population, string, error) {
	if c == nil {
		return population.ReadSum(paths[0], paths[1], paths[2])
	}
	var stamps [3]fileStamp
	for k, p := range paths {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil {
			stamps[k] = fileStamp{fi.Size(), fi.ModTime().UnixNano()}
		}
	}
	c.mu.Lock()
	if c.reads == nil {
		c.reads = map[[3]string]*dataRead{}
	}
	r := c.reads[paths]
	if r == nil || r.stamps != stamps {
		r = &dataRead{stamps: stamps}
		c.reads[paths] = r
	}
	c.mu.Unlock()
	r.once.Do(func() {
		if c.BeforeRead != nil {
			var size int64
			for _, st := range stamps {
				size += st.size
			}
			if err := c.BeforeRead(size); err != nil {
				r.err = refusedError{err}
				return
			}
		}
		r.pop, r.sum, r.err = population.ReadSum(paths[0], paths[1], paths[2])
	})
	return r.pop, r.sum, r.err
}

// refusedError carries BeforeRead's error through the loader.
type refusedError struct{ err error }

func (e refusedError) Error() string { return e.err.Error() }
