package sim

import "math"

// shard is a fixed range of residents with its own random stream, scratch
// buffers and partial sums. Only the goroutine running the shard touches it.
type shard struct {
	lo, hi       int
	rng          *stream
	urgent       []request // vulnerable residents' care requests, served first
	requests     []request // the others
	wishes       []wish
	participants []int32
	gridLo       int32   // the shard's first grid
	gridIssues   []int32 // per grid from gridLo: issues raised, organization members and people at the meeting
	mutual       int     // needs resolved by mutual help
	askedSW      int     // residents who turned to a social worker
	sums         sums
	_            [cacheLine]byte // see stream
}

// tieStructure is the strong-tie structure behind cohesion.
type tieStructure struct {
	share, degree, largest float64
}

// sums are one shard's contributions to the week's metrics. Members, the
// three moods, role and care are counted afresh only when a phase that ran
// can have changed them (see recount); otherwise the last count stands.
type sums struct {
	adults, participants, attendees int
	lastMeeting                     int // adults who took part at their grid's last meeting
	withStrong, strongDegree        int
	members                         int
	belong, trust, efficacy         float64
	role                            float64
	care                            careSums
}

// careSums count needs: vulnerable residents with recent care needs, those
// fully served, and pending needs by type.
type careSums struct {
	needy, covered int
	pending        [NumNeeds]int
}

func (a *sums) add(b *sums) {
	a.adults += b.adults
	a.participants += b.participants
	a.attendees += b.attendees
	a.lastMeeting += b.lastMeeting
	a.withStrong += b.withStrong
	a.strongDegree += b.strongDegree
	a.members += b.members
	a.belong += b.belong
	a.trust += b.trust
	a.efficacy += b.efficacy
	a.role += b.role
	a.care.needy += b.care.needy
	a.care.covered += b.care.covered
	for t := range a.care.pending {
		a.care.pending[t] += b.care.pending[t]
	}
}

// recount says what the record counts afresh this week: what a phase that
// runs can change, and everything the first week an engine (or a fork)
// records. With phases switched off, the record then reads only what can
// move (the threshold rule alone steps 12% faster). It is set when the
// week begins, since the opening pass prepares the components of ties.
type recount struct {
	ties    bool // the strong-tie structure: the attitudes phase
	members bool // organization memberships: the organizations phase
	moods   bool // belonging, trust, efficacy: services, activities, discussion, attitudes
	role    bool // role understanding: the services and attitudes phases
	care    bool // needs: the needs and services phases
}

func (e *Engine) recountNow() recount {
	on := &e.enabled
	all := !e.counted
	return recount{
		ties:    all || on[phaseAttitudes],
		members: all || on[phaseOrganizations],
		moods:   all || on[phaseServices] || on[phaseActivities] || on[phaseDiscussion] || on[phaseAttitudes],
		role:    all || on[phaseServices] || on[phaseAttitudes],
		care:    all || on[phaseNeeds] || on[phaseServices],
	}
}

// measure records the week: every metric of sim.Metrics.
func (e *Engine) measure() {
	// When ties may have changed, their components are measured again
	// (see components.go). The attitudes phase links them as it updates
	// them; when it did not run, they are linked here. The measure phase
	// draws no random numbers.
	if e.recount.ties && !e.enabled[phaseAttitudes] {
		e.pool.run(len(e.shards), e.linkShard)
	}
	e.pool.run(len(e.shards), e.measureShard)
	e.counted = true
	var t sums
	for s := range e.shards {
		t.add(&e.shards[s].sums)
	}
	n := float64(e.r.n)
	wk := &e.wk
	acc := &e.acc
	slot := e.week % 4
	for k := range numResolvers {
		acc.resolved[slot][k] = wk.resolved[k] + wk.issueBy[k]
	}
	acc.issues[slot] = [2]int{wk.issuesRaised, wk.issuesResolved}
	acc.cost += wk.spent
	e.globalShare = ratio(float64(t.lastMeeting), float64(t.adults))

	var byWindow [numResolvers]float64
	var raised, resolved float64
	for w := range min(4, e.week+1) {
		for k := range numResolvers {
			byWindow[k] += float64(acc.resolved[w][k])
		}
		raised += float64(acc.issues[w][0])
		resolved += float64(acc.issues[w][1])
	}
	var providers, backlog float64
	for k := range numResolvers {
		if k != byResidents {
			providers += float64(wk.resolved[k])
		}
	}
	for k := range NumNeeds {
		backlog += float64(t.care.pending[k])
		e.backlog[k] = float64(t.care.pending[k]) / n
	}
	needsResolved := providers + float64(wk.resolved[byResidents])
	var orgsActive, funds float64
	for _, org := range e.orgs {
		if org.active(e.cfg.Behaviour.OrgMinMembers) {
			orgsActive++
		}
		funds += org.funds
	}
	// The tie structure changes only in the attitudes phase; while it is
	// switched off, the last measured figures still hold.
	if e.recount.ties {
		e.structure.largest = e.largestComponent()
		e.structure.share, e.structure.degree = float64(t.withStrong)/n, float64(t.strongDegree)/n
	}
	strongShare, strongDegree, largest := e.structure.share, e.structure.degree, e.structure.largest
	adults := float64(max(t.adults, 1))
	belong := t.belong / adults

	v := &e.result.Values
	rec := func(m Metric, x float64) { v[m] = append(v[m], x) }
	rec(Participation, ratio(float64(t.participants), float64(t.adults)))
	rec(ActivityAttendance, float64(t.attendees)/n)
	rec(OrgMembership, float64(t.members)/adults)
	rec(Cohesion, (belong+strongShare+min(1, strongDegree/3)+largest)/4)
	rec(BelongingMean, belong)
	rec(StrongTieShare, strongShare)
	rec(StrongDegree, strongDegree)
	rec(LargestComponent, largest)
	rec(TrustMean, t.trust/adults)
	rec(EfficacyMean, t.efficacy/adults)
	rec(RoleClarity, t.role/adults)
	rec(VulnerableCoverage, coverage(float64(t.care.covered), float64(t.care.needy)))
	rec(Efficiency, ratio(providers, wk.cwPaid+wk.swUsed+wk.volunteerUsed))
	rec(Backlog, backlog/n)
	rec(GovernanceDiversity, evenness(byWindow[:]))
	var all float64
	for _, c := range byWindow {
		all += c
	}
	rec(CommitteeShare, ratio(byWindow[byCommittee], all))
	rec(OrgsActive, orgsActive)
	rec(OrgFunds, funds)
	rec(Cost, acc.cost)
	rec(NeedsResolved, needsResolved/n)
	var askedSW float64
	for s := range e.shards {
		askedSW += float64(e.shards[s].askedSW)
	}
	rec(SocialWorkUptake, ratio(askedSW, float64(t.adults)))
	rec(SocialWorkResolved, float64(wk.resolved[bySocialWorkers])/n)
	rec(IssuesResolved, ratio(resolved, raised))
}

