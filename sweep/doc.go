// Package sweep runs a scenario over many parameter points and
// replications: a full-factorial grid or a Latin hypercube, on a bounded
// pool of workers, streaming every finished run to an append-only journal
// so that an interrupted sweep resumes where it stopped. It writes
// points.csv, runs.csv, an optional timeseries.csv and groups.csv, and
// manifest.json, splits a sweep into deterministic shards for cluster
// schedulers and merges their outputs back into what one machine would
// have written.
//
// Replication r of every point runs with sim.ReplicationSeed(seed, r):
// points are compared under common random numbers.
package sweep
