package sim

// organizations runs the week of every social organization, in id order:
// grants arrive, funds are spent on activity, members take part and give
// volunteer hours, members leave when activity fails and recruit through
// their ties when it thrives; organization cultivation incubates new ones.
func (e *Engine) organizations() {
	rng := e.sequential(streamOrganizations)
	b := &e.cfg.Behaviour
	macro := &e.macro
	cultivation := macro.effort[measureCultivation] * macro.productivity
	found := int(cultivation*b.Incubation*float64(e.r.n)/1000 + rng.Float64())
	for range found {
		e.foundOrg(rng, e.neediestKind(), e.cfg.Community.OrgSize, 0, b.NewOrgActivity, b.NewOrgLeadership)
	}
	for k := range e.volunteer {
		e.volunteer[k] = 0
	}
	for o := range e.orgs {
		org := &e.orgs[o]
		if !org.alive {
			continue
		}
		if len(org.members) < 2 {
			e.dissolve(int32(o))
			continue
		}
		org.funds += e.thisWeek.grants
		e.thisWeek.spent += e.thisWeek.grants
		need := b.OrgSpendPerMember * float64(len(org.members))
		funded := 1.0
		if need > 0 {
			spend := min(org.funds, need)
			org.funds -= spend
			funded = spend / need
		}
		org.activity += b.ActivityRate * (b.ActivityLeadership*org.leader + b.ActivityFunding*funded - org.activity)
		org.leader += (b.LeaderCultivation*cultivation+b.LeaderHandover*macro.effort[measureHandover])*(1-org.leader) -
			b.LeaderFade*(1-macro.institution)*max(0, org.leader-b.LeaderFloor)
		e.runOrg(rng, int32(o))
		if len(org.members) < 2 {
			e.dissolve(int32(o))
		}
	}
	e.mapServices()
}

// runOrg lets members take part, volunteer, leave and recruit.
func (e *Engine) runOrg(rng *stream, o int32) {
	b := &e.cfg.Behaviour
	r := &e.r
	org := &e.orgs[o]
	e.group = e.group[:0]
	kept := org.members[:0]
	for _, id := range org.members {
		i := int(id)
		if rng.Float64() < b.OrgLeave*(1-org.activity) {
			r.leave(i, o)
			continue
		}
		kept = append(kept, id)
		if rng.Float64() >= org.activity {
			continue
		}
		r.took[i] |= didOrg
		e.group = append(e.group, id)
		org.hours += b.VolunteerHours * float64(r.norm[i])
		r.norm[i] += float32(b.OrgNorm * b.ActivityNorm * (1 - float64(r.norm[i])))
	}
	org.members = kept
	e.groups.add(e.group, b.OrgTieGrowth)
	for _, id := range e.group {
		if rng.Float64() < b.OrgRecruit*org.activity {
			e.recruit(rng, int(id), o)
		}
	}
	e.volunteer[org.kind] += org.hours
	org.hours = 0
}

// recruit has member i invite one random household member or tie to join.
func (e *Engine) recruit(rng *stream, i int, o int32) {
	r := &e.r
	lo, hi := e.households.members(int(r.household[i]))
	family := hi - lo - 1
	n := family + int(r.deg[i])
	if n == 0 {
		return
	}
	k := rng.IntN(n)
	var j int
	if k < family {
		j = lo + k
		if j >= i {
			j++
		}
	} else {
		j = int(r.tieTo[int(r.tieStart[i])+k-family])
	}
	if r.age[j] == Child || r.isMember(j, o) {
		return
	}
	b := &e.cfg.Behaviour
	u := b.JoinIntercept + b.JoinInterest*float64(r.interest[j]) + b.JoinBelonging*float64(r.belong[j]) -
		b.JoinTimeShort*shortage(r.time[j], b.EnoughHours)
	if belowLogistic(rng.Float64(), 1, u) && r.join(j, o) {
		e.orgs[o].members = append(e.orgs[o].members, int32(j))
	}
}

// foundOrg creates an organization in a random grid with up to size
// founding members, drawn from the grid's adults with a chance that rises
// with their norm of helping and their belonging.
func (e *Engine) foundOrg(rng *stream, kind OrgKind, size int, funds, activity, leader float64) {
	g := rng.IntN(e.geo.grids())
	lo, hi := int(e.geo.gridStart[g]), int(e.geo.gridStart[g+1])
	o := int32(len(e.orgs))
	org := organization{kind: kind, grid: int32(g), funds: funds, activity: activity, leader: leader, alive: true,
		members: make([]int32, 0, 2*size)} // room to recruit: one allocation per founding
	for try := 0; try < 20*size && len(org.members) < size && hi > lo; try++ {
		i := lo + rng.IntN(hi-lo)
		if e.r.age[i] == Child || rng.Float64() >= float64(e.r.norm[i]+e.r.belong[i]) {
			continue
		}
		if e.r.join(i, o) {
			org.members = append(org.members, int32(i))
		}
	}
	e.orgs = append(e.orgs, org)
}

// dissolve ends an organization that has lost its members.
func (e *Engine) dissolve(o int32) {
	org := &e.orgs[o]
	for _, id := range org.members {
		e.r.leave(int(id), o)
	}
	org.members = org.members[:0]
	org.alive = false
	org.activity = 0
	org.funds = 0 // what is left goes back to the community
}

// neediestKind picks the kind of organization that serves the most unmet
// needs per existing organization of that kind: incubation follows needs.
func (e *Engine) neediestKind() OrgKind {
	var count [numOrgKinds]int
	for _, org := range e.orgs {
		if org.alive {
			count[org.kind]++
		}
	}
	best, bestScore := OrgCultural, -1.0
	for k := range numOrgKinds {
		var unmet float64
		for t := range NumNeeds {
			if orgServes[k][t] {
				unmet += e.backlog[t]
			}
		}
		if score := unmet / float64(1+count[k]); score > bestScore {
			best, bestScore = OrgKind(k), score
		}
	}
	return best
}

// mapServices records, per grid and need type, whether an active
// organization serves it.
func (e *Engine) mapServices() {
	for k := range e.grids.serves {
		e.grids.serves[k] = false
	}
	for _, org := range e.orgs {
		if !org.active(&e.cfg.Behaviour) {
			continue
		}
		for t := range NumNeeds {
			if orgServes[org.kind][t] {
				e.grids.serves[int(org.grid)*NumNeeds+t] = true
			}
		}
	}
}
