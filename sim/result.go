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
	GovernanceDiversity
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
	NumMetrics
)

// Metrics describes every metric; index it with a Metric.
var Metrics = [NumMetrics]MetricInfo{
	Participation:       {"participation", MicroLayer, "share", "share of adult and elder residents who took part in a discussion of community affairs at least once in the last four weeks", windowWeeks},
	ActivityAttendance:  {"activity_attendance", MicroLayer, "share", "share of residents who attended a cultural activity at least once in the last four weeks", windowWeeks},
	OrgMembership:       {"org_membership", MesoLayer, "share", "share of adult and elder residents who belong to at least one social organization", 0},
	Cohesion:            {"cohesion", MesoLayer, "index", "mean of belonging, strong_tie_share, min(1, strong_degree/3) and largest_component", 0},
	BelongingMean:       {"belonging", MicroLayer, "index", "mean sense of belonging of adult and elder residents", 0},
	StrongTieShare:      {"strong_tie_share", MesoLayer, "share", "share of residents with at least one strong (strength >= behaviour.strong_tie) non-household tie", 0},
	StrongDegree:        {"strong_degree", MesoLayer, "ties", "mean number of strong non-household ties per resident", 0},
	LargestComponent:    {"largest_component", MesoLayer, "share", "share of residents in the largest connected component of strong non-household ties", 0},
	TrustMean:           {"trust", MicroLayer, "index", "mean trust in community institutions of adult and elder residents", 0},
	EfficacyMean:        {"efficacy", MicroLayer, "index", "mean civic efficacy of adult and elder residents", 0},
	RoleClarity:         {"role_clarity", MicroLayer, "index", "mean understanding of what a social worker is for, among adult and elder residents", 0},
	VulnerableCoverage:  {"vulnerable_coverage", MacroLayer, "share", "share of vulnerable residents with a care need in the last four weeks whose care needs are all met at the end of the week", windowWeeks},
	Efficiency:          {"efficiency", MacroLayer, "needs/hour", "needs resolved by providers per provider hour this week (community workers' paid hours, including administration, plus social-worker and volunteer hours spent)", 0},
	Backlog:             {"backlog", MacroLayer, "needs/resident", "unmet needs pending per resident at the end of the week", 0},
	GovernanceDiversity: {"governance_diversity", MacroLayer, "index", "Shannon evenness of who resolved needs and issues in the last four weeks: committee, social workers, party members, organizations, residents", windowWeeks},
	CommitteeShare:      {"committee_share", MacroLayer, "share", "share of the needs and issues resolved in the last four weeks that the community committee resolved", windowWeeks},
	OrgsActive:          {"orgs_active", MesoLayer, "organizations", "organizations with at least behaviour.org_min_members members and activity of 0.2 or more", 0},
	OrgFunds:            {"org_funds", MesoLayer, "yuan", "funds held by all organizations at the end of the week", 0},
	Cost:                {"cost", MacroLayer, "yuan", "cumulative cost of the project and of organization funding since week 0", 0},
	NeedsResolved:       {"needs_resolved", MacroLayer, "needs/resident", "needs resolved this week per resident, by anyone", 0},
	SocialWorkUptake:    {"social_work_uptake", MicroLayer, "share", "share of adult and elder residents who turned to a social worker for help this week (found by outreach not counted)", 0},
	SocialWorkResolved:  {"social_work_resolved", MacroLayer, "needs/resident", "needs resolved by social workers this week per resident", 0},
	IssuesResolved:      {"issues_resolved", MacroLayer, "share", "share of issues raised in discussions over the last four weeks that were resolved", windowWeeks},
	IsolatedShare:       {"isolated", MesoLayer, "share", "share of residents who live alone and have no strong non-household tie (1 − strong_tie_share counts those without a strong non-household tie, living alone or not)", 0},
	StrongDegreeMax:     {"strong_degree_max", MesoLayer, "ties", "largest number of strong non-household ties of any resident", 0},
	Clustering:          {"clustering", MesoLayer, "share", "global transitivity of strong non-household ties: 3 × triangles / connected triples, 0 without triples; measured every behaviour.network_every weeks and at the end of every stage, carried forward in between", 0},
	Bridging:            {"bridging", MesoLayer, "share", "share of strong non-household ties joining residents of different grids, 0 without strong ties; measured like clustering", 0},
	IncomeAssortativity: {"income_assortativity", MesoLayer, "correlation", "Pearson correlation of household incomes at the two ends of a strong non-household tie, each tie counted both ways, in [-1,1], 0 when undefined; measured like clustering", 0},
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
}

// Weeks returns the number of recorded weeks.
func (r *Result) Weeks() int { return len(r.Values[0]) }

// Stage returns the stage of week w.
func (r *Result) Stage(w int) Stage { return r.Calendar.StageOf(w) }
