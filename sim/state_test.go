package sim

import "testing"

// TestGrownIsAge: the isGrown bit of prevTook, which the decision, influence
// and the record read instead of age, says what age says, from the build
// through every week, with or without the phases that write prevTook's
// other bits, and in a fork.
func TestGrownIsAge(t *testing.T) {
	check := func(t *testing.T, e *Engine) {
		t.Helper()
		for i, a := range e.r.age {
			if p := e.r.prevTook[i]; grown(p) != (a != Child) || child(p) != (a == Child) || grownCount(p) != int(oneIf(a != Child)) {
				t.Fatalf("week %d: resident %d of age %d has prevTook %08b", e.Week(), i, a, p)
			}
		}
	}
	for _, c := range []Config{short(programme()), onlyPhases(short(programme()), "discussion")} {
		e := mustNew(t, c, 3, 2)
		check(t, e)
		for e.Week() < 10 {
			e.Step()
			check(t, e)
		}
		f, err := e.Fork(&c, 1)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(f.Close)
		f.Step()
		check(t, f)
	}
}
