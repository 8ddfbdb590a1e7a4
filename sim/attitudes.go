package sim

// attitudes ends the week for every resident: attitudes drift back toward
// their structural baselines unless renewed, understanding of the social
// worker's role spreads from ties who understand it better, belonging rises
// with strong ties, and ties grow with co-participation and fade otherwise.
func (e *Engine) attitudes() {
	rng := e.sequential(streamAttitudes)
	p := e.cfg.Behaviour.TieFormation
	for k := range e.groups.rate {
		e.befriend(rng, e.groups.members(k), p*e.groups.rate[k])
	}
	copy(e.r.reticenceScratch, e.r.reticence)
	e.forShards(streamAttitudes, e.work.attitudes)
}

// groups records the week's co-participation groups (an event's audience,
// a grid's meeting, an organization's active members) for tie formation.
type groups struct {
	ids  []int32
	ends []int32
	rate []float64 // tie formation relative to behaviour.tie_formation
}

func (g *groups) reset() { g.ids, g.ends, g.rate = g.ids[:0], g.ends[:0], g.rate[:0] }

func (g *groups) add(ids []int32, rate float64) {
	g.ids = append(g.ids, ids...)
	g.ends = append(g.ends, int32(len(g.ids)))
	g.rate = append(g.rate, rate)
}

func (g *groups) members(k int) []int32 {
	lo := int32(0)
	if k > 0 {
		lo = g.ends[k-1]
	}
	return g.ids[lo:g.ends[k]]
}

// befriend lets each of a group of co-participants, with probability p
// raised by its helping norm (× tie_formation_base + norm), form a tie of
// grown_strength with another member of the group. A draw of a household
// member forms nothing: the household is a tie of its own, and a second
// tie would count the member twice in influence and in the strong-tie
// metrics, which are defined over non-household ties.
func (e *Engine) befriend(rng *stream, group []int32, p float64) {
	if len(group) < 2 {
		return
	}
	base, strength := e.cfg.Behaviour.TieFormBase, float32(e.cfg.Behaviour.GrownStrength)
	for _, id := range group {
		i := int(id)
		if rng.Float64() < p*(base+float64(e.r.norm[i])) {
			j := int(group[rng.IntN(len(group))])
			if e.r.household[j] != e.r.household[i] {
				e.r.addTie(i, j, tieGrown, strength, 0, false)
			}
		}
	}
}

func (e *Engine) attitudesShard(sh *shard) {
	r := &e.r
	b := &e.cfg.Behaviour
	drift := float32(b.Drift)
	roleBase := float32(e.cfg.Project.RoleClarity)
	roleDrift := float32(b.RoleDrift)
	spread := float32(b.RoleSpread)
	for i := sh.lo; i < sh.hi; i++ {
		// Each attitude is read once and written once (slices may alias,
		// so through r the compiler would load and check it again).
		belong := r.belong[i] + drift*(r.baseBelong[i]-r.belong[i])
		trust := r.trust[i] + drift*(r.baseTrust[i]-r.trust[i])
		efficacy := r.efficacy[i] + drift*(r.baseEfficacy[i]-r.efficacy[i])
		norm := r.norm[i] + drift*(r.baseNorm[i]-r.norm[i])
		role := r.role[i] + roleDrift*drift*(roleBase-r.role[i])

		strong, roleSum := e.updateTies(i)
		r.strong[i] = int32(strong)
		if d := r.deg[i]; d > 0 { // toward the ties' mean role when it is higher, without a branch on it
			role += spread * max(roleSum/float32(d)-role, 0)
		}
		belong += e.tieBelong[strong] * (1 - belong) // strong_belonging × min(1, strong / strong_ties_full)
		if r.reticence != nil {
			e.moveReticence(i)
		}

		r.belong[i] = clamp01(belong)
		r.trust[i] = clamp01(trust)
		r.efficacy[i] = clamp01(efficacy)
		r.norm[i] = clamp01(norm)
		r.role[i] = clamp01(role)
	}
}

