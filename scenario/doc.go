// Package scenario loads scenario files (TOML describing one sim.Config plus
// seed and replications), resolves their extends chains and --set
// overrides, and reports every problem with its file, line and key. Params
// describes every key: type, limits, unit, meaning and plausible range.
package scenario
