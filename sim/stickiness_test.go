package sim

import "testing"

// TestStickiness checks the direct effect of each governance actor's
// stickiness key: with its fade rate raised, what the project built for
// that actor is lower at the end of the follow-up (every other key as in
// the programme, same seed, so the runs differ only from the first week
// the faster fade acts).
func TestStickiness(t *testing.T) {
	type state struct{ openness, linkage, linked, leadership, members float64 }
	measure := func(e *Engine) state {
		var s state
		s.openness, s.linkage = e.macro.openness, e.macro.linkage
		for _, id := range e.party {
			if e.r.flags[id]&flagLinked != 0 {
				s.linked++
			}
		}
		alive := 0
		for _, o := range e.orgs {
			if o.alive {
				alive++
				s.leadership += o.leader
				s.members += float64(len(o.members))
			}
		}
		if alive > 0 {
			s.leadership /= float64(alive)
		}
		return s
	}
	run := func(weaken func(*Behaviour)) state {
		c := programme()
		c.Calendar = Calendar{PreProject: 2, Initial: 4, Middle: 20, Later: 4, FollowUp: 20}
		weaken(&c.Behaviour)
		e, _ := mustRun(t, c, 3, 1)
		return measure(e)
	}
	strong := run(func(*Behaviour) {})
	cases := []struct {
		name   string
		weaken func(*Behaviour)
		lower  func(weak state) (got, want float64)
	}{
		{"committee_fade", func(b *Behaviour) { b.CommitteeFade *= 2 },
			func(w state) (float64, float64) { return w.openness, strong.openness }},
		{"linkage_fade", func(b *Behaviour) { b.LinkageFade *= 2 },
			func(w state) (float64, float64) { return w.linkage, strong.linkage }},
		{"party_unlink", func(b *Behaviour) { b.PartyUnlink *= 2 },
			func(w state) (float64, float64) { return w.linked, strong.linked }},
		{"leadership_fade", func(b *Behaviour) { b.LeaderFade *= 4 },
			func(w state) (float64, float64) { return w.leadership, strong.leadership }},
		{"org_leave", func(b *Behaviour) { b.OrgLeave *= 2 },
			func(w state) (float64, float64) { return w.members, strong.members }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, want := c.lower(run(c.weaken))
			if !(got < want) {
				t.Errorf("with %s weakened, the end of the follow-up has %v, want below %v", c.name, got, want)
			}
		})
	}
}
