// Package sensitivity ranks how strongly each input parameter drives each
// outcome of a set of model runs: partial rank correlation coefficients
// (PRCC) with their p-values, as a CSV table and a tornado plot.
// AnalyzeSweep and WriteSweep apply it to a finished sweep's tables.
//
// PRCC measures monotone (not only linear) effects: it is the correlation
// between the ranks of a parameter and of an outcome after removing, by
// linear regression on ranks, what the other parameters explain of each.
package sensitivity
