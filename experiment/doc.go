// Package experiment runs replications of a configuration on a bounded
// pool of goroutines and returns their results in replication order.
package experiment
