package sim

// needsPhase lets needs arise. Rates depend on the resident: elders and
// vulnerable residents have care needs, burdened households economic needs,
// parents children's needs. Unmet needs pile up to behaviour.need_cap per
// type; each is given up with probability behaviour.need_lapse a week.
func (e *Engine) needsPhase() { e.forShards(streamNeeds, e.needsShard) }

func (e *Engine) needsOn(s int) {
	sh := &e.shards[s]
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
			burden := float64(e.hh.burden[r.household[i]])
			rate[NeedEconomic] = b.EconomicRate * (0.2 + 1.6*burden)
			rate[NeedCultural] = b.CulturalRate * float64(r.interest[i])
			rate[NeedCivic] = b.CivicRate
			if r.flags[i]&flagHasKids != 0 {
				rate[NeedChildren] = b.ChildrenRate
			}
		}
		nd := &r.needs[i]
		for t := range nd {
			for k := nd[t]; k > 0; k-- {
				if rng.Float64() < b.NeedLapse {
					nd[t]--
				}
			}
		}
		for t, p := range rate {
			if p > 0 && nd[t] < limit && rng.Float64() < p {
				nd[t]++
			}
		}
		r.careSeen[i] <<= 1
		if nd[NeedCare] > 0 {
			r.careSeen[i] |= 1
		}
	}
}
