package sim

import (
	"math"
	"testing"
)

// handBuilt is a tiny community whose state a test sets by hand before the
// record measures it: no ties, no organizations, no vulnerable residents,
// everyone an adult but the last resident, a child, and nothing pending.
func handBuilt(t *testing.T) *Engine {
	t.Helper()
	c := onlyPhases(Defaults())
	c.Calendar = Calendar{PreProject: 8}
	c.Community.Households = 4
	c.Community.Buildings, c.Community.Grids = 1, 1
	c.Community.NeighbourTies, c.Community.FriendTies = 0, 0
	c.Community.Organizations = 0
	e := mustNew(t, c, 1, 1)
	if e.r.n < 6 || len(e.shards) != 1 {
		t.Fatalf("%d residents in %d shards: the test needs 6 or more in one", e.r.n, len(e.shards))
	}
	r := &e.r
	for i := range r.n {
		r.age[i], r.prevTook[i], r.flags[i] = Adult, isGrown, 0
		r.needs[i], r.careSeen[i], r.careLapsed[i] = needSet{}, 0, 0
		r.belong[i], r.trust[i], r.efficacy[i], r.role[i] = 0.5, 0.5, 0.5, 0.5
	}
	last := r.n - 1
	r.age[last], r.prevTook[last] = Child, 0
	return e
}

// week opens a week on e, lets set change the state by hand, records the
// week and returns what it recorded.
func (e *Engine) handWeek(set func()) [NumMetrics]float64 {
	e.beginWeek()
	e.opening()
	set()
	e.record()
	e.week++
	var got [NumMetrics]float64
	for m := range got {
		got[m] = e.result.Values[m][len(e.result.Values[m])-1]
	}
	return got
}

// Every metric on one hand-built week whose answer is worked out by hand.
func TestMetricsOnHandBuiltWeek(t *testing.T) {
	e := handBuilt(t)
	r := &e.r
	n := float64(r.n)
	adults := n - 1
	got := e.handWeek(func() {
		r.flags[0], r.flags[1] = flagVulnerable, flagVulnerable
		r.careSeen[0], r.careSeen[1] = 1, 1 // 0 was served, 1 still waits
		r.needs[1][NeedCare], r.needs[2][NeedEconomic] = 1, 2
		r.took[0], r.took[1], r.took[2] = didAffairs, didAffairs|didActivity, didActivity
		r.belong[0], r.trust[0], r.efficacy[0], r.role[0] = 1, 1, 1, 1
		r.orgCount[0] = 1
		r.addTie(0, 2, tieGrown, 0.9, 0, false) // strong
		r.addTie(3, 4, tieGrown, 0.1, 0, false) // weak
		e.orgs = append(e.orgs, organization{alive: true, members: make([]int32, 5), activity: 0.5, funds: 100},
			organization{alive: true, members: make([]int32, 1), activity: 0.5, funds: 20})
		e.shards[0].askedSW, e.shards[0].lapsed = 2, 3
		w := &e.thisWeek
		w.resolved[byCommittee], w.resolved[bySocialWorkers], w.resolved[byResidents] = 3, 1, 2
		w.issueBy[byCommittee], w.issuesRaised, w.issuesResolved = 2, 4, 2
		w.workerPaid, w.teamUsed, w.teamMeasures, w.volunteerUsed, w.mutualHours = 10, 2, 3, 4, 1
		w.spent = 50
	})
	belong := (adults - 1 + 2) / 2 / adults // one at 1, the others at 0.5
	structure := (2/n + 2/n/3 + 2/n) / 3
	// The network: one strong tie, 0–2, in one grid.
	alone := 0
	for h := range len(e.households.start) - 1 {
		if i := e.households.start[h]; e.households.start[h+1]-i == 1 && i != 0 && i != 2 {
			alone++
		}
	}
	assortativity := 0.0 // one tie counted both ways: -1 unless both ends earn alike
	if e.income(0) != e.income(2) {
		assortativity = -1
	}
	wantNeeds := -(3.0/6*math.Log(3.0/6) + 1.0/6*math.Log(1.0/6) + 2.0/6*math.Log(2.0/6)) / math.Log(5)
	want := [NumMetrics]float64{
		Participation:       2 / adults,
		ParticipationWeek:   2 / adults,
		ActivityAttendance:  2 / n,
		OrgMembership:       1 / adults,
		Cohesion:            (belong + structure + belong) / 3,
		BelongingMean:       belong,
		StrongTieShare:      2 / n,
		StrongDegree:        2 / n,
		LargestComponent:    2 / n,
		TrustMean:           belong,
		EfficacyMean:        belong,
		RoleClarity:         belong,
		VulnerableCoverage:  0.5,
		Efficiency:          (6 + 2) / 20.0,
		Backlog:             3 / n,
		NeedsLapsed:         3 / n,
		GovernanceDiversity: wantNeeds / 2, // issues: the committee alone, evenness 0
		ResolversActive:     3,
		CommitteeShare:      5.0 / 8,
		OrgsActive:          1,
		OrgFunds:            120,
		Cost:                50,
		NeedsResolved:       6 / n,
		SocialWorkUptake:    2 / adults,
		SocialWorkResolved:  1 / n,
		IssuesResolved:      0.5,
		IsolatedShare:       float64(alone) / n,
		StrongDegreeMax:     1,
		Clustering:          0, // no triples
		Bridging:            0, // one grid
		IncomeAssortativity: assortativity,
	}
	for m, info := range Metrics {
		if math.Abs(got[m]-want[m]) > 1e-12 {
			t.Errorf("%s = %v, want %v", info.Name, got[m], want[m])
		}
	}

	// The next week, nobody takes part: the week's share is 0, the
	// four-week share still counts last week's participants.
	got = e.handWeek(func() {})
	if got[ParticipationWeek] != 0 || got[Participation] != 2/adults {
		t.Errorf("a quiet week after a meeting: participation_week %v, participation %v, want 0 and %v",
			got[ParticipationWeek], got[Participation], 2/adults)
	}
}

