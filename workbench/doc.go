// Package workbench is the planner's workbench: a local web application,
// served by "grassroots serve", to pick scenarios, edit them, upload a
// community's data, run and compare them with their uncertainty and cost,
// and take away a report. Pages are rendered on the server with the same
// report code as the command line; every asset is embedded.
//
// The server trusts nothing the browser sends: request bodies are capped,
// names from the browser are single path segments inside the workspace,
// the number of simulations running at once is bounded, and a panic in a
// handler becomes a 500 page.
package workbench
