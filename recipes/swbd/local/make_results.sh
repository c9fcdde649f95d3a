#!/usr/bin/env bash
# Regenerates recipes/swbd/COMPARE.md from the comparison run in recipes/swbd/exp/swbd (stage 7 of
# run.sh must have run; a deadline-cut run gives the tables of what finished and lists the rest):
# asr compare with the seeds, systems and test sets of conf/recipe.conf, the budgets of conf/ and
# bench_search_cost.txt (bench/search_cost.sh on the same machine) when present.
# Usage: recipes/swbd/local/make_results.sh ["NOTE ON HOW THE RUN WAS MADE"]
#   RESULTS_COMMAND overrides the command named in the header.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=recipes/swbd/conf/recipe.conf
. conf/recipe.conf
command="${RESULTS_COMMAND:-recipes/swbd/compare.sh}"
../../bin/asr compare --recipe swbd --exp exp/swbd --out COMPARE.md --seeds "$compare_seeds" \
  --systems "$compare_systems" --test-sets "$test_sets" --dev "$dev_set" --eval-sets "$compare_eval_sets" \
  --conf-dir conf --bench bench_search_cost.txt --command "$command${1:+ ($1)}"
