package sim

import "sync/atomic"

// The largest component of strong non-household ties is found by a
// concurrent union–find. While ties are updated, each shard links its
// residents' strong ties (in updateTies, or linkShard in weeks without an
// update); the record's shards then point every resident at its
// root, and one sequential pass counts the sizes.
// The partition into components does not depend on the order in which ties
// were linked, so the largest component's size, the only thing recorded,
// does not depend on the scheduling either.
//
// A root is always linked under a root of smaller index and path halving
// only moves pointers to smaller indices, so parent[x] < x for every
// non-root x: no cycle can form, whatever the interleaving.
//
// parent is a plain slice: the passes in which shards meet (linking, and
// finding roots) read and write it with sync/atomic, while the week's
// opening pass, in which each shard touches only its own residents, resets
// it with plain stores, and the record writes the roots it finds to a
// slice of its own: on amd64 an atomic store is an XCHG, which waits for
// every store before it (docs/performance.md).

// components is the union–find over strong non-household ties: parent
// links residents, root is each resident's root as the record finds it, and
// size is the record's scratch for counting the components' sizes.
type components struct {
	parent, root, size []int32
}

// unite merges the sets of a and b.
func unite(parent []int32, a, b int32) {
	for {
		a, b = find(parent, a), find(parent, b)
		if a == b {
			return
		}
		if a < b {
			a, b = b, a
		}
		if atomic.CompareAndSwapInt32(&parent[a], a, b) {
			return
		}
	}
}

// find returns x's root, halving the path on the way.
func find(parent []int32, x int32) int32 {
	for {
		p := atomic.LoadInt32(&parent[x])
		if p == x {
			return x
		}
		g := atomic.LoadInt32(&parent[p])
		if g != p {
			atomic.CompareAndSwapInt32(&parent[x], p, g)
		}
		x = g
	}
}

// link unites resident i with the other ends of its strong ties of higher
// index (the lower end of each tie links it, so each tie is linked once).
func (e *Engine) link(i int, strongAt float32) {
	to, str := e.r.ties(i)
	for k, j := range to {
		// Few ties are strong: test that first, the branch predicts well.
		if str[k] >= strongAt && int(j) > i {
			unite(e.components.parent, int32(i), j)
		}
	}
}

// linkShard links a shard's strong ties, for weeks whose ties were not
// updated (and linked) by the attitudes phase.
func (e *Engine) linkShard(sh *shard) {
	strongAt := float32(e.cfg.Behaviour.StrongTie)
	for i := sh.lo; i < sh.hi; i++ {
		e.link(i, strongAt)
	}
}

// largestShare returns the share of residents in the largest component,
// once the record's shards have found every resident's root.
func (c *components) largestShare() float64 {
	size := c.size
	clear(size)
	var best int32
	for _, root := range c.root {
		size[root]++
		best = max(best, size[root])
	}
	return float64(best) / float64(len(c.root))
}
