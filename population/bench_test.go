package population

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads a community of about 100,000 residents (29,412
// households, every optional column filled, about 390,000 ties) from its
// three files:
//
//	go test ./population -run '^$' -bench Read -benchmem
func BenchmarkRead(b *testing.B) {
	p := synthetic(b, 29_412, 1)
	dir := b.TempDir()
	if err := Write(dir, p); err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, name := range []string{HouseholdsFile, ResidentsFile, TiesFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		bytes += fi.Size()
	}
	b.SetBytes(bytes)
	for b.Loop() {
		readDir(b, dir)
	}
	b.ReportMetric(float64(len(p.Residents)), "residents")
	b.ReportMetric(float64(len(p.Ties)), "ties")
}

// BenchmarkWrite writes the same community out.
func BenchmarkWrite(b *testing.B) {
	p := synthetic(b, 29_412, 1)
	dir := b.TempDir()
	for b.Loop() {
		if err := Write(dir, p); err != nil {
			b.Fatal(err)
		}
	}
}
