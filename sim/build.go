package sim

import "math"

// build synthesises the community from the configuration with the build
// stream: households and their members, buildings and grids, attitudes and
// their baselines, ties and the organizations that already exist.
func (e *Engine) build() error {
	rng := newStream()
	rng.reset(e.seed, math.MaxUint64, streamBuild, 0) // no week has this number
	if e.cfg.Data != nil {
		if err := e.cfg.Data.check(); err != nil {
			return err
		}
		e.buildFromData()
	} else {
		e.synthesise(rng)
	}
	for i, a := range e.r.age {
		if a != Child {
			e.r.prevTook[i] = isGrown
		}
	}
	e.householdBurden()
	e.personalTraits(rng)
	if e.cfg.Data == nil {
		e.chooseVulnerable(rng)
	}
	e.setBaselines(rng)
	e.setThresholds(rng)
	if e.cfg.Data != nil {
		e.applyData()
	}
	if e.cfg.Data != nil && e.cfg.Data.Ties != nil {
		if err := e.dataTies(); err != nil {
			return err
		}
	} else {
		e.r.allocateTies(e.cfg.Community.MaxTies, nil)
		e.weaveTies(rng)
	}
	e.initEnvironment()
	e.initSatisfaction()
	e.foundInitialOrgs(rng)
	return nil
}

// synthesise draws households, their members' ages, buildings and grids.
func (e *Engine) synthesise(rng *stream) {
	c := e.cfg.Community
	sizes := make([]int32, c.Households)
	n := 0
	for h := range sizes {
		s := 1 + poisson(rng, c.HouseholdSizeMean-1)
		s = min(s, c.HouseholdSizeMax)
		sizes[h] = int32(s)
		n += s
	}
	e.allocate(n, c.Households, c.Buildings)
	r := &e.r

	// Ages: the first member is an adult or an elder; later members are
	// children with the probability that makes the population share come
	// out at child_share, and elders at elder_share.
	childP := 0.0
	if c.HouseholdSizeMean > 1 {
		childP = min(0.95, c.ChildShare/(1-1/c.HouseholdSizeMean))
	}
	id := 0
	b := 0
	for h, s := range sizes {
		for b < c.Buildings-1 && h >= (b+1)*c.Households/c.Buildings {
			b++
			e.geo.buildingStart[b] = int32(id)
		}
		e.households.start[h] = int32(id)
		e.households.income[h] = float32(c.IncomeMedian * math.Exp(c.IncomeSpread*rng.NormFloat64()))
		for k := range int(s) {
			age := Adult
			u := rng.Float64()
			switch {
			case k == 0 && u < c.ElderShare:
				age = Elder
			case k > 0 && u < childP:
				age = Child
			case k > 0 && u < childP+c.ElderShare:
				age = Elder
			}
			r.age[id] = age
			r.household[id] = int32(h)
			r.building[id] = int32(b)
			id++
		}
	}
	e.households.start[c.Households] = int32(n)
	for bb := b + 1; bb <= c.Buildings; bb++ {
		e.geo.buildingStart[bb] = int32(n)
	}
	e.geo.buildingStart[c.Buildings] = int32(n)
	e.mapGrids()
}

func (e *Engine) allocate(n, nHouseholds, buildings int) {
	r := &e.r
	r.n = n
	r.household = make([]int32, n)
	r.building = make([]int32, n)
	r.age = make([]uint8, n)
	r.flags = make([]uint8, n)
	for _, f := range []*[]float32{&r.edu, &r.time, &r.interest, &r.threshold, &r.belong, &r.trust,
		&r.efficacy, &r.role, &r.norm, &r.baseBelong, &r.baseTrust, &r.baseEfficacy, &r.baseNorm, &r.roleScratch} {
		*f = make([]float32, n)
	}
	r.needs = make([]needSet, n)
	r.careSeen = make([]uint8, n)
	r.careLapsed = make([]uint8, n)
	r.resolvedWeek, r.lapsedWeek = make([]uint16, n), make([]uint16, n)
	r.took = make([]uint8, n)
	r.prevTook = make([]uint8, n) // isGrown is set once ages are known
	r.history = make([]uint8, n)
	r.event = make([]int32, n)
	r.orgs = make([]int32, n*maxMemberships)
	for i := range r.orgs {
		r.orgs[i] = -1
	}
	r.orgCount = make([]uint8, n)

	e.households = households{
		start:  make([]int32, nHouseholds+1),
		income: make([]float32, nHouseholds),
		burden: make([]float32, nHouseholds),
	}
	grids := e.cfg.Community.Grids
	e.geo = geography{
		buildingStart: make([]int32, buildings+1),
		buildingGrid:  make([]int32, buildings),
		gridStart:     make([]int32, grids+1),
		linked:        make([]int32, buildings),
		unlinked:      make([]int32, buildings),
	}
	e.requests = make([]request, 0, n/4)
	e.wishes = make([]wish, 0, n/8)
}

