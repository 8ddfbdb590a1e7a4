package sim

import (
	"math"
	"testing"
)

func TestStageOf(t *testing.T) {
	c := Calendar{PreProject: 2, Initial: 1, Middle: 3, Later: 1, FollowUp: 2}
	want := []Stage{PreProject, PreProject, Initial, Middle, Middle, Middle, Later, FollowUpStage, FollowUpStage}
	for w, s := range want {
		if got := c.StageOf(w); got != s {
			t.Errorf("week %d: %v, want %v", w, got, s)
		}
	}
	if c.Weeks() != 9 || c.ProjectEnd() != 7 {
		t.Errorf("Weeks %d ProjectEnd %d", c.Weeks(), c.ProjectEnd())
	}
	if b := c.Boundaries(); len(b) != 5 || b[2].Week != 3 || b[2].Stage != Middle {
		t.Errorf("Boundaries %+v", b)
	}
}

// Calendar: when the team has fewer hours than its measures need, every
// measure is scaled down alike and nothing is left for casework.
func TestCalendarScalesMeasuresToTeamHours(t *testing.T) {
	c := programme()
	c.Calendar = Calendar{Middle: 4}
	c.Project.SocialWorkers = 1
	c.Project.Hours = 10
	e := mustNew(t, c, 1, 1)
	e.calendar()
	if e.thisWeek.teamHours != 0 {
		t.Errorf("casework hours %v with an overloaded team", e.thisWeek.teamHours)
	}
	ratio := e.macro.effort[measureCultural] / c.Stages.Middle.CulturalActivities.Intensity
	if !(ratio > 0 && ratio < 1) || math.Abs(e.macro.effort[measureDiscussion]-ratio) > 1e-12 {
		t.Errorf("efforts not scaled alike: cultural %v, discussion %v", e.macro.effort[measureCultural], e.macro.effort[measureDiscussion])
	}
	c.Project.SocialWorkers, c.Project.Hours = 20, 40
	e = mustNew(t, c, 1, 1)
	e.calendar()
	if e.macro.effort[measureCultural] != 1 || e.thisWeek.teamHours <= 0 {
		t.Errorf("a large team: effort %v, casework %v", e.macro.effort[measureCultural], e.thisWeek.teamHours)
	}
}

// Needs: care needs concentrate on vulnerable residents and elders, and
// never exceed the cap.
func TestNeedsFollowAttributes(t *testing.T) {
	c := onlyPhases(Defaults(), "needs")
	c.Behaviour.NeedLapse = 0
	c.Calendar = Calendar{PreProject: 10}
	e, _ := mustRun(t, c, 1, 2)
	var care [3]float64 // vulnerable, other elders, other adults
	var count [3]float64
	for i := range e.r.n {
		k := 2
		switch {
		case e.r.flags[i]&flagVulnerable != 0:
			k = 0
		case e.r.age[i] == Elder:
			k = 1
		case e.r.age[i] == Child:
			continue
		}
		care[k] += float64(e.r.needs[i][NeedCare])
		count[k]++
		for _, n := range e.r.needs[i] {
			if int(n) > c.Behaviour.NeedCap {
				t.Fatalf("need count %d over cap", n)
			}
		}
	}
	v, el, ad := care[0]/count[0], care[1]/count[1], care[2]/count[2]
	if !(v > el && el > ad) {
		t.Fatalf("care needs per resident: vulnerable %.2f, elders %.2f, adults %.2f", v, el, ad)
	}
}

// Services: with no community workers and no project, only family,
// neighbours and (a little) party members resolve needs; with workers, the
// committee resolves more than residents and party members.
func TestServicesResolvers(t *testing.T) {
	c := onlyPhases(Defaults(), "calendar", "needs", "services")
	c.Calendar = Calendar{PreProject: 12}
	for _, tc := range []struct {
		workers   int
		committee bool
	}{{0, false}, {6, true}} {
		c.Community.CommunityWorkers = tc.workers
		e, _ := mustRun(t, c, 3, 2)
		var total [numResolvers]int
		for _, w := range e.records.accounts.resolved {
			for k, n := range w {
				total[k] += n
			}
		}
		if got := total[byCommittee] > total[byResidents]; got != tc.committee {
			t.Errorf("%d workers: resolved by committee %d, by residents %d", tc.workers, total[byCommittee], total[byResidents])
		}
		if total[bySocialWorkers] != 0 {
			t.Errorf("no project, yet social workers resolved needs: %v", total)
		}
		if tc.committee && total[byPartyMembers] >= total[byCommittee] {
			t.Errorf("unlinked party members resolved as much as the committee: %v", total)
		}
	}
}

// Activities: no event gets more attendees than seats.
func TestActivitiesRespectCapacity(t *testing.T) {
	c := onlyPhases(programme(), "calendar", "activities")
	c.Behaviour.EventSize = 5
	c.Behaviour.EventAppeal = 5 // everyone wants to go
	c.Calendar = Calendar{Middle: 3}
	e := mustNew(t, c, 1, 2)
	for range 3 {
		e.beginWeek()
		e.calendar()
		e.opening()
		e.activities()
		if len(e.events) == 0 {
			t.Fatal("no events")
		}
		seats := make([]int, len(e.events))
		for i := range e.r.n {
			if k := e.r.event[i]; k >= 0 {
				seats[k]++
			}
		}
		for k, n := range seats {
			if n > int(e.events[k].capacity) {
				t.Fatalf("event %d has %d attendees for %d seats", k, n, e.events[k].capacity)
			}
			if n == 0 {
				t.Fatalf("event %d is empty though everyone wants to go", k)
			}
		}
	}
}

