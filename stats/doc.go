// Package stats summarises replications: means with Student's t confidence intervals and time averages of weekly curves.
package stats
