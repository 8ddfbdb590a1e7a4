package sim

import (
	"math"
	"unsafe"
)

// Memory the engine holds, in bytes, for EstimateBytes. bytesPerResident
// covers the per-resident state (attitudes, needs, memberships, tie
// counts), the weekly scratch buffers, allocated at their bound from the
// start, and the garbage the build leaves; bytesPerTieSlot each slot of the
// tie lists, most of the memory (community.max_ties per resident, 16 by
// default: 450 bytes a resident in all, with a margin); TestEstimateBytes
// measures it against runtime.MemStats and keeps it within 30% above.
const (
	bytesPerResident  = 242
	bytesPerTieSlot   = 13
	bytesPerHousehold = 12
	bytesPerBuilding  = 16
	bytesPerGrid      = 64
	bytesFixed        = 256 << 10
)

// EstimateBytes estimates the memory one engine running cfg holds at its
// peak: the community New builds (from cfg.Data when set, otherwise about
// households × household_size_mean residents, with a margin for the draw of
// household sizes), its organizations and the recorded result. Data itself,
// which every replication shares, is not counted. The estimate errs high:
// callers compare it with the memory available before building anything.
func EstimateBytes(cfg *Config) int64 {
	c := cfg.Community
	residents, households, buildings := 0.0, float64(c.Households), float64(c.Buildings)
	if cfg.Data != nil {
		residents = float64(len(cfg.Data.Residents))
		households, buildings = float64(len(cfg.Data.Households)), float64(cfg.Data.Buildings)
	} else {
		// Sizes are 1 + Poisson(mean − 1), at most 10: the total is
		// within three standard deviations of its mean.
		m := max(c.HouseholdSizeMean-1, 0)
		residents = households*(1+m) + 3*math.Sqrt(households*m)
	}
	grids := min(float64(c.Grids), buildings)
	shards := math.Ceil(residents / float64(shardSizeFor(int(residents))))
	// Every list has room for max_ties; imported ties may need more.
	slots := residents * float64(c.MaxTies)
	if cfg.Data != nil {
		slots += 2 * float64(len(cfg.Data.Ties))
	}
	b := bytesFixed +
		bytesPerResident*residents +
		bytesPerTieSlot*slots +
		bytesPerHousehold*households +
		bytesPerBuilding*buildings +
		bytesPerGrid*grids +
		12*(shards+grids) + // shards' per-grid issue counts
		float64(c.Organizations)*(4*float64(c.OrgSize)+128) +
		incubatedBytes(cfg, residents) +
		8*float64(NumMetrics)*float64(cfg.Calendar.Weeks())
	if b > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(b)
}

// incubatedBytes bounds the memory of the organizations cultivation founds
// over the horizon: at most behaviour.incubation per 1000 residents, plus
// one, each week (the effort and the productivity that scale it are at
// most 1), and about 1 KiB each with their members, kept when they
// dissolve (measured: 930 bytes, 626 organizations founded in 1,576 weeks
// among 10,000 residents).
func incubatedBytes(cfg *Config, residents float64) float64 {
	founded := float64(cfg.Calendar.Weeks()) * (cfg.Behaviour.Incubation*residents/1000 + 1)
	return founded * (1024 + 8*float64(cfg.Community.OrgSize))
}

// GroupCount is the number of groups EnableGroups measures for cfg at the
// most: five income quintiles, five education levels, three age bands,
// vulnerable or not, party member or not, and every grid.
func GroupCount(cfg *Config) int { return 5 + 5 + 3 + 2 + 2 + cfg.Community.Grids }

// GroupBytes estimates the memory measuring groups adds to one engine
// running cfg (EnableGroups) and to its result: each resident's cell, the
// shards' sums by cell and by group, and per group a value per group
// metric per week. Grids are groups, so many grids cost the most.
func GroupBytes(cfg *Config) int64 {
	c := cfg.Community
	residents := float64(c.Households) * max(c.HouseholdSizeMean, 1) * 1.1
	if cfg.Data != nil {
		residents = float64(len(cfg.Data.Residents))
	}
	shards := math.Ceil(residents / float64(shardSizeFor(int(residents))))
	groups := float64(GroupCount(cfg))
	sums := float64(unsafe.Sizeof(groupSums{}))
	b := 2*residents + // each resident's cell
		300*sums*shards + // the shards' cells, at most 300 each
		groups*(sums*(shards+1)+8*float64(NumGroupMetrics)*float64(cfg.Calendar.Weeks())+64)
	return int64(min(b, math.MaxInt64/4))
}
