package effects

import (
	"fmt"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// Finding is the verdict of one check at one parameter point.
type Finding struct {
	Name  string // e.g. "sf2_participation": the CSV column prefix
	Claim string // what the study says, as checked
	// Held is true only when the interval says so: every comparison is
	// written so that a NaN anywhere leaves it false.
	Held bool
	// Effect is the estimate the verdict rests on (a level, a paired
	// difference or a ratio), and Low–High its 95% interval.
	Effect, Low, High float64
	Detail            string // how it was decided, with the numbers
}

func describe(e stats.Estimate) string {
	return fmt.Sprintf("%+.4f [%+.4f, %+.4f]", e.Mean, e.Low, e.High)
}

func finding(name, claim string, held bool, e stats.Estimate, detail string) Finding {
	return Finding{Name: name, Claim: claim, Held: held, Effect: e.Mean, Low: e.Low, High: e.High, Detail: detail + ": " + describe(e)}
}

// above and below are the verdicts of one-sided claims; within of a
// two-sided one. Written so that NaN is false.
func above(e stats.Estimate, x float64) bool       { return e.Low > x }
func below(e stats.Estimate, x float64) bool       { return e.High < x }
func within(e stats.Estimate, lo, hi float64) bool { return e.Low >= lo && e.High <= hi }

// paired is the estimate of b − a, replication by replication.
func paired(src source, a, b Obs) stats.Estimate {
	return stats.Paired95(src.values(a), src.values(b))
}

// gain returns scenario − reference replication by replication.
func gain(src source, scenario, reference string, m sim.Metric, s Stat) []float64 {
	x, r := src.values(Obs{scenario, m, s}), src.values(Obs{reference, m, s})
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] - r[i]
	}
	return out
}

// Evaluate decides every finding from the data of one parameter point.
func Evaluate(d *Data) []Finding { return evaluate(d) }

// headline are the outcomes SF2 names; SF4 adds org_membership.
var headline = []sim.Metric{sim.Participation, sim.Cohesion, sim.VulnerableCoverage, sim.GovernanceDiversity}

func evaluate(src source) []Finding {
	var out []Finding
	out = append(out, sf1(src)...)
	out = append(out, sf2(src)...)
	out = append(out, sf3(src)...)
	out = append(out, sf4(src)...)
	out = append(out, sf5(src)...)
	out = append(out, sf6(src)...)
	return out
}

// SF1: without the project, participation in affairs stays low and flat,
// belonging is modest, vulnerable coverage is low, organizations stagnate
// and the committee resolves most needs (low governance diversity). The
// bounds interpret the study's words; each can fail in the direction the
// baseline could move.
func sf1(src source) []Finding {
	b := func(m sim.Metric, s Stat) stats.Estimate { return stats.Estimate95(src.values(Obs{"baseline", m, s})) }
	var out []Finding
	e := b(sim.Participation, Settled)
	out = append(out, finding("sf1_participation_low", "baseline participation is low but not absent: within [0.02, 0.2]",
		within(e, 0.02, 0.2), e, "participation, mean over weeks 4 to the end"))
	e = paired(src, Obs{"baseline", sim.Participation, Early}, Obs{"baseline", sim.Participation, LastYear})
	out = append(out, finding("sf1_participation_flat", "baseline participation neither rises nor falls: last year − weeks 4-29 within ±0.03",
		within(e, -0.03, 0.03), e, "participation, mean over the last 52 weeks − mean over weeks 4-29"))
	e = b(sim.BelongingMean, AtEnd)
	out = append(out, finding("sf1_belonging_modest", "baseline belonging is modest: within [0.2, 0.45]",
		within(e, 0.2, 0.45), e, "belonging at the end of the follow-up"))
	e = b(sim.VulnerableCoverage, Settled)
	out = append(out, finding("sf1_coverage_low", "baseline vulnerable coverage is low: below 0.5",
		below(e, 0.5), e, "vulnerable_coverage, mean over weeks 4 to the end"))
	e = paired(src, Obs{"baseline", sim.OrgMembership, Early}, Obs{"baseline", sim.OrgMembership, LastYear})
	out = append(out, finding("sf1_organizations_stagnate", "baseline organizations neither grow nor vanish: membership, last year − weeks 4-29 within ±0.02",
		within(e, -0.02, 0.02), e, "org_membership, mean over the last 52 weeks − mean over weeks 4-29"))
	e = b(sim.OrgMembership, AtEnd)
	out = append(out, finding("sf1_organizations_few", "baseline organizations are few but present: membership above 0 and at most 0.05",
		e.Low > 0 && e.High <= 0.05, e, "org_membership at the end of the follow-up"))
	e = b(sim.CommitteeShare, Settled)
	out = append(out, finding("sf1_committee_most", "the committee resolves most needs and issues: share above 0.5",
		above(e, 0.5), e, "committee_share, mean over weeks 4 to the end"))
	e = b(sim.GovernanceDiversity, Settled)
	out = append(out, finding("sf1_diversity_low", "baseline governance diversity is low: below 0.75",
		below(e, 0.75), e, "governance_diversity, mean over weeks 4 to the end"))
	return out
}

