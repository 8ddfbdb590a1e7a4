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
	Unit  string // "share" for values in [0,1]
	Doc   string // formula, one sentence
}

// Share reports whether the metric is a share in [0,1].
func (m MetricInfo) Share() bool { return m.Unit == "share" }

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
	NumMetrics
)

// Metrics describes every metric; index it with a Metric.
var Metrics = [NumMetrics]MetricInfo{
	Participation:       {"participation", MicroLayer, "share", "share of adult and elder residents who took part in a discussion of community affairs at least once in the last four weeks"},
	ActivityAttendance:  {"activity_attendance", MicroLayer, "share", "share of residents who attended a cultural activity at least once in the last four weeks"},
	OrgMembership:       {"org_membership", MesoLayer, "share", "share of adult and elder residents who belong to at least one social organization"},
	Cohesion:            {"cohesion", MesoLayer, "share", "mean of belonging, strong_tie_share, min(1, strong_degree/3) and largest_component"},
	BelongingMean:       {"belonging", MicroLayer, "share", "mean sense of belonging of adult and elder residents"},
	StrongTieShare:      {"strong_tie_share", MesoLayer, "share", "share of residents with at least one strong (strength >= behaviour.strong_tie) non-household tie"},
	StrongDegree:        {"strong_degree", MesoLayer, "ties", "mean number of strong non-household ties per resident"},
	LargestComponent:    {"largest_component", MesoLayer, "share", "share of residents in the largest connected component of strong non-household ties"},
	TrustMean:           {"trust", MicroLayer, "share", "mean trust in community institutions of adult and elder residents"},
	EfficacyMean:        {"efficacy", MicroLayer, "share", "mean civic efficacy of adult and elder residents"},
	RoleClarity:         {"role_clarity", MicroLayer, "share", "mean understanding of what a social worker is for, among adult and elder residents"},
	VulnerableCoverage:  {"vulnerable_coverage", MacroLayer, "share", "share of vulnerable residents with a care need in the last four weeks whose care needs are all met at the end of the week"},
	Efficiency:          {"efficiency", MacroLayer, "needs/hour", "needs resolved by providers per provider hour this week (community workers' paid hours, including administration, plus social-worker and volunteer hours spent)"},
	Backlog:             {"backlog", MacroLayer, "needs/resident", "unmet needs pending per resident at the end of the week"},
	GovernanceDiversity: {"governance_diversity", MacroLayer, "share", "Shannon evenness of who resolved needs and issues in the last four weeks: committee, social workers, party members, organizations, residents"},
	CommitteeShare:      {"committee_share", MacroLayer, "share", "share of the needs and issues resolved in the last four weeks that the community committee resolved"},
	OrgsActive:          {"orgs_active", MesoLayer, "organizations", "organizations with at least behaviour.org_min_members members and activity of 0.2 or more"},
	OrgFunds:            {"org_funds", MesoLayer, "yuan", "funds held by all organizations at the end of the week"},
	Cost:                {"cost", MacroLayer, "yuan", "cumulative cost of the project and of organization funding since week 0"},
	NeedsResolved:       {"needs_resolved", MacroLayer, "needs/resident", "needs resolved this week per resident, by anyone"},
	SocialWorkUptake:    {"social_work_uptake", MicroLayer, "share", "share of adult and elder residents who turned to a social worker for help this week (found by outreach not counted)"},
	SocialWorkResolved:  {"social_work_resolved", MacroLayer, "needs/resident", "needs resolved by social workers this week per resident"},
	IssuesResolved:      {"issues_resolved", MacroLayer, "share", "share of issues raised in discussions over the last four weeks that were resolved"},
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
	// Values[m][w] is metric m at the end of week w.
	Values [NumMetrics][]float64
}

// Weeks returns the number of recorded weeks.
func (r *Result) Weeks() int { return len(r.Values[0]) }

// Stage returns the stage of week w.
func (r *Result) Stage(w int) Stage { return r.Calendar.StageOf(w) }
