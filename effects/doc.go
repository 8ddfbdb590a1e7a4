// Package effects checks, as statistical tests over replications, that the
// built-in scenarios show the field study's findings (SF1 to SF6 of the
// model's specification). It has no code of its own: the effects must
// emerge from the mechanisms in sim, and the tests are the proof.
package effects
