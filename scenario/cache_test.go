package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Loads through one cache share one reading of the data, whatever else
// they override and however many run at once, and give what Load gives.
func TestDataCacheSharesOneReading(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	path := filepath.Join(dir, "s.toml")
	write(t, path, "extends = \"baseline\"\n"+dataKeysText)
	var cache DataCache
	loaded := make([]*Scenario, 8)
	var wg sync.WaitGroup
	for k := range loaded {
		wg.Go(func() {
			s, err := cache.Load(path, []string{fmt.Sprintf("macro.bureaucracy=0.%d", k+1)})
			if err != nil {
				t.Error(err)
				return
			}
			loaded[k] = s
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for k, s := range loaded {
		if s.Config.Data != loaded[0].Config.Data {
			t.Fatalf("load %d has a reading of its own", k)
		}
		if s.Config.Macro.Bureaucracy != float64(k+1)/10 {
			t.Errorf("load %d: bureaucracy %v: the override is lost", k, s.Config.Macro.Bureaucracy)
		}
	}
	fresh, err := Load(path, []string{"macro.bureaucracy=0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Config.Data == loaded[0].Config.Data {
		t.Fatal("Load without a cache shares a reading")
	}
	sameScenario(t, fresh, loaded[0])
}

// A data file that changes (size or modification time) is read again.
func TestDataCacheReadsChangedFiles(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	path := filepath.Join(dir, "s.toml")
	write(t, path, dataKeysText)
	var cache DataCache
	a, err := cache.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	hh := filepath.Join(dir, "households.csv")
	data, _ := os.ReadFile(hh)
	// The same size, and a later time set by hand: file clocks may be coarse.
	write(t, hh, strings.Replace(string(data), "1-101,No. 1,1500", "1-101,No. 1,1501", 1))
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(hh, later, later); err != nil {
		t.Fatal(err)
	}
	b, err := cache.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Config.Data == b.Config.Data || a.DataHash == b.DataHash {
		t.Fatal("a changed file was not read again")
	}
	if got := b.Config.Data.Households[0].Income; got != 1501 {
		t.Errorf("income %v, want 1501 from the changed file", got)
	}
	if len(cache.reads) != 1 {
		t.Errorf("%d readings kept, want only the newest", len(cache.reads))
	}
}

// Bad data through a cache are reported as Load reports them, every time.
func TestDataCacheKeepsErrors(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	write(t, filepath.Join(dir, "bad-residents.csv"), "resident_id,household_id,age,education,vulnerable,party_member\nR1,1-101,adlt,middle,no,no\n")
	path := filepath.Join(dir, "s.toml")
	write(t, path, "[community]\nhouseholds_file = \"households.csv\"\nresidents_file = \"bad-residents.csv\"\n")
	_, want := Load(path, nil)
	if want == nil {
		t.Fatal("bad data loaded")
	}
	var cache DataCache
	for range 2 {
		if _, err := cache.Load(path, nil); err == nil || err.Error() != want.Error() {
			t.Fatalf("through the cache:\n%v\nwithout:\n%v", err, want)
		}
	}
}
