//go:build unix

package workbench

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkInteractiveCompare times the request behind a lever: the
// baseline, the full programme and sustained funding at 20 replications,
// with the figures and the table, as /explore/result answers it. The issue
// asks for under 2 s on 2 cores: run with -cpu 2. "org-funds" moves the
// organizations' funds, which changes only sustained funding;
// "social-workers" changes both programmes but not the baseline;
// "stage-lengths" changes the calendar, and so all three scenarios;
// "who-gains" is "social-workers" with who gains asked for (groups=1),
// which measures groups of residents and draws who gains. Besides the wall time it reports the CPU seconds per
// request (cpu-s/op), which a machine shared with other work does not
// inflate: on 2 idle cores the wall time is about half of it.
func BenchmarkInteractiveCompare(b *testing.B) {
	for _, bc := range []struct {
		name  string
		query func(i int) string
	}{
		{"org-funds", func(i int) string { return fmt.Sprintf("org_funds=%d", 10*(i%30)) }},
		{"social-workers", func(i int) string { return fmt.Sprintf("social_workers=%d", 2+i%8) }},
		{"stage-lengths", func(i int) string { return fmt.Sprintf("middle_weeks=%d", 30+2*(i%10)) }},
		{"who-gains", func(i int) string { return fmt.Sprintf("groups=1&social_workers=%d", 2+i%8) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := newTestServer(b)
			s.opts.Workers = runtime.GOMAXPROCS(0)
			get(b, s, "/explore/result") // the defaults, as the page first shows them
			start, i := cpuTime(), 0
			for b.Loop() {
				rec := get(b, s, "/explore/result?metric=participation&"+bc.query(i))
				if rec.Code != 200 {
					b.Fatalf("status %d: %.300s", rec.Code, rec.Body)
				}
				i++
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
