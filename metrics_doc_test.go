package grassroots_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// metricRows returns the rows of the metric table in the markdown file at
// path, by name: each row's cells after the name.
func metricRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for line := range strings.SplitSeq(string(b), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) < 4 || !strings.HasPrefix(cells[0], "`") {
			continue
		}
		if _, ok := sim.MetricByName(strings.Trim(cells[0], "`")); ok {
			rows[strings.Trim(cells[0], "`")] = cells[1:]
		}
	}
	return rows
}

// The README's metric table is sim.Metrics, row for row: name, layer, unit
// and formula. On a difference, the test prints the table to paste.
func TestREADMEMetricTable(t *testing.T) {
	var want strings.Builder
	want.WriteString("| metric | layer | unit | formula |\n|---|---|---|---|\n")
	for _, m := range sim.Metrics {
		fmt.Fprintf(&want, "| `%s` | %s | %s | %s |\n", m.Name, m.Layer, m.Unit, m.Doc)
	}
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), want.String()) {
		t.Errorf("README.md lacks the metric table of sim.Metrics:\n%s", want.String())
	}
}

// docs/model.md's metric table spells formulas out in more detail, but
// names every metric with the layer and unit of sim.Metrics.
func TestModelDocMetricTable(t *testing.T) {
	rows := metricRows(t, "docs/model.md")
	for _, m := range sim.Metrics {
		row, ok := rows[m.Name]
		if !ok {
			t.Errorf("docs/model.md: no row for %s", m.Name)
			continue
		}
		if row[0] != string(m.Layer) || row[1] != m.Unit {
			t.Errorf("docs/model.md: %s is %s, %s; sim.Metrics says %s, %s", m.Name, row[0], row[1], m.Layer, m.Unit)
		}
	}
}
