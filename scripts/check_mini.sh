#!/usr/bin/env bash
# Fails unless the mini recipe's error rates on its clean eval set are plausible.
#
# Bound (greedy phone error rate on test_eval92, clean): below 70%. Why: a CTC model that never
# left its blank-only plateau outputs nothing and scores 100% PER (all deletions), and a model
# guessing phones scores above 100%; so anything near or above 100% means training failed. The
# mini recipe as committed (0.35 h of 6-14-word prompts, a supernet warm-up of 6 epochs that stays
# on the plateau at this size even with kernel sharing, 44 steps per epoch, 12 retraining
# epochs with a 100-step rate warm-up to 2e-3) measured 59.05% PER on test_eval92 (lexicon + LM WER
# 87.67%) from a fresh clone on a 2-core machine (CI's .ci/run at b1c4049, 8 min 45 s with the
# Maven build and tests, another job beside it). Other CPUs or libtorch builds change the
# floating-point path, and CTC's exit from the blank plateau is
# sensitive to that; 70% leaves 10 points for it while failing a model that has not learned
# phones. On an AMD EPYC machine at 61e8d43 the same 12 epochs of 3000-frame batches stayed on
# the plateau (eval92 PER 91.60%; the warm-up was bit for bit that of an earlier run there, so the
# machine's floating-point path, not chance, decided it); with 1500-frame batches (88 steps per
# epoch) the retraining left it at epoch 8 and reached 64.92% after 12 epochs, still falling 4-5
# points an epoch, hence conf/train.json's 1500-frame batches and 16 epochs (decay after 12).
# With them CI's .ci/run at 9099ec0 measured 52.69% PER, LM WER 80.72%; on a fresh machine on
# 2026-12-03 both 9099ec0 and 1d9e0ff measured 57.75% / 86.55% (recipes/mini/results/), with
# bit-identical features, warm-up, search, pi.csv and retraining logs between the two commits: the
# machine, not the code, moved the number. Later the same day, on a machine 2.5x slower, c464ced and
# b2938c8 gave 52.69% / 80.72% again, with identical results.tsv between the two commits. (Issue 12's target for the mini run, 35%, is not
# reached: 0.35 h of speech is too little
# for the retrained network to generalise to new speakers.) The lexicon + LM WER must be below
# 100% (an empty or all-wrong output scores 100% or more). recipes/mini/results/ has a measured run.
# Usage: scripts/check_mini.sh results.tsv [SET] [MAX_PER] [MAX_WER]
set -euo pipefail
tsv="${1:?usage: $0 results.tsv [SET] [MAX_PER] [MAX_WER]}"
set_name="${2:-test_eval92}"
max_per="${3:-70}"
max_wer="${4:-100}"
[[ -f "$tsv" ]] || { echo "check_mini: no $tsv (did the recipe finish?)" >&2; exit 1; }
row=$(awk -F'\t' -v s="$set_name" '$1 == s' "$tsv")
[[ -n "$row" ]] || { echo "check_mini: no row for $set_name in $tsv" >&2; exit 1; }
per=$(cut -f2 <<< "$row")
wer=$(cut -f3 <<< "$row")
echo "check_mini: $set_name greedy PER $per% (bound $max_per%), LM WER $wer% (bound $max_wer%)"
awk -v p="$per" -v w="$wer" -v mp="$max_per" -v mw="$max_wer" \
  'BEGIN { exit !(p != "" && w != "" && p + 0 < mp + 0 && w + 0 < mw + 0) }' || {
  echo "check_mini: implausible error rate; see $(dirname "$tsv")/decode/$set_name/" >&2
  exit 1
}
