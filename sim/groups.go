package sim

import (
	"math"
	"slices"
	"strconv"
)

// Groupings of residents for the metrics "for whom" (groups.csv). Each
// partitions all residents: every resident is in exactly one group of each.
const (
	ByIncome     = "income_quintile" // quintiles of residents by household income, q1 the poorest
	ByEducation  = "education"       // the adult's level; children form a group of their own
	ByAge        = "age"             // child, adult, elder
	ByVulnerable = "vulnerable"      // vulnerable or not
	ByParty      = "party_member"    // party member or not
	ByGrid       = "grid"            // the grid lived in, by number
)

// Group is one group of residents: its grouping, name, residents and
// adults (adults and elders).
type Group struct {
	By, Name     string
	Size, Adults int
}

// GroupMetric indexes GroupMetrics and the values of Result.GroupValues.
type GroupMetric int

// The metrics recorded per group: each a mean over persons, or a share of
// them, whose denominator says which persons.
const (
	GParticipation GroupMetric = iota
	GParticipationWeek
	GActivityAttendance
	GOrgMembership
	GBelonging
	GTrust
	GEfficacy
	GRoleClarity
	GStrongTieShare
	GStrongDegree
	GCareNeedy
	GVulnerableCoverage
	GNeedsResolved
	GNeedsLapsed
	NumGroupMetrics
)

// Denominators of the group metrics.
const (
	OverAdults = "adults"     // adults and elders in the group
	OverSize   = "size"       // residents in the group
	OverNeedy  = "care_needy" // vulnerable residents with a care need in the last four weeks
)

// GroupMetricInfo describes one group metric: its column name and
// denominator. Over is OverNeedy for coverage; care_needy itself is a
// count (Over "").
type GroupMetricInfo struct {
	Name, Over string
}

// GroupMetrics describes every group metric; index it with a GroupMetric.
// A name shared with Metrics is the same formula over the group's members.
var GroupMetrics = [NumGroupMetrics]GroupMetricInfo{
	GParticipation:      {"participation", OverAdults},
	GParticipationWeek:  {"participation_week", OverAdults},
	GActivityAttendance: {"activity_attendance", OverSize},
	GOrgMembership:      {"org_membership", OverAdults},
	GBelonging:          {"belonging", OverAdults},
	GTrust:              {"trust", OverAdults},
	GEfficacy:           {"efficacy", OverAdults},
	GRoleClarity:        {"role_clarity", OverAdults},
	GStrongTieShare:     {"strong_tie_share", OverSize},
	GStrongDegree:       {"strong_degree", OverSize},
	GCareNeedy:          {"care_needy", ""},
	GVulnerableCoverage: {"vulnerable_coverage", OverNeedy},
	GNeedsResolved:      {"needs_resolved", OverSize},
	GNeedsLapsed:        {"needs_lapsed", OverSize},
}

// numGroupings is the number of groupings; every resident is in one group
// of each.
const numGroupings = 6

// Groupings lists the groupings, in the order Result.Groups holds them.
var Groupings = [numGroupings]string{ByIncome, ByEducation, ByAge, ByVulnerable, ByParty, ByGrid}

// groupNames are the names of each grouping's groups, in order; the
// grid's depend on the community (gridNames).
var groupNames = [numGroupings][]string{
	{"q1", "q2", "q3", "q4", "q5"},
	{"primary", "middle", "high", "college", "child"},
	{"child", "adult", "elder"},
	{"not_vulnerable", "vulnerable"},
	{"not_party_member", "party_member"},
	nil,
}

// gridNames names n grids by their numbers from 0.
func gridNames(n int) []string {
	names := make([]string, n)
	for k := range names {
		names[k] = strconv.Itoa(k)
	}
	return names
}

