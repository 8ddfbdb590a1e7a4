package sim

// Stage is a period of the project calendar.
type Stage uint8

// The stages in calendar order. Their names are used in scenarios, CSV and
// figures.
const (
	PreProject Stage = iota
	Initial
	Middle
	Later
	FollowUpStage
	numStages
)

var stageNames = [numStages]string{"pre-project", "initial", "middle", "later", "follow-up"}

func (s Stage) String() string {
	if s < numStages {
		return stageNames[s]
	}
	return "unknown"
}

// Stages lists every stage in calendar order.
func AllStages() []Stage { return []Stage{PreProject, Initial, Middle, Later, FollowUpStage} }

// Weeks returns the number of weeks of the horizon.
func (c Calendar) Weeks() int {
	return c.PreProject + c.Initial + c.Middle + c.Later + c.FollowUp
}

// ProjectEnd is the number of weeks from the start to the end of the later
// stage: the week index at which the follow-up begins.
func (c Calendar) ProjectEnd() int {
	return c.PreProject + c.Initial + c.Middle + c.Later
}

// StageOf returns the stage that week w (0-based) falls in.
func (c Calendar) StageOf(w int) Stage {
	bounds := [...]int{c.PreProject, c.Initial, c.Middle, c.Later}
	for i, n := range bounds {
		if w < n {
			return Stage(i)
		}
		w -= n
	}
	return FollowUpStage
}

// Boundaries returns the first week of each stage after the first, with the
// stage that starts there, skipping empty stages.
func (c Calendar) Boundaries() []Boundary {
	var out []Boundary
	start := 0
	for i, n := range [...]int{c.PreProject, c.Initial, c.Middle, c.Later, c.FollowUp} {
		if n > 0 {
			out = append(out, Boundary{Week: start, Stage: Stage(i), Weeks: n})
		}
		start += n
	}
	return out
}

// Boundary is where a stage starts and how long it lasts.
type Boundary struct {
	Week  int
	Stage Stage
	Weeks int
}
