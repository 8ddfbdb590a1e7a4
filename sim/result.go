package sim

// Layer is the level of social ecosystem theory a metric belongs to.
type Layer string

// The three layers.
const (
	MicroLayer Layer = "micro"
	MesoLayer  Layer = "meso"
	MacroLayer Layer = "macro"
)

// MetricInfo documents one recorded metric.
type MetricInfo struct {
	Name  string // column name in CSV and figures
	Layer Layer
	// Unit is "share" for a proportion of people or events and "index"
	// for a mean score or a composite, both in [0,1]; otherwise the unit
	// the metric is counted in.
	Unit string
	Doc  string // formula, one sentence
	// Window is the number of weeks the metric looks back over, 0 for a
	// value of the week itself. Its first Window-1 weeks see fewer weeks
	// than that and read low: a warm-up, not a trend.
	Window int
}

// Share reports whether the metric is a share in [0,1].
func (m MetricInfo) Share() bool { return m.Unit == "share" }

// UnitInterval reports whether the metric lies in [0,1]: a share or an index.
func (m MetricInfo) UnitInterval() bool { return m.Share() || m.Unit == "index" }

// windowWeeks is the look-back of the metrics counted over "the last four
// weeks": the bits of residents' history and the slots of accounts.
const windowWeeks = 4

// Metric indexes Metrics and the columns of Result.Values.
type Metric int

// The metrics recorded every week, in column order.
const (
	Participation Metric = iota
	ParticipationWeek
	ActivityAttendance
	OrgMembership
	Cohesion
	BelongingMean
	StrongTieShare
	StrongDegree
	LargestComponent
	TrustMean
	EfficacyMean
	RoleClarity
	VulnerableCoverage
	Efficiency
	Backlog
	NeedsLapsed
	GovernanceDiversity
	ResolversActive
	CommitteeShare
	OrgsActive
	OrgFunds
	Cost
	NeedsResolved
	SocialWorkUptake
	SocialWorkResolved
	IssuesResolved
	IsolatedShare
	StrongDegreeMax
	Clustering
	Bridging
	IncomeAssortativity
	Satisfaction
	WorkerSatisfaction
	NumMetrics
)