// GroupNames returns the names of the groups of grouping by, in the order
// Result.Groups holds them, in the community cfg builds (the grids are
// numbered from 0); nil for an unknown grouping.
func GroupNames(cfg *Config, by string) []string {
	k := slices.Index(Groupings[:], by)
	switch {
	case k < 0:
		return nil
	case by == ByGrid:
		// As the build lays them out: no more grids than buildings.
		buildings := cfg.Community.Buildings
		if cfg.Data != nil {
			buildings = cfg.Data.Buildings
		}
		return gridNames(min(cfg.Community.Grids, buildings))
	}
	return slices.Clone(groupNames[k])
}

// GroupIndex returns the index in r.Groups of the group named name of
// grouping by, or -1 if r did not measure it.
func (r *Result) GroupIndex(by, name string) int {
	return slices.IndexFunc(r.Groups, func(g Group) bool { return g.By == by && g.Name == name })
}

// groupRecord is what the record keeps to measure groups. A resident's
// groups in the five groupings but the grid (its span gives that) make
// its cell, one of at most 300 combinations; the record adds a resident
// into its cell and its grid, and then each cell into its five groups:
// two additions a resident instead of six. Cells are numbered within each
// shard (shard.groupCells), so that a shard clears and reads only the
// cells of its own residents, and a shard keeps sums of the grids it meets
// only (shard.gridGroups): neither its work nor the week's reduction grows
// with the number of grids.
type groupRecord struct {
	on     bool
	cell   []uint16          // each resident's cell, numbered within its shard
	first  [numGroupings]int // index of the grouping's first group in list
	list   []Group
	counts []groupSums // per group, reduced from the shards'
	// Each worker's sums by cell, of whichever shard it runs: kept by the
	// worker, not the shard, they stay in its core's cache.
	scratch [][]packedSums
}

// cellGroups are a cell's groups in the five groupings but the grid, as
// indices in groupRecord.list.
type cellGroups [numGroupings - 1]int32

// groupSums are one group's counts and sums in one week.
type groupSums struct {
	participants, participantsWeek, attendees, members int
	belong, trust, efficacy, role                      float64
	withStrong, strongDegree                           int
	needy, covered                                     int
	resolved, lapsed                                   int
}

// packedSums are groupSums over some of one shard's residents, with the
// counts packed into lanes of four words, so that adding a resident is
// four integer additions rather than ten:
//
//	n[0]: participants, participantsWeek, attendees, members (16 bits each)
//	n[1]: withStrong, needy, covered (16 bits each)
//	n[2]: strongDegree, resolved (32 bits each)
//	n[3]: lapsed
//
// A lane never carries into the next: a shard has at most 65,535
// residents (shardSizeFor, for any community of fewer than 65,535² people,
// far beyond community.households' limit), each counted 0 or 1 in a
// 16-bit lane, with at most 1,000 strong ties (community.max_ties) and
// 65,535 needs resolved a week (a uint16).
type packedSums struct {
	n                             [4]uint64
	belong, trust, efficacy, role float64
}

const lane16, lane32 = 1<<16 - 1, 1<<32 - 1

// addPacked adds the packed sums b.
func (a *groupSums) addPacked(b *packedSums) {
	a.participants += int(b.n[0] & lane16)
	a.participantsWeek += int(b.n[0] >> 16 & lane16)
	a.attendees += int(b.n[0] >> 32 & lane16)
	a.members += int(b.n[0] >> 48)
	a.withStrong += int(b.n[1] & lane16)
	a.needy += int(b.n[1] >> 16 & lane16)
	a.covered += int(b.n[1] >> 32 & lane16)
	a.strongDegree += int(b.n[2] & lane32)
	a.resolved += int(b.n[2] >> 32)
	a.lapsed += int(b.n[3])
	a.belong += b.belong
	a.trust += b.trust
	a.efficacy += b.efficacy
	a.role += b.role
}

