#!/usr/bin/env bash
# shellcheck disable=SC2154 # train_set, test_sets, ... come from the recipe's conf/recipe.conf
# Architecture pilot (issue 13, step 1): does the architecture matter on this task at this budget?
# Trains fixed architectures with the recipe's retraining budget (conf/train.json), several seeds
# each, decodes every test set of the recipe (greedy PER; lexicon + LM WER with the LM weight tuned
# on the dev set) and tabulates per-architecture means, seed spreads and paired differences with
# 95% t confidence intervals (scripts/experiments/arch_pilot_table.py).
#
# Usage: scripts/experiments/arch_pilot.sh --recipe DIR --out DIR [--seeds "1 2 3"]
#          [--archs "tdnn6 all-C1D1 all-C2D2"] [--jobs 2] [--summary-only]
#   --recipe  a recipe dir whose data/ stages 0-2 have made (e.g. recipes/wsj after
#             `recipes/wsj/run.sh --stop-stage 2`); its conf/recipe.conf gives the training set,
#             test sets, dev set, training config and LM grid
#   --out     experiment dir: one system dir OUT/ARCH-sSEED per run (recipes/common/system.sh),
#             logs in OUT/logs, the table in OUT/pilot.md
#   --archs   names: tdnn6 (data/nas/tdnn6-cpu.json) or scripts/experiments/arch_pilot/NAME.json
#   --train-configs  "NAME=FILE ..." training configs (the keys of asr train's config.json, paths
#             relative to the current dir) that every architecture is trained with; systems are
#             then OUT/ARCH-NAME-sSEED and the table pairs each config with the first one within
#             every architecture (same architecture, same seed, hence the same initial weights and
#             batch order). Default: the recipe's train_conf, systems OUT/ARCH-sSEED, every
#             architecture paired with the first one
#   --title   the table's heading (default "Architecture pilot")
#   --test-sets  sets to decode instead of the recipe's test_sets (e.g. to add the SWBD recipe's
#             eval2000_sw and eval2000_newvoice, which its run.sh adds when they exist)
#   --jobs    runs side by side, each with one thread; seed-major order (every system of seed 1
#             first), so that a stopped pilot still has complete seeds
# Resumable: system.sh skips what is done and resumes a killed training from its checkpoint.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
recipe_dir=""
out=""
seeds="1 2 3"
archs="tdnn6 all-C1D1 all-C2D2"
train_configs=""
title="Architecture pilot"
jobs=2
summary_only=false
test_sets_opt=""
usage() {
  sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
while (($# > 0)); do
  case "$1" in
    --recipe) recipe_dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --archs) archs="$2"; shift 2 ;;
    --train-configs) train_configs="$2"; shift 2 ;;
    --title) title="$2"; shift 2 ;;
    --test-sets) test_sets_opt="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --summary-only) summary_only=true; shift ;;
    -h | --help) usage ;;
    *) echo "arch_pilot.sh: unknown option $1" >&2; usage ;;
  esac
done
[[ -n "$recipe_dir" && -n "$out" ]] || { echo "arch_pilot.sh: --recipe and --out are required" >&2; usage; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "arch_pilot.sh: --jobs must be >= 1" >&2; exit 2; }
recipe_dir="$(cd "$recipe_dir" && pwd)"
mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"
arch_json() {
  if [[ "$1" == tdnn6 ]]; then echo "$root/data/nas/tdnn6-cpu.json"
  else echo "$here/arch_pilot/$1.json"; fi
}
for a in $archs; do
  [[ -f "$(arch_json "$a")" ]] || { echo "arch_pilot.sh: no architecture $(arch_json "$a")" >&2; exit 2; }
done
# shellcheck disable=SC1091 # the recipe's options, not known to shellcheck
. "$recipe_dir/conf/recipe.conf"
[[ -z "$test_sets_opt" ]] || test_sets="$test_sets_opt"
# systems: "SYSTEM ARCH CONFIG" lines; CONFIG absolute or relative to the recipe dir
systems=()
pairs=""
if [[ -z "$train_configs" ]]; then
  for a in $archs; do systems+=("$a $a $train_conf"); done
else
  first="${train_configs%%=*}"
  for a in $archs; do
    for nc in $train_configs; do
      name="${nc%%=*}" file="${nc#*=}"
      [[ "$name" != "$nc" && -n "$name" && -f "$file" ]] ||
        { echo "arch_pilot.sh: --train-configs entry '$nc' is not NAME=FILE with an existing FILE" >&2; exit 2; }
      file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
      systems+=("$a-$name $a $file")
      [[ "$name" == "$first" ]] || pairs+=" $a-$name:$a-$first"
    done
  done
fi
[[ -d "$recipe_dir/data/fbank/$train_set" ]] ||
  { echo "arch_pilot.sh: $recipe_dir/data/fbank/$train_set missing: run the recipe with --stop-stage 2 first" >&2; exit 2; }

run_one() { # system arch config seed
  local n="$1" a="$2" c="$3" s="$4"
  (cd "$recipe_dir" && "$root/recipes/common/system.sh" --out "$out/$n-s$s" --kind train \
    --model "$(arch_json "$a")" --train "data/fbank/$train_set" --lang data/lang --fbank data/fbank \
    --test-sets "$test_sets" --dev "$dev_set" --seed "$s" --train-config "$c" --threads 1 \
    --score-opts "$score_opts" --lm-weights "$lm_weights" --word-scores "$word_scores" --beam "$beam") \
    > "$out/logs/$n-s$s.log" 2>&1 || echo "arch_pilot.sh: $n seed $s failed, see $out/logs/$n-s$s.log" >&2
}
if [[ "$summary_only" == false ]]; then
  for s in $seeds; do
    for sys in "${systems[@]}"; do
      read -r n a c <<<"$sys"
      while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
      echo "[$(date -u +%T)] $n seed $s"
      run_one "$n" "$a" "$c" "$s" &
    done
  done
  wait
fi
names="$(for sys in "${systems[@]}"; do echo "${sys%% *}"; done | tr '\n' ' ')"
/usr/bin/python3 "$here/arch_pilot_table.py" --out "$out" --archs "$names" --seeds "$seeds" \
  --sets "$test_sets" --baseline "${names%% *}" --pairs "$pairs" --title "$title" > "$out/pilot.md.tmp"
mv "$out/pilot.md.tmp" "$out/pilot.md"
echo "arch_pilot.sh: wrote $out/pilot.md"
