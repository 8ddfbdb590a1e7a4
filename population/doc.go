// Package population reads a real community from CSV files into a
// sim.Population, and writes a built community out in the same format so
// that it can be inspected, edited and loaded back.
//
// Three files describe a community (docs/data.md has the full reference):
//
//	households.csv  household_id,building,income
//	residents.csv   resident_id,household_id,age,education,vulnerable,party_member
//	                [,threshold,interest,belonging,trust,efficacy,role_clarity,norm]
//	ties.csv        resident_a,resident_b,kind[,strength]   (optional)
//
// Each file starts with a header row naming its columns, in any order.
// Ids are arbitrary labels, unique within their file; buildings are labels
// too, numbered in order of first appearance. Empty cells in optional
// columns mean "not given": the scenario's distributions fill them.
//
// Every problem is reported as file:line:column with the column's name and
// what was expected, up to a bounded number of errors per load.
package population
