package findings

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/grassroots-sim/grassroots/prim"
	"github.com/grassroots-sim/grassroots/sensitivity"
	"github.com/grassroots-sim/grassroots/stats"
	"gonum.org/v1/gonum/stat"
)

// PRIM's settings: peel 5% of the points at a time down to 5% of all
// points, and report the densest box holding at least half the points
// where the finding fails.
const (
	peelAlpha   = 0.05
	peelMinMass = 0.05
	minCoverage = 0.5
)

// Report is what findings.md says about one finding.
type Report struct {
	Name, Claim string
	Held, N     int
	Share       [3]float64 // share of points where it holds, Wilson 95% interval
	// Influence ranks the parameters by how strongly they drive the
	// effect: PRCC when there are enough points (Method "PRCC"), else
	// Spearman's rank correlation (Method "Spearman").
	Influence []sensitivity.Coefficient
	Method    string
	// Box is PRIM's box of the points where the finding fails; nil when
	// it fails nowhere or everywhere.
	Box      *prim.Box
	Restrict []int // the box's restricted parameters
}

// Analyze summarises every finding over the points.
func (r *Result) Analyze() []Report {
	if len(r.Findings) == 0 {
		return nil
	}
	var out []Report
	for k, f0 := range r.Findings[0] {
		rep := Report{Name: f0.Name, Claim: f0.Claim, N: len(r.Findings)}
		effect := make([]float64, rep.N)
		fails := make([]bool, rep.N)
		for pt, fs := range r.Findings {
			if fs[k].Held {
				rep.Held++
			}
			fails[pt] = !fs[k].Held
			effect[pt] = fs[k].Effect
		}
		p, lo, hi := stats.Wilson95(rep.Held, rep.N)
		rep.Share = [3]float64{p, lo, hi}
		rep.Influence, rep.Method = r.influence(effect)
		if rep.Held > 0 && rep.Held < rep.N {
			traj := prim.Peel(r.X, fails, peelAlpha, peelMinMass)
			b := prim.Choose(traj, minCoverage)
			if b.N < rep.N {
				rep.Box = &b
				rep.Restrict = b.Restricted(traj[0].Lo, traj[0].Hi)
			}
		}
		out = append(out, rep)
	}
	return out
}

// influence ranks the parameters' effect on y by |PRCC|, or by |Spearman|
// when there are too few points for PRCC.
func (r *Result) influence(y []float64) ([]sensitivity.Coefficient, string) {
	cs, err := sensitivity.Analyze(r.Params, r.X, []string{"effect"}, [][]float64{y})
	method := "PRCC"
	if err != nil {
		method = "Spearman"
		cs = nil
		ry := sensitivity.Ranks(y)
		finite := !slicesHasNaN(y)
		for j, name := range r.Params {
			c := sensitivity.Coefficient{Outcome: "effect", Parameter: name, PRCC: math.NaN(), P: math.NaN(), N: len(y)}
			if finite {
				c.PRCC = stat.Correlation(sensitivity.Ranks(r.X[j]), ry, nil)
			}
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return abs(cs[a].PRCC) > abs(cs[b].PRCC) })
	return cs, method
}

func slicesHasNaN(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return true
		}
	}
	return false
}

// abs orders NaN last.
func abs(x float64) float64 {
	if math.IsNaN(x) {
		return -1
	}
	return math.Abs(x)
}

// topInfluence is how many parameters findings.md names per finding.
const topInfluence = 5

// WriteMarkdown writes findings.md.
func (r *Result) WriteMarkdown(w io.Writer, reports []Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Findings over the plausible parameter space\n\n")
	fmt.Fprintf(&b, "%d points of a Latin hypercube over the plausible ranges of %d parameters, %d replications each (common random numbers). ",
		len(r.Findings), len(r.Params), r.Reps)
	fmt.Fprintf(&b, "A finding holds at a point when its 95%% interval over the replications says so (package effects). ")
	fmt.Fprintf(&b, "Shares carry Wilson 95%% intervals. The influence of a parameter is the PRCC of the finding's effect with it (Spearman's correlation when the points are too few for PRCC); ")
	fmt.Fprintf(&b, "the PRIM box (peeling %.0f%% at a time, down to %.0f%% of the points) is the densest box of the points where the finding fails that holds at least %.0f%% of them.\n\n",
		100*peelAlpha, 100*peelMinMass, 100*minCoverage)
	fmt.Fprintf(&b, "| finding | holds at | share [95%% interval] | most influential |\n|---|---:|---|---|\n")
	for _, a := range reports {
		top := "–"
		if len(a.Influence) > 0 && !math.IsNaN(a.Influence[0].PRCC) {
			top = fmt.Sprintf("%s (%+.2f)", short(a.Influence[0].Parameter), a.Influence[0].PRCC)
		}
		fmt.Fprintf(&b, "| %s | %d/%d | %.2f [%.2f, %.2f] | %s |\n", a.Name, a.Held, a.N, a.Share[0], a.Share[1], a.Share[2], top)
	}
	for _, a := range reports {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n\nHolds at %d of %d points: %.2f [%.2f, %.2f].\n\n", a.Name, a.Claim, a.Held, a.N, a.Share[0], a.Share[1], a.Share[2])
		fmt.Fprintf(&b, "Influence on the effect (%s):", a.Method)
		n := 0
		for _, c := range a.Influence {
			if n == topInfluence || math.IsNaN(c.PRCC) {
				break
			}
			fmt.Fprintf(&b, " %s %+.2f", short(c.Parameter), c.PRCC)
			if a.Method == "PRCC" {
				fmt.Fprintf(&b, " (p %.2g)", c.P)
			}
			b.WriteString(";")
			n++
		}
		if n == 0 {
			b.WriteString(" undefined (the effect is constant or not a number).")
		}
		b.WriteString("\n\n")
		switch {
		case a.Held == a.N:
			b.WriteString("It holds at every point: no box to find.\n")
		case a.Held == 0:
			b.WriteString("It fails at every point: no box to find.\n")
		case a.Box == nil || len(a.Restrict) == 0:
			b.WriteString("PRIM finds no box: the points where it fails are not concentrated in any range of the parameters.\n")
		default:
			fmt.Fprintf(&b, "Where it fails (PRIM): %d points, density %.2f, coverage %.2f, in", a.Box.N, a.Box.Density, a.Box.Coverage)
			for i, j := range a.Restrict {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, " %s ∈ [%.4g, %.4g]", short(r.Params[j]), a.Box.Lo[j], a.Box.Hi[j])
			}
			b.WriteString(".\n")
		}
		fmt.Fprintf(&b, "\n![%s](%s%s.png)\n", a.Name, FigurePrefix, a.Name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