// householdBurden sets each household's economic burden: how far its
// equivalised income falls short of the reference income, weighted by the
// share of dependents (children and elders) among its members.
func (e *Engine) householdBurden() {
	c := &e.cfg.Community
	ref := c.IncomeReference
	for h := range e.households.income {
		lo, hi := e.households.members(h)
		size := hi - lo
		dependents, kids := 0, 0
		for i := lo; i < hi; i++ {
			switch e.r.age[i] {
			case Adult:
			case Child:
				kids++
				dependents++
			default:
				dependents++
			}
		}
		eq := float64(e.households.income[h]) / (1 + c.EquivalenceScale*float64(size-1))
		shortfall := clamp01(1 - eq/ref)
		e.households.burden[h] = float32(shortfall * (c.BurdenFloor + c.BurdenDependents*float64(dependents)/float64(size)))
		if kids > 0 {
			for i := lo; i < hi; i++ {
				if e.r.age[i] == Adult {
					e.r.flags[i] |= flagHasKids
				}
			}
		}
	}
}

// personalTraits draws education and party membership (or takes them, and
// vulnerability, from the data), cultural interest and the weekly time
// available for community life.
func (e *Engine) personalTraits(rng *stream) {
	c := e.cfg.Community
	data := e.cfg.Data
	for i := range e.r.n {
		burden := float64(e.households.burden[e.r.household[i]])
		age := e.r.age[i]
		switch {
		case data != nil:
			pr := &data.Residents[i]
			e.r.edu[i] = float32(pr.Education)
			if pr.Party {
				e.r.flags[i] |= flagParty
				e.party = append(e.party, int32(i))
			}
			if pr.Vulnerable {
				e.r.flags[i] |= flagVulnerable
				e.vulnerable = append(e.vulnerable, int32(i))
			}
		case age != Child:
			u := rng.Float64()
			level := 0
			for level < 3 && u >= c.EducationMix[level] {
				u -= c.EducationMix[level]
				level++
			}
			e.r.edu[i] = float32(level) / 3
			if rng.bernoulli(c.PartyMemberShare) {
				e.r.flags[i] |= flagParty
				e.party = append(e.party, int32(i))
			}
		}
		hours := [3]float64{Child: c.TimeChild, Adult: c.TimeAdult, Elder: c.TimeElder}[age]
		e.r.time[i] = float32(hours * (1 - c.TimeBurden*burden))
		elder := oneIf(age == Elder)
		e.r.interest[i] = float32(clamp01(c.InterestBase + c.InterestSpread*rng.Float64() + c.InterestElder*elder + c.InterestEducation*float64(e.r.edu[i])))
	}
}

// chooseVulnerable marks exactly round(vulnerable_share·n) residents as
// vulnerable (at most every adult and elder: children's needs are their
// parents'), drawn without replacement with weights that favour elders
// living alone, other elders and members of burdened households
// (Efraimidis–Spirakis keys).
func (e *Engine) chooseVulnerable(rng *stream) {
	n := e.r.n
	c := &e.cfg.Community
	k := int(math.Round(c.VulnerableShare * float64(n)))
	grown := 0
	for _, a := range e.r.age {
		if a != Child {
			grown++
		}
	}
	k = min(k, grown)
	if k == 0 {
		return
	}
	keys := make([]keyed, n)
	for i := range n {
		h := int(e.r.household[i])
		lo, hi := e.households.members(h)
		w := 1.0
		if e.r.age[i] == Child {
			keys[i] = keyed{math.Inf(1), int32(i)}
			continue
		}
		if e.r.age[i] == Elder {
			w += c.VulnerableElder
			if hi-lo == 1 {
				w += c.VulnerableAlone
			}
		}
		if float64(e.households.burden[h]) > c.VulnerableBurden {
			w += c.VulnerableBurdened
		}
		keys[i] = keyed{-math.Log(1-rng.Float64()) / w, int32(i)}
	}
	smallest(keys, k)
	for _, kd := range keys[:k] {
		e.r.flags[kd.id] |= flagVulnerable
	}
	for i := range n {
		if e.r.flags[i]&flagVulnerable != 0 {
			e.vulnerable = append(e.vulnerable, int32(i))
		}
	}
}

