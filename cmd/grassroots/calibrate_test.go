package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyCalibration = `base = "baseline"
particles = 8
replications = 1
generations = 2
predictive_draws = 10

[[target]]
metric = "participation"
weeks = "0:3"
value = 0.1
se = 0.02

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.8 }
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCalibrateWritesEveryOutput(t *testing.T) {
	file := writeFile(t, "tiny.toml", tinyCalibration)
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, err := runCLI(t, "calibrate", file, "--out", dir, "--quiet", "--workers", "2")
	if err != nil {
		t.Fatalf("calibrate: %v\n%s", err, stderr)
	}
	for _, f := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "manifest.json",
		"posterior.png", "posterior.svg", "fit.png", "fit.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "macro.channel_openness") {
		t.Errorf("stdout lacks the posterior summary:\n%s", stdout)
	}
	// The calibrated scenario runs.
	if _, stderr, err := runCLI(t, append([]string{"run", filepath.Join(dir, "calibrated.toml"), "--out", filepath.Join(t.TempDir(), "run")}, small[:3]...)...); err != nil {
		t.Errorf("running calibrated.toml: %v\n%s", err, stderr)
	}
	// Run again over the previous outputs, by MSM: they are replaced.
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", dir, "--quiet", "--seed", "5", "--method", "msm"); err != nil {
		t.Errorf("calibrate over its previous outputs: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "estimates.csv")); err != nil {
		t.Errorf("msm: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "posterior.csv")); err == nil {
		t.Error("msm left the previous posterior.csv")
	}
}

// A bad file is reported with its line before anything runs, and nothing
// is written.
func TestCalibrateBadInput(t *testing.T) {
	bad := writeFile(t, "bad.toml", strings.Replace(tinyCalibration, `"participation"`, `"participaton"`, 1))
	dir := filepath.Join(t.TempDir(), "out")
	_, _, err := runCLI(t, "calibrate", bad, "--out", dir, "--quiet")
	if err == nil || !strings.Contains(err.Error(), `bad.toml:8: key "target[1].metric": unknown metric "participaton" (did you mean "participation"?)`) {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the output directory exists after a failure: %v", err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"calibrate"}, "takes one calibration file, got 0 arguments"},
		{[]string{"calibrate", bad, "--method", "mcmc"}, `--method "mcmc": want abc-smc or msm`},
		{[]string{"calibrate", bad, "--particles", "1"}, "--particles must be from 2 to 100000, got 1"},
		{[]string{"calibrate", bad, "--workers", "0"}, "--workers must be at least 1, got 0"},
	} {
		_, stderr, err := runCLI(t, c.args...)
		if !errors.Is(err, errUsage) || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: err %v, stderr %q, want usage error %q", c.args, err, stderr, c.want)
		}
	}
	if _, _, err := runCLI(t, "calibrate", filepath.Join(t.TempDir(), "none.toml")); err == nil || !strings.Contains(err.Error(), "no such calibration file") {
		t.Errorf("missing file: %v", err)
	}
}
