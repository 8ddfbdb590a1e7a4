//go:build race

package workbench

// raceEnabled is set when the tests run under the race detector, which
// makes the full-size interactive comparison too slow for a browser test.
const raceEnabled = true
