package sim

import (
	"cmp"
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
// two additions a resident instead of six.
type groupRecord struct {
	on     bool
	cell   []uint16                  // each resident's cell
	cells  [][numGroupings - 1]int32 // each cell's group in each grouping, an index in list
	first  [numGroupings]int         // index of the grouping's first group in list
	list   []Group
	counts []groupSums // per group, reduced from the shards'
}

// groupSums are one group's counts and sums in one week.
type groupSums struct {
	participants, participantsWeek, attendees, members int
	belong, trust, efficacy, role                      float64
	withStrong, strongDegree                           int
	needy, covered                                     int
	resolved, lapsed                                   int
}

func (a *groupSums) add(b *groupSums) {
	a.participants += b.participants
	a.participantsWeek += b.participantsWeek
	a.attendees += b.attendees
	a.members += b.members
	a.belong += b.belong
	a.trust += b.trust
	a.efficacy += b.efficacy
	a.role += b.role
	a.withStrong += b.withStrong
	a.strongDegree += b.strongDegree
	a.needy += b.needy
	a.covered += b.covered
	a.resolved += b.resolved
	a.lapsed += b.lapsed
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
	g.cell = make([]uint16, r.n)
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
			g.cells = append(g.cells, of)
			cellOf[combination] = int32(len(g.cells))
		}
		g.cell[i] = uint16(cellOf[combination] - 1)
		for _, k := range g.cells[g.cell[i]] {
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
	for s := range e.shards {
		e.shards[s].groups = make([]groupSums, len(g.list))
		e.shards[s].cells = make([]groupSums, len(g.cells))
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
	nh := len(h.income)
	order := make([]int, nh)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(h.income[a], h.income[b]) })
	q := make([]uint8, nh)
	before := 0
	for _, k := range order {
		lo, hi := h.members(k)
		q[k] = uint8(min(4, 5*(2*before+hi-lo)/(2*e.r.n)))
		before += hi - lo
	}
	return q
}

// groupShard adds the shard's residents into its groups' sums, after the
// roll: each resident, in id order, into its cell and its grid, then each
// cell, in order, into its groups.
func (e *Engine) groupShard(sh *shard) {
	gs, cells := sh.groups, sh.cells
	clear(gs)
	clear(cells)
	r := &e.r
	g := &e.byGroup
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	counted := e.enabled[phaseAttitudes]
	for grid, sp := range e.gridSpans(sh) {
		gridGroup := &gs[g.first[5]+int(grid)]
		for i := sp.lo; i < sp.hi; i++ {
			var v groupSums
			adult := grownCount(r.prevTook[i])
			v.participants = adult & nonzero(r.history[i]&0x0f)
			v.participantsWeek = adult & int(r.took[i]&didAffairs)
			v.attendees = nonzero(r.history[i] >> 4)
			v.members = adult & nonzero(r.orgCount[i])
			a := float64(adult)
			v.belong, v.trust, v.efficacy, v.role = a*float64(r.belong[i]), a*float64(r.trust[i]), a*float64(r.efficacy[i]), a*float64(r.role[i])
			strong := int(r.strong[i])
			if !counted {
				strong = 0
				_, str := r.ties(i)
				for _, x := range str {
					if x >= strongAt {
						strong++
					}
				}
			}
			v.withStrong, v.strongDegree = min(strong, 1), strong
			v.needy = int(r.flags[i]&flagVulnerable) & nonzero((r.careSeen[i]|r.careLapsed[i])&0x0f)
			v.covered = v.needy &^ nonzero(r.needs[i][NeedCare]|r.careLapsed[i]&0x0f)
			v.resolved, v.lapsed = int(r.resolvedWeek[i]), int(r.lapsedWeek[i])
			cells[g.cell[i]].add(&v)
			gridGroup.add(&v)
		}
	}
	for c := range cells {
		for _, k := range g.cells[c] {
			gs[k].add(&cells[c])
		}
	}
}

// appendGroups reduces the shards' group sums in shard order and appends
// the week's group values to the result.
func (e *Engine) appendGroups() {
	g := &e.byGroup
	clear(g.counts)
	for s := range e.shards {
		for k := range g.counts {
			g.counts[k].add(&e.shards[s].groups[k])
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
