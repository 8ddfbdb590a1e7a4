// Package calibrate fits a scenario's parameters to observed targets (a
// community's survey numbers) by approximate Bayesian computation with
// sequential Monte Carlo (ABC-SMC).
//
// A calibration file (File) names a base scenario, the targets (a metric's
// mean over some weeks, with the survey's standard error) and the
// parameters to fit with their priors. SMC is the generic algorithm, over
// any Simulator; Model turns a File into the grassroots simulator; Write
// saves the posterior, the fit and a calibrated scenario.
package calibrate
