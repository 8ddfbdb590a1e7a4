package sim

// Age groups.
const (
	Child uint8 = iota
	Adult
	Elder
)

// Resident flags.
const (
	flagVulnerable uint8 = 1 << iota
	flagParty            // party member
	flagLinked           // party member linked to community services
	flagHasKids          // adult in a household with children
	flagAlone            // lives alone: a household of one (set by bind)
)

// What a resident did this week (bits of took and prevTook).
const (
	didAffairs  uint8 = 1 << iota // took part in a discussion of community affairs
	didActivity                   // attended a cultural activity
	didOrg                        // took part in an active organization's work
	didInvited                    // was personally invited to the discussion
	didHelped                     // was helped by someone

	// isGrown marks adults and elders in prevTook, so that the loops that
	// read prevTook anyway (influence, the decision, the record) need not
	// read age too. It is set when the community is built and the roll
	// keeps it: ages do not change. Read it through grown and grownCount.
	isGrown uint8 = 1 << 7
)

// grown reports whether the resident whose prevTook byte is p is an adult
// or an elder, and child whether it is a child: the age a loop reading
// prevTook need not read (TestGrownIsAge).
func grown(p uint8) bool { return p&isGrown != 0 }

func child(p uint8) bool { return p&isGrown == 0 }

// grownCount is grown as 1 or 0, for counting without a branch.
func grownCount(p uint8) int { return int(p >> 7) }

// Tie kinds stored in slots. Household ties are not stored: household
// members are a contiguous id range.
const (
	tieNeighbour uint8 = iota + 1
	tieFriend
	tieGrown // formed through co-participation
)

// maxMemberships is how many organizations one resident can belong to.
const maxMemberships = 4

// needSet holds a resident's pending needs by type.
type needSet [NumNeeds]uint8

// residents holds every resident's state as slices indexed by resident id.
// Ids are assigned household by household, households building by building
// and buildings grid by grid, so each of those is a contiguous range.
type residents struct {
	n         int
	household []int32
	building  []int32
	age       []uint8
	flags     []uint8
	edu       []float32 // education level in [0,1]
	time      []float32 // weekly hours available for community life
	interest  []float32 // interest in cultural activities
	threshold []float32 // participation threshold (threshold rule)

	// Attitudes in [0,1] and the structural baselines they drift back to.
	belong, trust, efficacy, role, norm           []float32
	baseBelong, baseTrust, baseEfficacy, baseNorm []float32

	needs      []needSet
	careSeen   []uint8 // bit k: had a care need k weeks ago (k < 4)
	careLapsed []uint8 // bit k: gave up a care need k weeks ago (k < 4)

	resolvedWeek, lapsedWeek []uint16 // needs resolved and given up this week (groups)

	took, prevTook []uint8 // did* bits of this week and of last week
	history        []uint8 // low nibble: affairs in the last 4 weeks; high nibble: activities
	event          []int32 // cultural event attended this week, -1 if none

	orgs     []int32 // maxMemberships organization ids per resident, -1 empty
	orgCount []uint8

	// Ties, in compact adjacency: slots [tieStart[i], tieStart[i]+deg[i])
	// hold resident i's ties, and its list may grow to tieStart[i+1]. Each
	// list has room for maxTies (community.max_ties), or for all of a
	// resident's imported ties when they are more, so no week allocates.
	tieStart []int32
	tieTo    []int32
	tieStr   []float32
	tieBase  []float32 // strength a structural tie fades back to; 0 for grown ties
	tieKind  []uint8
	deg      []int32
	strong   []int32 // strong ties, as counted by the last tie update (or, without the attitudes phase, the record's count)
	maxTies  int32   // synthesised and grown ties stop here (community.max_ties)

	roleScratch []float32 // last week's role understanding, read while role is updated

	// reticence is each resident's conservative norm about taking part in
	// public affairs, in [0,1] (the study's "backward ideology"), and
	// reticenceScratch last week's, read while it is updated. Both are nil
	// while participation.reticence is 0: the mechanism is then off.
	reticence, reticenceScratch []float32

	// sat is each resident's satisfaction with the social-work team, NaN
	// until the team has reached them; nil without a project.
	sat []float32
}

// ties returns resident i's tie slots.
func (r *residents) ties(i int) (to []int32, str []float32) {
	lo := int(r.tieStart[i])
	hi := lo + int(r.deg[i])
	return r.tieTo[lo:hi], r.tieStr[lo:hi]
}

