package scenario_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
)

// Load a built-in scenario, changed as --set changes it on the command
// line.
func ExampleLoad() {
	s, err := scenario.Load("full-programme", []string{"community.households=40", "replications=3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Replications, s.Config.Community.Households, s.Sources)
	// Output: full-programme 3 40 [builtin:baseline builtin:full-programme]
}

// A scenario of one's own builds on a built-in one and sets only what
// differs.
func ExampleLoadBytes() {
	text := `name = "heavy-bureaucracy"
extends = "baseline"

[macro]
bureaucracy = 0.9
`
	s, err := scenario.LoadBytes("mine.toml", []byte(text), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Config.Macro.Bureaucracy)
	// Output: heavy-bureaucracy 0.9
}

// Every problem is reported at once, each located at its file and line,
// with what is allowed and what was likely meant.
func ExampleLoadBytes_errors() {
	text := `extends = "baseline"

[community]
housholds = 40
grids = 0
`
	_, err := scenario.LoadBytes("mine.toml", []byte(text), nil)
	var errs scenario.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			line, _, _ := strings.Cut(e.Error(), ";") // the rest lists the allowed keys
			fmt.Println(line)
		}
	}
	// Output:
	// mine.toml:4: unknown key "community.housholds"
	// mine.toml:5: key "community.grids": must be at least 1, got 0
}
