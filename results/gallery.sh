#!/usr/bin/env bash
# Regenerates the gallery of results/README.md: three comparisons of the
# built-in scenarios at 30 paired replications each. Run from the repository
# root:  bash results/gallery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=results/gallery
run() { go run ./cmd/grassroots compare "$@" --reps 30 --quiet; }

# 1. The study's story: no project, the project, the project with funding kept.
run baseline full-programme sustained-funding \
	--metrics participation,cohesion,vulnerable_coverage,governance_diversity,org_membership \
	--out "$out/programme" > "$out/programme.md"

# 2. Which middle-stage measure does what (each alone on top of the initial stage).
run initial-only party-linkage cultural-activities organization-cultivation discussion-channels full-programme \
	--metrics participation,cohesion,vulnerable_coverage,governance_diversity \
	--out "$out/measures" > "$out/measures.md"

# 3. The same programme under other conditions.
run full-programme heavy-bureaucracy vague-role more-social-workers local-hires low-income more-educated \
	--metrics participation,efficiency,trust,social_work_uptake \
	--out "$out/conditions" > "$out/conditions.md"
