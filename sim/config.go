package sim

// Config is everything the engine needs to build and run one community.
// It is plain data: the scenario package fills it from TOML, checks every
// field against the `min`, `max` and `enum` tags below and calls Validate;
// the engine never reads TOML.
//
// Every default lives in Defaults. Each key's unit, meaning, plausible range
// and the reason for its default are in scenario/paramtable.go (a test fails
// when a key has none), from which docs/parameters.md is generated. Numbers
// marked "assumption" there are not measured by the field study: they are
// chosen so that the baseline looks like what the study found.
type Config struct {
	Community     Community  `toml:"community"`
	Macro         Conditions `toml:"macro"`
	Calendar      Calendar   `toml:"calendar"`
	Project       Project    `toml:"project"`
	Stages        StagePlans `toml:"stages"`
	FollowUp      FollowUp   `toml:"follow_up"`
	Participation Decision   `toml:"participation"`
	Phases        Phases     `toml:"phases"`
	Behaviour     Behaviour  `toml:"behaviour"`

	// Data, when not nil, is the community to build instead of
	// synthesising one from Community (see Population). The scenario
	// package reads it from the files Community names.
	Data *Population `toml:"-"`
}

// Community describes the people and places to synthesise.
type Community struct {
	Households        int     `toml:"households" min:"1" max:"2000000"`
	HouseholdSizeMean float64 `toml:"household_size_mean" min:"1" max:"8"`
	ChildShare        float64 `toml:"child_share" min:"0" max:"0.9"`
	ElderShare        float64 `toml:"elder_share" min:"0" max:"0.9"`
	// EducationMix is the share of adults by highest level: primary or
	// less, middle school, high school, college. It must sum to 1.
	EducationMix     []float64 `toml:"education_mix" min:"0" max:"1"`
	IncomeMedian     float64   `toml:"income_median" min:"1" max:"1000000"`
	IncomeSpread     float64   `toml:"income_spread" min:"0" max:"3"`
	IncomeReference  float64   `toml:"income_reference" min:"1" max:"1000000"`
	VulnerableShare  float64   `toml:"vulnerable_share" min:"0" max:"1"`
	PartyMemberShare float64   `toml:"party_member_share" min:"0" max:"1"`
	Buildings        int       `toml:"buildings" min:"1" max:"1000000"`
	Grids            int       `toml:"grids" min:"1" max:"100000"`
	NeighbourTies    int       `toml:"neighbour_ties" min:"0" max:"6"`
	FriendTies       int       `toml:"friend_ties" min:"0" max:"8"`
	FriendRewire     float64   `toml:"friend_rewire" min:"0" max:"1"`
	CommunityWorkers int       `toml:"community_workers" min:"0" max:"100000"`
	WorkerHours      float64   `toml:"worker_hours" min:"0" max:"80"`
	Organizations    int       `toml:"organizations" min:"0" max:"100000"`
	OrgSize          int       `toml:"organization_size" min:"1" max:"10000"`
	OrgFunds         float64   `toml:"organization_funds" min:"0" max:"1e9"`
	// HouseholdsFile, ResidentsFile and TiesFile, when set, name the CSV
	// files (relative to the scenario file that sets them) of a real
	// community to build instead of synthesising one; see docs/data.md.
	// The scenario package reads them into Config.Data. Households and
	// residents go together; ties are optional.
	HouseholdsFile string `toml:"households_file"`
	ResidentsFile  string `toml:"residents_file"`
	TiesFile       string `toml:"ties_file"`
}

// Conditions holds the institutional conditions of the community.
type Conditions struct {
	// Bureaucracy is the share of community workers' hours taken by
	// administrative tasks.
	Bureaucracy         float64 `toml:"bureaucracy" min:"0" max:"0.95"`
	ResourceIntegration float64 `toml:"resource_integration" min:"0" max:"1"`
	ChannelOpenness     float64 `toml:"channel_openness" min:"0" max:"1"`
	MeetingInterval     int     `toml:"meeting_interval_weeks" min:"1" max:"52"`
	Responsiveness      float64 `toml:"responsiveness" min:"0" max:"1"`
	// OrgFundsPerWeek is what the community itself gives each organization
	// every week, project or not.
	OrgFundsPerWeek float64 `toml:"organization_funds_per_week" min:"0" max:"1e7"`
}

// Calendar sets the length of each stage in weeks. The project runs from
// the first initial week to the last later week.
type Calendar struct {
	PreProject int `toml:"pre_project_weeks" min:"0" max:"520"`
	Initial    int `toml:"initial_weeks" min:"0" max:"520"`
	Middle     int `toml:"middle_weeks" min:"0" max:"520"`
	Later      int `toml:"later_weeks" min:"0" max:"520"`
	FollowUp   int `toml:"follow_up_weeks" min:"0" max:"1040"`
}

// ProjectRuns reports whether a social-work project works in the
// community: one is enabled, has social workers and has project weeks.
func (c *Config) ProjectRuns() bool {
	cal := c.Calendar
	return c.Project.Enabled && c.Project.SocialWorkers > 0 && cal.Initial+cal.Middle+cal.Later > 0
}

// Project is the external social-work team.
type Project struct {
	Enabled           bool    `toml:"enabled"`
	SocialWorkers     int     `toml:"social_workers" min:"0" max:"10000"`
	LocalHires        int     `toml:"local_hires" min:"0" max:"10000"`
	Hours             float64 `toml:"hours_per_week" min:"0" max:"80"`
	Skill             float64 `toml:"skill" min:"0" max:"1"`
	Localization      float64 `toml:"localization" min:"0" max:"1"`
	LocalLocalization float64 `toml:"local_hire_localization" min:"0" max:"1"`
	LocalizationRate  float64 `toml:"localization_rate" min:"0" max:"1"`
	WeeklyCostPerHead float64 `toml:"weekly_cost_per_worker" min:"0" max:"1e6"`
	// Boundary lists the need types social workers may handle.
	Boundary []string `toml:"boundary" enum:"care,economic,cultural,civic,children"`
	// RoleClarity is residents' mean initial understanding of what a
	// social worker is for.
	RoleClarity float64 `toml:"role_clarity" min:"0" max:"1"`
}

// StagePlans holds the measures of each project stage.
type StagePlans struct {
	Initial StagePlan `toml:"initial"`
	Middle  StagePlan `toml:"middle"`
	Later   StagePlan `toml:"later"`
}

// StagePlan lists every measure the project can take. Any measure may appear in
// any stage; intensity 0 means not taken.
type StagePlan struct {
	HomeVisits              Measure `toml:"home_visits"`
	TeamTraining            Measure `toml:"team_training"`
	PartyLinkage            Measure `toml:"party_linkage"`
	CulturalActivities      Measure `toml:"cultural_activities"`
	OrganizationCultivation Measure `toml:"organization_cultivation"`
	DiscussionChannels      Measure `toml:"discussion_channels"`
	MultiActorServices      Measure `toml:"multi_actor_services"`
	Handover                Measure `toml:"handover"`
}

// Measure is one intervention: how hard it is pushed (1 is the effort of
// the field study's project, see docs/model.md for each unit) and what it
// costs per week on top of the social workers' pay.
type Measure struct {
	Intensity  float64 `toml:"intensity" min:"0" max:"10"`
	WeeklyCost float64 `toml:"weekly_cost" min:"0" max:"1e7"`
}

// FollowUp is what remains after the project leaves.
type FollowUp struct {
	// OrgFundsPerWeek keeps funding each organization after the project.
	OrgFundsPerWeek float64 `toml:"organization_funds_per_week" min:"0" max:"1e7"`
}

// Decision selects and tunes the participation decision.
type Decision struct {
	Rule          string  `toml:"rule" enum:"logistic,threshold"`
	Influence     string  `toml:"influence" enum:"ties,global"`
	ThresholdMean float64 `toml:"threshold_mean" min:"0" max:"1"`
	ThresholdSD   float64 `toml:"threshold_sd" min:"0" max:"1"`
	// Initiators is the share of residents whose threshold is 0.
	Initiators float64 `toml:"initiators" min:"0" max:"1"`
	// Thresholds, when not empty, gives every resident's threshold in
	// resident order (repeated cyclically if shorter).
	Thresholds []float64 `toml:"thresholds" min:"0" max:"1"`

	Intercept  float64 `toml:"intercept" min:"-20" max:"20"`
	Efficacy   float64 `toml:"efficacy" min:"-20" max:"20"`
	Trust      float64 `toml:"trust" min:"-20" max:"20"`
	Belonging  float64 `toml:"belonging" min:"-20" max:"20"`
	Social     float64 `toml:"social" min:"-20" max:"20"`
	Membership float64 `toml:"membership" min:"-20" max:"20"`
	Invitation float64 `toml:"invitation" min:"-20" max:"20"`
	TimeShort  float64 `toml:"time_shortage" min:"-20" max:"20"`
}

