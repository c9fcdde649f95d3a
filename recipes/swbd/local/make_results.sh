#!/usr/bin/env bash
# Regenerates recipes/swbd/RESULTS.md from the comparison run in recipes/swbd/exp/swbd (stage 7 of
# run.sh must have run; a deadline-cut run gives a table of what finished, saying what did not).
# Usage: recipes/swbd/local/make_results.sh ["WALL-CLOCK NOTE"]
set -euo pipefail
cd "$(dirname "$0")/.."
../common/make_results.sh --recipe swbd --exp exp/swbd --out RESULTS.md --eval-set eval2000 \
  --conf-dir conf --command "recipes/swbd/run.sh --stop-stage 2 && recipes/swbd/run.sh --stage 7 --stop-stage 7" \
  --wall "${1:-}" --bench bench_search_cost.txt
