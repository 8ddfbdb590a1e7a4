package scenario

// info is what the schema's tags do not say about a key: its unit, meaning,
// plausible range, and the basis and reason of its default (taken from
// docs/model.md). TestParamTable fails when a key of the schema has no
// entry or an entry names no key, so a new key cannot be forgotten.
type info struct {
	unit, doc      string
	plausible      *Interval
	source, reason string
}

// Bases of a default.
const (
	assumption = "assumption" // not measured: chosen to reproduce the study's qualitative findings
	structural = "structural" // a modelling choice or a unit, not a measurement
)

// pr is a plausible range. They are assumptions too: half to twice the
// default for rates, gains and counts of the [behaviour] table, ±50% for the
// decision's weights, ±1 for an additive utility, narrower where the
// default's reason pins the value (see docs/parameters.md).
func pr(lo, hi float64) *Interval { return &Interval{lo, hi} }

// paramTable is keyed by dotted path; "*" stands for any one segment (the
// stages and phases repeat one table).
var paramTable = map[string]info{
	"name":         {"", "scenario name; names the output directory", nil, structural, "the file's name when not given"},
	"description":  {"", "what the scenario asks, for listings and manifests", nil, structural, "empty when not given"},
	"seed":         {"", "root of every random stream; replications derive their seeds from it", nil, structural, "any fixed seed: same seed, same output"},
	"replications": {"runs", "independent replications of the scenario", nil, structural, ""},

	// [community]
	"community.households":          {"households", "households to synthesise", nil, assumption, "an old residential community of about 2,700 people"},
	"community.household_size_mean": {"persons", "mean household size; size = 1 + Poisson(mean − 1), at most 10", nil, assumption, "families with children and co-resident elders"},
	"community.child_share":         {"share", "expected share of children", nil, assumption, "young population; child + elder ≤ 0.95"},
	"community.elder_share":         {"prob", "probability that a household member is an elder", nil, assumption, "enough elders for care needs and elder-care organizations"},
	"community.education_mix":       {"share", "adults by highest level: primary or less / middle / high school / college (sums to 1)", nil, assumption, `"low education": 72% of adults at most middle school`},
	"community.income_median":       {"yuan/month", "median household income (only the ratio to income_reference matters)", nil, assumption, `"low family income"`},
	"community.income_spread":       {"log s.d.", "lognormal σ of household income", nil, assumption, "moderate inequality"},
	"community.income_reference":    {"yuan/month", "equivalised income at which a household's burden vanishes", nil, assumption, `mean household burden ≈ 0.44, "heavy economic burden"`},
	"community.vulnerable_share":    {"share", "exact share of all residents marked vulnerable, drawn among adults and elders only", nil, assumption, "elders alone, disabled, low-income"},
	"community.party_member_share":  {"prob", "probability that a non-child is a party member", nil, assumption, "a small grassroots party organization (about 120 members)"},
	"community.buildings":           {"buildings", "buildings (neighbour ties, party members' reach); at most households", nil, assumption, "about 25 households a building"},
	"community.grids":               {"grids", "management grids (meetings, events, organizations); at most buildings", nil, assumption, "grid management, about 450 residents per grid"},
	"community.neighbour_ties":      {"ties", "neighbour draws per resident (degree about twice this)", pr(1, 4), assumption, "residents know few neighbours"},
	"community.friend_ties":         {"ties", "ring-lattice degree of friend ties (rounded down to even)", pr(2, 6), assumption, "small personal networks"},
	"community.friend_rewire":       {"prob", "Watts–Strogatz rewiring probability of friend ties", pr(0.05, 0.2), assumption, "the small world is structural; the value is an assumption"},
	"community.community_workers":   {"workers", "community committee staff", nil, assumption, "a small committee serving the whole community"},
	"community.worker_hours":        {"hours/week", "paid hours per community worker", nil, assumption, "full-time"},
	"community.organizations":       {"organizations", "social organizations existing at week 0", nil, assumption, `"few and weak"`},
	"community.organization_size":   {"members", "founding members of initial and incubated organizations", nil, assumption, "a dance or volunteer group"},
	"community.organization_funds":  {"yuan", "initial funds of each initial organization", nil, assumption, "a few weeks of activity"},
	"community.households_file":     {"path", "CSV of households of a real community, instead of synthesis (docs/data.md)", nil, structural, "empty: the community is synthesised"},
	"community.residents_file":      {"path", "CSV of residents, with households_file (docs/data.md)", nil, structural, "empty: the community is synthesised"},
	"community.ties_file":           {"path", "optional CSV of ties between residents (docs/data.md)", nil, structural, "empty: the community is synthesised"},

	// [macro]
	"macro.bureaucracy":                 {"share", "share of community workers' hours taken by administration; linked party members take over a share partyRelief·linkage, nothing else reduces it", pr(0.45, 0.8), assumption, `"buried in administrative tasks" (84 of 240 hours left: 63 for needs, 21 kept for issues; 131 at full linkage)`},
	"macro.resource_integration":        {"0-1", "reach of volunteer supply (0.5 + 0.5·integration) and of organizations to non-members (0.3 + 0.7·integration)", pr(0.1, 0.5), assumption, `"poor integration of community resources"`},
	"macro.channel_openness":            {"0-1", "gate on taking part in discussion; relaxation target", pr(0.2, 0.6), assumption, `"obstructed discussion channels"`},
	"macro.meeting_interval_weeks":      {"weeks", "weeks between a grid's meetings; relaxation target", pr(2, 8), assumption, "monthly grid meetings"},
	"macro.responsiveness":              {"0-1", "committee's propensity to resolve issues within its capacity", pr(0.2, 0.6), assumption, `few issues resolved, the "insufficient initiative" loop`},
	"macro.organization_funds_per_week": {"yuan/week", "the community's own grant to each alive organization", pr(10, 40), assumption, "a token amount (a quarter of a 20-member group's spending)"},

	// [calendar]
	"calendar.pre_project_weeks": {"weeks", "weeks before the project", nil, structural, "shows the baseline level and fills the 4-week window"},
	"calendar.initial_weeks":     {"weeks", "length of the initial stage", nil, assumption, "about 3 months"},
	"calendar.middle_weeks":      {"weeks", "length of the middle stage", nil, assumption, "most of a year"},
	"calendar.later_weeks":       {"weeks", "length of the later stage", nil, assumption, "about 3 months"},
	"calendar.follow_up_weeks":   {"weeks", "weeks after the project", nil, structural, "a year to see whether gains last (SF4)"},

	// [project]
	"project.enabled":                 {"", "whether the social-work project exists", nil, structural, "the defaults are the community without it"},
	"project.social_workers":          {"workers", "size of the social-work team", nil, assumption, `"too few trained social workers"`},
	"project.local_hires":             {"workers", "team members hired locally (start at local_hire_localization)", nil, assumption, "an outside team"},
	"project.hours_per_week":          {"hours/week", "hours per social worker (measures first, then casework)", nil, assumption, "full-time"},
	"project.skill":                   {"0-1", "social workers' initial skill", pr(0.3, 0.6), assumption, "a young team, hence team training"},
	"project.localization":            {"0-1", "initial localization of outside social workers", pr(0.1, 0.4), assumption, `"hard localization" (language, culture)`},
	"project.local_hire_localization": {"0-1", "localization of local hires", pr(0.6, 0.95), assumption, ""},
	"project.localization_rate":       {"1/week", "weekly localization += rate·(1 − localization)", pr(0.0075, 0.03), assumption, "a half-life of the gap of about 46 weeks"},
	"project.weekly_cost_per_worker":  {"yuan/week", "pay per social worker", nil, assumption, ""},
	"project.boundary":                {"", "need types social workers may handle", nil, assumption, `social workers do not handle economic assistance ("professional boundaries")`},
	"project.role_clarity":            {"0-1", "residents' mean initial understanding of the social-worker role, and its drift target", pr(0.04, 0.16), assumption, `"vague idea of what a social worker is for"`},

	// [stages.STAGE.MEASURE]
	"stages.*.*.intensity":   {"× study", "effort relative to the field study's project; 0 = not taken", nil, structural, "the unit: 1 is the study's effort"},
	"stages.*.*.weekly_cost": {"yuan/week", "cost per week of the stage on top of pay, charged in full when intensity > 0 (not scaled by intensity)", nil, assumption, "set per scenario"},

	// [follow_up]
	"follow_up.organization_funds_per_week": {"yuan/week", "extra grant to each organization in every follow-up week, if the project ran", nil, structural, `0 is "project-based operation" (money leaves); the sustained-funding scenario sets it to 60, the cultivation grant (SF4)`},

	// [participation]
	"participation.rule":           {"", "participation decision rule", nil, structural, ""},
	"participation.influence":      {"", "threshold rule's influence set", nil, structural, ""},
	"participation.threshold_mean": {"share", "mean of the normal threshold draw (threshold rule)", pr(0.2, 0.5), assumption, ""},
	"participation.threshold_sd":   {"share", "s.d. of the threshold draw, clipped to [0,1]", pr(0.1, 0.3), assumption, ""},
	"participation.initiators":     {"share", "share of residents with threshold 0 (plus clipped draws)", pr(0.01, 0.04), assumption, "a few activists"},
	"participation.thresholds":     {"share", "per-resident thresholds in resident order, cyclic; overrides the draw", nil, structural, "imported data; empty: drawn"},
	"participation.intercept":      {"logit", "logistic intercept", pr(-3.3, -1.3), assumption, "low baseline participation (SF1)"},
	"participation.efficacy":       {"logit", "weight of civic efficacy (the largest attitude weight)", pr(1.3, 3.9), assumption, `"low civic efficacy"; education acts through it (SF6)`},
	"participation.trust":          {"logit", "weight of trust in institutions", pr(0.7, 2.1), assumption, ""},
	"participation.belonging":      {"logit", "weight of belonging", pr(0.8, 2.4), assumption, "links cohesion to participation"},
	"participation.social":         {"logit", "weight of the share of ties who took part", pr(1.25, 3.75), assumption, "strong enough for cascades, too weak to sustain them alone"},
	"participation.membership":     {"logit", "bonus for organization members", pr(0.45, 1.35), assumption, ""},
	"participation.invitation":     {"logit", "bonus for a personal invitation this week", pr(0.8, 2.4), assumption, "roughly triples the chance of a typical adult"},
	"participation.time_shortage":  {"logit", "penalty × shortage of time (positive lowers utility)", pr(0.9, 2.7), assumption, "the burden → time → participation route (SF6)"},

	// [phases.PHASE]
	"phases.*.enabled": {"", "runs the weekly phase; off only for tests and ablations (measure must stay on)", nil, structural, "every phase runs"},

	// [behaviour]: all rates are per week.
	"behaviour.care_rate_elder":      {"prob/week", "care-need probability of non-vulnerable elders", pr(0.06, 0.24), assumption, "about one every 8 weeks"},
	"behaviour.care_rate_vulnerable": {"prob/week", "care-need probability of vulnerable residents", pr(0.125, 0.5), assumption, `about monthly, so most vulnerable residents are "needy" in each window`},
	"behaviour.care_rate_other":      {"prob/week", "care-need probability of everyone else", pr(0.005, 0.02), assumption, "rare"},
	"behaviour.economic_rate":        {"prob/week", "economic-need probability of non-children, × (0.2 + 1.6·burden)", pr(0.04, 0.16), assumption, "the economic need of low-income households"},
	"behaviour.cultural_rate":        {"prob/week", "cultural-need probability of non-children, × interest", pr(0.015, 0.06), assumption, "modest"},
	"behaviour.civic_rate":           {"prob/week", "civic/environment-need probability of non-children", pr(0.015, 0.06), assumption, "modest"},
	"behaviour.children_rate":        {"prob/week", "children's-need probability of adults with children", pr(0.025, 0.1), assumption, "modest"},
	"behaviour.need_cap":             {"needs", "maximum pending needs per resident and type", pr(6, 24), assumption, "bounds the backlog"},
	"behaviour.need_lapse":           {"prob/week", "chance that each pending need is given up", pr(0.025, 0.1), assumption, "needs wait about 20 weeks before being abandoned"},
	"behaviour.hours_per_need":       {"hours", "hours to resolve one need, before the type's multiplier and the provider's productivity", pr(0.75, 3), assumption, `the 63 committee hours left for needs serve about 42 needs a week (unlinked party members about 12 more) against about 400 arising: "needs unmet", the backlog grows`},
	"behaviour.ask_base":             {"prob/week", "chance of asking the committee at zero trust (+ 0.5·trust)", pr(0.075, 0.3), assumption, "about 0.3 at baseline trust"},
	"behaviour.mutual_help":          {"prob/week", "neighbour help, × helper's norm × tie strength", pr(0.04, 0.16), assumption, `weak "norm of helping neighbours"`},
	"behaviour.helped_trust":         {"0-1", "trust gain from committee help; scaled for other resolvers, visits and belonging from mutual help", pr(0.02, 0.08), assumption, "small per contact"},
	"behaviour.contact_role":         {"0-1", "role-understanding gain per social-worker contact (×3 for a home visit)", pr(0.025, 0.1), assumption, "visits explain the role"},
	"behaviour.party_hours":          {"hours/week", "hours a linked party member gives; an unlinked one gives 0.2 of it", pr(0.75, 3), assumption, "an hour or two on top of a member's own work: about 135 hours a week at the linked share of 0.7, about 36 with nobody linked"},
	"behaviour.volunteer_hours":      {"hours/week", "hours per participating organization member, × norm", pr(1.5, 6), assumption, "a few hours of an organization's service: about one hour per participating member at the baseline norm of about 0.3"},
	"behaviour.event_size":           {"seats", "seats per cultural event", pr(20, 80), assumption, "a courtyard event"},
	"behaviour.event_appeal":         {"utility", "base utility of attending an event", pr(-2, 0), assumption, "low attendance at baseline"},
	"behaviour.community_events":     {"events/1000/week", "committee events per 1,000 residents", pr(0.25, 1), assumption, "one or two a week (1.35 on average for 2,700 residents)"},
	"behaviour.activity_belonging":   {"0-1", "belonging gain per event (half per meeting)", pr(0.015, 0.06), assumption, "slow: about 23 events close half the gap to 1"},
	"behaviour.activity_norm":        {"0-1", "helping-norm gain per event (half per organization participation)", pr(0.0075, 0.03), assumption, "slow"},
	"behaviour.tie_growth":           {"strength/week", "tie strength gain per week together, × 1 at an event, 0.4 in organization work, 0.3 at a meeting", pr(0.04, 0.16), assumption, "a friend tie (0.4) becomes strong (0.5) after 3 weeks at the same events (6 of organization work, 8 meetings)"},
	"behaviour.tie_decay":            {"1/week", "weekly fade of a tie toward its base strength", pr(0.015, 0.06), assumption, "a tie's excess over its base halves in about 23 weeks: ties outlast the activity by months but fade within the follow-up year unless renewed (SF4)"},
	"behaviour.tie_formation":        {"prob/week", "new tie per member of a group, × group weight × (0.5 + norm)", pr(0.1, 0.4), assumption, "co-participants meet"},
	"behaviour.strong_tie":           {"strength", "strength at which a tie counts as strong", pr(0.45, 0.7), assumption, "above every initial strength (0.4)"},
	"behaviour.org_spend_per_member": {"yuan/week", "spending per member an organization needs for full activity", pr(2, 8), assumption, "makes funding bind"},
	"behaviour.org_recruit":          {"prob/week", "recruitment attempt per participating member, × activity", pr(0.15, 0.6), assumption, "growth only when active"},
	"behaviour.org_leave":            {"prob/week", "chance a member leaves, × (1 − activity)", pr(0.015, 0.06), assumption, "engagement fades when activity does"},
	"behaviour.org_min_members":      {"members", "members an organization needs to count as active", pr(3, 8), assumption, "smaller groups are not a functioning organization"},
	"behaviour.issue_rate":           {"prob", "chance that a meeting participant raises an issue", pr(0.15, 0.6), assumption, "most participants listen; about one in three raises a problem"},
	"behaviour.issue_pool":           {"issues", "distinct issues a grid can raise at one meeting", pr(4, 16), assumption, "repeated complaints count once"},
	"behaviour.issue_hours":          {"hours", "committee hours per issue", pr(1.5, 6), assumption, "an issue needs coordination: about twice a need; the committee keeps 21 hours for issues, so it can take about 7 issues a week"},
	"behaviour.efficacy_gain":        {"1/week", "pull of efficacy toward the share of issues resolved", pr(0.02, 0.08), assumption, "the feedback loop"},
	"behaviour.trust_gain":           {"1/week", "pull of trust toward the share of issues resolved", pr(0.01, 0.04), assumption, "half of efficacy_gain: trust in institutions moves more slowly"},
	"behaviour.self_governance":      {"share", "issues resolved by organizations, × members' share of participants", pr(0.15, 0.6), assumption, "the residents' self-governance"},
	"behaviour.drift":                {"1/week", "pull of attitudes toward their baselines (half for role)", pr(0.01, 0.04), assumption, "half-life about 35 weeks: gains fade without renewal (SF4)"},
	"behaviour.role_spread":          {"1/week", "upward pull toward the ties' mean role understanding", pr(0.01, 0.04), assumption, "word of mouth"},
	"behaviour.strong_belonging":     {"1/week", "belonging gain × min(1, strong ties/3)", pr(0.005, 0.02), assumption, `"belonging rises with strong ties"`},
}
