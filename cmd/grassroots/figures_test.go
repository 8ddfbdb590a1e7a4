package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run --metrics draws the metrics asked for instead of the default two.
func TestRunMetricsFlag(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"run", "--out", dir, "--metrics", "trust, org_funds"}, small...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	for _, f := range []string{"trust.png", "trust.svg", "org_funds.png", "org_funds.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "participation.png")); err == nil {
		t.Error("participation.png drawn though not asked for")
	}
}

// An unknown metric is a usage error that names the allowed ones and the
// likely one meant, before anything runs.
func TestMetricsFlagUnknown(t *testing.T) {
	for _, cmd := range []string{"run", "compare"} {
		dir := filepath.Join(t.TempDir(), "out")
		_, stderr, err := runCLI(t, cmd, "baseline", "--out", dir, "--metrics", "participation,trsut")
		if !errors.Is(err, errUsage) {
			t.Fatalf("%s: %v, want a usage error", cmd, err)
		}
		for _, want := range []string{`unknown metric "trsut" (did you mean "trust"?)`, "known: participation, participation_week, activity_attendance,"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: message %q lacks %q", cmd, stderr, want)
			}
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s: output directory created", cmd)
		}
	}
}

// compare draws each metric's difference from the baseline beside its levels.
func TestCompareDrawsDifferences(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"compare", "baseline", "full-programme", "--out", dir, "--metrics", "trust"}, small...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("compare: %v\n%s", err, stderr)
	}
	for _, f := range []string{"trust.png", "trust.svg", "trust_diff.png", "trust_diff.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}