// SF2: all three stages together raise participation, cohesion, vulnerable
// coverage and governance diversity over the baseline by the end of the
// project.
func sf2(src source) []Finding {
	var out []Finding
	for _, m := range headline {
		e := paired(src, Obs{"baseline", m, AtProjectEnd}, Obs{"full-programme", m, AtProjectEnd})
		out = append(out, finding("sf2_"+metricName(m), "the full programme raises "+metricName(m)+" over the baseline by the end of the project",
			above(e, 0), e, "full-programme − baseline at the end of the project"))
	}
	return out
}

// SF4: without funding, gains fade during the follow-up; with sustained
// organization funding they last (at least half of the gain at the end of
// the project is still there a year later) and end above the unfunded
// programme. One finding per outcome, each with its interval.
func sf4(src source) []Finding {
	var out []Finding
	for _, m := range append([]sim.Metric{sim.OrgMembership}, headline...) {
		name := metricName(m)
		atEnd := gain(src, "full-programme", "baseline", m, AtProjectEnd)
		after := gain(src, "full-programme", "baseline", m, AtEnd)
		e := stats.Paired95(after, atEnd)
		out = append(out, finding("sf4_fade_"+name, "without funding, the gain in "+name+" fades during the follow-up",
			above(e, 0), e, "full-programme's gain over the baseline, end of project − end of follow-up"))

		kept := stats.Ratio95(gain(src, "sustained-funding", "baseline", m, AtEnd), atEnd)
		out = append(out, finding("sf4_lasting_"+name, "with sustained funding, at least half the gain in "+name+" lasts a year",
			kept.Low >= 0.5, kept, "share kept: (sustained-funding − baseline at the end of the follow-up) / (full-programme − baseline at the end of the project), delta method"))

		e = paired(src, Obs{"full-programme", m, AtEnd}, Obs{"sustained-funding", m, AtEnd})
		out = append(out, finding("sf4_ahead_"+name, "with sustained funding, "+name+" ends above the unfunded programme",
			above(e, 0), e, "sustained-funding − full-programme at the end of the follow-up"))
	}
	return out
}

// SF5: heavier bureaucracy lowers efficiency and trust; a vaguer role for
// social workers lowers uptake of their services. Uptake itself is the
// mechanism (the chance of turning to a social worker is role
// understanding), so the check reads its consequences at equal hours:
// fewer needs resolved by social workers and lower vulnerable coverage
// over the project's weeks.
func sf5(src source) []Finding {
	var out []Finding
	for _, m := range []sim.Metric{sim.Efficiency, sim.TrustMean} {
		e := paired(src, Obs{"full-programme", m, AtProjectEnd}, Obs{"heavy-bureaucracy", m, AtProjectEnd})
		out = append(out, finding("sf5_bureaucracy_"+metricName(m), "heavier bureaucracy lowers "+metricName(m),
			below(e, 0), e, "heavy-bureaucracy − full-programme at the end of the project"))
	}
	for _, m := range []sim.Metric{sim.SocialWorkResolved, sim.VulnerableCoverage} {
		e := paired(src, Obs{"full-programme", m, ProjectMean}, Obs{"vague-role", m, ProjectMean})
		out = append(out, finding("sf5_vague_role_"+metricName(m), "a vaguer role lowers "+metricName(m)+" at equal hours",
			below(e, 0), e, "vague-role − full-programme, mean over the project's weeks"))
	}
	return out
}

// SF6: heavier economic burden lowers participation; more education raises
// it.
func sf6(src source) []Finding {
	e := paired(src, Obs{"full-programme", sim.Participation, AtProjectEnd}, Obs{"low-income", sim.Participation, AtProjectEnd})
	low := finding("sf6_burden_participation", "heavier economic burden lowers participation",
		below(e, 0), e, "low-income − full-programme at the end of the project")
	e = paired(src, Obs{"full-programme", sim.Participation, AtProjectEnd}, Obs{"more-educated", sim.Participation, AtProjectEnd})
	edu := finding("sf6_education_participation", "more education raises participation",
		above(e, 0), e, "more-educated − full-programme at the end of the project")
	return []Finding{low, edu}
}
