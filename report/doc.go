// Package report turns replication results into byte-reproducible CSV tables, figures and a run manifest.
package report