// EnableGroups makes the record measure the metrics of GroupMetrics for
// each group of residents (Result.Groups) every week from now on. Call it
// before the first Step; a Fork inherits it, with the weeks measured so far.
func (e *Engine) EnableGroups() {
	if e.byGroup.on {
		return
	}
	r := &e.r
	g := &e.byGroup
	g.on = true
	for k, by := range Groupings {
		names := groupNames[k]
		if by == ByGrid {
			names = gridNames(e.geo.grids())
		}
		g.first[k] = len(g.list)
		for _, name := range names {
			g.list = append(g.list, Group{By: by, Name: name})
		}
	}
	quintile := e.incomeQuintiles()
	// Cells are numbered first in the order residents meet them, which is
	// the order a shard adds its cells into their groups.
	global := make([]uint16, r.n)
	var cells []cellGroups
	var cellOf [5 * 5 * 3 * 2 * 2]int32 // by combination, 0 if not seen yet, else cell + 1
	for i := range r.n {
		var of [numGroupings - 1]int32
		of[0] = int32(quintile[r.household[i]])
		of[1] = int32(math.Round(3 * float64(r.edu[i])))
		if r.age[i] == Child {
			of[1] = 4
		}
		of[2] = int32(r.age[i])
		of[3] = int32(r.flags[i] & flagVulnerable / flagVulnerable)
		of[4] = int32(r.flags[i] & flagParty / flagParty)
		combination := (((of[0]*5+of[1])*3+of[2])*2+of[3])*2 + of[4]
		if cellOf[combination] == 0 {
			for k := range of {
				of[k] += int32(g.first[k])
			}
			cells = append(cells, of)
			cellOf[combination] = int32(len(cells))
		}
		global[i] = uint16(cellOf[combination] - 1)
		for _, k := range cells[global[i]] {
			g.list[k].Size++
			g.list[k].Adults += int(r.prevTook[i] >> 7)
		}
	}
	for k := range e.geo.grids() {
		grp := &g.list[g.first[5]+k]
		for i := e.geo.gridStart[k]; i < e.geo.gridStart[k+1]; i++ {
			grp.Size++
			grp.Adults += int(r.prevTook[i] >> 7)
		}
	}
	g.counts = make([]groupSums, len(g.list))
	// Each shard numbers the cells of its residents in their global order.
	g.cell = make([]uint16, r.n)
	local := make([]int32, len(cells))
	most := 0 // cells in a shard
	for s := range e.shards {
		sh := &e.shards[s]
		clear(local)
		n := 0 // cells present, to allocate them once
		for _, c := range global[sh.lo:sh.hi] {
			n += int(1 - local[c])
			local[c] = 1
		}
		sh.groupCells = make([]cellGroups, 0, n)
		for c, present := range local {
			if present != 0 {
				local[c] = int32(len(sh.groupCells))
				sh.groupCells = append(sh.groupCells, cells[c])
			}
		}
		for i := sh.lo; i < sh.hi; i++ {
			g.cell[i] = uint16(local[global[i]])
		}
		most = max(most, len(sh.groupCells))
		sh.groups = make([]packedSums, g.first[numGroupings-1])
		sh.gridGroups = make([]packedSums, e.gridOf(sh.hi-1)-sh.gridLo+1)
	}
	g.scratch = make([][]packedSums, e.pool.workers())
	for w := range g.scratch {
		g.scratch[w] = make([]packedSums, most)
	}
	e.result.Groups = slices.Clone(g.list)
	e.result.GroupValues = make([]float64, 0, e.cfg.Calendar.Weeks()*len(g.list)*int(NumGroupMetrics))
}

// incomeQuintiles returns each household's income quintile: households
// ranked by income (then id), cut where the residents of poorer
// households reach a fifth, two fifths... of all, by each household's
// middle resident.
func (e *Engine) incomeQuintiles() []uint8 {
	h := &e.households
	// Sorted as one word each, income's order above the household's id:
	// the order of a stable sort by income, at a fraction of its cost.
	order := make([]uint64, len(h.income))
	for k, x := range h.income {
		order[k] = uint64(floatOrder(x))<<32 | uint64(k)
	}
	slices.Sort(order)
	q := make([]uint8, len(h.income))
	before := 0
	for _, key := range order {
		k := int(uint32(key))
		lo, hi := h.members(k)
		q[k] = uint8(min(4, 5*(2*before+hi-lo)/(2*e.r.n)))
		before += hi - lo
	}
	return q
}

