package sim

import (
	"cmp"
	"slices"
)

// event is one cultural activity this week.
type event struct {
	grid     int32
	host     int32 // organization hosting it, -1 for the committee or the project
	capacity int32
	appeal   float64
}

// wish is a resident wanting a seat at an event.
type wish struct {
	id      int32
	event   int32
	regular bool // went last week: keeps the seat
}

// activities holds the week's cultural activities. The committee holds
// behaviour.community_events per 1000 residents, the project more under its
// cultural measure (more appealing as social workers localize), and every
// active cultural or parent-child organization one. Residents want to go
// according to the event's appeal, their interest, belonging, time and the
// share of their ties who went last week; seats are scarce and go to
// regulars first, then by lot. Going raises belonging and the norm of helping neighbours, and
// co-attendance grows ties (see attitudes) and forms new ones.
func (e *Engine) activities() {
	rng := e.sequential(streamActivities)
	b := &e.cfg.Behaviour
	per1000 := float64(e.r.n) / 1000
	eff := e.macro.effort[measureCultural]
	e.events = e.events[:0]
	grids := e.geo.grids()
	add := func(n int, host int32, appeal float64) {
		for range n {
			g := int32(rng.IntN(grids))
			if host >= 0 {
				g = e.orgs[host].grid
			}
			e.events = append(e.events, event{grid: g, host: host, capacity: int32(b.EventSize), appeal: appeal})
		}
	}
	add(int(b.CommunityEvents*per1000+rng.Float64()), -1, b.EventAppeal)
	add(int(eff*b.ProjectEvents*per1000+rng.Float64()), -1, b.EventAppeal+b.ProjectEventAppeal+e.meanLocalization())
	for o := range e.orgs {
		org := &e.orgs[o]
		if (org.kind == OrgCultural || org.kind == OrgParentChild) && org.active(b) {
			add(1, int32(o), b.EventAppeal+org.activity)
		}
	}
	if len(e.events) == 0 {
		return
	}
	// Index events by grid.
	for g := range e.grids.events {
		e.grids.events[g] = 0
	}
	slices.SortStableFunc(e.events, func(a, b event) int { return cmp.Compare(a.grid, b.grid) })
	for _, ev := range e.events {
		e.grids.events[ev.grid+1]++
	}
	for g := 1; g < len(e.grids.events); g++ {
		e.grids.events[g] += e.grids.events[g-1]
	}

	e.forShards(streamActivities, e.work.wish)
	e.wishes = e.wishes[:0]
	for s := range e.shards {
		e.wishes = append(e.wishes, e.shards[s].wishes...)
	}
	e.giveSeats(rng)
	e.forShards(streamActivities+streamSequential/2, e.work.attend)
}

// wishShard decides, for one shard, who wants to go to which event.
func (e *Engine) wishShard(sh *shard) {
	sh.wishes = sh.wishes[:0]
	rng := sh.rng
	r := &e.r
	b := &e.cfg.Behaviour
	for i := sh.lo; i < sh.hi; i++ {
		g := e.geo.buildingGrid[r.building[i]]
		lo, hi := e.grids.events[g], e.grids.events[g+1]
		if lo == hi {
			continue
		}
		k := lo + int32(rng.IntN(int(hi-lo)))
		ev := &e.events[k]
		u := ev.appeal + b.AttendInterest*float64(r.interest[i]) + b.AttendBelonging*float64(r.belong[i]) +
			b.AttendSocial*e.tieShare(i, didActivity) - b.AttendTimeShort*shortage(r.time[i], b.EnoughHours)
		if ev.host >= 0 && r.isMember(i, ev.host) {
			u += b.AttendMembership
		}
		if belowLogistic(rng.Float64(), 1, u) {
			sh.wishes = append(sh.wishes, wish{id: int32(i), event: k, regular: r.prevTook[i]&didActivity != 0})
		}
	}
}

// giveSeats gives each event's seats to regulars, who went last week,
// then by lot to newcomers: the wishes are grouped by event (a counting sort
// that keeps shard order), and an event with more wishes than seats puts
// its regulars first and shuffles each class.
func (e *Engine) giveSeats(rng *stream) {
	if cap(e.eventStart) < len(e.events)+1 {
		e.eventStart = make([]int32, 2*len(e.events)+1)
	}
	start := e.eventStart[:len(e.events)+1]
	clear(start)
	for _, w := range e.wishes {
		start[w.event+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	e.seated = append(e.seated[:0], e.wishes...)
	for _, w := range e.wishes {
		e.seated[start[w.event]] = w
		start[w.event]++
	}
	lo := 0
	for k := range e.events {
		hi := int(start[k]) // now the end of event k's wishes
		seg := e.seated[lo:hi]
		seats := int(e.events[k].capacity)
		if len(seg) > seats {
			regulars := 0
			for j, w := range seg {
				if w.regular {
					seg[j], seg[regulars] = seg[regulars], seg[j]
					regulars++
				}
			}
			shuffle(rng, seg[:regulars])
			shuffle(rng, seg[regulars:])
			seg = seg[:seats]
		}
		e.group = e.group[:0]
		for _, w := range seg {
			e.r.event[w.id] = int32(k)
			e.r.took[w.id] |= didActivity
			e.group = append(e.group, w.id)
		}
		e.groups.add(e.group, 1)
		lo = hi
	}
}

// attendShard applies what attending does, for one shard.
func (e *Engine) attendShard(sh *shard) {
	r := &e.r
	b := &e.cfg.Behaviour
	for i := sh.lo; i < sh.hi; i++ {
		if r.event[i] < 0 {
			continue
		}
		r.belong[i] += float32(b.ActivityBelong * (1 - float64(r.belong[i])))
		r.norm[i] += float32(b.ActivityNorm * (1 - float64(r.norm[i])))
	}
}

// shortage is the lack of time for community life, in [0,1]: none with
// enough (behaviour.enough_hours) free hours a week or more.
func shortage(hours float32, enough float64) float64 { return clamp01(1 - float64(hours)/enough) }

func (e *Engine) meanLocalization() float64 {
	if len(e.social) == 0 {
		return 0
	}
	var s float64
	for _, w := range e.social {
		s += w.localization
	}
	return s / float64(len(e.social))
}
