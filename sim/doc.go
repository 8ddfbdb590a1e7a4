// Package sim is the grassroots engine: an agent-based model of one urban
// community's social ecosystem and of a social-work project that intervenes
// in it.
//
// The lifecycle of a replication is visible in one place, Engine.Step
// (week.go):
//
//	New builds the community from a Config (households, residents, ties,
//	organizations, workers) with its own random stream, then each Step runs
//	one week as eight named phases in order:
//
//	  calendar → needs → services → activities → organizations →
//	  discussion → attitudes → record
//
// and Run repeats Step over the horizon and returns the recorded Result.
// The per-resident parts of the week's first phases (the reset, needs and
// services' requests) run in one opening pass over the shards. Scenarios
// switch the record as phases.measure; the measures are what the project
// does (interventions.go).
//
// The engine's state comes in parts (engine.go): the community the model
// carries from week to week, the grids' and the week's state, what the
// record keeps between weeks, and the runner (switches, pool, shards and
// streams, scratch buffers, timing), which says how a week runs, not what
// it models. Where a fast form of a rule differs from its plain one (the
// record's roll by words, influence by counts, the age bit of prevTook), a
// small named helper holds it and a test beside it checks it against the
// plain form.
//
// State is data-oriented: residents are slices of fields indexed by resident
// id, ties are fixed-capacity slots in flat slices, and households,
// buildings and grids are contiguous id ranges. Per-resident phases run over
// shards of residents (their size set by the community's size alone) on a
// pool of worker goroutines, the caller included; each shard
// draws from its own random stream, derived from the replication seed, the
// week, the phase and the shard index, and writes only its own residents.
// Phases that share out something scarce (service hours, event seats,
// organization places) run sequentially in a deterministic order. Results are
// therefore identical whatever the number of workers.
//
// The model is documented in docs/model.md (an ODD protocol: submodels in
// §7), and how this package runs it (streams, shards, determinism, fast
// paths, forking) in docs/engineering.md.
package sim