// floatOrder maps x to a word that orders as cmp.Compare orders floats:
// NaN first, then from -Inf to +Inf, -0 equal to +0.
func floatOrder(x float32) uint32 {
	switch b := math.Float32bits(x); {
	case x != x:
		return 0
	case x == 0:
		return 1 << 31
	case b>>31 != 0:
		return ^b
	default:
		return b | 1<<31
	}
}

// adultSums are sums over a shard's adults and elders, in id order: what
// moodSums and adultSum give.
type adultSums struct{ belong, trust, efficacy, role float64 }

// groupShard adds the shard's residents into its groups' sums, after the
// roll: each resident, in id order, into its cell and its grid, then each
// cell, in order, into its groups (addCells). A grid's sums are kept in
// registers while its residents are added, and stored once. It returns the
// shard's sums of the moods and role, which the record would otherwise
// add up in a pass of its own.
func (e *Engine) groupShard(sh *shard, cells []packedSums) (all adultSums) {
	gs := sh.groups
	cells = cells[:len(sh.groupCells)]
	clear(gs)
	clear(cells)
	r := &e.r
	for grid, sp := range e.gridSpans(sh) {
		// Counts, then sums of attitudes, each in a loop of its own whose
		// grid totals stay in registers. Every slice is cut to the span's
		// length, so that the loops check no bounds but the cell's.
		n := sp.hi - sp.lo
		prev, cell := r.prevTook[sp.lo:sp.hi], e.byGroup.cell[sp.lo:sp.hi][:n]
		var n0, n1, n2, n3 uint64
		{
			took, history, orgCount, flags := r.took[sp.lo:sp.hi][:n], r.history[sp.lo:sp.hi][:n], r.orgCount[sp.lo:sp.hi][:n], r.flags[sp.lo:sp.hi][:n]
			careSeen, careLapsed, needs, strongTies := r.careSeen[sp.lo:sp.hi][:n], r.careLapsed[sp.lo:sp.hi][:n], r.needs[sp.lo:sp.hi][:n], r.strong[sp.lo:sp.hi][:n]
			resolvedWeek, lapsedWeek := r.resolvedWeek[sp.lo:sp.hi][:n], r.lapsedWeek[sp.lo:sp.hi][:n]
			for k, p := range prev {
				adult := grownCount(p)
				participant := adult & nonzero(history[k]&0x0f)
				participantWeek := adult & int(took[k]&didAffairs)
				attendee := nonzero(history[k] >> 4)
				member := adult & nonzero(orgCount[k])
				strong := int(strongTies[k]) // counted by the tie update or the record (countStrong)
				needy := int(flags[k]&flagVulnerable) & nonzero((careSeen[k]|careLapsed[k])&0x0f)
				covered := needy &^ nonzero(needs[k][NeedCare]|careLapsed[k]&0x0f)
				c := &cells[cell[k]]
				v0 := uint64(participant) | uint64(participantWeek)<<16 | uint64(attendee)<<32 | uint64(member)<<48
				v1 := uint64(min(strong, 1)) | uint64(needy)<<16 | uint64(covered)<<32
				v2 := uint64(strong) | uint64(resolvedWeek[k])<<32
				v3 := uint64(lapsedWeek[k])
				c.n[0] += v0
				c.n[1] += v1
				c.n[2] += v2
				c.n[3] += v3
				n0, n1, n2, n3 = n0+v0, n1+v1, n2+v2, n3+v3
			}
		}
		var belong, trust, efficacy, role float64
		{
			belongs, trusts, efficacies, roles := r.belong[sp.lo:sp.hi][:n], r.trust[sp.lo:sp.hi][:n], r.efficacy[sp.lo:sp.hi][:n], r.role[sp.lo:sp.hi][:n]
			for k, p := range prev {
				a := float64(grownCount(p))
				b, t, f, o := a*float64(belongs[k]), a*float64(trusts[k]), a*float64(efficacies[k]), a*float64(roles[k])
				c := &cells[cell[k]]
				c.belong += b
				c.trust += t
				c.efficacy += f
				c.role += o
				belong, trust, efficacy, role = belong+b, trust+t, efficacy+f, role+o
				all.belong, all.trust, all.efficacy, all.role = all.belong+b, all.trust+t, all.efficacy+f, all.role+o
			}
		}
		sh.gridGroups[grid-sh.gridLo] = packedSums{n: [4]uint64{n0, n1, n2, n3}, belong: belong, trust: trust, efficacy: efficacy, role: role}
	}
	sh.addCells(cells)
	return all
}

