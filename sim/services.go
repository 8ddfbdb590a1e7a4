package sim

// request is one resident's call for help with one need this week.
type request struct {
	id   int32
	need uint8
	via  uint8 // reqAsked, reqSocialWorker, ... bits
}

// How a request can be served.
const (
	reqAsked        uint8 = 1 << iota // the resident asked the committee
	reqSocialWorker                   // the resident turns to a social worker, or one found them
	reqParty                          // a party member in the building can help
	reqOrg                            // an organization that serves this need can reach the resident
	reqUrgent                         // a vulnerable resident's care, or found by a home visit: served first
)

// partyServes lists what party members help with in daily services.
var partyServes = [NumNeeds]bool{NeedCare: true, NeedCivic: true, NeedChildren: true, NeedCultural: true}

// services allocates the week's scarce hours to residents with needs.
// First, in parallel (askShard, in the week's opening pass), residents get
// help from family and neighbours and decide whether to ask for more; then,
// here, social workers' home visits find vulnerable residents who did not
// ask, and the hours of social workers, party members, organizations and
// community workers are given to requests in a random order with
// vulnerable residents' care first.
func (e *Engine) services() {
	// Urgent requests first, then the others, each in a random order (a
	// shuffle of the shards' requests in shard order: deterministic).
	e.requests, e.deferred = e.requests[:0], e.deferred[:0]
	for s := range e.shards {
		sh := &e.shards[s]
		e.requests = append(e.requests, sh.urgent...)
		e.deferred = append(e.deferred, sh.requests...)
		e.thisWeek.resolved[byResidents] += sh.mutual
	}
	rng := e.sequential(streamServices)
	e.homeVisits(rng)
	shuffle(rng, e.requests)
	shuffle(rng, e.deferred)
	e.requests = append(e.requests, e.deferred...)
	e.serve()
}

// askShard runs mutual help and help-seeking for one shard.
func (e *Engine) askShard(sh *shard) {
	sh.urgent, sh.requests = sh.urgent[:0], sh.requests[:0]
	sh.mutual, sh.askedSW = 0, 0
	rng := sh.rng
	r := &e.r
	b := &e.cfg.Behaviour
	active := e.macro.active
	for i := sh.lo; i < sh.hi; i++ {
		pending := &r.needs[i]
		if *pending == (needSet{}) {
			continue
		}
		e.mutualHelp(i, rng, b.MutualHelp)
		if r.age[i] == Child {
			continue
		}
		building := r.building[i]
		party := e.geo.linked[building] > 0 || e.geo.unlinked[building] > 0 && rng.Float64() < b.UnlinkedService
		vulnerable := r.flags[i]&flagVulnerable != 0
		pAsk := b.AskBase + b.AskTrust*float64(r.trust[i])
		asked := false
		for t := range NumNeeds {
			if pending[t] == 0 {
				continue
			}
			var via uint8
			if rng.Float64() < pAsk {
				via |= reqAsked
			}
			if active && e.allowed[t] && rng.Float64() < float64(r.role[i]) {
				via |= reqSocialWorker
				if !asked {
					asked = true
					sh.askedSW++
				}
			}
			if party && partyServes[t] && (via != 0 || vulnerable && rng.Float64() < e.macro.linkage) {
				via |= reqParty
			}
			// Organizations reach those who ask, and visit vulnerable
			// neighbours who do not.
			if (via != 0 || vulnerable && t == NeedCare) && e.orgReaches(i, t, rng) {
				via |= reqOrg
			}
			if via == 0 {
				continue
			}
			q := request{id: int32(i), need: uint8(t), via: via}
			if vulnerable && t == NeedCare {
				q.via |= reqUrgent
				sh.urgent = append(sh.urgent, q)
			} else {
				sh.requests = append(sh.requests, q)
			}
		}
	}
}

// mutualHelp gives resident i a chance of help from one household member or
// tie, chosen at random, with probability mutual_help × the helper's norm of
// helping neighbours × tie strength (1 within the household). Economic needs
// are not settled this way.
func (e *Engine) mutualHelp(i int, rng *stream, rate float64) {
	r := &e.r
	pending := &r.needs[i]
	t := -1
	for k := range NumNeeds {
		if k != NeedEconomic && pending[k] > 0 {
			t = k
			break
		}
	}
	if t < 0 {
		return
	}
	lo, hi := e.households.members(int(r.household[i]))
	family := hi - lo - 1
	deg := int(r.deg[i])
	if family+deg == 0 {
		return
	}
	k := rng.IntN(family + deg)
	var helper int
	strength := 1.0
	if k < family {
		helper = lo + k
		if helper >= i {
			helper++
		}
	} else {
		slot := int(r.tieStart[i]) + k - family
		helper = int(r.tieTo[slot])
		strength = float64(r.tieStr[slot])
	}
	if r.age[helper] == Child || rng.Float64() >= rate*float64(r.norm[helper])*strength {
		return
	}
	pending[t]--
	r.took[i] |= didHelped
	b := &e.cfg.Behaviour
	r.belong[i] += float32(b.MutualBelonging * b.HelpedTrust * (1 - float64(r.belong[i])))
	e.shards[i/e.shardSize].mutual++
}

