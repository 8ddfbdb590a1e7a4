package sim

// Evaluate and reflect: in the later stage the team compares, every
// project.reflection.interval_weeks, the outcome each of four measures acts
// on most (SF3) with the stage's goal for it, and moves a share
// project.reflection.shift of those measures' team hours toward the
// measures whose outcomes lag, in proportion to how far each lags
// (max(0, goal − outcome) / goal). Hours only move between measures the
// stage takes (intensity > 0), so the stage's hours and costs stay as
// planned: the budget holds. Outcomes are last week's recorded metrics.

// reflected lists the measures reflection weighs, with the metric each is
// judged by and its goal.
func (r *Reflection) reflected() [4]struct {
	measure int
	metric  Metric
	goal    float64
} {
	return [4]struct {
		measure int
		metric  Metric
		goal    float64
	}{
		{measureDiscussion, Participation, r.Participation},
		{measureCultural, Cohesion, r.Cohesion},
		{measurePartyLinkage, VulnerableCoverage, r.VulnerableCoverage},
		{measureCultivation, GovernanceDiversity, r.GovernanceDiversity},
	}
}

// reflect replaces the later stage's intensities in ms by the team's
// adjusted ones, reviewing them first when a review is due.
func (e *Engine) reflect(ms *[numMeasures]Measure, hours *[numMeasures]float64) {
	cal := e.cfg.Calendar
	into := e.week - (cal.PreProject + cal.Initial + cal.Middle)
	r := &e.cfg.Project.Reflection
	if into == 0 {
		for k, m := range ms {
			e.macro.intensity[k] = m.Intensity
		}
	} else if into%r.IntervalWeeks == 0 {
		e.review(r, hours)
	}
	for k := range ms {
		ms[k].Intensity = e.macro.intensity[k]
	}
}

// review moves hours toward lagging measures (see above).
func (e *Engine) review(r *Reflection, hours *[numMeasures]float64) {
	in := &e.macro.intensity
	var pool, lagSum float64
	var lag [4]float64
	for k, x := range r.reflected() {
		if in[x.measure] == 0 || hours[x.measure] == 0 || x.goal == 0 {
			continue
		}
		v := e.result.Values[x.metric]
		lag[k] = max(0, x.goal-v[len(v)-1]) / x.goal
		lagSum += lag[k]
	}
	if lagSum == 0 {
		return
	}
	for _, x := range r.reflected() {
		if in[x.measure] > 0 {
			h := in[x.measure] * hours[x.measure]
			pool += r.Shift * h
			in[x.measure] -= r.Shift * in[x.measure]
		}
	}
	for k, x := range r.reflected() {
		if in[x.measure] > 0 && hours[x.measure] > 0 {
			in[x.measure] += pool * lag[k] / lagSum / hours[x.measure]
		}
	}
}