// Phases switches the weekly phases on and off.
type Phases struct {
	Calendar      Switch `toml:"calendar"`
	Needs         Switch `toml:"needs"`
	Services      Switch `toml:"services"`
	Activities    Switch `toml:"activities"`
	Organizations Switch `toml:"organizations"`
	Discussion    Switch `toml:"discussion"`
	Attitudes     Switch `toml:"attitudes"`
	Measure       Switch `toml:"measure"` // the record, which cannot be switched off
}

// Switches returns the phases' switches in the order of PhaseNames.
func (p *Phases) Switches() []*Switch {
	return []*Switch{&p.Calendar, &p.Needs, &p.Services, &p.Activities,
		&p.Organizations, &p.Discussion, &p.Attitudes, &p.Measure}
}

// Switch turns one phase on or off.
type Switch struct {
	Enabled bool `toml:"enabled"`
}

// Behaviour holds the behavioural rates of the model. All are assumptions
// calibrated to the study's qualitative findings; docs/parameters.md gives the
// reason for each default.
type Behaviour struct {
	// Needs arising per resident per week, by type.
	CareRateElder      float64 `toml:"care_rate_elder" min:"0" max:"1"`
	CareRateVulnerable float64 `toml:"care_rate_vulnerable" min:"0" max:"1"`
	CareRateOther      float64 `toml:"care_rate_other" min:"0" max:"1"`
	EconomicRate       float64 `toml:"economic_rate" min:"0" max:"1"`
	CulturalRate       float64 `toml:"cultural_rate" min:"0" max:"1"`
	CivicRate          float64 `toml:"civic_rate" min:"0" max:"1"`
	ChildrenRate       float64 `toml:"children_rate" min:"0" max:"1"`
	NeedCap            int     `toml:"need_cap" min:"1" max:"60"`
	// NeedLapse is the weekly chance that a pending need is given up.
	NeedLapse float64 `toml:"need_lapse" min:"0" max:"1"`
	// Hours a provider spends to resolve one need, before skill.
	HoursPerNeed float64 `toml:"hours_per_need" min:"0.1" max:"40"`
	// Asking for help.
	AskBase     float64 `toml:"ask_base" min:"0" max:"1"`
	MutualHelp  float64 `toml:"mutual_help" min:"0" max:"1"`
	HelpedTrust float64 `toml:"helped_trust" min:"0" max:"1"`
	ContactRole float64 `toml:"contact_role" min:"0" max:"1"`
	// Volunteering.
	PartyHours     float64 `toml:"party_hours" min:"0" max:"40"`
	VolunteerHours float64 `toml:"volunteer_hours" min:"0" max:"40"`
	// Cultural activities.
	EventSize       int     `toml:"event_size" min:"1" max:"10000"`
	EventAppeal     float64 `toml:"event_appeal" min:"-10" max:"10"`
	CommunityEvents float64 `toml:"community_events" min:"0" max:"100"`
	ActivityBelong  float64 `toml:"activity_belonging" min:"0" max:"1"`
	ActivityNorm    float64 `toml:"activity_norm" min:"0" max:"1"`
	TieGrowth       float64 `toml:"tie_growth" min:"0" max:"1"`
	TieDecay        float64 `toml:"tie_decay" min:"0" max:"1"`
	TieFormation    float64 `toml:"tie_formation" min:"0" max:"1"`
	StrongTie       float64 `toml:"strong_tie" min:"0" max:"1"`
	// Organizations.
	OrgSpendPerMember float64 `toml:"org_spend_per_member" min:"0" max:"1e6"`
	OrgRecruit        float64 `toml:"org_recruit" min:"0" max:"1"`
	OrgLeave          float64 `toml:"org_leave" min:"0" max:"1"`
	OrgMinMembers     int     `toml:"org_min_members" min:"1" max:"1000"`
	// Discussion.
	IssueRate float64 `toml:"issue_rate" min:"0" max:"1"`
	// IssuePool is how many distinct issues a grid has to raise at one
	// meeting: participants raising the same problem count once.
	IssuePool      float64 `toml:"issue_pool" min:"1" max:"1000"`
	IssueHours     float64 `toml:"issue_hours" min:"0" max:"40"`
	EfficacyGain   float64 `toml:"efficacy_gain" min:"0" max:"1"`
	TrustGain      float64 `toml:"trust_gain" min:"0" max:"1"`
	SelfGovernance float64 `toml:"self_governance" min:"0" max:"1"`
	// Attitudes.
	Drift        float64 `toml:"drift" min:"0" max:"1"`
	RoleSpread   float64 `toml:"role_spread" min:"0" max:"1"`
	StrongBelong float64 `toml:"strong_belonging" min:"0" max:"1"`
}
