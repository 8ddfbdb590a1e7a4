package sweep

import (
	"bufio"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
)

// mergeFiles merges the sorted files called name of every shard into out,
// by run; the runs of different shards are disjoint, so each run's lines
// come whole from one shard.
func mergeFiles(shards []shardOut, name, out string, reps int) error {
	var h lineHeap
	var header string
	for i, s := range shards {
		f, err := regular.Open(filepath.Join(s.dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		c := &cursor{r: bufio.NewReaderSize(f, 1<<16), path: f.Name(), order: i, reps: reps}
		hd, err := c.r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("%s: %w", c.path, err)
		}
		if i == 0 {
			header = hd
		} else if hd != header {
			return fmt.Errorf("%s: header differs from the one in %s", c.path, shards[0].dir)
		}
		if err := c.next(); err != nil {
			return err
		}
		if c.line != nil {
			h = append(h, c)
		}
	}
	heap.Init(&h)
	return atomicfile.Write(filepath.Join(out, name), func(w io.Writer) error {
		if _, err := io.WriteString(w, header); err != nil {
			return err
		}
		for h.Len() > 0 {
			c := h[0]
			if _, err := w.Write(c.line); err != nil {
				return err
			}
			if err := c.next(); err != nil {
				return err
			}
			if c.line == nil {
				heap.Pop(&h)
			} else {
				heap.Fix(&h, 0)
			}
		}
		return nil
	})
}

// cursor is the current line of one shard's file.
type cursor struct {
	r     *bufio.Reader
	path  string
	order int
	reps  int
	line  []byte // nil at the end
	run   int
}

func (c *cursor) next() error {
	line, err := c.r.ReadBytes('\n')
	if errors.Is(err, io.EOF) && len(line) == 0 {
		c.line = nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.path, err)
	}
	run, ok := runOf(line, c.reps)
	if !ok {
		return fmt.Errorf("%s: bad line %q", c.path, line)
	}
	c.line, c.run = line, run
	return nil
}

type lineHeap []*cursor

func (h lineHeap) Len() int { return len(h) }
func (h lineHeap) Less(i, j int) bool {
	if h[i].run != h[j].run {
		return h[i].run < h[j].run
	}
	return h[i].order < h[j].order
}
func (h lineHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *lineHeap) Push(x any)   { *h = append(*h, x.(*cursor)) }
func (h *lineHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}