// keyed is a resident's key in a weighted draw without replacement.
type keyed struct {
	key float64
	id  int32
}

// less orders keys by key, then id: a total order, ids being distinct.
func (a keyed) less(b keyed) bool { return a.key < b.key || a.key == b.key && a.id < b.id }

// smallest moves the k smallest of keys to keys[:k], in no particular
// order: a quickselect, which only the set chosen needs rather than a sort.
// Under a total order the set is the same however the keys are moved.
func smallest(keys []keyed, k int) {
	lo, hi := 0, len(keys)
	for hi-lo > 1 && k > lo && k < hi {
		// The median of three as the pivot, moved to the end.
		a, b, c := lo, lo+(hi-lo)/2, hi-1
		if keys[b].less(keys[a]) {
			a, b = b, a
		}
		if keys[c].less(keys[b]) {
			b = c
			if keys[b].less(keys[a]) {
				b = a
			}
		}
		keys[b], keys[hi-1] = keys[hi-1], keys[b]
		pivot, at := keys[hi-1], lo
		for i := lo; i < hi-1; i++ {
			if keys[i].less(pivot) {
				keys[i], keys[at] = keys[at], keys[i]
				at++
			}
		}
		keys[at], keys[hi-1] = keys[hi-1], keys[at]
		// keys[lo:at] are below the pivot, now at at; the rest above it.
		if k <= at {
			hi = at
		} else {
			lo = at + 1
		}
	}
}

// setBaselines sets each resident's structural attitude baselines from
// education, burden and age (community.baselines, assumptions), and starts
// every attitude near its baseline. The long-run baselines, which the
// attitudes drift back to, are the structural ones moved by
// community.long_run (survey data may set them per resident, applyData).
// Each sum keeps the order of its terms: floating-point addition is not
// associative.
func (e *Engine) setBaselines(rng *stream) {
	c := &e.cfg.Community.Baselines
	lr := &e.cfg.Community.LongRun
	ret := &e.cfg.Community.Reticence
	if e.cfg.Participation.Reticence != 0 {
		e.r.reticence, e.r.reticenceScratch = make([]float32, e.r.n), make([]float32, e.r.n)
	}
	for i := range e.r.n {
		edu := float64(e.r.edu[i])
		burden := float64(e.households.burden[e.r.household[i]])
		elder := oneIf(e.r.age[i] == Elder)
		party := oneIf(e.r.flags[i]&flagParty != 0)
		e.r.baseBelong[i] = float32(clamp01(c.Belonging + c.BelongingElder*elder + c.BelongingEducation*edu + c.BelongingBurden*burden))
		e.r.baseTrust[i] = float32(clamp01(c.Trust + c.TrustEducation*edu + c.TrustElder*elder + c.TrustParty*party + c.TrustBurden*burden))
		e.r.baseEfficacy[i] = float32(clamp01(c.Efficacy + c.EfficacyEducation*edu + c.EfficacyParty*party + c.EfficacyBurden*burden))
		e.r.baseNorm[i] = float32(clamp01(c.Norm + c.NormElder*elder + c.NormEducation*edu + c.NormParty*party))
		jitter := func(x float32) float32 { return float32(clamp01(float64(x) + c.Jitter*(rng.Float64()-0.5))) }
		e.r.belong[i] = jitter(e.r.baseBelong[i])
		e.r.trust[i] = jitter(e.r.baseTrust[i])
		e.r.efficacy[i] = jitter(e.r.baseEfficacy[i])
		e.r.norm[i] = jitter(e.r.baseNorm[i])
		e.r.role[i] = float32(clamp01(e.cfg.Project.RoleClarity * 2 * rng.Float64()))
		if e.r.reticence != nil {
			e.r.reticence[i] = float32(clamp01(ret.Level + ret.Elder*elder + ret.Education*edu))
		}
		if lr.shifted() {
			shift := func(base float32, by float64) float32 { return float32(clamp01(float64(base) + by)) }
			e.r.baseBelong[i] = shift(e.r.baseBelong[i], lr.Belonging)
			e.r.baseTrust[i] = shift(e.r.baseTrust[i], lr.Trust)
			e.r.baseEfficacy[i] = shift(e.r.baseEfficacy[i], lr.Efficacy)
			e.r.baseNorm[i] = shift(e.r.baseNorm[i], lr.Norm)
		}
	}
}

