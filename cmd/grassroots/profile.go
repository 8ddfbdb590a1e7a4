package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// profileFlags are the profiling outputs every command that simulates
// accepts: a CPU profile, a heap profile written at the end, an execution
// trace.
type profileFlags struct {
	cpu, mem, trace string
	closers         []func() error // ending the profiles started
}

func (p *profileFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile to `FILE` (go tool pprof FILE)")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile to `FILE` at the end")
	fs.StringVar(&p.trace, "trace", "", "write an execution trace to `FILE` (go tool trace FILE)")
}

// start checks the profiles' paths, then begins the profiles. Commands
// call it once they know they will run (the scenario valid, the outputs
// checked), so that a command refused leaves every file as it was.
func (p *profileFlags) start(inputs []string, outDirs ...string) error {
	if err := p.check(inputs, outDirs...); err != nil {
		return err
	}
	if p.cpu != "" {
		f, err := os.Create(p.cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		p.closers = append(p.closers, func() error { pprof.StopCPUProfile(); return f.Close() })
	}
	if p.trace != "" {
		f, err := os.Create(p.trace)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return err
		}
		p.closers = append(p.closers, func() error { trace.Stop(); return f.Close() })
	}
	if p.mem != "" {
		path := p.mem
		p.closers = append(p.closers, func() error {
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				f.Close()
				return fmt.Errorf("heap profile: %w", err)
			}
			return f.Close()
		})
	}
	return nil
}

// check refuses profile paths that would destroy a file: one the command
// reads (inputs), one in a directory it writes (outDirs), an existing file
// that is not a profile written before.
func (p *profileFlags) check(inputs []string, outDirs ...string) error {
	flags := []struct{ name, path string }{{"--cpuprofile", p.cpu}, {"--memprofile", p.mem}, {"--trace", p.trace}}
	for i, f := range flags {
		if f.path == "" {
			continue
		}
		for _, g := range flags[:i] {
			if g.path != "" && resolve(g.path) == resolve(f.path) {
				return fmt.Errorf("%s and %s name the same file %s; give each its own", g.name, f.name, f.path)
			}
		}
		for _, in := range inputs {
			if resolve(in) == resolve(f.path) {
				return fmt.Errorf("%s %s is a file this command reads; choose another path", f.name, f.path)
			}
		}
		for _, dir := range outDirs {
			if resolve(dir) == resolve(f.path) || within(dir, f.path) {
				return fmt.Errorf("%s %s is inside the output directory %s; choose a path outside it", f.name, f.path, dir)
			}
		}
		if err := checkProfileTarget(f.name, f.path); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the profiles started and writes what is written at the end.
func (p *profileFlags) stop() error {
	var first error
	for k := len(p.closers) - 1; k >= 0; k-- {
		if err := p.closers[k](); err != nil && first == nil {
			first = err
		}
	}
	p.closers = nil
	return first
}

// Profiles begin with these bytes: pprof's are gzip-compressed, traces
// start with a "go 1.N trace" header.
var profileMagic = [][]byte{{0x1f, 0x8b}, []byte("go 1.")}

// checkProfileTarget refuses a path whose file the profile would destroy:
// anything but a regular file, and a regular file that is neither empty
// nor a profile written before.
func checkProfileTarget(flag, path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s %s exists and is not a regular file; choose another path", flag, path)
	case fi.Size() == 0:
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	for _, magic := range profileMagic {
		if bytes.HasPrefix(head[:n], magic) {
			return nil
		}
	}
	return fmt.Errorf("%s %s exists and is not a profile: it would be overwritten; remove it or choose another path", flag, path)
}
