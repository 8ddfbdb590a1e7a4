package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
)

func main() {
	os.Exit(runWithSignals(os.Args[1:], os.Stdout, os.Stderr))
}

// grace is how long a command may take to wind down after SIGINT or
// SIGTERM before it is stopped.
const grace = time.Second

// runWithSignals runs the command and returns its exit code. The first
// SIGINT or SIGTERM cancels the command's context: commands stop, and say
// what they kept. One that has not returned within grace (reading a large
// data set, which does not look at the context) is stopped then, and a
// second signal stops it at once; neither interrupts a directory swap, so
// outputs are still whole or absent.
func runWithSignals(args []string, stdout, stderr io.Writer) int {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- exitCode(run(ctx, args, stdout, stderr), stderr) }()
	var sig os.Signal
	select {
	case code := <-done:
		return code
	case sig = <-signals:
		cancel()
	}
	select {
	case code := <-done:
		return code
	case sig = <-signals:
	case <-time.After(grace):
	}
	atomicfile.Quiesce()
	fmt.Fprintf(stderr, "grassroots: %v: stopped before finishing; outputs are whole or not written, and a sweep continues with --resume\n", sig)
	return 1
}

// exitCode maps an error to the process status: 0 ok, 2 usage, 1 anything
// else, which it reports on stderr.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "grassroots:", err)
		return 1
	}
}
