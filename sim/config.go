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
	// MaxTies is how many non-household ties a resident keeps: synthesised
	// and grown ties stop there. Imported ties may be more.
	MaxTies          int     `toml:"max_ties" min:"1" max:"1000"`
	CommunityWorkers int     `toml:"community_workers" min:"0" max:"100000"`
	WorkerHours      float64 `toml:"worker_hours" min:"0" max:"80"`
	Organizations    int     `toml:"organizations" min:"0" max:"100000"`
	OrgSize          int     `toml:"organization_size" min:"1" max:"10000"`
	OrgFunds         float64 `toml:"organization_funds" min:"0" max:"1e9"`
	// The state of each initial organization.
	OrgActivity   float64 `toml:"organization_activity" min:"0" max:"1"`
	OrgLeadership float64 `toml:"organization_leadership" min:"0" max:"1"`
	// Household size is 1 + Poisson(mean − 1), at most HouseholdSizeMax.
	HouseholdSizeMax int `toml:"household_size_max" min:"1" max:"100"`
	// Economic burden: equivalised income is income / (1 + EquivalenceScale
	// × (size − 1)); burden = shortfall × (BurdenFloor + BurdenDependents ×
	// share of dependents).
	EquivalenceScale float64 `toml:"equivalence_scale" min:"0" max:"1"`
	BurdenFloor      float64 `toml:"burden_floor" min:"0" max:"1"`
	BurdenDependents float64 `toml:"burden_dependents" min:"0" max:"1"`
	// Weekly hours for community life by age, × (1 − TimeBurden × burden).
	TimeChild  float64 `toml:"time_child" min:"0" max:"168"`
	TimeAdult  float64 `toml:"time_adult" min:"0" max:"168"`
	TimeElder  float64 `toml:"time_elder" min:"0" max:"168"`
	TimeBurden float64 `toml:"time_burden" min:"0" max:"1"`
	// Cultural interest: base + spread × U + elder + education × level.
	InterestBase      float64 `toml:"interest_base" min:"0" max:"1"`
	InterestSpread    float64 `toml:"interest_spread" min:"0" max:"1"`
	InterestElder     float64 `toml:"interest_elder" min:"-1" max:"1"`
	InterestEducation float64 `toml:"interest_education" min:"-1" max:"1"`
	// Weights of being drawn as vulnerable, added to 1.
	VulnerableElder    float64 `toml:"vulnerable_weight_elder" min:"0" max:"100"`
	VulnerableAlone    float64 `toml:"vulnerable_weight_alone" min:"0" max:"100"`
	VulnerableBurdened float64 `toml:"vulnerable_weight_burdened" min:"0" max:"100"`
	VulnerableBurden   float64 `toml:"vulnerable_burden" min:"0" max:"1"`
	// Initial (and base) strengths of synthesised structural ties.
	NeighbourStrength float64 `toml:"neighbour_strength" min:"0" max:"1"`
	FriendStrength    float64 `toml:"friend_strength" min:"0" max:"1"`
	// HouseholdsFile, ResidentsFile and TiesFile, when set, name the CSV
	// files (relative to the scenario file that sets them) of a real
	// community to build instead of synthesising one; see docs/data.md.
	// The scenario package reads them into Config.Data. Households and
	// residents go together; ties are optional.
	HouseholdsFile string `toml:"households_file"`
	ResidentsFile  string `toml:"residents_file"`
	TiesFile       string `toml:"ties_file"`
	// Baselines are the coefficients of the structural attitude baselines.
	Baselines Baselines `toml:"baselines"`
}

// Baselines gives each resident's structural attitude baselines as a level
// plus coefficients of education (in [0,1]), being an elder, party
// membership and household burden, clipped to [0,1]; attitudes start at
// the baseline ± Jitter/2.
type Baselines struct {
	Belonging          float64 `toml:"belonging" min:"-1" max:"1"`
	BelongingElder     float64 `toml:"belonging_elder" min:"-1" max:"1"`
	BelongingEducation float64 `toml:"belonging_education" min:"-1" max:"1"`
	BelongingBurden    float64 `toml:"belonging_burden" min:"-1" max:"1"`
	Trust              float64 `toml:"trust" min:"-1" max:"1"`
	TrustEducation     float64 `toml:"trust_education" min:"-1" max:"1"`
	TrustElder         float64 `toml:"trust_elder" min:"-1" max:"1"`
	TrustParty         float64 `toml:"trust_party" min:"-1" max:"1"`
	TrustBurden        float64 `toml:"trust_burden" min:"-1" max:"1"`
	Efficacy           float64 `toml:"efficacy" min:"-1" max:"1"`
	EfficacyEducation  float64 `toml:"efficacy_education" min:"-1" max:"1"`
	EfficacyParty      float64 `toml:"efficacy_party" min:"-1" max:"1"`
	EfficacyBurden     float64 `toml:"efficacy_burden" min:"-1" max:"1"`
	Norm               float64 `toml:"norm" min:"-1" max:"1"`
	NormElder          float64 `toml:"norm_elder" min:"-1" max:"1"`
	NormEducation      float64 `toml:"norm_education" min:"-1" max:"1"`
	NormParty          float64 `toml:"norm_party" min:"-1" max:"1"`
	Jitter             float64 `toml:"jitter" min:"0" max:"1"`
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
	// Team: skill += (TrainingSkill × training + PracticeSkill) × (1 −
	// skill) a week; productivity = (ProductivitySkillFloor +
	// ProductivitySkill × skill) × (ProductivityLocalFloor +
	// ProductivityLocal × localization).
	TrainingSkill          float64 `toml:"training_skill" min:"0" max:"1"`
	PracticeSkill          float64 `toml:"practice_skill" min:"0" max:"1"`
	ProductivitySkillFloor float64 `toml:"productivity_skill_floor" min:"0" max:"1"`
	ProductivitySkill      float64 `toml:"productivity_skill" min:"0" max:"1"`
	ProductivityLocalFloor float64 `toml:"productivity_localization_floor" min:"0" max:"1"`
	ProductivityLocal      float64 `toml:"productivity_localization" min:"0" max:"1"`
	// MeasureHours is the team's hours each measure needs per week per
	// 1,000 residents at intensity 1.
	MeasureHours MeasureHours `toml:"measure_hours"`
}

