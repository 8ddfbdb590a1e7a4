// Package grassroots is the root of the grassroots simulator: an
// agent-based model of a community's social ecosystem and of the
// social-work projects that intervene in it.
//
// The engine is in sim, scenarios in scenario and scenarios, replications
// in experiment, output in report and stats, the command line in
// cmd/grassroots. This package holds only the benchmarks of the simulation
// core (bench_test.go).
package grassroots
