#!/usr/bin/env bash
# The ST-NAS paper's comparison on the SWBD stand-in as its own command (hours on 2 cores; the
# default run.sh runs one ST-NAS system only): stages 0-2 of run.sh where not done (data, lexicon
# and LM, features), then stage 7, the job pool of recipes/common/compare.sh (tdnn6, BLSTM, ST-NAS,
# DARTS, SNAS, ProxylessNAS-style, random search with weight sharing and the random-architecture
# null over the seeds of conf/recipe.conf, two 1-thread jobs side by side, pocketsphinx on the same
# audio), and exp/swbd/COMPARE.md + compare.tsv (asr compare: paired differences against tdnn6 and
# the null with 95% t intervals, verdicts only where an interval excludes 0). Every job skips
# finished work: rerun the same command after a kill to continue.
# Usage: recipes/swbd/compare.sh [run.sh options, e.g. --compare-seeds "1 2 3 4" --compare-jobs 2]
# Then recipes/swbd/local/make_results.sh copies the report into recipes/swbd/COMPARE.md.
set -euo pipefail
cd "$(dirname "$0")"
./run.sh --stop-stage 2 "$@"
./run.sh --compare true --stage 7 --stop-stage 7 "$@"