// Metrics describes every metric; index it with a Metric.
var Metrics = [NumMetrics]MetricInfo{
	Participation:       {"participation", MicroLayer, "share", "adults and elders who took part in a discussion of community affairs at least once in the last four weeks / adults and elders", windowWeeks},
	ParticipationWeek:   {"participation_week", MicroLayer, "share", "adults and elders who took part in a discussion of community affairs this week / adults and elders", 0},
	ActivityAttendance:  {"activity_attendance", MicroLayer, "share", "residents who attended a cultural activity at least once in the last four weeks / residents", windowWeeks},
	OrgMembership:       {"org_membership", MesoLayer, "share", "adults and elders in at least one social organization / adults and elders", 0},
	Cohesion:            {"cohesion", MesoLayer, "index", "(belonging + tie structure + trust) / 3, where tie structure = (strong_tie_share + min(1, strong_degree/3) + largest_component) / 3", 0},
	BelongingMean:       {"belonging", MicroLayer, "index", "mean sense of belonging of adults and elders", 0},
	StrongTieShare:      {"strong_tie_share", MesoLayer, "share", "residents with at least one strong (strength >= behaviour.strong_tie) non-household tie / residents", 0},
	StrongDegree:        {"strong_degree", MesoLayer, "ties", "strong non-household ties / residents", 0},
	LargestComponent:    {"largest_component", MesoLayer, "share", "residents in the largest connected component of strong non-household ties / residents", 0},
	TrustMean:           {"trust", MicroLayer, "index", "mean trust in community institutions of adults and elders", 0},
	EfficacyMean:        {"efficacy", MicroLayer, "index", "mean civic efficacy of adults and elders", 0},
	RoleClarity:         {"role_clarity", MicroLayer, "index", "mean understanding of what a social worker is for, of adults and elders", 0},
	VulnerableCoverage:  {"vulnerable_coverage", MacroLayer, "share", "vulnerable residents with a care need in the last four weeks, none of which lapsed in that window and none still pending at the end of the week / vulnerable residents with a care need in the last four weeks; 1 when none had one", windowWeeks},
	Efficiency:          {"efficiency", MacroLayer, "resolved/hour", "needs and issues resolved this week, by anyone / hours given this week by every provider: community workers' paid hours, social workers' casework and measure hours, party members' and volunteers' hours used, residents' mutual help that resolved a need; empty (NaN) when no hours were given", 0},
	Backlog:             {"backlog", MacroLayer, "needs/resident", "needs pending at the end of the week / residents", 0},
	NeedsLapsed:         {"needs_lapsed", MacroLayer, "needs/resident", "needs given up (lapsed) this week / residents", 0},
	GovernanceDiversity: {"governance_diversity", MacroLayer, "index", "mean of the Shannon evenness of who resolved needs (five kinds) and of who resolved issues (three kinds) in the last four weeks, over those of the two with anything resolved; 0 when nothing was", windowWeeks},
	ResolversActive:     {"resolvers_active", MacroLayer, "resolver kinds", "kinds of resolver (committee, social workers, party members, organizations, residents) that resolved a need or an issue in the last four weeks", windowWeeks},
	CommitteeShare:      {"committee_share", MacroLayer, "share", "needs and issues the community committee resolved in the last four weeks / needs and issues resolved in the last four weeks", windowWeeks},
	OrgsActive:          {"orgs_active", MesoLayer, "organizations", "organizations with at least behaviour.org_min_members members and activity of 0.2 or more", 0},
	OrgFunds:            {"org_funds", MesoLayer, "yuan", "funds held by all organizations at the end of the week", 0},
	Cost:                {"cost", MacroLayer, "yuan", "cumulative cost of the project and of organization funding since week 0", 0},
	NeedsResolved:       {"needs_resolved", MacroLayer, "needs/resident", "needs resolved this week by anyone, mutual help included / residents", 0},
	SocialWorkUptake:    {"social_work_uptake", MicroLayer, "share", "adults and elders who turned to a social worker for help this week (found by outreach not counted) / adults and elders", 0},
	SocialWorkResolved:  {"social_work_resolved", MacroLayer, "needs/resident", "needs resolved by social workers this week, outreach included / residents", 0},
	IssuesResolved:      {"issues_resolved", MacroLayer, "share", "issues resolved in the last four weeks / distinct issues raised in discussions in the last four weeks; 0 when none was raised", windowWeeks},
	IsolatedShare:       {"isolated", MesoLayer, "share", "share of residents who live alone and have no strong non-household tie (1 − strong_tie_share counts those without a strong non-household tie, living alone or not)", 0},
	StrongDegreeMax:     {"strong_degree_max", MesoLayer, "ties", "largest number of strong non-household ties of any resident", 0},
	Clustering:          {"clustering", MesoLayer, "share", "global transitivity of strong non-household ties: 3 × triangles / connected triples, 0 without triples; measured every behaviour.network_every weeks and at the end of every stage, carried forward in between", 0},
	Bridging:            {"bridging", MesoLayer, "share", "share of strong non-household ties joining residents of different grids, 0 without strong ties; measured like clustering", 0},
	IncomeAssortativity: {"income_assortativity", MesoLayer, "correlation", "Pearson correlation of household incomes at the two ends of a strong non-household tie, each tie counted both ways, in [-1,1], 0 when undefined; measured like clustering", 0},
	Satisfaction:        {"satisfaction", MicroLayer, "index", "mean satisfaction with the social-work team of the residents it has reached (asked, visited or referred), from the help their requests got; 0 before it reaches anyone", 0},
	WorkerSatisfaction:  {"worker_satisfaction", MacroLayer, "index", "community workers' satisfaction with the team, following the share of needs and issues others than the committee resolve while the project runs; 0 before the team arrives", 0},
}

// MetricByName returns the metric with the given column name.
func MetricByName(name string) (Metric, bool) {
	for i, m := range Metrics {
		if m.Name == name {
			return Metric(i), true
		}
	}
	return 0, false
}

// Result is what one replication records: one value per metric per week.
type Result struct {
	Replication int
	Seed        uint64 // the replication's own seed, derived from the scenario seed
	Residents   int
	Calendar    Calendar
	// Project reports whether a social-work project works in the
	// community during the project stages (see Config.ProjectRuns).
	Project bool
	// Values[m][w] is metric m at the end of week w.
	Values [NumMetrics][]float64
	// Groups are the groups of residents measured (Engine.EnableGroups),
	// none unless asked for, and GroupValues their metrics: see GroupValue.
	Groups      []Group
	GroupValues []float64
}

// GroupValue is group metric m of group k at the end of week w.
func (r *Result) GroupValue(w, k int, m GroupMetric) float64 {
	return r.GroupValues[(w*len(r.Groups)+k)*int(NumGroupMetrics)+int(m)]
}

// Weeks returns the number of recorded weeks.
func (r *Result) Weeks() int { return len(r.Values[0]) }

// Stage returns the stage of week w.
func (r *Result) Stage(w int) Stage { return r.Calendar.StageOf(w) }
