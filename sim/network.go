package sim

import "slices"

// The strong-tie network's shape, beyond the share, mean degree and largest
// component that cohesion reads (record.go): who is isolated, the largest
// degree, clustering, ties across grids and assortativity by income.
//
// Isolation and the largest degree read each resident's own counts and are
// measured whenever ties may have changed, like the rest of the tie
// structure. Clustering, bridging and assortativity read every strong tie,
// and clustering every pair of a resident's strong ties: they are measured
// in the weeks networkDue names (every behaviour.network_every weeks and at
// the end of every stage) and carried forward in between. Which weeks those
// are depends on the week alone, so a fork records what a run from the
// start records. Each shard counts its residents into its netSums during
// the record's pass; the record adds the shards up in shard order, so the
// figures do not depend on the number of workers.

// networkStats are the network's figures as last measured.
type networkStats struct {
	isolated, maxDegree                 float64 // measured whenever ties may change
	clustering, bridging, assortativity float64 // measured when networkDue
}

// netSums are one shard's counts. Ties are counted at both ends, except
// ties and crossing, counted at the lower end.
type netSums struct {
	isolated, maxDegree int
	triples, closed     int // pairs of strong ties meeting at a resident; those whose other ends are tied strongly too
	ties, crossing      int // strong ties; those joining residents of different grids
	ends                int // strong tie ends: twice ties
	x, xx, xy           float64
}

func (a *netSums) add(b *netSums) {
	a.isolated += b.isolated
	a.maxDegree = max(a.maxDegree, b.maxDegree)
	a.triples += b.triples
	a.closed += b.closed
	a.ties += b.ties
	a.crossing += b.crossing
	a.ends += b.ends
	a.x += b.x
	a.xx += b.xx
	a.xy += b.xy
}

// networkDue reports whether this week's record measures the costly
// figures: every network_every weeks from week 0, and the last week of
// every stage, whose values the summaries read.
func (e *Engine) networkDue() bool {
	if !e.records.recount.ties {
		return false // the ties have not changed: the last figures stand
	}
	c := e.cfg.Calendar
	w := e.week
	return w%max(1, e.cfg.Behaviour.NetworkEvery) == 0 || w+1 == c.Weeks() || c.StageOf(w+1) != c.StageOf(w)
}

// networkShard stores the shard's network counts in sh.net: net, which
// countStrong filled with who is isolated and the largest degree, and the
// strong ties' counts when networkDue. The record calls it when ties may
// have changed.
func (e *Engine) networkShard(sh *shard, net *netSums) {
	if e.records.networkDue {
		sh.neighbours = e.networkTies(sh.lo, sh.hi, net, sh.neighbours)
	}
	sh.net = *net
}

// networkTies counts the strong ties of residents [lo, hi) into s:
// triples and triangles, ties across grids, and incomes at both ends. nb is
// scratch for one resident's strong neighbours, returned grown to the largest
// degree seen, so that it is allocated once, not every week.
func (e *Engine) networkTies(lo, hi int, s *netSums, nb []int32) []int32 {
	r := &e.r
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	for i := lo; i < hi; i++ {
		// countStrong has counted i's strong ties: most residents have
		// none, and the loop stops at the last.
		strong := int(r.strong[i])
		if strong == 0 {
			continue
		}
		to, str := r.ties(i)
		nb = slices.Grow(nb[:0], len(to))[:strong]
		xi := e.income(i)
		gi := e.gridOf(i)
		d := 0
		for k, j := range to {
			if d == strong {
				break
			}
			if str[k] < strongAt {
				continue
			}
			nb[d] = j
			d++
			xj := e.income(int(j))
			s.ends++
			s.x += xi
			s.xx += xi * xi
			s.xy += xi * xj
			if int(j) > i {
				s.ties++
				s.crossing += boolInt(e.gridOf(int(j)) != gi)
			}
		}
		s.triples += d * (d - 1) / 2
		for a := 0; a < d; a++ {
			for b := a + 1; b < d; b++ {
				s.closed += boolInt(strongTie(r, int(nb[a]), nb[b], strongAt))
			}
		}
	}
	return nb
}

// income is resident i's household income, the attribute assortativity
// correlates.
func (e *Engine) income(i int) float64 { return float64(e.households.income[e.r.household[i]]) }

// strongCount is the number of i's strong ties.
func strongCount(r *residents, i int, strongAt float32) int {
	_, str := r.ties(i)
	n := 0
	for _, x := range str {
		n += boolInt(x >= strongAt)
	}
	return n
}

// strongTie reports whether i has a strong tie to j.
func strongTie(r *residents, i int, j int32, strongAt float32) bool {
	to, str := r.ties(i)
	for k, x := range to {
		if x == j {
			return str[k] >= strongAt
		}
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// measureNetwork adds up the shards' counts into e.records.network: the
// cheap figures whenever ties may have changed, the costly ones when due.
func (e *Engine) measureNetwork() {
	if !e.records.recount.ties {
		return
	}
	var t netSums
	for s := range e.shards {
		t.add(&e.shards[s].net)
	}
	net := &e.records.network
	net.isolated = float64(t.isolated) / float64(e.r.n)
	net.maxDegree = float64(t.maxDegree)
	if e.records.networkDue {
		net.clustering, net.bridging, net.assortativity = t.figures()
	}
}

// figures are the global transitivity (three times the triangles over the
// connected triples), the share of ties across grids and the Pearson
// correlation of incomes at the two ends of a tie, each tie counted both
// ways (Newman's assortativity for a scalar attribute). Each is 0 when it
// is undefined: no triples, no ties, or all ends of one income.
func (t *netSums) figures() (clustering, bridging, assortativity float64) {
	clustering = ratio(float64(t.closed), float64(t.triples))
	bridging = ratio(float64(t.crossing), float64(t.ties))
	if t.ends > 0 {
		m := float64(t.ends)
		mean := t.x / m
		// Rounding leaves a trace of variance when every income is one.
		if v := t.xx/m - mean*mean; v > 1e-12*mean*mean {
			assortativity = (t.xy/m - mean*mean) / v
		}
	}
	return clustering, bridging, assortativity
}

// appendNetwork appends the network's figures to the result.
func (e *Engine) appendNetwork(v *[NumMetrics][]float64) {
	net := &e.records.network
	v[IsolatedShare] = append(v[IsolatedShare], net.isolated)
	v[StrongDegreeMax] = append(v[StrongDegreeMax], net.maxDegree)
	v[Clustering] = append(v[Clustering], net.clustering)
	v[Bridging] = append(v[Bridging], net.bridging)
	v[IncomeAssortativity] = append(v[IncomeAssortativity], net.assortativity)
}