// A vulnerable resident whose care needs only lapsed was not covered: a
// week in which needs only lapse gives coverage 0 (it gave 1 when a lapsed
// need counted as met), and counts the lapsed needs.
func TestCoverageLapsedIsUnmet(t *testing.T) {
	e := handBuilt(t)
	b := &e.cfg.Behaviour
	b.NeedLapse = 1                                                  // every pending need is given up
	b.CareRateVulnerable, b.CareRateElder, b.CareRateOther = 0, 0, 0 // no new needs
	b.EconomicRate, b.CulturalRate, b.CivicRate, b.ChildrenRate = 0, 0, 0, 0
	e.enabled[phaseNeeds] = true
	r := &e.r
	r.flags[0] = flagVulnerable
	r.needs[0][NeedCare] = 2
	r.needs[1][NeedCivic] = 1
	got := e.handWeek(func() {})
	if r.needs[0][NeedCare] != 0 {
		t.Fatalf("care needs still pending: %d", r.needs[0][NeedCare])
	}
	if got[VulnerableCoverage] != 0 {
		t.Errorf("vulnerable_coverage = %v after needs only lapsed, want 0", got[VulnerableCoverage])
	}
	if want := 3 / float64(r.n); got[NeedsLapsed] != want {
		t.Errorf("needs_lapsed = %v, want %v", got[NeedsLapsed], want)
	}
	// The lapse stays in the window for four weeks, then the resident has
	// no recent care need and coverage is 1 again (nobody needed care).
	for wk := 1; wk <= 4; wk++ {
		got = e.handWeek(func() {})
		want := 0.0
		if wk == 4 {
			want = 1
		}
		if got[VulnerableCoverage] != want || got[NeedsLapsed] != 0 {
			t.Errorf("%d weeks later: coverage %v, needs_lapsed %v, want %v and 0", wk, got[VulnerableCoverage], got[NeedsLapsed], want)
		}
	}
}

