package scenario

import (
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/scenarios"
)

// BuiltinText returns the TOML file of the built-in scenario name, as
// embedded, comments included: a starting point for a scenario of one's
// own.
func BuiltinText(name string) ([]byte, error) {
	if !isBuiltinRef(name) {
		return nil, fmt.Errorf("%q is a file path, not a built-in name; built-ins: %s", name, strings.Join(scenarios.Names(), ", "))
	}
	src, err := openBuiltin(name)
	if err != nil {
		return nil, err
	}
	return []byte(src.text), nil
}
