package sweep

import (
	"fmt"
	"math/rand/v2"
)

// The ways of choosing points.
const (
	MethodGrid = "grid" // full factorial: every combination of every parameter's values
	MethodLHS  = "lhs"  // Latin hypercube of a given number of samples
)

// Limits that keep a mistyped sweep from exhausting memory: the runner
// keeps a few bytes per run and a configuration per point.
const (
	maxPoints = 1_000_000
	maxRuns   = 50_000_000
)

// lhsStream separates the Latin hypercube's random stream from every
// stream the simulation draws from the same seed.
const lhsStream = 0x4c48535f73776565

// Point is one combination of parameter values; Values[j] belongs to the
// sweep's j-th parameter.
type Point struct {
	ID     int
	Values []Value
}

// gridPoints returns every combination of the parameters' grid values, the
// first parameter varying slowest.
func gridPoints(params []Param) ([]Point, error) {
	levels := make([][]Value, len(params))
	n := 1
	for j, p := range params {
		levels[j] = p.gridValues()
		n *= len(levels[j])
		if n > maxPoints {
			return nil, fmt.Errorf("the grid has more than %d points; use fewer values or method = %q", maxPoints, MethodLHS)
		}
	}
	points := make([]Point, n)
	for id := range points {
		vals := make([]Value, len(params))
		rest := id
		for j := len(params) - 1; j >= 0; j-- {
			vals[j] = levels[j][rest%len(levels[j])]
			rest /= len(levels[j])
		}
		points[id] = Point{ID: id, Values: vals}
	}
	return points, nil
}

// lhsPoints draws a Latin hypercube of n points: each parameter's range is
// cut into n equal strata and every stratum is used by exactly one point.
// The draws come from a PCG seeded from seed alone, so the same seed gives
// the same points.
func lhsPoints(params []Param, n int, seed uint64) ([]Point, error) {
	if n < 1 || n > maxPoints {
		return nil, fmt.Errorf("samples must be from 1 to %d, got %d", maxPoints, n)
	}
	rng := rand.New(rand.NewPCG(seed, lhsStream))
	points := make([]Point, n)
	for i := range points {
		points[i] = Point{ID: i, Values: make([]Value, len(params))}
	}
	for j, p := range params {
		perm := rng.Perm(n)
		for i := range points {
			u := (float64(perm[i]) + rng.Float64()) / float64(n)
			points[i].Values[j] = p.sample(u)
		}
	}
	return points, nil
}
