package main

import (
	"flag"
	"fmt"
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
}

func (p *profileFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile to `FILE` (go tool pprof FILE)")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile to `FILE` at the end")
	fs.StringVar(&p.trace, "trace", "", "write an execution trace to `FILE` (go tool trace FILE)")
}

// start begins the requested profiles and returns the function that ends
// them and writes what is written at the end.
func (p *profileFlags) start() (stop func() error, err error) {
	var closers []func() error
	stop = func() error {
		var first error
		for k := len(closers) - 1; k >= 0; k-- {
			if err := closers[k](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if p.cpu != "" {
		f, err := os.Create(p.cpu)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return stop, err
		}
		closers = append(closers, func() error { pprof.StopCPUProfile(); return f.Close() })
	}
	if p.trace != "" {
		f, err := os.Create(p.trace)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return stop, err
		}
		closers = append(closers, func() error { trace.Stop(); return f.Close() })
	}
	if p.mem != "" {
		path := p.mem
		closers = append(closers, func() error {
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
	return stop, nil
}