// moveReticence moves resident i's conservative norm about taking part:
// down by reticence_activity of itself in a week it did something with
// others (an event, a meeting, its organization's work), and
// reticence_ties of the way toward its ties' mean as of last week.
func (e *Engine) moveReticence(i int) {
	r := &e.r
	b := &e.cfg.Behaviour
	x := r.reticence[i]
	if r.event[i] >= 0 || r.took[i]&(didAffairs|didOrg) != 0 {
		x -= float32(b.ReticenceActivity) * x
	}
	if d := int(r.deg[i]); d > 0 {
		var sum float32
		lo := int(r.tieStart[i])
		for _, j := range r.tieTo[lo : lo+d] {
			sum += r.reticenceScratch[j]
		}
		x += float32(b.ReticenceTies) * (sum/float32(d) - x)
	}
	r.reticence[i] = clamp01(x)
}

// updateTies grows the ties of resident i whose other end took part in the
// same activity, meeting or organization this week and lets the others fade
// toward their base strength; grown ties that fade below tie_floor are
// dropped. Both ends of a tie compute the same update from the same inputs,
// so tie lists stay symmetric without coordination. It links strong ties
// for the largest component and returns the number of strong ties left and
// the sum of all ties' other ends' role understanding last week (one pass
// over the ties serves all three).
func (e *Engine) updateTies(i int) (strong int, roleSum float32) {
	r := &e.r
	b := &e.cfg.Behaviour
	growth, decay := float32(b.TieGrowth), float32(b.TieDecay)
	strongAt, floor := float32(b.StrongTie), float32(b.TieFloor)
	lo, n := int(r.tieStart[i]), int(r.deg[i])
	// The tie list in locals: the count is kept in a register, not
	// reloaded from r.deg after every tie.
	to, str, base, kind := r.tieTo[lo:lo+n:lo+n], r.tieStr[lo:lo+n:lo+n], r.tieBase[lo:lo+n:lo+n], r.tieKind[lo:lo+n:lo+n]
	// Most residents do nothing together with anyone in a given week; then
	// no tie needs a look at its other end.
	active := r.event[i] >= 0 || r.took[i]&(didAffairs|didOrg) != 0
	for k := 0; k < n; {
		j := int(to[k])
		x := str[k]
		var w float32
		if active {
			w = e.coParticipation(i, j)
		}
		if w > 0 {
			x += w * growth * (1 - x)
		} else {
			x -= decay * (x - base[k])
		}
		if x < floor && kind[k] == tieGrown { // rarely weak: test that first
			n--
			to[k], str[k], base[k], kind[k] = to[n], str[n], base[n], kind[n]
			continue
		}
		str[k] = x
		if x >= strongAt {
			strong++
			if j > i { // the lower end links the tie (components.go)
				unite(e.components.parent, int32(i), int32(j))
			}
		}
		roleSum += r.roleScratch[j]
		k++
	}
	r.deg[i] = int32(n)
	return strong, roleSum
}

// coParticipation weighs what i and j did together this week: 1 for the
// same cultural event, which exists to bring people together;
// behaviour.organization_tie_growth for the same organization's work,
// which is task-centred; behaviour.meeting_tie_growth for the same grid's
// meeting, less intimate still; 0 for nothing. The weights also scale the
// groups' tie formation.
func (e *Engine) coParticipation(i, j int) float32 {
	r := &e.r
	if ev := r.event[i]; ev >= 0 && ev == r.event[j] {
		return 1
	}
	both := r.took[i] & r.took[j]
	if both&didOrg != 0 {
		for _, o := range r.memberships(i) {
			if r.isMember(j, o) {
				return float32(e.cfg.Behaviour.OrgTieGrowth)
			}
		}
	}
	if both&didAffairs != 0 && e.gridOf(i) == e.gridOf(j) {
		return float32(e.cfg.Behaviour.MeetTieGrowth)
	}
	return 0
}
