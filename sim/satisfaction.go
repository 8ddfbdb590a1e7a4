package sim

import "math"

// Satisfaction with the social-work team. The study reports that
// "residents and community workers speak highly of the services provided by
// social workers"; the model makes that an outcome rather than a given.
//
// A resident has no opinion of the team until a request of theirs reaches
// it (turning to a social worker, a home visit, a referral). From then on
// their satisfaction starts at behaviour.satisfaction_start and moves with
// what the team's requests bring: a need resolved raises it by
// satisfaction_gain × (1 − s); a need left unserved that week, or a lost
// referral, lowers it by satisfaction_loss × s. It only reads the services
// phase: no behaviour depends on it, so it changes no other metric.
//
// Community workers' satisfaction is one figure for the committee, 0 until
// the team arrives, then satisfaction_start. Each week the project is in
// the community (with needs or issues resolved) it moves worker_satisfaction_rate of
// the way toward the share of the week's needs and issues resolved by
// providers other than the committee (social workers, party members,
// organizations): the relief the team and the actors it mobilises bring.

// satisfactionState is kept in macroState, copied by value into forks.
type satisfactionState struct {
	contacted int     // residents with an opinion of the team
	sum       float64 // the sum of their satisfaction
	workers   float64 // community workers' satisfaction
	met       bool    // the team has been in the community: workers has a value
}

// noOpinion marks a resident the team has not reached.
var noOpinion = float32(math.NaN())

// initSatisfaction gives every resident no opinion, when a project can
// reach them; otherwise nothing is allocated and the metrics stay 0.
// (initEnvironment has set macroState's satisfaction to zero: no opinions.)
// A fork whose project the original lacked calls it too: nobody can have
// an opinion of a team that was not there.
func (e *Engine) initSatisfaction() {
	if !e.cfg.Project.Enabled || e.r.sat != nil {
		return
	}
	e.r.sat = make([]float32, e.r.n)
	for i := range e.r.sat {
		e.r.sat[i] = noOpinion
	}
}

// judge moves resident i's satisfaction with the team after one of its
// requests that reached the team: served or not.
func (e *Engine) judge(i int, served bool) {
	if e.r.sat == nil {
		return
	}
	b := &e.cfg.Behaviour
	st := &e.macro.satisfaction
	s := e.r.sat[i]
	if s != s { // no opinion yet
		s = float32(b.SatisfactionStart)
		st.contacted++
	} else {
		st.sum -= float64(s)
	}
	if served {
		s += float32(b.SatisfactionGain) * (1 - s)
	} else {
		s -= float32(b.SatisfactionLoss) * s
	}
	e.r.sat[i] = s
	st.sum += float64(s)
}

// judgeWeek moves community workers' satisfaction after the week's
// services and discussions, while the project is in the community.
func (e *Engine) judgeWeek() {
	if !e.macro.active {
		return
	}
	w := &e.thisWeek
	var others, all float64
	for _, by := range [...]int{byCommittee, bySocialWorkers, byPartyMembers, byOrganizations} {
		n := float64(w.resolved[by] + w.issueBy[by])
		all += n
		if by != byCommittee {
			others += n
		}
	}
	if all == 0 {
		return
	}
	st := &e.macro.satisfaction
	if !st.met {
		st.met, st.workers = true, e.cfg.Behaviour.SatisfactionStart
	}
	st.workers += e.cfg.Behaviour.WorkerSatisfactionRate * (others/all - st.workers)
}

// appendSatisfaction appends the week's satisfaction metrics.
func (e *Engine) appendSatisfaction(v *[NumMetrics][]float64) {
	e.judgeWeek()
	st := &e.macro.satisfaction
	v[Satisfaction] = append(v[Satisfaction], ratio(st.sum, float64(st.contacted)))
	v[WorkerSatisfaction] = append(v[WorkerSatisfaction], st.workers)
}