// Organizations: without grants or funds, activity fades and organizations
// go inactive; funds never go negative.
func TestOrganizationsNeedFunds(t *testing.T) {
	c := onlyPhases(Defaults(), "calendar", "organizations")
	c.Calendar = Calendar{PreProject: 40}
	c.Community.OrgFunds = 0
	c.Macro.OrgFundsPerWeek = 0
	_, res := mustRun(t, c, 1, 1)
	if got := res.Values[OrgsActive][39]; got != 0 {
		t.Errorf("%v organizations active after 40 weeks without money", got)
	}
	c.Macro.OrgFundsPerWeek = 200
	e, res := mustRun(t, c, 1, 1)
	if got := res.Values[OrgsActive][39]; got != float64(c.Community.Organizations) {
		t.Errorf("%v of %d funded organizations active", got, c.Community.Organizations)
	}
	for _, o := range e.orgs {
		if o.funds < 0 {
			t.Fatal("negative funds")
		}
	}
}

// Discussion: closed channels mean nobody takes part; open channels and an
// eager population mean nearly everyone does.
func TestDiscussionGatedByOpenness(t *testing.T) {
	c := onlyPhases(Defaults(), "discussion")
	c.Calendar = Calendar{PreProject: 8}
	c.Macro.ChannelOpenness = 0
	_, res := mustRun(t, c, 1, 1)
	if p := res.Values[Participation][7]; p != 0 {
		t.Errorf("participation %v with closed channels", p)
	}
	c.Macro.ChannelOpenness = 1
	c.Participation.Intercept = 20
	_, res = mustRun(t, c, 1, 1)
	if p := res.Values[Participation][7]; p < 0.99 {
		t.Errorf("participation %v with open channels and eager residents", p)
	}
}

// Attitudes: with nothing renewing them, attitudes drift toward their
// baselines and grown ties fade away.
func TestAttitudesDriftAndTiesFade(t *testing.T) {
	c := onlyPhases(Defaults(), "attitudes")
	c.Calendar = Calendar{PreProject: 300}
	e := mustNew(t, c, 1, 1)
	r := &e.r
	for i := range r.n {
		r.trust[i] = 1
	}
	r.addTie(0, r.n-1, tieGrown, 0.6, 0, false)
	gap := func() float64 {
		var s float64
		for i := range r.n {
			s += math.Abs(float64(r.trust[i] - r.baseTrust[i]))
		}
		return s / float64(r.n)
	}
	before := gap()
	for range 300 {
		e.Step()
	}
	if after := gap(); after > before/100 {
		t.Errorf("mean trust gap from baseline %v → %v", before, after)
	}
	if r.hasTie(0, r.n-1) || r.hasTie(r.n-1, 0) {
		t.Error("a grown tie survived 300 weeks without co-participation")
	}
}

// Measure: taking part once counts for four weeks, then no more.
func TestMeasureRollingWindow(t *testing.T) {
	c := onlyPhases(Defaults(), "discussion")
	c.Calendar = Calendar{PreProject: 10}
	c.Macro.ChannelOpenness = 1
	c.Macro.MeetingInterval = 1
	c.Participation.Intercept = 20
	e := mustNew(t, c, 1, 1)
	e.Step() // everyone takes part in week 0
	e.cfg.Macro.ChannelOpenness = 0
	e.macro.openness = 0
	for range 5 {
		e.Step()
	}
	p := e.Result().Values[Participation]
	for w, want := range []float64{1, 1, 1, 1, 0, 0} {
		if (p[w] > 0.99) != (want == 1) || (want == 0 && p[w] != 0) {
			t.Errorf("week %d: participation %v, want %v", w, p[w], want)
		}
	}
}

func TestEvenness(t *testing.T) {
	for _, tc := range []struct {
		counts []float64
		want   float64
	}{
		{[]float64{0, 0, 0}, 0},
		{[]float64{5, 0, 0}, 0},
		{[]float64{2, 2, 2, 2}, 1},
		{[]float64{1, 1, 0, 0}, math.Log(2) / math.Log(4)},
	} {
		if got := evenness(tc.counts); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("evenness(%v) = %v, want %v", tc.counts, got, tc.want)
		}
	}
}

// Lapses follow Binomial(k, need_lapse): the mean over many draws is k·p.
func TestLapsesBinomial(t *testing.T) {
	c := Defaults()
	c.Behaviour.NeedLapse = 0.3
	e := mustNew(t, short(c), 1, 1)
	s := newStream()
	s.reset(1, 1, 1, 1)
	const draws = 200_000
	for _, k := range []uint8{1, 5, 12} {
		var sum float64
		for range draws {
			x := e.lapses(k, s.Float64())
			if x > k {
				t.Fatalf("%d lapses of %d", x, k)
			}
			sum += float64(x)
		}
		mean, want := sum/draws, 0.3*float64(k)
		// The standard error of the mean is sqrt(k·p·(1−p)/draws) < 0.004.
		if math.Abs(mean-want) > 0.02 {
			t.Errorf("k=%d: mean lapses %.4f, want %.4f", k, mean, want)
		}
	}
}
