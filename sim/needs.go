package sim

// needsShard lets needs arise among a shard's residents (the needs phase, run
// in the week's opening pass). Rates depend on the resident: elders and
// vulnerable residents have care needs, burdened households economic needs,
// parents children's needs. Unmet needs pile up to behaviour.need_cap per
// type; each is given up with probability behaviour.need_lapse a week.
func (e *Engine) needsShard(sh *shard) {
	rng := sh.rng
	b := &e.cfg.Behaviour
	r := &e.r
	limit := uint8(b.NeedCap)
	for i := sh.lo; i < sh.hi; i++ {
		var rate [NumNeeds]float64
		switch {
		case r.flags[i]&flagVulnerable != 0:
			rate[NeedCare] = b.CareRateVulnerable
		case r.age[i] == Elder:
			rate[NeedCare] = b.CareRateElder
		default:
			rate[NeedCare] = b.CareRateOther
		}
		if r.age[i] != Child {
			burden := float64(e.households.burden[r.household[i]])
			rate[NeedEconomic] = b.EconomicRate * (b.EconomicFloor + b.EconomicBurden*burden)
			rate[NeedCultural] = b.CulturalRate * float64(r.interest[i])
			rate[NeedCivic] = b.CivicRate
			if r.flags[i]&flagHasKids != 0 {
				rate[NeedChildren] = b.ChildrenRate
			}
		}
		pending := &r.needs[i]
		for t, k := range pending {
			if k > 0 && b.NeedLapse > 0 {
				pending[t] -= e.lapses(k, rng.Float64())
			}
		}
		for t, p := range rate {
			if p > 0 && pending[t] < limit && rng.Float64() < p {
				pending[t]++
			}
		}
		r.careSeen[i] <<= 1
		if pending[NeedCare] > 0 {
			r.careSeen[i] |= 1
		}
	}
}

// lapses draws how many of k pending needs are given up this week,
// Binomial(k, need_lapse), by inverting its distribution function with one
// uniform draw u. e.noLapse[k] holds (1 − need_lapse)^k.
func (e *Engine) lapses(k uint8, u float64) uint8 {
	p := e.cfg.Behaviour.NeedLapse
	if p >= 1 {
		return k
	}
	odds := p / (1 - p)
	pmf := e.noLapse[k]
	cdf := pmf
	var x uint8
	for u >= cdf && x < k {
		pmf *= float64(k-x) / float64(x+1) * odds
		x++
		cdf += pmf
	}
	return x
}