// measureOn adds up one shard and rolls its residents' histories forward.
func (e *Engine) measureOn(s int) {
	sh := &e.shards[s]
	m := &sh.sums
	rc := e.recount
	last := *m
	*m = sums{}
	if !rc.members {
		m.members = last.members
	}
	if !rc.moods {
		m.belong, m.trust, m.efficacy = last.belong, last.trust, last.efficacy
	}
	if !rc.role {
		m.role = last.role
	}
	if !rc.care {
		m.care = last.care
	}
	// Only the attitudes phase reads last week's role understanding.
	keepRole := e.enabled[phaseAttitudes]
	r := &e.r
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	for g, sp := range e.gridSpans(sh) {
		// Influence reads the last meeting of one's grid, not last week.
		var met uint8
		if e.gridMeeting[g] {
			met = didAffairs
		}
		share, outcome := e.resolvedShare(g)
		outcome = outcome && e.wk.outcomeInRecord
		for i := sp.lo; i < sp.hi; i++ {
			took := r.took[i]
			if outcome && took&didAffairs != 0 {
				e.outcome(i, share)
			}
			h := r.history[i]
			aff := (h<<1 | took&didAffairs) & 0x0f
			act := (h>>4<<1 | (took&didActivity)>>1) & 0x0f
			r.history[i] = act<<4 | aff
			prev := took&^didAffairs | r.prevTook[i]&isGrown | took&met | r.prevTook[i]&didAffairs&^met
			r.prevTook[i] = prev

			if keepRole {
				r.roleScratch[i] = r.role[i]
			}

			// Counted by adding 0 or 1, not by branching: whether a resident
			// attended, took part or is a child is as good as random.
			// Affairs, organizations and attitudes are adults' and elders'.
			grown := int(prev >> 7) // isGrown
			m.attendees += nonzero(act)
			m.adults += grown
			m.participants += grown & nonzero(aff)
			m.lastMeeting += grown & int(prev&didAffairs)
			// The branches on rc go the same way for every resident.
			adult := float64(grown)
			if rc.members {
				m.members += grown & nonzero(r.orgCount[i])
			}
			if rc.moods {
				m.belong += adult * float64(r.belong[i])
				m.trust += adult * float64(r.trust[i])
				m.efficacy += adult * float64(r.efficacy[i])
			}
			if rc.role {
				m.role += adult * float64(r.role[i])
			}
			if rc.ties {
				e.root[i] = find(e.parent, int32(i))
				// The tie update counted strong ties; without it, count here.
				strong := int(r.strong[i])
				if !e.enabled[phaseAttitudes] {
					strong = 0
					_, str := r.ties(i)
					for _, x := range str {
						if x >= strongAt {
							strong++
						}
					}
				}
				m.withStrong += min(strong, 1)
				m.strongDegree += strong
			}
			if rc.care {
				needy := int(r.flags[i]&flagVulnerable) & nonzero(r.careSeen[i]&0x0f)
				m.care.needy += needy
				m.care.covered += needy &^ nonzero(r.needs[i][NeedCare])
				for t, k := range r.needs[i] {
					m.care.pending[t] += int(k)
				}
			}
		}
	}
}

// nonzero is 1 if x is not 0, else 0, without a branch.
func nonzero(x uint8) int { return int((uint(x) + 0xff) >> 8) }

// evenness is Shannon's evenness of counts: entropy over its maximum, 0
// when nothing was counted.
func evenness(counts []float64) float64 {
	var total float64
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := c / total
			h -= p * math.Log(p)
		}
	}
	return h / math.Log(float64(len(counts)))
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// coverage is 1 when no vulnerable resident needed care: nothing was left
// uncovered.
func coverage(covered, needy float64) float64 {
	if needy == 0 {
		return 1
	}
	return covered / needy
}