// orgReaches reports whether an organization that serves need t can reach
// resident i: one it belongs to, or an active one in its grid, whose members
// serve their neighbours, with a chance that rises as resources are
// integrated (organization_reach_floor + organization_reach_integration ×
// integration).
func (e *Engine) orgReaches(i, t int, rng *stream) bool {
	for _, o := range e.r.memberships(i) {
		if orgServes[e.orgs[o].kind][t] {
			return true
		}
	}
	g := int(e.geo.buildingGrid[e.r.building[i]])
	return e.grids.serves[g*NumNeeds+t] && rng.Float64() < e.cfg.Behaviour.OrgReachFloor+e.cfg.Behaviour.OrgReachIntegr*e.macro.integration
}

// homeVisits spends the home-visit effort: social workers visit vulnerable
// residents first (visit_vulnerable of the visits) and others at random. A visit
// explains the social worker's role, builds a little trust and turns any
// need within the professional boundary into a request.
func (e *Engine) homeVisits(rng *stream) {
	b := &e.cfg.Behaviour
	eff := e.macro.effort[measureHomeVisits] * e.macro.productivity
	visits := int(eff*b.Visits*float64(e.r.n)/1000 + rng.Float64())
	r := &e.r
	for range visits {
		var i int
		if len(e.vulnerable) > 0 && rng.Float64() < b.VisitVulnerable {
			i = int(e.vulnerable[rng.IntN(len(e.vulnerable))])
		} else {
			i = rng.IntN(r.n)
		}
		r.role[i] += float32(b.VisitRole * b.ContactRole * (1 - float64(r.role[i])))
		r.trust[i] += float32(b.VisitTrust * b.HelpedTrust * (1 - float64(r.trust[i])))
		if r.age[i] == Child {
			continue
		}
		for t := range NumNeeds {
			if r.needs[i][t] > 0 && e.allowed[t] {
				e.requests = append(e.requests, request{id: int32(i), need: uint8(t), via: reqSocialWorker | reqUrgent})
			}
		}
	}
}

// serve serves requests in order from the providers each may reach.
func (e *Engine) serve() {
	b := &e.cfg.Behaviour
	r := &e.r
	week := &e.thisWeek
	reach := b.VolunteerReach + b.VolunteerIntegr*e.macro.integration
	party := week.partyHours * reach
	var org [numOrgKinds]float64
	for k := range org {
		org[k] = e.volunteer[k] * reach
	}
	prod := max(e.macro.productivity, 0.05)
	slower := b.VolunteerSlower
	for _, q := range e.requests {
		i, t := int(q.id), int(q.need)
		if r.needs[i][t] == 0 {
			continue
		}
		hours := b.HoursPerNeed * e.needHours[t]
		by := -1
		switch {
		case q.via&reqSocialWorker != 0 && e.allowed[t] && week.teamHours-week.teamUsed >= hours/prod:
			week.teamUsed += hours / prod
			by = bySocialWorkers
		case q.via&reqParty != 0 && party >= hours*slower:
			party -= hours * slower
			week.volunteerUsed += hours * slower
			by = byPartyMembers
		case q.via&reqOrg != 0 && e.takeOrgHours(i, t, &org, hours*slower):
			week.volunteerUsed += hours * slower
			by = byOrganizations
		case q.via&reqAsked != 0 && week.workerNeedHours >= hours:
			week.workerNeedHours -= hours
			by = byCommittee
		}
		if by < 0 {
			continue
		}
		r.needs[i][t]--
		r.took[i] |= didHelped
		week.resolved[by]++
		e.helped(i, by)
	}
}

// takeOrgHours spends hours from the pool of an organization kind that
// serves need t, preferring the kinds of i's own organizations.
func (e *Engine) takeOrgHours(i, t int, pool *[numOrgKinds]float64, hours float64) bool {
	for _, o := range e.r.memberships(i) {
		k := e.orgs[o].kind
		if orgServes[k][t] && pool[k] >= hours {
			pool[k] -= hours
			return true
		}
	}
	for k := range pool {
		if orgServes[k][t] && pool[k] >= hours {
			pool[k] -= hours
			return true
		}
	}
	return false
}

// helped applies what being helped does to a resident: help from
// institutions (committee, party members) builds trust in them, contact
// with a social worker explains the role, help from an organization builds
// belonging.
func (e *Engine) helped(i, by int) {
	b := &e.cfg.Behaviour
	r := &e.r
	up := func(x *float32, rate float64) { *x += float32(rate * (1 - float64(*x))) }
	switch by {
	case byCommittee:
		up(&r.trust[i], b.HelpedTrust)
	case bySocialWorkers:
		up(&r.trust[i], b.SocialWorkerTrust*b.HelpedTrust)
		up(&r.role[i], b.ContactRole)
	case byPartyMembers:
		up(&r.trust[i], b.PartyTrust*b.HelpedTrust)
	case byOrganizations:
		up(&r.belong[i], b.OrgBelonging*b.HelpedTrust)
		up(&r.trust[i], b.OrgTrust*b.HelpedTrust)
	}
}
