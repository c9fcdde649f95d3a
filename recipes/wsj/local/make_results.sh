#!/usr/bin/env bash
# Regenerates recipes/wsj/COMPARE.md from the comparison run in recipes/wsj/exp/wsj (stage 7 of
# run.sh must have run; a deadline-cut run gives a table of what finished, saying what did not).
# Usage: recipes/wsj/local/make_results.sh ["WALL-CLOCK NOTE"]   (bench_search_cost.txt: the output
# of bench/search_cost.sh from the same machine, included when present)
set -euo pipefail
cd "$(dirname "$0")/.."
../common/make_results.sh --recipe wsj --exp exp/wsj --out COMPARE.md --eval-set test_eval92 \
  --conf-dir conf --command "${RESULTS_COMMAND:-recipes/wsj/run.sh --stop-stage 2 && recipes/wsj/run.sh --compare true --stage 7 --stop-stage 7}" \
  --wall "${1:-}" --bench bench_search_cost.txt
