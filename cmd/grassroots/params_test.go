package main

import (
	"encoding/csv"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
	"github.com/grassroots-sim/grassroots/scenario"
)

// keysOf extracts the keys listed by one output format.
var keysOf = map[string]func(t *testing.T, out string) []string{
	"text": func(t *testing.T, out string) []string {
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if !strings.HasPrefix(lines[0], "KEY ") {
			t.Fatalf("header %q", lines[0])
		}
		var keys []string
		for _, line := range lines[1:] {
			keys = append(keys, strings.Fields(line)[0])
		}
		return keys
	},
	"csv": func(t *testing.T, out string) []string {
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "path" {
			t.Fatalf("header %v", rows[0])
		}
		var keys []string
		for _, r := range rows[1:] {
			keys = append(keys, r[0])
		}
		return keys
	},
	"markdown": func(t *testing.T, out string) []string {
		var keys []string
		for _, line := range strings.Split(out, "\n") {
			if rest, ok := strings.CutPrefix(line, "| `"); ok {
				key, _, _ := strings.Cut(rest, "`")
				keys = append(keys, key)
			}
		}
		return keys
	},
}

// Every format lists every key of the scenario exactly once, in order.
func TestParamsFormats(t *testing.T) {
	s, err := scenario.Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range scenario.Params(s) {
		want = append(want, p.Path)
	}
	for _, format := range []string{"text", "csv", "markdown"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, err := runCLI(t, "params", "full-programme", "--format", format)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			got := keysOf[format](t, out)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("keys listed:\n%v\nwant each key once:\n%v", got, want)
			}
			// The long description is clipped for terminals only.
			clipped := strings.Contains(out, "The three-stage social-work project of …")
			if clipped != (format == "text") {
				t.Errorf("description clipped: %v", clipped)
			}
		})
	}
}

// The value column is the scenario's; csv also gives the default.
func TestParamsValues(t *testing.T) {
	out, stderr, err := runCLI(t, "params", "baseline", "--set", "behaviour.need_lapse=0.07", "--format", "csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"behaviour.need_lapse,behaviour,float,0.07,0.05,0,1,,0.025,0.1,prob/week,",
		"participation.rule,participation,string,logistic,logistic,,,logistic|threshold,,,,",
		`project.boundary,project,[]string,"[care, cultural, civic, children]","[care, cultural, civic, children]",,,care|economic|cultural|civic|children,`,
		"replications,,int,20,10,1,10000,",
	} {
		if !strings.Contains(out, "\n"+want) {
			t.Errorf("no row starting %q in:\n%s", want, out)
		}
	}
}

func TestParamsErrors(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		usage bool
		msg   string
	}{
		{[]string{"params", "--format", "html"}, true, `invalid value "html" for flag -format: want text, markdown or csv, got "html"`},
		{[]string{"params", "baseline", "vague-role"}, true, "grassroots params: takes at most one scenario, got 2"},
		{[]string{"params", "--set", "behaviour.need_lapse=2"}, false, `--set behaviour.need_lapse=2: key "behaviour.need_lapse": must be at most 1, got 2`},
		{[]string{"params", "no-such-scenario"}, false, `unknown built-in scenario "no-such-scenario"`},
	} {
		_, stderr, err := runCLI(t, tc.args...)
		if err == nil || errors.Is(err, errUsage) != tc.usage {
			t.Errorf("%v: err %v, want usage error %v", tc.args, err, tc.usage)
			continue
		}
		if msg := stderr + err.Error(); !strings.Contains(msg, tc.msg) {
			t.Errorf("%v: message %q lacks %q", tc.args, msg, tc.msg)
		}
	}
}

// The csv of the defaults is a golden file (go test -update rewrites it).
func TestParamsGoldenCSV(t *testing.T) {
	out, stderr, err := runCLI(t, "params", "--format", "csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	golden.Check(t, "testdata/params.csv", []byte(out))
}

// docs/parameters.md is the markdown output for the defaults, so that the
// docs' parameter table cannot drift from the schema.
func TestParamsDocsUpToDate(t *testing.T) {
	out, stderr, err := runCLI(t, "params", "--format", "markdown")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	const path = "../../docs/parameters.md"
	const regenerate = "regenerate it from the repository root with\n\tgo run ./cmd/grassroots params --format markdown > docs/parameters.md"
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; %s", err, regenerate)
	}
	if string(have) != out {
		t.Fatalf("docs/parameters.md differs from what params prints; %s", regenerate)
	}
}
