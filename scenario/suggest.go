package scenario

// Suggest returns ` (did you mean "x"?)` when one of candidates is a likely
// typo of s, or "": the rule of this package's own errors, for commands
// that check names of their own (metrics, outcomes).
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }
