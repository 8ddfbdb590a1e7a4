package sim

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// tieStructure is the strong-tie structure behind cohesion.
type tieStructure struct {
	share, degree, largest float64
}

// sums are one shard's contributions to the week's metrics. Members, the
// three moods, role and care are counted afresh only when a phase that ran
// can have changed them (see recount); otherwise the last count stands.
type sums struct {
	adults, participants, attendees int
	participantsWeek                int // adults who took part this week
	lastMeeting                     int // adults who took part at their grid's last meeting
	withStrong, strongDegree        int
	members                         int
	belong, trust, efficacy         float64
	role                            float64
	care                            careSums
}

// careSums count needs: vulnerable residents with recent care needs, those
// fully served (none lapsed, none pending), and pending needs by type.
type careSums struct {
	needy, covered int
	pending        [NumNeeds]int
}

func (a *sums) add(b *sums) {
	a.adults += b.adults
	a.participants += b.participants
	a.attendees += b.attendees
	a.participantsWeek += b.participantsWeek
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
// move (docs/performance.md). It is set when the
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
	all := !e.records.counted
	return recount{
		ties:    all || on[phaseAttitudes],
		members: all || on[phaseOrganizations],
		moods:   all || on[phaseServices] || on[phaseActivities] || on[phaseDiscussion] || on[phaseAttitudes],
		role:    all || on[phaseServices] || on[phaseAttitudes],
		care:    all || on[phaseNeeds] || on[phaseServices],
	}
}

// record records the week: every metric of sim.Metrics.
func (e *Engine) record() {
	// When ties may have changed, their components are measured again
	// (see components.go). The attitudes phase links them as it updates
	// them; when it did not run, they are linked here. The record
	// draws no random numbers.
	if e.records.recount.ties && !e.enabled[phaseAttitudes] {
		e.pool.run(len(e.shards), e.work.link)
	}
	e.records.networkDue = e.networkDue()
	e.pool.run(len(e.shards), e.work.record)
	e.records.counted = true
	e.measureNetwork()
	var t sums
	for s := range e.shards {
		t.add(&e.shards[s].sums)
	}
	n := float64(e.r.n)
	last4 := e.records.accounts.add(e.week, &e.thisWeek)
	e.globalShare = ratio(float64(t.lastMeeting), float64(t.adults))
	for k := range NumNeeds {
		e.backlog[k] = float64(t.care.pending[k]) / n
	}
	// The tie structure changes only in the attitudes phase; while it is
	// switched off, the last measured figures still hold.
	if e.records.recount.ties {
		e.records.structure = tieStructure{
			share:   float64(t.withStrong) / n,
			degree:  float64(t.strongDegree) / n,
			largest: e.components.largestShare(),
		}
	}
	e.appendMetrics(&t, &last4)
	if e.byGroup.on {
		e.appendGroups()
	}
}

// window is what the record reads of the last four weeks (fewer in the
// first three): needs and issues resolved, by resolver, and issues raised
// and resolved.
type window struct {
	needsBy, issuesBy [numResolvers]float64
	raised, resolved  float64
}

// add books the week's resolutions, issues and cost, and returns the
// window of the last four weeks, this one included.
func (a *accounts) add(week int, w *weekState) window {
	slot := week % windowWeeks
	a.needsBy[slot] = w.resolved
	a.issuesBy[slot] = w.issueBy
	a.issues[slot] = [2]int{w.issuesRaised, w.issuesResolved}
	a.cost += w.spent
	var last4 window
	for s := range min(windowWeeks, week+1) {
		for k := range numResolvers {
			last4.needsBy[k] += float64(a.needsBy[s][k])
			last4.issuesBy[k] += float64(a.issuesBy[s][k])
		}
		last4.raised += float64(a.issues[s][0])
		last4.resolved += float64(a.issues[s][1])
	}
	return last4
}

// issueResolvers are the kinds that resolve issues raised in discussions
// (resolveIssues): party members and residents resolve needs only.
var issueResolvers = [...]int{byCommittee, bySocialWorkers, byOrganizations}

// diversity is governance_diversity and resolvers_active of a window:
// the mean of the evenness over needs (five kinds) and over issues (the
// three that resolve them), each where anything was resolved, and the
// kinds that resolved anything.
func (w *window) diversity() (even float64, active int) {
	var issues [len(issueResolvers)]float64
	for k, by := range issueResolvers {
		issues[k] = w.issuesBy[by]
	}
	var sum, parts float64
	for _, counts := range [][]float64{w.needsBy[:], issues[:]} {
		if e, ok := evenness(counts); ok {
			sum += e
			parts++
		}
	}
	for k := range numResolvers {
		if w.needsBy[k]+w.issuesBy[k] > 0 {
			active++
		}
	}
	return ratio(sum, parts), active
}