// addCells adds each of the shard's cells, in order, into its groups. A
// function of its own, so that none of groupShard's slices compete for
// registers with it.
func (sh *shard) addCells(cells []packedSums) {
	gs := sh.groups
	// By index: a range over the cells' arrays by value copied each to
	// the stack twice, and the copies' overlapping stores stalled the
	// load that followed. The cell's sums in locals: through a pointer,
	// each store into a group would make the compiler load them again.
	for c := range sh.groupCells {
		cell := &cells[c]
		n0, n1, n2, n3 := cell.n[0], cell.n[1], cell.n[2], cell.n[3]
		belong, trust, efficacy, role := cell.belong, cell.trust, cell.efficacy, cell.role
		for _, k := range &sh.groupCells[c] {
			g := &gs[k]
			g.n[0], g.n[1], g.n[2], g.n[3] = g.n[0]+n0, g.n[1]+n1, g.n[2]+n2, g.n[3]+n3
			g.belong, g.trust, g.efficacy, g.role = g.belong+belong, g.trust+trust, g.efficacy+efficacy, g.role+role
		}
	}
}

// appendGroups reduces the shards' group sums in shard order and appends
// the week's group values to the result. A shard adds nothing to a grid it
// does not meet, so each grid's sums come from the few shards that meet it.
func (e *Engine) appendGroups() {
	g := &e.byGroup
	clear(g.counts)
	grids := g.counts[g.first[numGroupings-1]:]
	for s := range e.shards {
		sh := &e.shards[s]
		for k := range sh.groups {
			g.counts[k].addPacked(&sh.groups[k])
		}
		for j := range sh.gridGroups {
			grids[int(sh.gridLo)+j].addPacked(&sh.gridGroups[j])
		}
	}
	for k := range g.list {
		c, grp := &g.counts[k], &g.list[k]
		size, adults := float64(grp.Size), float64(grp.Adults)
		var v [NumGroupMetrics]float64
		v[GParticipation] = perPerson(float64(c.participants), adults)
		v[GParticipationWeek] = perPerson(float64(c.participantsWeek), adults)
		v[GActivityAttendance] = perPerson(float64(c.attendees), size)
		v[GOrgMembership] = perPerson(float64(c.members), adults)
		v[GBelonging] = perPerson(c.belong, adults)
		v[GTrust] = perPerson(c.trust, adults)
		v[GEfficacy] = perPerson(c.efficacy, adults)
		v[GRoleClarity] = perPerson(c.role, adults)
		v[GStrongTieShare] = perPerson(float64(c.withStrong), size)
		v[GStrongDegree] = perPerson(float64(c.strongDegree), size)
		v[GCareNeedy] = float64(c.needy)
		v[GVulnerableCoverage] = perPerson(float64(c.covered), float64(c.needy))
		v[GNeedsResolved] = perPerson(float64(c.resolved), size)
		v[GNeedsLapsed] = perPerson(float64(c.lapsed), size)
		e.result.GroupValues = append(e.result.GroupValues, v[:]...)
	}
}

// perPerson is sum per person, NaN (no value) when the group has nobody
// the metric is over: a group without adults has no participation, one
// without vulnerable residents in need no coverage.
func perPerson(sum, persons float64) float64 {
	if persons == 0 {
		return math.NaN()
	}
	return sum / persons
}