// A week with no provider's hours has no efficiency (NaN, an empty cell),
// not a division by zero.
func TestEfficiencyWithoutHoursIsNaN(t *testing.T) {
	e := handBuilt(t)
	got := e.handWeek(func() { e.thisWeek.resolved[byResidents] = 0 })
	if !math.IsNaN(got[Efficiency]) {
		t.Errorf("efficiency with no hours = %v, want NaN", got[Efficiency])
	}
}

// Social workers' measures take hours, which efficiency counts: the hours
// the calendar gives the measures are those the team does not keep for
// casework.
func TestMeasureHoursAreCounted(t *testing.T) {
	c := programme()
	c.Calendar = Calendar{Middle: 4}
	e := mustNew(t, c, 1, 1)
	e.calendar()
	w := &e.thisWeek
	have := float64(c.Project.SocialWorkers) * c.Project.Hours
	if w.teamMeasures <= 0 || math.Abs(w.teamMeasures+w.teamHours-have) > 1e-9 {
		t.Errorf("measure hours %v + casework %v, want %v in all", w.teamMeasures, w.teamHours, have)
	}
}

// Mutual help that resolves a need counts the hours the need takes.
func TestMutualHelpHours(t *testing.T) {
	c := onlyPhases(Defaults(), "calendar", "needs", "services")
	c.Calendar = Calendar{PreProject: 3}
	c.Behaviour.MutualHelp = 1
	e := mustNew(t, c, 2, 1)
	e.Step()
	w := &e.thisWeek
	if w.resolved[byResidents] == 0 {
		t.Fatal("no mutual help")
	}
	lo, hi := c.Behaviour.HoursPerNeed*e.needHours[NeedCultural], c.Behaviour.HoursPerNeed*e.needHours[NeedEconomic]
	if per := w.mutualHours / float64(w.resolved[byResidents]); per < lo || per > hi {
		t.Errorf("%v hours per need helped, want within [%v, %v]", per, lo, hi)
	}
}

// Governance diversity averages the evenness over needs and over issues,
// each where anything was resolved; resolvers_active counts the kinds.
func TestDiversity(t *testing.T) {
	all5 := [numResolvers]float64{1, 1, 1, 1, 1}
	for _, tc := range []struct {
		name          string
		needs, issues [numResolvers]float64
		diversity     float64
		active        int
	}{
		{"nothing resolved", [numResolvers]float64{}, [numResolvers]float64{}, 0, 0},
		{"needs evenly, no issues", all5, [numResolvers]float64{}, 1, 5},
		{"needs evenly, issues by the committee", all5, [numResolvers]float64{byCommittee: 7}, 0.5, 5},
		{"the committee alone", [numResolvers]float64{byCommittee: 300}, [numResolvers]float64{byCommittee: 7}, 0, 1},
		{"issues evenly by their three kinds", [numResolvers]float64{byCommittee: 300},
			[numResolvers]float64{byCommittee: 2, bySocialWorkers: 2, byOrganizations: 2}, 0.5, 3},
	} {
		w := window{needsBy: tc.needs, issuesBy: tc.issues}
		d, a := w.diversity()
		if math.Abs(d-tc.diversity) > 1e-12 || a != tc.active {
			t.Errorf("%s: diversity %v, resolvers %d, want %v and %d", tc.name, d, a, tc.diversity, tc.active)
		}
	}
}

// Cohesion weighs belonging, the tie structure and trust equally.
func TestCohesion(t *testing.T) {
	for _, tc := range []struct {
		belong, trust float64
		s             tieStructure
		want          float64
	}{
		{0, 0, tieStructure{}, 0},
		{1, 1, tieStructure{share: 1, degree: 3, largest: 1}, 1},
		{1, 1, tieStructure{share: 1, degree: 9, largest: 1}, 1}, // degree saturates at 3
		{0.6, 0.3, tieStructure{share: 0.3, degree: 1.5, largest: 0.6}, (0.6 + 0.3 + (0.3+0.5+0.6)/3) / 3},
	} {
		if got := cohesion(tc.belong, tc.trust, tc.s); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("cohesion(%v, %v, %+v) = %v, want %v", tc.belong, tc.trust, tc.s, got, tc.want)
		}
	}
}