// appendMetrics appends the week's value of every metric to the result,
// from the shards' sums t and the window of the last four weeks.
func (e *Engine) appendMetrics(t *sums, last4 *window) {
	n := float64(e.r.n)
	week := &e.thisWeek
	var resolved, backlog float64
	for k := range numResolvers {
		resolved += float64(week.resolved[k])
	}
	for k := range NumNeeds {
		backlog += float64(t.care.pending[k])
	}
	var orgsActive, funds float64
	for _, org := range e.orgs {
		if org.active(&e.cfg.Behaviour) {
			orgsActive++
		}
		funds += org.funds
	}
	var askedSW, lapsed float64
	for s := range e.shards {
		askedSW += float64(e.shards[s].askedSW)
		lapsed += float64(e.shards[s].lapsed)
	}
	adults := float64(max(t.adults, 1))
	belong, trust := t.belong/adults, t.trust/adults
	diversity, resolvers := last4.diversity()
	var all float64
	for k := range numResolvers {
		all += last4.needsBy[k] + last4.issuesBy[k]
	}

	v := &e.result.Values
	rec := func(m Metric, x float64) { v[m] = append(v[m], x) }
	rec(Participation, ratio(float64(t.participants), float64(t.adults)))
	rec(ParticipationWeek, ratio(float64(t.participantsWeek), float64(t.adults)))
	rec(ActivityAttendance, float64(t.attendees)/n)
	rec(OrgMembership, float64(t.members)/adults)
	rec(Cohesion, cohesion(belong, trust, e.records.structure))
	rec(BelongingMean, belong)
	rec(StrongTieShare, e.records.structure.share)
	rec(StrongDegree, e.records.structure.degree)
	rec(LargestComponent, e.records.structure.largest)
	rec(TrustMean, trust)
	rec(EfficacyMean, t.efficacy/adults)
	rec(RoleClarity, t.role/adults)
	rec(VulnerableCoverage, coverage(float64(t.care.covered), float64(t.care.needy)))
	rec(Efficiency, perHour(resolved+float64(week.issuesResolved), week.providerHours()))
	rec(Backlog, backlog/n)
	rec(NeedsLapsed, lapsed/n)
	rec(GovernanceDiversity, diversity)
	rec(ResolversActive, float64(resolvers))
	rec(CommitteeShare, ratio(last4.needsBy[byCommittee]+last4.issuesBy[byCommittee], all))
	rec(OrgsActive, orgsActive)
	rec(OrgFunds, funds)
	rec(Cost, e.records.accounts.cost)
	rec(NeedsResolved, resolved/n)
	rec(SocialWorkUptake, ratio(askedSW, float64(t.adults)))
	rec(SocialWorkResolved, float64(week.resolved[bySocialWorkers])/n)
	rec(IssuesResolved, ratio(last4.resolved, last4.raised))
	e.appendNetwork(v)
	e.appendSatisfaction(v)
}

// providerHours are the hours every provider gave this week, the
// denominator of efficiency: community workers' paid hours (administration
// and unused issue hours included), social workers' casework and the
// hours their measures take, party members' and organization volunteers'
// hours used, and the hours of residents' mutual help that resolved a need.
func (w *weekState) providerHours() float64 {
	return w.workerPaid + w.teamUsed + w.teamMeasures + w.volunteerUsed + w.mutualHours
}

// cohesion weighs three things equally: the attitude of belonging, the
// structure of strong ties (its three measures as one term) and trust in
// the community's institutions (docs/model.md §4.11).
func cohesion(belong, trust float64, s tieStructure) float64 {
	structure := (s.share + min(1, s.degree/3) + s.largest) / 3
	return (belong + structure + trust) / 3
}

// perHour is resolved per hour, NaN (no value, an empty CSV cell) when no
// hours were given.
func perHour(resolved, hours float64) float64 {
	if hours == 0 {
		return math.NaN()
	}
	return resolved / hours
}

