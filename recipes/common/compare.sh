#!/usr/bin/env bash
# The ST-NAS paper's comparison on a recipe's data: human-designed baselines (6-layer TDNN, BLSTM)
# trained with the same trainer, and ST-NAS, DARTS, SNAS, ProxylessNAS-style search, random search
# with weight sharing (rsws) and one uniformly random architecture (random, the null hypothesis)
# (each derived, then retrained with the same trainer options), for every seed (NAME:N in --systems:
# the first N seeds), the strategies of a seed searching from one shared warm-up; every system is
# decoded and scored on every test set by recipes/common/system.sh. pocketsphinx (Debian's
# pocketsphinx + pocketsphinx-en-us, its stock US English model and 3-gram LM) decodes the same
# audio as an outside reference. Jobs run side by side (--jobs, one thread each: on 2 cores two
# 1-thread jobs beat one 2-thread job, see docs/measured-facts.md). Then `asr compare` writes
# EXP/COMPARE.md and EXP/compare.tsv. Every job skips finished work.
# Usage: recipes/common/compare.sh --recipe NAME --exp DIR --space JSON --seeds "1 2"
#          --systems "tdnn6 st random rsws:2 darts:2 ..." --jobs 2   (NAME:N: the first N seeds)
#          --train DIR --lang DIR --fbank DIR --data DIR --test-sets "..." --dev SET
#          [--train-config JSON] [--search-config JSON] [--pocketsphinx-sets "..."] [--ps-rate 16000]
#          [--blstm-config JSON]   (the BLSTM's trainer options; default --train-config)
#          [--score-opts ...] [--lm-weights L] [--word-scores L] [--beam N]
#          [--tdnn6-model JSON] [--blstm-model JSON]   (default data/nas/*-cpu.json) [--device D]
#          [--order "SYSTEM:SEED ..."]   jobs to run first, in this order (the rest follow)
#          [--eval-sets "SET ..."] [--conf-dir DIR] [--bench FILE] [--command CMD]
#                                        COMPARE.md's verdict sets and header (asr compare)
set -euo pipefail
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
recipe=""
exp=""
space=""
seeds="1 2"
systems="tdnn6 blstm st darts snas proxyless rsws random"
jobs=2
train=""
lang=""
fbank=""
data=""
test_sets=""
dev=""
train_config=""
search_config=""
blstm_config=""
pocketsphinx_sets=""
ps_rate=16000
score_opts=""
lm_weights="0.5,1.0,1.5,2.0"
word_scores="-1,0,1,2"
beam=20
tdnn6_model="$root/data/nas/tdnn6-cpu.json"
blstm_model="$root/data/nas/blstm-cpu.json"
device=cpu
order=""
eval_sets=""
conf_dir=""
bench=""
command=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="recipe exp space seeds systems jobs train lang fbank data test_sets dev train_config search_config blstm_config pocketsphinx_sets ps_rate score_opts lm_weights word_scores beam tdnn6_model blstm_model device order eval_sets conf_dir bench command"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"
mkdir -p "$exp"

# One line per job: pocketsphinx first (it needs no training), then seed-major order so that a
# deadline cut leaves complete seeds.
jobfile="$exp/jobs.txt"
: > "$jobfile"
if [[ -n "$pocketsphinx_sets" ]]; then echo "pocketsphinx -" >> "$jobfile"; fi
for j in $order; do echo "${j%%:*} ${j##*:}" >> "$jobfile"; done
# a system given as NAME:N runs on the first N seeds only (e.g. darts:2 beside tdnn6 on all 4)
k=0
for seed in $seeds; do
  k=$((k + 1))
  for spec in $systems; do
    s="${spec%%:*}"
    if [[ "$spec" == *:* ]] && ((k > ${spec##*:})); then continue; fi
    grep -qx "$s $seed" "$jobfile" || echo "$s $seed" >> "$jobfile"
  done
done

# shellcheck disable=SC2317 # run by xargs through export -f
run_job() {
  local sys="$1" seed="$2"
  if [[ "$sys" == pocketsphinx ]]; then
    if "$root/recipes/common/pocketsphinx.sh" --data "$data" --sets "$pocketsphinx_sets" \
      --out "$exp/pocketsphinx" --rate "$ps_rate" --score-opts "$score_opts" \
      > "$exp/pocketsphinx.log" 2>&1; then
      echo "[$(date -u +%T)] pocketsphinx done"
    else
      echo "[$(date -u +%T)] pocketsphinx FAILED (see $exp/pocketsphinx.log)"
    fi
    return
  fi
  # the BLSTM trains with its own options (when given); every other system with train_config
  local tc="$train_config"
  [[ "$sys" == blstm && -n "$blstm_config" ]] && tc="$blstm_config"
  local args=(--out "$exp/$sys-s$seed" --seed "$seed" --train "$train" --lang "$lang"
    --fbank "$fbank" --test-sets "$test_sets" --dev "$dev" --threads 1 --score-opts "$score_opts"
    --train-config "$tc" --search-config "$search_config" --lm-weights "$lm_weights"
    --word-scores "$word_scores" --beam "$beam" --device "$device")
  case "$sys" in
    tdnn6) args+=(--kind train --model "$tdnn6_model") ;;
    blstm) args+=(--kind train --model "$blstm_model") ;;
    # every strategy of a seed searches from the same warm-up, computed once (system.sh)
    st|darts|snas|proxyless|rsws|random) args+=(--kind nas --space "$space" --strategy "$sys"
      --warmup-from "$exp/warmup-s$seed") ;;
    *) echo "compare.sh: unknown system $sys" >&2; return 2 ;;
  esac
  mkdir -p "$exp/$sys-s$seed"
  if "$root/recipes/common/system.sh" "${args[@]}" > "$exp/$sys-s$seed/system.log" 2>&1; then
    echo "[$(date -u +%T)] $sys seed $seed done"
  else
    echo "[$(date -u +%T)] $sys seed $seed FAILED (see $exp/$sys-s$seed/system.log)"
  fi
}
export -f run_job
export root exp data pocketsphinx_sets ps_rate score_opts train lang fbank test_sets dev
export train_config search_config blstm_config lm_weights word_scores beam space tdnn6_model blstm_model device

echo "compare: $(wc -l < "$jobfile") jobs, $jobs at a time ($(date -u +%T))"
# xargs runs the jobs side by side; a failed system is reported and the others go on
# shellcheck disable=SC2016 # expanded by the inner bash
xargs -P "$jobs" -L 1 bash -c 'run_job "$0" "$1"' < "$jobfile"
# the tables: mean ± seed SD per system, paired differences against tdnn6 and the null (random)
# with 95% t intervals, verdicts only where an interval excludes 0 (asr compare, cli.ComparisonResults)
report=(--recipe "$recipe" --exp "$exp" --seeds "$seeds" --systems "$systems"
  --test-sets "$test_sets" --dev "$dev" --eval-sets "${eval_sets:-$test_sets}")
[[ -n "$conf_dir" ]] && report+=(--conf-dir "$conf_dir")
[[ -n "$bench" ]] && report+=(--bench "$bench")
[[ -n "$command" ]] && report+=(--command "$command")
"$root/bin/asr" compare "${report[@]}"
echo "compare: wrote $exp/COMPARE.md ($(date -u +%T))"
exit
}
