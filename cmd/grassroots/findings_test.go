package main

import (
	"errors"
	"strings"
	"testing"
)

func TestFindingsUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"findings", "--samples", "0"}, "grassroots findings: --samples must be at least 1 and --reps at least 2 (an interval needs two replications), got 0 and 10"},
		{[]string{"findings", "--reps", "1"}, "got 64 and 1"},
		{[]string{"findings", "extra"}, `grassroots findings: takes no arguments, got "extra"`},
		{[]string{"findings", "--shard", "3/2"}, "K must be from 1 to 2"},
	} {
		_, stderr, err := runCLI(t, tc.args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("%v: err %v, want a usage error", tc.args, err)
			continue
		}
		if msg := stderr + err.Error(); !strings.Contains(msg, tc.msg) || !strings.Contains(msg, "usage: grassroots findings") {
			t.Errorf("%v: message %q lacks %q or the usage line", tc.args, msg, tc.msg)
		}
	}
}