// recordShard adds up one shard and rolls its residents' histories forward.
// Each concern is a tight loop of its own over the shard, which stays in
// cache between them: the roll takes eight residents a word, the three
// moods add up side by side; one loop doing everything would hold too many
// values live (docs/performance.md). Every sum still adds residents in id order, so the
// record is the same bit for bit.
func (e *Engine) recordShard(sh *shard, worker int) {
	m := &sh.sums
	afresh := e.records.recount
	last := *m
	*m = sums{}
	for g, sp := range e.gridSpans(sh) {
		// Influence reads the last meeting of one's grid, not last week.
		var met uint8
		if e.grids.meeting[g] {
			met = didAffairs
		}
		if share, ok := e.resolvedShare(g); ok && e.thisWeek.outcomeInRecord {
			e.outcomeSpan(sp, share)
		}
		e.r.roll(sp, met, m)
	}
	r := &e.r
	lo, hi := sh.lo, sh.hi
	prev := r.prevTook[lo:hi] // rolled: see grown
	// Only the attitudes phase reads last week's role understanding.
	if e.enabled[phaseAttitudes] {
		copy(r.roleScratch[lo:hi], r.role[lo:hi])
	}
	// Affairs, organizations and attitudes are adults' and elders'. Counted
	// by adding 0 or 1, or multiplying by it, not by branching: whether a
	// resident is a child is as good as random.
	m.members = last.members
	if afresh.members {
		m.members = 0
		for k, c := range r.orgCount[lo:hi] {
			m.members += grownCount(prev[k]) & nonzero(c)
		}
	}
	// Measuring groups, the group pass sums the moods and role as well
	// (groupShard), in the same order.
	groups := e.byGroup.on
	m.belong, m.trust, m.efficacy = last.belong, last.trust, last.efficacy
	if afresh.moods && !groups {
		m.belong, m.trust, m.efficacy = moodSums(prev, r.belong[lo:hi], r.trust[lo:hi], r.efficacy[lo:hi])
	}
	m.role = last.role
	if afresh.role && !groups {
		m.role = adultSum(prev, r.role[lo:hi])
	}
	if afresh.ties {
		var net netSums
		e.countStrong(lo, hi, m, &net)
		e.networkShard(sh, &net)
	}
	m.care = last.care
	if afresh.care {
		m.care = careSums{}
		for i := lo; i < hi; i++ {
			needy := int(r.flags[i]&flagVulnerable) & nonzero((r.careSeen[i]|r.careLapsed[i])&0x0f)
			m.care.needy += needy
			m.care.covered += needy &^ nonzero(r.needs[i][NeedCare]|r.careLapsed[i]&0x0f)
			for t, k := range r.needs[i] {
				m.care.pending[t] += int(k)
			}
		}
	}
	if groups {
		s := e.groupShard(sh, e.byGroup.scratch[worker])
		if afresh.moods {
			m.belong, m.trust, m.efficacy = s.belong, s.trust, s.efficacy
		}
		if afresh.role {
			m.role = s.role
		}
	}
}

// outcomeSpan applies the discussion's outcome (meetingGains.outcome) to
// the participants in sp, when the record's pass applies it: it finds them
// by took, with the slices and gains in registers.
func (e *Engine) outcomeSpan(sp span, share float64) {
	r := &e.r
	gains := e.meetingGains()
	efficacy, trust, belong := r.efficacy[sp.lo:sp.hi:sp.hi], r.trust[sp.lo:sp.hi:sp.hi], r.belong[sp.lo:sp.hi:sp.hi]
	for k, took := range r.took[sp.lo:sp.hi] {
		if took&didAffairs != 0 {
			efficacy[k], trust[k], belong[k] = gains.outcome(efficacy[k], trust[k], belong[k], share)
		}
	}
}

// roll moves sp's residents' week into their four-week histories and last
// week's record, and counts attendance and participation into m. met is
// didAffairs if their grid met this week. Every step is a bitwise
// operation within each resident's bytes, so roll does eight residents at
// a time in a 64-bit word (rollWord) and the rest one by one (rollByte),
// which is the rule, and TestRollWordIsRollByte its check.
func (r *residents) roll(sp span, met uint8, m *sums) {
	took := r.took[sp.lo:sp.hi]
	history := r.history[sp.lo:sp.hi:sp.hi]
	prevTook := r.prevTook[sp.lo:sp.hi:sp.hi]
	var c rollCounts
	k := 0
	for ; k+8 <= len(took); k += 8 {
		h, p := rollWord(le.Uint64(took[k:]), le.Uint64(history[k:]), le.Uint64(prevTook[k:]), uint64(met)*ones, &c)
		le.PutUint64(history[k:], h)
		le.PutUint64(prevTook[k:], p)
	}
	for ; k < len(took); k++ {
		history[k], prevTook[k] = rollByte(took[k], history[k], prevTook[k], met, &c)
	}
	m.attendees += c.attendees
	m.adults += c.adults
	m.participants += c.participants
	m.participantsWeek += c.participantsWeek
	m.lastMeeting += c.lastMeeting
}

var le = binary.LittleEndian

// rollCounts are what roll counts: residents who attended an activity in
// the last four weeks, adults and elders, those of them who took part in
// affairs in the last four weeks and this week, and those who took part at
// their grid's last meeting.
type rollCounts struct {
	attendees, adults, participants, participantsWeek, lastMeeting int
}

