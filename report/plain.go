package report

import (
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// plainNames says what each metric measures in words a planner uses; the
// column names stay for files and figures.
var plainNames = map[string]string{
	"participation":        "Residents taking part in community discussions (last four weeks)",
	"participation_week":   "Residents taking part in community discussions this week",
	"activity_attendance":  "Residents attending cultural activities",
	"org_membership":       "Residents in a social organization",
	"cohesion":             "Community cohesion",
	"belonging":            "Sense of belonging",
	"strong_tie_share":     "Residents with a close tie outside their household",
	"strong_degree":        "Close ties per resident",
	"largest_component":    "Residents in the largest network of close ties",
	"trust":                "Trust in community institutions",
	"efficacy":             "Residents' confidence they can change things",
	"role_clarity":         "Understanding of what social workers do",
	"vulnerable_coverage":  "Vulnerable residents whose care needs are met",
	"efficiency":           "Needs resolved per provider hour",
	"backlog":              "Unmet needs waiting per resident",
	"needs_lapsed":         "Needs given up per resident each week",
	"governance_diversity": "How evenly the work of solving problems is shared",
	"resolvers_active":     "Kinds of actors solving problems",
	"committee_share":      "Problems solved by the community committee",
	"orgs_active":          "Active social organizations",
	"org_funds":            "Funds held by organizations",
	"cost":                 "Money spent so far",
	"needs_resolved":       "Needs resolved per resident each week",
	"social_work_uptake":   "Residents turning to a social worker",
	"social_work_resolved": "Needs resolved by social workers per resident",
	"issues_resolved":      "Issues raised that were resolved",
	"isolated":             "Residents living alone without a close tie",
	"strong_degree_max":    "Most close ties of any resident",
	"clustering":           "Friends of friends who are friends",
	"bridging":             "Close ties across grids",
	"income_assortativity": "How much close ties join similar incomes",
	"satisfaction":         "Residents' satisfaction with the social workers",
	"worker_satisfaction":  "Community workers' satisfaction with the social workers",

	"participation_income_gap":          "Gap in taking part, richest − poorest fifth",
	"participation_concentration":       "Concentration of taking part by income",
	"vulnerable_coverage_income_gap":    "Gap in vulnerable residents' care met, richest − poorest fifth",
	"vulnerable_coverage_concentration": "Concentration of vulnerable residents' care met by income",
}

// PlainName is a plain-language name of metric m for people who do not
// read the CSV columns; the column name if none is known.
func PlainName(m sim.Metric) string {
	name := sim.Metrics[m].Name
	if p, ok := plainNames[name]; ok {
		return p
	}
	return name
}

// PlainNameOf is PlainName for a metric or an equity summary named name;
// the name itself if none is known.
func PlainNameOf(name string) string {
	if p, ok := plainNames[name]; ok {
		return p
	}
	return name
}

// shortNames are short plain-language names for running text ("the gap in
// participation between..."), lower case, kept beside plainNames: a page
// that uses one keeps the column name at hand (a title, the table).
var shortNames = map[string]string{
	"participation":        "participation",
	"participation_week":   "participation this week",
	"activity_attendance":  "activity attendance",
	"org_membership":       "organization membership",
	"cohesion":             "cohesion",
	"belonging":            "belonging",
	"strong_tie_share":     "close ties",
	"strong_degree":        "close ties per resident",
	"largest_component":    "largest network",
	"trust":                "trust",
	"efficacy":             "confidence",
	"role_clarity":         "role understanding",
	"vulnerable_coverage":  "care of the vulnerable",
	"efficiency":           "efficiency",
	"backlog":              "backlog",
	"needs_lapsed":         "needs given up",
	"governance_diversity": "shared problem-solving",
	"resolvers_active":     "kinds of problem-solvers",
	"committee_share":      "committee's share",
	"orgs_active":          "active organizations",
	"org_funds":            "organization funds",
	"cost":                 "money spent",
	"needs_resolved":       "needs resolved",
	"social_work_uptake":   "social-work uptake",
	"social_work_resolved": "social workers' resolved needs",
	"issues_resolved":      "issues resolved",
	"isolated":             "isolated residents",
	"strong_degree_max":    "most close ties",
	"clustering":           "clustering",
	"bridging":             "ties across grids",
	"income_assortativity": "ties by income",
	"satisfaction":         "residents' satisfaction",
	"worker_satisfaction":  "workers' satisfaction",

	"participation_income_gap":          "participation gap by income",
	"participation_concentration":       "participation concentration",
	"vulnerable_coverage_income_gap":    "care gap by income",
	"vulnerable_coverage_concentration": "care concentration",
}

// ShortName is a short plain-language name of the metric or equity
// summary named name for running text, in lower case; the name itself if
// none is known.
func ShortName(name string) string {
	if s, ok := shortNames[name]; ok {
		return s
	}
	return name
}

// ShortLabel is ShortName for a label or the start of a sentence: its
// first letter in upper case.
func ShortLabel(name string) string {
	s := ShortName(name)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
