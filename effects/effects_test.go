package effects

import (
	"context"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// The checks of SF4 to SF6 were seen to fail once their mechanisms were
// broken (by hand, not committed): SF4 fails when organizations stay active
// without funds; SF5 fails when administration takes no hours (efficiency
// and trust); SF6 fails for education when efficacy, trust and time no
// longer depend on education and burden. docs/validation.md §2 lists the
// constants the SF3 checks were seen to rest on.

// reps is the number of paired replications behind every check. Each check
// is a 95% interval over them (Student's t, or the delta method for SF4's
// shares kept); with 20 pairs the half-width of an interval is about 0.47
// standard deviations of the paired difference.
const reps = 20

// seed is the common seed of every scenario (common random numbers).
const seed = 20240601

// knownFailures are the findings that do not hold at the default
// parameters, with the reason. A finding listed here that holds fails the
// test too, so the list (and docs/validation.md, which quotes it) cannot
// go stale. Nothing was tuned to make a finding hold.
var knownFailures = map[string]string{
	"sf3_synergy_vulnerable_coverage":                        "party linkage and organization cultivation serve the same vulnerable residents' care needs: their interaction is negative (about −0.13), so together the measures gain less coverage than the sum of each alone",
	"sf3_synergy_governance_diversity":                       "no interaction beyond noise on the whole, nor between any two measures but organizations and discussion channels (slightly negative)",
	"sf3_organization_cultivation_owns_governance_diversity": "with governance_diversity computed over needs and over issues separately (issue 15), discussion channels spread who resolves issues (the team's facilitation, organization members at meetings) more than organization cultivation spreads who resolves needs; the old metric pooled hundreds of needs with tens of issues and hid this",
	"sf4_lasting_participation":                              "sustained funding keeps about a third of the gain in participation: organizations fund activity and membership, not the discussion channels and invitations that drove participation",
	"sf4_lasting_governance_diversity":                       "under sustained funding organizations resolve more of the needs and issues, and evenness falls when one actor dominates: about half the gain is kept, below the bar",
	"sf4_ahead_governance_diversity":                         "sustained funding ends level with the unfunded programme in governance diversity, not above it",
	"sf5_vague_role_social_work_resolved":                    "the social workers' casework hours are all used in every project week, so a vaguer role changes whom they serve, not how many needs they resolve (slightly more, in fact)",
}

var (
	once     sync.Once
	found    []Finding
	data     *Data
	checkErr error
)

// findings runs every scenario once per test binary and decides every
// finding.
func findings(t *testing.T) ([]Finding, *Data) {
	t.Helper()
	if testing.Short() {
		t.Skip("the study's effects need", reps, "replications of", len(variants()), "scenarios; skipped with -short")
	}
	once.Do(func() {
		found, data, checkErr = Check(context.Background(), nil, seed, reps, runtime.GOMAXPROCS(0))
	})
	if checkErr != nil {
		t.Fatal(checkErr)
	}
	return found, data
}

// verdicts checks the findings whose names start with prefix: each must
// hold, unless it is a known failure, which must still fail.
func verdicts(t *testing.T, prefix string) {
	t.Helper()
	fs, _ := findings(t)
	n := 0
	for _, f := range fs {
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		n++
		reason, known := knownFailures[f.Name]
		switch {
		case f.Held && known:
			t.Errorf("%s holds now (%s), but is listed as a known failure (%s): remove it from knownFailures and docs/validation.md", f.Name, f.Detail, reason)
		case f.Held:
			t.Logf("holds: %s — %s", f.Name, f.Detail)
		case known:
			t.Logf("fails, as known (%s): %s — %s", reason, f.Name, f.Detail)
		default:
			t.Errorf("%s does not hold: %s (claim: %s)", f.Name, f.Detail, f.Claim)
		}
	}
	if n == 0 {
		t.Fatalf("no finding named %s*", prefix)
	}
}

func TestSF1Baseline(t *testing.T)              { verdicts(t, "sf1_") }
func TestSF2FullProgramme(t *testing.T)         { verdicts(t, "sf2_") }
func TestSF4ProjectBasedOperation(t *testing.T) { verdicts(t, "sf4_") }
func TestSF5Macro(t *testing.T)                 { verdicts(t, "sf5_") }
func TestSF6MesoMicro(t *testing.T)             { verdicts(t, "sf6_") }

// SF3 also logs the factorial's main effects and two-way interactions.
func TestSF3MeasuresDiffer(t *testing.T) {
	verdicts(t, "sf3_")
	_, d := findings(t)
	for _, m := range append(headline, sim.OrgMembership, sim.Efficiency) {
		t.Log(NewFactorial(d, m))
	}
}

// Every known failure names a finding.
func TestKnownFailuresExist(t *testing.T) {
	names := map[string]bool{}
	for _, f := range evaluate(&recorder{}) {
		names[f.Name] = true
	}
	for name := range knownFailures {
		if !names[name] {
			t.Errorf("knownFailures lists %s, which is no finding", name)
		}
	}
}

// A NaN anywhere in what a check reads never lets it hold: with every
// observation NaN, and with a single replication's NaN among finite
// values.
func TestNaNHoldsNothing(t *testing.T) {
	obs := Observations()
	nan := make([][]float64, 5)
	for r := range nan {
		nan[r] = make([]float64, len(obs))
		for i := range nan[r] {
			nan[r][i] = math.NaN()
		}
	}
	d, err := NewData(nan)
	if err != nil {
		t.Fatal(err)
	}
	fs := Evaluate(d)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range fs {
		if f.Held {
			t.Errorf("%s holds on NaN data: %s", f.Name, f.Detail)
		}
	}
	// One NaN replication among finite values that differ between
	// replications: the NaN must still win.
	rows := make([][]float64, 5)
	for r := range rows {
		rows[r] = make([]float64, len(obs))
		for k := range rows[r] {
			rows[r][k] = 0.01 * float64(r+k%7)
		}
	}
	for k := range rows[2] {
		rows[2][k] = math.NaN()
	}
	if d, err = NewData(rows); err != nil {
		t.Fatal(err)
	}
	for _, f := range Evaluate(d) {
		if f.Held {
			t.Errorf("%s holds with one replication NaN: %s", f.Name, f.Detail)
		}
	}
}

// The checks read the right weeks: the end of the project is the last week
// of the later stage.
func TestWeeks(t *testing.T) {
	s, err := scenario.Load("full-programme", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Config.Calendar
	if c.StageOf(c.ProjectEnd()-1) != sim.Later || c.StageOf(c.ProjectEnd()) != sim.FollowUpStage {
		t.Fatalf("project end %d is not the last later week", c.ProjectEnd())
	}
}
