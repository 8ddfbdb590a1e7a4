package sim

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// bfsLargest is the reference: the largest component of strong ties by
// breadth-first search.
func bfsLargest(e *Engine) float64 {
	r := &e.r
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	seen := make([]bool, r.n)
	best := 0
	var queue []int
	for s := range r.n {
		if seen[s] {
			continue
		}
		seen[s] = true
		queue = append(queue[:0], s)
		for k := 0; k < len(queue); k++ {
			to, str := r.ties(queue[k])
			for t, j := range to {
				if str[t] >= strongAt && !seen[j] {
					seen[j] = true
					queue = append(queue, int(j))
				}
			}
		}
		best = max(best, len(queue))
	}
	return float64(best) / float64(r.n)
}

// TestLargestComponentMatchesBFS checks the concurrent union–find against
// a breadth-first search, week by week, on four workers, with thresholds
// that make strong ties rare, a few and universal (friends' ties start at
// 0.4: at 0.42 only ties grown by the programme are strong and components
// of tens of residents form and merge; at 0.4 one spans everyone).
func TestLargestComponentMatchesBFS(t *testing.T) {
	for _, strongAt := range []float64{0.6, 0.42, 0.4, 0} {
		c := short(programme())
		c.Behaviour.StrongTie = strongAt
		e := mustNew(t, c, 5, 4)
		var seenSplit bool
		for e.Week() < c.Calendar.Weeks() {
			e.Step()
			got := e.Result().Values[LargestComponent][e.Week()-1]
			if want := bfsLargest(e); got != want {
				t.Fatalf("strong_tie %v, week %d: largest component %v, breadth-first search %v", strongAt, e.Week()-1, got, want)
			}
			seenSplit = seenSplit || got*float64(e.Residents()) >= 10 && got < 0.99
		}
		t.Logf("strong_tie %v: largest component %.3f at the end", strongAt, e.Result().Values[LargestComponent][e.Week()-1])
		if strongAt == 0.42 && !seenSplit {
			t.Error("no week with a component neither tiny nor everything: the test does not exercise merging")
		}
	}
}

// TestUniteConcurrent links a random graph's edges from several goroutines
// at once and checks every vertex ends in the component BFS gives it.
func TestUniteConcurrent(t *testing.T) {
	const n, edges, workers = 5000, 4000, 4
	rng := rand.New(rand.NewPCG(1, 2))
	type edge struct{ a, b int32 }
	es := make([]edge, edges)
	adj := make([][]int32, n)
	for k := range es {
		a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
		es[k] = edge{a, b}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for round := range 20 {
		parent := make([]int32, n)
		for i := range parent {
			parent[i] = int32(i)
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for k := w; k < edges; k += workers {
					unite(parent, es[k].a, es[k].b)
				}
			})
		}
		wg.Wait()
		label := make([]int32, n)
		for i := range label {
			label[i] = -1
		}
		for s := range int32(n) {
			if label[s] >= 0 {
				continue
			}
			label[s] = s
			queue := []int32{s}
			for k := 0; k < len(queue); k++ {
				for _, j := range adj[queue[k]] {
					if label[j] < 0 {
						label[j] = s
						queue = append(queue, j)
					}
				}
			}
		}
		// Same partition: vertices share a root exactly when they share a label.
		rootOfLabel := map[int32]int32{}
		labelOfRoot := map[int32]int32{}
		for i := range int32(n) {
			root := find(parent, i)
			if r, ok := rootOfLabel[label[i]]; ok && r != root {
				t.Fatalf("round %d: %d is in BFS component %d but has root %d, not %d", round, i, label[i], root, r)
			}
			if l, ok := labelOfRoot[root]; ok && l != label[i] {
				t.Fatalf("round %d: root %d joins BFS components %d and %d", round, root, l, label[i])
			}
			rootOfLabel[label[i]], labelOfRoot[root] = root, label[i]
		}
	}
}