// setThresholds gives every resident a participation threshold: from the
// scenario's list if it has one, otherwise 0 for a share of initiators and a
// normal draw clipped to [0,1] for the rest.
func (e *Engine) setThresholds(rng *stream) {
	p := e.cfg.Participation
	for i := range e.r.n {
		switch {
		case len(p.Thresholds) > 0:
			e.r.threshold[i] = float32(p.Thresholds[i%len(p.Thresholds)])
		case rng.bernoulli(p.Initiators):
			e.r.threshold[i] = 0
		default:
			e.r.threshold[i] = float32(clamp01(p.ThresholdMean + p.ThresholdSD*rng.NormFloat64()))
		}
	}
}

// weaveTies adds neighbours within buildings and small-world friendships
// (at community.neighbour_strength and friend_strength, below the
// strong-tie level, so that strong ties must be grown):
// a ring lattice over residents shuffled within each grid (so most friends
// live in the same grid) with each edge rewired to a uniformly random
// resident with probability friend_rewire (Watts–Strogatz).
func (e *Engine) weaveTies(rng *stream) {
	c := e.cfg.Community
	r := &e.r
	neighbourStrength, friendStrength := float32(c.NeighbourStrength), float32(c.FriendStrength)
	for bld := range c.Buildings {
		lo, hi := int(e.geo.buildingStart[bld]), int(e.geo.buildingStart[bld+1])
		if hi-lo < 2 {
			continue
		}
		for i := lo; i < hi; i++ {
			for range c.NeighbourTies {
				j := lo + rng.IntN(hi-lo)
				if r.household[j] != r.household[i] {
					r.addTie(i, j, tieNeighbour, neighbourStrength, neighbourStrength, false)
				}
			}
		}
	}
	if c.FriendTies < 2 || r.n < 3 {
		return
	}
	ring := make([]int32, r.n)
	for i := range ring {
		ring[i] = int32(i)
	}
	for g := range e.geo.grids() {
		part := ring[e.geo.gridStart[g]:e.geo.gridStart[g+1]]
		rng.Shuffle(len(part), func(a, b int) { part[a], part[b] = part[b], part[a] })
	}
	for k, id := range ring {
		for d := 1; d <= c.FriendTies/2; d++ {
			j := int(ring[(k+d)%len(ring)])
			if rng.bernoulli(c.FriendRewire) {
				j = rng.IntN(r.n)
			}
			if r.household[j] != r.household[id] {
				r.addTie(int(id), j, tieFriend, friendStrength, friendStrength, false)
			}
		}
	}
}

// foundInitialOrgs creates the organizations the community already has,
// starting with the cultural kinds the field study saw most.
func (e *Engine) foundInitialOrgs(rng *stream) {
	c := e.cfg.Community
	for k := range c.Organizations {
		kind := [...]OrgKind{OrgCultural, OrgElderCare, OrgVolunteer, OrgParentChild, OrgMutualAid}[k%5]
		e.foundOrg(rng, kind, c.OrgSize, c.OrgFunds, c.OrgActivity, c.OrgLeadership)
	}
}

// poisson draws from a Poisson distribution by inversion (small means only).
func poisson(rng *stream, mean float64) int {
	if mean <= 0 {
		return 0
	}
	l := math.Exp(-mean)
	k, p := 0, rng.Float64()
	for p > l && k < 100 {
		k++
		p *= rng.Float64()
	}
	return k
}

// clamp01 limits x to [0, 1]. Attitudes rarely leave it, so branches
// predict well; the built-in min and max, which must order NaNs and signed
// zeros, cost more in the weekly loop over every resident.
func clamp01[F float32 | float64](x F) F {
	if !(x > 0) {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func oneIf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
