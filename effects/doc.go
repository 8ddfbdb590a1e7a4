// Package effects decides, as statistical tests over replications, whether
// the model shows the field study's findings (SF1 to SF6 of the model's
// specification). The effects must emerge from the mechanisms in sim; this
// package only reads them.
//
// Each finding is a claim with a verdict and the interval it rests on
// (Finding). Check runs the scenarios the findings need (the built-in ones
// and SF3's full factorial of the four middle-stage measures) at one
// parameter point and decides them; "go test ./effects" runs it at the
// defaults and "grassroots findings" over the plausible ranges of the
// parameters. Every comparison is written so that a NaN never lets a
// finding hold.
package effects
