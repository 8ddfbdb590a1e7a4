package sim

// A snapshot is the community at the end of a week, as data: Population
// gives the residents' traits, attitudes and ties as they stand, in the
// form the population files carry, and Memberships who belongs to which
// organization, which the files do not carry. Built back from the
// Population, a community has the same residents, attitudes and ties; it
// does not have what the files do not say: pending needs and the weeks
// they waited, four-week histories of participation and attendance, the
// organizations and their members, funds and activity, the structural
// baselines attitudes and ties drift back to (rebuilt from traits and
// taken as the ties' strengths), party members' links, the social
// workers' state and the project's stage and clocks.

// PopMembership is one resident's membership of an organization.
type PopMembership struct {
	Resident, Org int32
	Kind          OrgKind
	Grid          int32 // the organization's grid
}

// Memberships lists every resident's organizations, residents in id order.
func (e *Engine) Memberships() []PopMembership {
	var ms []PopMembership
	for i := range e.r.n {
		for _, o := range e.r.memberships(i) {
			org := &e.orgs[o]
			ms = append(ms, PopMembership{Resident: int32(i), Org: o, Kind: org.kind, Grid: org.grid})
		}
	}
	return ms
}
