#!/usr/bin/env bash
# Regenerates recipes/swbd/COMPARE.md from the comparison run in recipes/swbd/exp/swbd (stage 7 of
# run.sh must have run; a deadline-cut run gives a table of what finished, saying what did not).
# Usage: recipes/swbd/local/make_results.sh ["WALL-CLOCK NOTE"]
set -euo pipefail
cd "$(dirname "$0")/.."
../common/make_results.sh --recipe swbd --exp exp/swbd --out COMPARE.md --eval-set "eval2000 eval2000_sw" \
  --conf-dir conf --command "recipes/swbd/run.sh (all stages 0-7), then recipes/swbd/run.sh --stage 3 after each change of the LM grid and beam (only the LM sweep and LM decoding ran again); bench/search_cost.sh > recipes/swbd/bench_search_cost.txt; recipes/swbd/local/make_results.sh" \
  --wall "${1:-}" --bench bench_search_cost.txt
