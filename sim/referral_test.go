package sim

import (
	"math"
	"testing"
)

// TestReferral checks the direct effect of the professional boundary's
// referral. Only economic needs arise, social workers may handle care only,
// nobody asks the committee and there are no party members or
// organizations: without referral no need is resolved; with it, the needs
// that reach social workers are referred to the committee, which resolves
// them, at referral_hours of team time each; and a share referral_loss of
// referrals is lost (an interval over replications).
func TestReferral(t *testing.T) {
	type tally struct{ referred, lost, committee, teamUsed float64 }
	run := func(referral bool, loss float64, seed uint64) tally {
		c := onlyPhases(Defaults(), "calendar", "needs", "services")
		c.Community.Households, c.Community.Buildings, c.Community.Grids = 60, 6, 2
		c.Community.PartyMemberShare, c.Community.Organizations = 0, 0
		c.Calendar = Calendar{Initial: 8}
		c.Project.Enabled = true
		c.Project.Boundary = []string{"care"}
		c.Project.Referral, c.Project.ReferralLoss = referral, loss
		b := &c.Behaviour
		b.CareRateElder, b.CareRateVulnerable, b.CareRateOther = 0, 0, 0
		b.CulturalRate, b.CivicRate, b.ChildrenRate = 0, 0, 0
		b.AskBase, b.AskTrust, b.MutualHelp = 0, 0, 0
		e := mustNew(t, c, seed, 1)
		for i := range e.r.role {
			e.r.role[i] = 1
		}
		var s tally
		for range c.Calendar.Initial {
			e.Step()
			w := &e.thisWeek
			s.referred += float64(w.referred)
			s.lost += float64(w.referralsLost)
			s.committee += float64(w.resolved[byCommittee])
			s.teamUsed += w.teamUsed
		}
		return s
	}
	hours := Defaults().Project.ReferralHours
	if s := run(false, 0, 1); s.referred != 0 || s.committee != 0 {
		t.Errorf("without referral: %v referred, %v resolved by the committee, want 0 and 0", s.referred, s.committee)
	}
	whole := run(true, 0, 1)
	if whole.referred == 0 || whole.committee == 0 || whole.lost != 0 {
		t.Errorf("with referral and no loss: %v referred, %v lost, %v resolved by the committee; want some, none, some", whole.referred, whole.lost, whole.committee)
	}
	if math.Abs(whole.teamUsed-hours*whole.referred) > 1e-9 {
		t.Errorf("team hours used %v, want %v × %v referrals", whole.teamUsed, hours, whole.referred)
	}
	const reps, loss = 20, 0.4
	var shares []float64
	for seed := range uint64(reps) {
		s := run(true, loss, seed+10)
		shares = append(shares, s.lost/s.referred)
	}
	m, half := meanCI(shares)
	if math.Abs(m-loss) > half {
		t.Errorf("share of referrals lost %.3f ± %.3f over %d replications, want an interval around %v", m, half, reps, loss)
	}
	t.Logf("no loss: %+v; loss %v: %.3f ± %.3f", whole, loss, m, half)
	if lossy := run(true, loss, 1); !(lossy.committee < whole.committee) {
		t.Errorf("with referral_loss %v the committee resolves %v, want fewer than the %v without loss", loss, lossy.committee, whole.committee)
	}
}