// rollByte rolls one resident: took, history and prevTook are its bytes,
// met is didAffairs if its grid met. It returns the new history and
// prevTook.
func rollByte(took, history, prevTook, met uint8, c *rollCounts) (uint8, uint8) {
	aff := (history<<1 | took&didAffairs) & 0x0f
	act := (history>>4<<1 | (took&didActivity)>>1) & 0x0f
	prev := took&^didAffairs | prevTook&isGrown | took&met | prevTook&didAffairs&^met
	adult := grownCount(prev)
	c.attendees += nonzero(act)
	c.adults += adult
	c.participants += adult & nonzero(aff)
	c.participantsWeek += adult & int(took&didAffairs)
	c.lastMeeting += adult & int(prev&didAffairs)
	return act<<4 | aff, prev
}

// ones has 1 in every byte; high has isGrown, the top bit, in every byte.
const ones, high = 0x0101010101010101, 0x8080808080808080

// rollWord is rollByte on eight residents at once, one per byte. Shifts
// carry bits across bytes, and the masks after them drop those bits. A
// byte is nonzero when adding 0x7f to its low four bits carries into its
// top bit, and counts are the top bits set.
func rollWord(took, history, prevTook, met uint64, c *rollCounts) (uint64, uint64) {
	aff := history<<1&(0x0e*ones) | took&ones    // (history<<1 | took&didAffairs) & 0x0f
	act := history>>3&(0x0e*ones) | took>>1&ones // (history>>4<<1 | (took&didActivity)>>1) & 0x0f
	prev := took&^ones | prevTook&high | took&met | prevTook&ones&^met
	grownBits := prev & high
	c.attendees += bits.OnesCount64((act + 0x7f*ones) & high)
	c.adults += bits.OnesCount64(grownBits)
	c.participants += bits.OnesCount64((aff + 0x7f*ones) & grownBits)
	c.participantsWeek += bits.OnesCount64(took << 7 & grownBits)
	c.lastMeeting += bits.OnesCount64(prev << 7 & grownBits)
	return act<<4 | aff, prev
}

// adultSum is the sum of x over adults and elders, whose prev byte has
// isGrown set, in id order.
func adultSum(prev []uint8, x []float32) float64 {
	var sum float64
	for k, v := range x[:len(prev)] {
		sum += float64(grownCount(prev[k])) * float64(v)
	}
	return sum
}

// moodSums are adultSum of belonging, trust and efficacy, in one loop:
// each sum waits for the one before it, and three at a time overlap.
func moodSums(prev []uint8, belong, trust, efficacy []float32) (b, t, e float64) {
	belong, trust, efficacy = belong[:len(prev)], trust[:len(prev)], efficacy[:len(prev)]
	for k, p := range prev {
		adult := float64(grownCount(p))
		b += adult * float64(belong[k])
		t += adult * float64(trust[k])
		e += adult * float64(efficacy[k])
	}
	return b, t, e
}

// countStrong finds the components' roots of residents [lo, hi) and
// counts their strong ties into m, and who is isolated and the largest
// degree into net (network.go): one pass over the residents for both.
func (e *Engine) countStrong(lo, hi int, m *sums, net *netSums) {
	r := &e.r
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	counted := e.enabled[phaseAttitudes] // the tie update counted them
	for i := lo; i < hi; i++ {
		e.components.root[i] = find(e.components.parent, int32(i))
		strong := int(r.strong[i])
		if !counted {
			strong = strongCount(r, i, strongAt)
			r.strong[i] = int32(strong) // for the network's and the groups' counts
		}
		m.withStrong += min(strong, 1)
		m.strongDegree += strong
		net.isolated += boolInt(r.flags[i]&flagAlone != 0 && strong == 0)
		net.maxDegree = max(net.maxDegree, strong)
	}
}

// nonzero is 1 if x is not 0, else 0, without a branch.
func nonzero(x uint8) int { return int((uint(x) + 0xff) >> 8) }

// evenness is Shannon's evenness of counts: entropy over its maximum; ok
// is false when nothing was counted.
func evenness(counts []float64) (even float64, ok bool) {
	var total float64
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return 0, false
	}
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := c / total
			h -= p * math.Log(p)
		}
	}
	return h / math.Log(float64(len(counts))), true
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

// accounts keeps the rolling windows and running totals.
type accounts struct {
	needsBy, issuesBy [windowWeeks][numResolvers]int // by week modulo windowWeeks
	issues            [windowWeeks][2]int            // raised, resolved
	cost              float64
}