// MeasureHours holds one number per measure, named as in StagePlan.
type MeasureHours struct {
	HomeVisits              float64 `toml:"home_visits" min:"0" max:"1000"`
	TeamTraining            float64 `toml:"team_training" min:"0" max:"1000"`
	PartyLinkage            float64 `toml:"party_linkage" min:"0" max:"1000"`
	CulturalActivities      float64 `toml:"cultural_activities" min:"0" max:"1000"`
	OrganizationCultivation float64 `toml:"organization_cultivation" min:"0" max:"1000"`
	DiscussionChannels      float64 `toml:"discussion_channels" min:"0" max:"1000"`
	MultiActorServices      float64 `toml:"multi_actor_services" min:"0" max:"1000"`
	Handover                float64 `toml:"handover" min:"0" max:"1000"`
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
	// The economic rate is × (EconomicFloor + EconomicBurden × burden).
	EconomicFloor  float64 `toml:"economic_floor" min:"0" max:"10"`
	EconomicBurden float64 `toml:"economic_burden" min:"0" max:"10"`
	CulturalRate   float64 `toml:"cultural_rate" min:"0" max:"1"`
	CivicRate      float64 `toml:"civic_rate" min:"0" max:"1"`
	ChildrenRate   float64 `toml:"children_rate" min:"0" max:"1"`
	NeedCap        int     `toml:"need_cap" min:"1" max:"60"`
	// NeedLapse is the weekly chance that a pending need is given up.
	NeedLapse float64 `toml:"need_lapse" min:"0" max:"1"`
	// Hours a provider spends to resolve one need, before skill.
	HoursPerNeed float64 `toml:"hours_per_need" min:"0.1" max:"40"`
	// Asking for help: with chance AskBase + AskTrust × trust.
	AskBase     float64 `toml:"ask_base" min:"0" max:"1"`
	AskTrust    float64 `toml:"ask_trust" min:"0" max:"1"`
	MutualHelp  float64 `toml:"mutual_help" min:"0" max:"1"`
	HelpedTrust float64 `toml:"helped_trust" min:"0" max:"1"`
	ContactRole float64 `toml:"contact_role" min:"0" max:"1"`
	// What help from others than the committee does, × helped_trust.
	SocialWorkerTrust float64 `toml:"social_worker_trust" min:"0" max:"10"`
	PartyTrust        float64 `toml:"party_trust" min:"0" max:"10"`
	OrgTrust          float64 `toml:"organization_trust" min:"0" max:"10"`
	OrgBelonging      float64 `toml:"organization_belonging" min:"0" max:"10"`
	MutualBelonging   float64 `toml:"mutual_belonging" min:"0" max:"10"`
	// Home visits: how many, to whom, and what each does.
	Visits          float64 `toml:"visits" min:"0" max:"1000"`
	VisitVulnerable float64 `toml:"visit_vulnerable" min:"0" max:"1"`
	VisitRole       float64 `toml:"visit_role" min:"0" max:"20"`
	VisitTrust      float64 `toml:"visit_trust" min:"0" max:"10"`
	OrgReachFloor   float64 `toml:"organization_reach_floor" min:"0" max:"1"`
	OrgReachIntegr  float64 `toml:"organization_reach_integration" min:"0" max:"1"`
	VolunteerReach  float64 `toml:"volunteer_reach_floor" min:"0" max:"1"`
	VolunteerIntegr float64 `toml:"volunteer_reach_integration" min:"0" max:"1"`
	VolunteerSlower float64 `toml:"volunteer_handicap" min:"0.1" max:"10"`
	// Volunteering.
	PartyHours      float64 `toml:"party_hours" min:"0" max:"40"`
	UnlinkedService float64 `toml:"unlinked_service" min:"0" max:"1"`
	VolunteerHours  float64 `toml:"volunteer_hours" min:"0" max:"40"`
	// Community workers' service hours kept for issues.
	IssueShare float64 `toml:"issue_share" min:"0" max:"1"`
	// Party linkage relieves community workers of this share of their
	// administration at full linkage.
	PartyRelief float64 `toml:"party_relief" min:"0" max:"1"`
	// Cultural activities.
	EventSize          int     `toml:"event_size" min:"1" max:"10000"`
	EventAppeal        float64 `toml:"event_appeal" min:"-10" max:"10"`
	CommunityEvents    float64 `toml:"community_events" min:"0" max:"100"`
	ProjectEvents      float64 `toml:"project_events" min:"0" max:"100"`
	ProjectEventAppeal float64 `toml:"project_event_appeal" min:"-10" max:"10"`
	AttendInterest     float64 `toml:"attend_interest" min:"-20" max:"20"`
	AttendBelonging    float64 `toml:"attend_belonging" min:"-20" max:"20"`
	AttendSocial       float64 `toml:"attend_social" min:"-20" max:"20"`
	AttendTimeShort    float64 `toml:"attend_time_shortage" min:"-20" max:"20"`
	AttendMembership   float64 `toml:"attend_membership" min:"-20" max:"20"`
	// EnoughHours is the weekly free time at which a resident lacks none.
	EnoughHours    float64 `toml:"enough_hours" min:"0.1" max:"168"`
	ActivityBelong float64 `toml:"activity_belonging" min:"0" max:"1"`
	ActivityNorm   float64 `toml:"activity_norm" min:"0" max:"1"`
	// Ties.
	TieGrowth     float64 `toml:"tie_growth" min:"0" max:"1"`
	OrgTieGrowth  float64 `toml:"organization_tie_growth" min:"0" max:"1"`
	MeetTieGrowth float64 `toml:"meeting_tie_growth" min:"0" max:"1"`
	TieDecay      float64 `toml:"tie_decay" min:"0" max:"1"`
	TieFormation  float64 `toml:"tie_formation" min:"0" max:"1"`
	TieFormBase   float64 `toml:"tie_formation_base" min:"0" max:"10"`
	GrownStrength float64 `toml:"grown_strength" min:"0" max:"1"`
	TieFloor      float64 `toml:"tie_floor" min:"0" max:"1"`
	StrongTie     float64 `toml:"strong_tie" min:"0" max:"1"`
	// Organizations.
	OrgSpendPerMember float64 `toml:"org_spend_per_member" min:"0" max:"1e6"`
	OrgRecruit        float64 `toml:"org_recruit" min:"0" max:"1"`
	OrgLeave          float64 `toml:"org_leave" min:"0" max:"1"`
	OrgMinMembers     int     `toml:"org_min_members" min:"1" max:"1000"`
	OrgActiveLevel    float64 `toml:"org_active_level" min:"0" max:"1"`
	OrgNorm           float64 `toml:"org_norm" min:"0" max:"10"`
	// activity += ActivityRate × (ActivityLeadership × leader +
	// ActivityFunding × funded − activity).
	ActivityRate       float64 `toml:"org_activity_rate" min:"0" max:"1"`
	ActivityLeadership float64 `toml:"org_activity_leadership" min:"0" max:"1"`
	ActivityFunding    float64 `toml:"org_activity_funding" min:"0" max:"1"`
	// leader += (LeaderCultivation × cultivation + LeaderHandover ×
	// handover) × (1 − leader) − LeaderFade × (1 − institution) ×
	// max(0, leader − LeaderFloor).
	LeaderCultivation float64 `toml:"leadership_cultivation" min:"0" max:"1"`
	LeaderHandover    float64 `toml:"leadership_handover" min:"0" max:"1"`
	LeaderFade        float64 `toml:"leadership_fade" min:"0" max:"1"`
	LeaderFloor       float64 `toml:"leadership_floor" min:"0" max:"1"`
	// Joining an organization one is invited to: a logistic choice.
	JoinIntercept float64 `toml:"join_intercept" min:"-20" max:"20"`
	JoinInterest  float64 `toml:"join_interest" min:"-20" max:"20"`
	JoinBelonging float64 `toml:"join_belonging" min:"-20" max:"20"`
	JoinTimeShort float64 `toml:"join_time_shortage" min:"-20" max:"20"`
	// Organization cultivation: incubation, the state of a new
	// organization, and the grant.
	Incubation       float64 `toml:"incubation" min:"0" max:"100"`
	NewOrgActivity   float64 `toml:"new_org_activity" min:"0" max:"1"`
	NewOrgLeadership float64 `toml:"new_org_leadership" min:"0" max:"1"`
	CultivationGrant float64 `toml:"cultivation_grant" min:"0" max:"1e7"`
	// Discussion.
	IssueRate float64 `toml:"issue_rate" min:"0" max:"1"`
	// IssuePool is how many distinct issues a grid has to raise at one
	// meeting: participants raising the same problem count once.
	IssuePool      float64 `toml:"issue_pool" min:"1" max:"1000"`
	IssueHours     float64 `toml:"issue_hours" min:"0" max:"40"`
	EfficacyGain   float64 `toml:"efficacy_gain" min:"0" max:"1"`
	TrustGain      float64 `toml:"trust_gain" min:"0" max:"1"`
	MeetingBelong  float64 `toml:"meeting_belonging" min:"0" max:"10"`
	SelfGovernance float64 `toml:"self_governance" min:"0" max:"1"`
	PartyInvites   int     `toml:"party_invites" min:"0" max:"1000"`
	ProjectInvites float64 `toml:"project_invites" min:"0" max:"1000"`
	Facilitation   float64 `toml:"facilitation" min:"0" max:"1"`
	// Institutions under the measures: discussion channels, multi-actor
	// services, handover and party linkage.
	DiscussionOpenness float64 `toml:"discussion_openness" min:"0" max:"1"`
	OpennessRate       float64 `toml:"openness_rate" min:"0" max:"1"`
	IntervalRate       float64 `toml:"interval_rate" min:"0" max:"1"`
	IntegrationRate    float64 `toml:"integration_rate" min:"0" max:"1"`
	ResponsivenessRate float64 `toml:"responsiveness_rate" min:"0" max:"1"`
	InstitutionRate    float64 `toml:"institution_rate" min:"0" max:"1"`
	LinkageRate        float64 `toml:"linkage_rate" min:"0" max:"1"`
	LinkedShare        float64 `toml:"linked_share" min:"0" max:"1"`
	PartyLink          float64 `toml:"party_link" min:"0" max:"1"`
	// Stickiness of the governance actors once the measures stop: the
	// committee's conditions and the party's linkage fade at these rates,
	// × (1 − HandoverHold × institution); party members unlink at
	// PartyUnlink; organizations lose leadership at LeaderFade and
	// members at OrgLeave.
	CommitteeFade float64 `toml:"committee_fade" min:"0" max:"1"`
	LinkageFade   float64 `toml:"linkage_fade" min:"0" max:"1"`
	PartyUnlink   float64 `toml:"party_unlink" min:"0" max:"1"`
	HandoverHold  float64 `toml:"handover_hold" min:"0" max:"1"`
	// Attitudes.
	Drift          float64 `toml:"drift" min:"0" max:"1"`
	RoleDrift      float64 `toml:"role_drift" min:"0" max:"10"`
	RoleSpread     float64 `toml:"role_spread" min:"0" max:"1"`
	StrongBelong   float64 `toml:"strong_belonging" min:"0" max:"1"`
	StrongTiesFull float64 `toml:"strong_ties_full" min:"1" max:"100"`
	// NeedHours multiplies hours_per_need by the need's type.
	NeedHours NeedHours `toml:"need_hours"`
	// The record. NetworkEvery is how often, in weeks, the record measures
	// the network figures that read every strong tie (clustering,
	// bridging, income_assortativity); see network.go.
	NetworkEvery int `toml:"network_every" min:"1" max:"1000"`
}

// NeedHours holds one multiplier per need type, named as in NeedTypes.
type NeedHours struct {
	Care     float64 `toml:"care" min:"0.01" max:"100"`
	Economic float64 `toml:"economic" min:"0.01" max:"100"`
	Cultural float64 `toml:"cultural" min:"0.01" max:"100"`
	Civic    float64 `toml:"civic" min:"0.01" max:"100"`
	Children float64 `toml:"children" min:"0.01" max:"100"`
}