// allocateTies lays out the tie lists: resident i's has room for
// max(maxTies, imported[i]) ties (imported is nil for a synthesised
// community).
func (r *residents) allocateTies(maxTies int, imported []int32) {
	r.maxTies = int32(maxTies)
	r.tieStart = make([]int32, r.n+1)
	for i := range r.n {
		room := r.maxTies
		if imported != nil {
			room = max(room, imported[i])
		}
		r.tieStart[i+1] = r.tieStart[i] + room
	}
	slots := r.tieStart[r.n]
	r.tieTo = make([]int32, slots)
	r.tieStr = make([]float32, slots)
	r.tieBase = make([]float32, slots)
	r.tieKind = make([]uint8, slots)
	r.deg = make([]int32, r.n)
	r.strong = make([]int32, r.n)
}

// hasTie reports whether i and j are tied through a slot.
func (r *residents) hasTie(i, j int) bool {
	to, _ := r.ties(i)
	for _, k := range to {
		if int(k) == j {
			return true
		}
	}
	return false
}

// addTie links i and j with the given strength if both have fewer than
// maxTies ties (imported ties: room in their lists) and they are not yet
// tied. Both directions are written together, so the tie lists stay
// symmetric.
func (r *residents) addTie(i, j int, kind uint8, strength, base float32, imported bool) bool {
	if i == j || !r.room(i, imported) || !r.room(j, imported) || r.hasTie(i, j) {
		return false
	}
	for _, p := range [2][2]int{{i, j}, {j, i}} {
		a, b := p[0], p[1]
		s := int(r.tieStart[a] + r.deg[a])
		r.tieTo[s], r.tieStr[s], r.tieBase[s], r.tieKind[s] = int32(b), strength, base, kind
		r.deg[a]++
	}
	return true
}

// room reports whether resident i can take one more tie: below maxTies,
// or for an imported tie, below the room of its list.
func (r *residents) room(i int, imported bool) bool {
	if imported {
		return r.deg[i] < r.tieStart[i+1]-r.tieStart[i]
	}
	return r.deg[i] < r.maxTies
}

// memberships returns the organizations i belongs to.
func (r *residents) memberships(i int) []int32 {
	lo := i * maxMemberships
	return r.orgs[lo : lo+int(r.orgCount[i])]
}

func (r *residents) isMember(i int, org int32) bool {
	for _, o := range r.memberships(i) {
		if o == org {
			return true
		}
	}
	return false
}

func (r *residents) join(i int, org int32) bool {
	if r.orgCount[i] >= maxMemberships || r.isMember(i, org) {
		return false
	}
	r.orgs[i*maxMemberships+int(r.orgCount[i])] = org
	r.orgCount[i]++
	return true
}

func (r *residents) leave(i int, org int32) {
	m := r.memberships(i)
	for k, o := range m {
		if o == org {
			last := len(m) - 1
			m[k] = m[last]
			m[last] = -1
			r.orgCount[i]--
			return
		}
	}
}

// households are contiguous resident ranges.
type households struct {
	start  []int32 // residents of h are start[h] .. start[h+1]-1
	income []float32
	burden []float32 // economic burden in [0,1]
}

func (h *households) members(k int) (lo, hi int) {
	return int(h.start[k]), int(h.start[k+1])
}

// OrgKind is the kind of a social organization.
type OrgKind uint8

// Organization kinds.
const (
	OrgCultural OrgKind = iota
	OrgVolunteer
	OrgMutualAid
	OrgElderCare
	OrgParentChild
	numOrgKinds
)

var orgKindNames = [numOrgKinds]string{"cultural", "volunteer", "mutual_aid", "elder_care", "parent_child"}

func (k OrgKind) String() string { return orgKindNames[k] }

// serves reports the need types an organization kind can resolve.
var orgServes = [numOrgKinds][NumNeeds]bool{
	OrgCultural:    {NeedCultural: true},
	OrgVolunteer:   {NeedCare: true, NeedCivic: true},
	OrgMutualAid:   {NeedEconomic: true, NeedCare: true},
	OrgElderCare:   {NeedCare: true},
	OrgParentChild: {NeedChildren: true, NeedCultural: true},
}

// organization is one social organization.
type organization struct {
	kind     OrgKind
	grid     int32
	members  []int32
	funds    float64
	activity float64 // in [0,1]
	leader   float64 // leadership capacity in [0,1]
	hours    float64 // volunteer hours offered to services this week
	alive    bool
}

// active reports whether o counts as a functioning organization:
// behaviour.org_min_members members and activity at org_active_level.
func (o *organization) active(b *Behaviour) bool {
	return o.alive && len(o.members) >= b.OrgMinMembers && o.activity >= b.OrgActiveLevel
}

// geography maps buildings and grids to resident id ranges.
type geography struct {
	buildingStart []int32 // residents of building b: buildingStart[b] .. buildingStart[b+1]-1
	buildingGrid  []int32
	gridStart     []int32 // residents of grid g: gridStart[g] .. gridStart[g+1]-1
	linked        []int32 // linked party members per building this week
	unlinked      []int32 // other party members per building
}

func (g *geography) grids() int { return len(g.gridStart) - 1 }
