package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func TestTimeseriesParsesBack(t *testing.T) {
	results := fixture(testReps, testWeeks, testCalendar)
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, "base,line \"quoted\"", results); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	// The seed is on every row, as in a sweep's timeseries.csv (issue 14).
	wantHeader := []string{"scenario", "replication", "seed", "week", "stage"}
	for _, m := range sim.Metrics {
		wantHeader = append(wantHeader, m.Name)
	}
	if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
		t.Fatalf("header = %v\nwant %v", header, wantHeader)
	}
	rows := records[1:]
	if len(rows) != testReps*testWeeks {
		t.Fatalf("%d rows, want %d", len(rows), testReps*testWeeks)
	}
	for i, row := range rows {
		r, w := i/testWeeks, i%testWeeks
		if row[0] != "base,line \"quoted\"" {
			t.Fatalf("row %d: scenario %q", i, row[0])
		}
		if row[1] != strconv.Itoa(r) || row[2] != strconv.FormatUint(results[r].Seed, 10) || row[3] != strconv.Itoa(w) {
			t.Fatalf("row %d: replication %s seed %s week %s, want %d %d %d", i, row[1], row[2], row[3], r, results[r].Seed, w)
		}
		if want := testCalendar.StageOf(w).String(); row[4] != want {
			t.Fatalf("row %d: stage %q, want %q", i, row[4], want)
		}
		for m := range sim.NumMetrics {
			field := row[5+int(m)]
			want := fixtureValue(m, r, w)
			if math.IsNaN(want) {
				if field != "" {
					t.Fatalf("row %d %s: NaN written as %q, want empty", i, sim.Metrics[m].Name, field)
				}
				continue
			}
			got, err := strconv.ParseFloat(field, 64)
			if err != nil {
				t.Fatalf("row %d %s: %v", i, sim.Metrics[m].Name, err)
			}
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Fatalf("row %d %s: %g, want %g", i, sim.Metrics[m].Name, got, want)
			}
		}
	}
}

func TestTimeseriesStageBoundaries(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, "s", fixture(1, testWeeks, testCalendar)); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Weeks 1, 2, 5, 6, 11, 12, 15, 16 straddle the stage boundaries.
	want := map[int]string{0: "pre-project", 1: "pre-project", 2: "initial", 5: "initial", 6: "middle",
		11: "middle", 12: "later", 15: "later", 16: "follow-up", 19: "follow-up"}
	for w, stage := range want {
		if got := records[1+w][4]; got != stage {
			t.Errorf("week %d: stage %q, want %q", w, got, stage)
		}
	}
}

func TestTimeseriesEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, "s", nil); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1 {
		t.Fatalf("want only the header, got %d records", len(records))
	}
}

func TestTimeseriesRejectsBadResults(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, "s", []*sim.Result{nil}); err == nil {
		t.Error("nil result: want error")
	}
	bad := fixture(1, testWeeks, testCalendar)
	bad[0].Values[sim.Cohesion] = bad[0].Values[sim.Cohesion][:5]
	if err := WriteTimeseries(&buf, "s", bad); err == nil {
		t.Error("ragged metrics: want error")
	}
}

func TestFormatFloat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{0.1 + 0.2, "0.3"},
		{1.0 / 3, "0.3333333333"},
		{1234567.891, "1234567.891"},
		{-2.5e-7, "-2.5e-07"},
		{math.NaN(), ""},
		{math.Inf(1), ""},
		{math.Inf(-1), ""},
	} {
		if got := FormatFloat(tc.v); got != tc.want {
			t.Errorf("FormatFloat(%g) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
