#!/usr/bin/env bash
# Tabulates a comparison run (recipes/common/compare.sh) into EXP/COMPARE.md and EXP/compare.tsv:
# per system, over its finished seeds, the mean and range (min-max) of parameters, search cost
# (wall clock and peak resident memory of warm-up + search + derive, GNU time), training time,
# greedy phone error rate and lexicon + LM word error rate on every test set; pocketsphinx's WER
# on the same audio; the derived architecture of every search run. Systems or seeds that did not
# finish are listed as missing, never filled in.
# Usage: recipes/common/compare_results.sh --recipe NAME --exp DIR --seeds "1 2"
#          --systems "tdnn6 st ..." --test-sets "SET ..." --dev SET
set -euo pipefail
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
recipe=""
exp=""
seeds=""
systems=""
test_sets=""
dev=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="recipe exp seeds systems test_sets dev"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"

wall_s() {
  [[ -f "$1" ]] || return 0
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.0f", s }' "$1"
}
peak_mib() { [[ -f "$1" ]] && awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
params_m() { # TRAIN_DIR LOG: the total row of the trainer's params.tsv, in millions; runs made
  # before params.tsv existed: the log's "total params 1,550,122" line (as arch_pilot_table.py)
  if [[ -f "$1/params.tsv" ]]; then
    awk -F'\t' '$1 == "total" { printf "%.2f", $3 / 1e6 }' "$1/params.tsv"
  else
    [[ -f "$2" ]] && awk '/total params/ { gsub(",", "", $3); v = $3 } END { if (v != "") printf "%.2f", v / 1e6 }' "$2"
  fi
}

# long format: system seed metric value
long="$exp/compare_long.tsv"
: > "$long"
missing=()
for s in $systems; do
  for seed in $seeds; do
    d="$exp/$s-s$seed"
    if [[ ! -f "$d/results.tsv" ]]; then missing+=("$s seed $seed"); continue; fi
    if [[ -f "$d/final.model" ]]; then
      p=$(params_m "$d" "$d/train.log"); t=$(wall_s "$d/train_time.txt"); st=""; sm=""
    else
      p=$(params_m "$d/retrain" "$d/retrain.log"); t=$(wall_s "$d/retrain_time.txt")
      st=$(wall_s "$d/search_time.txt"); sm=$(peak_mib "$d/search_time.txt")
    fi
    {
      echo -e "$s\t$seed\tparams_M\t$p"
      echo -e "$s\t$seed\tsearch_s\t$st"
      echo -e "$s\t$seed\tsearch_peak_MiB\t$sm"
      # the search stage alone (without the warm-up every strategy shares): its epochs' seconds
      so=""
      [[ -f "$d/search.csv" ]] && so=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") c = i; next }
        c { t += $c } END { if (c) printf "%.0f", t }' "$d/search.csv")
      echo -e "$s\t$seed\tsearch_stage_s\t$so"
      echo -e "$s\t$seed\ttrain_s\t$t"
      tail -n +2 "$d/results.tsv" | while IFS=$'\t' read -r set per wer _ _; do
        echo -e "$s\t$seed\tPER $set\t$per"
        echo -e "$s\t$seed\tWER $set\t$wer"
      done
    } >> "$long"
  done
done

cols=("params_M" "search_s" "search_stage_s" "search_peak_MiB" "train_s")
for t in $test_sets; do cols+=("PER $t"); done
for t in $test_sets; do cols+=("WER $t"); done

# mean (min-max, n) per system and column
agg() {
  awk -F'\t' -v sys="$1" -v col="$2" '
    $1 == sys && $3 == col && $4 != "" { n++; v = $4 + 0; s += v; if (n == 1 || v < lo) lo = v; if (n == 1 || v > hi) hi = v }
    END {
      if (n == 0) { printf "-"; exit }
      if (n == 1) printf "%.2f", s
      else printf "%.2f (%.2f-%.2f)", s / n, lo, hi
    }' "$long"
}
nseeds() { awk -F'\t' -v sys="$1" '$1 == sys && $3 == "params_M" { n++ } END { print n + 0 }' "$long"; }

{
  echo "| system | seeds | ${cols[*]/%/ |}" | sed 's/ | / | /g'
  printf '|---|---:|'; for _ in "${cols[@]}"; do printf -- '---:|'; done; echo
  for s in $systems; do
    n=$(nseeds "$s")
    ((n > 0)) || continue
    printf '| %s | %s |' "$s" "$n"
    for c in "${cols[@]}"; do printf ' %s |' "$(agg "$s" "$c")"; done
    echo
  done
  if [[ -d "$exp/pocketsphinx" ]]; then
    printf '| pocketsphinx (stock en-us) | - |'
    for c in "${cols[@]}"; do
      v="-"
      if [[ "$c" == "WER "* ]]; then
        f="$exp/pocketsphinx/${c#WER }/score/result.tsv"
        [[ -f "$f" ]] && v=$(awk -F'\t' 'NR == 2 { print $2 }' "$f")
      fi
      printf ' %s |' "$v"
    done
    echo
  fi
} > "$exp/compare_table.md"

{
  echo "# $recipe: the ST-NAS paper's comparison on the stand-in"
  echo
  echo "Each cell: mean over the finished seeds, (min-max) when more than one. PER: greedy CTC"
  echo "phone error rate (%); WER: lexicon + 3-gram LM word error rate (%), LM weight and word score"
  echo "tuned on $dev per run. params_M: parameters of the trained (derived) network in millions."
  echo "search_s / search_peak_MiB: wall clock and peak resident memory (GNU time, JVM + libtorch)"
  echo "of warm-up + search + derive; search_stage_s: the search epochs alone (search.csv, without"
  echo "the warm-up that every strategy shares); train_s: training (baselines) or retraining."
  echo
  cat "$exp/compare_table.md"
  echo
  if ((${#missing[@]} > 0)); then
    echo "Not finished (left out of the table): ${missing[*]}."
    echo
  fi
  echo "## Derived architectures"
  echo
  echo '```'
  for s in $systems; do
    for seed in $seeds; do
      d="$exp/$s-s$seed"
      [[ -f "$d/derived.txt" ]] || continue
      echo "$s seed $seed: $(head -1 "$d/derived.txt")"
      if [[ -f "$d/derived.json" ]]; then
        echo "  ops: $(grep -o '"op": *"[^"]*"' "$d/derived.json" | sed 's/"op": *//; s/"//g' | tr '\n' ' ')"
      fi
    done
  done
  echo '```'
} > "$exp/COMPARE.md"
cp "$long" "$exp/compare.tsv"
exit
}
