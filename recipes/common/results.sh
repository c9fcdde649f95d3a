#!/usr/bin/env bash
# Writes OUT/RESULTS.md for a recipe's searched system (recipes/common/system.sh --kind nas run):
# WER table per test set (greedy phone error rate and lexicon + LM word error rate), parameter
# counts, search cost (wall time and peak memory from GNU time), the derived architecture, and the
# plots pi.png (π over the α steps, asr nas show), network.png, loss.png and per.png (asr plot)
# beside it.
# Usage: recipes/common/results.sh --recipe NAME --sys DIR --out DIR
set -euo pipefail
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
asr="$root/bin/asr"
recipe=""
sys=""
out=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="recipe sys out"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"
[[ -f "$sys/results.tsv" ]] || { echo "results.sh: no $sys/results.tsv (run stages 3-5)" >&2; exit 1; }
mkdir -p "$out"

# GNU time -v fields: "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.03" and
# "Maximum resident set size (kbytes): 123"
wall_s() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.0f", s }' "$1"
}
peak_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

"$asr" nas show --out "$sys" --plots "$out" > "$out/nas_show.txt"
curves=()
[[ -f "$sys/warmup.csv" ]] && curves+=("$sys/warmup.csv=warm-up")
[[ -f "$sys/search.csv" ]] && curves+=("$sys/search.csv=search")
[[ -f "$sys/retrain/epochs.csv" ]] && curves+=("$sys/retrain/epochs.csv=retrain")
"$asr" plot --x epoch --y train_loss,heldout_loss --chain --out "$out/loss" \
  --title "$recipe: warm-up, search and retraining (CTC loss per utterance)" "${curves[@]}" >/dev/null
# held-out greedy PER of the same stages (logs older than the heldout_per column are left out)
per_curves=()
for c in "${curves[@]}"; do
  if awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "heldout_per") f = 1; exit }
      END { exit !f }' "${c%%=*}"; then
    per_curves+=("$c")
  fi
done
if ((${#per_curves[@]} > 0)); then
  "$asr" plot --x epoch --y heldout_per --y-label "held-out greedy PER (%)" --chain --out "$out/per" \
    --title "$recipe: warm-up, search and retraining (held-out greedy PER, %)" "${per_curves[@]}" >/dev/null
fi

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "# $recipe recipe results"
  echo
  echo "Produced by \`recipes/$recipe/run.sh\` (stage 6, recipes/common/results.sh) at commit"
  echo "\`$commit\` on $(nproc) CPU core(s) ($(uname -m)), $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo "Strategy \`$(basename "$sys")\`; options in recipes/$recipe/conf/."
  echo
  echo "## Error rates"
  echo
  echo "Greedy: CTC best path over phone units, scored as phone error rate (PER) against the"
  echo "lexicon's first pronunciation of each reference word. LM: lexicon + 3-gram beam search;"
  echo "LM weight and word score tuned on the dev set, then applied unchanged to every set."
  echo
  # a sixth column (stm/ctm WER, sets with an stm) only when some set has it
  if awk -F'\t' 'NR > 1 && $6 != "" { f = 1 } END { exit !f }' "$sys/results.tsv"; then
    echo "stm/ctm: the same LM decoding written as CTM and scored against the set's stm as"
    echo "Kaldi's SWBD score_sclite.sh does (recipes/common/score_ctm.sh, docs/scoring.md)."
    echo
    echo "| test set | greedy PER % | lexicon + LM WER % | stm/ctm WER % | LM weight | word score |"
    echo "|---|---:|---:|---:|---:|---:|"
    tail -n +2 "$sys/results.tsv" | while IFS=$'\t' read -r s p w lw ws cw; do
      echo "| $s | $p | $w | ${cw:--} | $lw | $ws |"
    done
  else
    echo "| test set | greedy PER % | lexicon + LM WER % | LM weight | word score |"
    echo "|---|---:|---:|---:|---:|"
    tail -n +2 "$sys/results.tsv" | while IFS=$'\t' read -r s p w lw ws _; do
      echo "| $s | $p | $w | $lw | $ws |"
    done
  fi
  if [[ -d "$out/pocketsphinx" ]]; then
    echo
    echo "## Outside reference: pocketsphinx on the same audio"
    echo
    echo "Debian's pocketsphinx with its stock US English model, 3-gram LM and dictionary"
    echo "(recipes/common/pocketsphinx.sh), scored like ours."
    echo
    echo "| test set | pocketsphinx WER % | ours (lexicon + LM) WER % | pocketsphinx / ours |"
    echo "|---|---:|---:|---:|"
    for d in "$out"/pocketsphinx/*/; do
      s=$(basename "$d")
      [[ -f "$d/score/result.tsv" ]] || continue
      ps=$(awk -F'\t' 'NR == 2 { print $2 }' "$d/score/result.tsv")
      ours=$(awk -F'\t' -v s="$s" '$1 == s { print $3 }' "$sys/results.tsv")
      ratio=$(awk -v a="$ps" -v b="$ours" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }')
      echo "| $s | $ps | ${ours:-–} | $ratio |"
    done
  fi
  if [[ -f "$out/stage_times.tsv" ]]; then
    echo
    echo "## Wall time and peak memory per stage"
    echo
    echo "Wall clock of each stage of the last run of it (recipes/common/timing.sh); peak resident"
    echo "memory of the largest process of the stage (GNU time: JVM + libtorch, or sox/synthesis)."
    echo
    echo "| stage | what | wall s | peak MiB |"
    echo "|---|---|---:|---:|"
    awk -F'\t' '{ name[$1] = $2; secs[$1] = $3; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
      END { for (i = 1; i <= n; i++) print order[i] "\t" name[order[i]] "\t" secs[order[i]] }' \
      "$out/stage_times.tsv" | while IFS=$'\t' read -r id name secs; do
      peak=""
      if [[ -f "$out/stage_rss.tsv" ]]; then
        peak=$(awk -F'\t' -v id="$id" '$1 == id && $3 > m { m = $3 } END { if (m) printf "%.0f", m / 1024 }' \
          "$out/stage_rss.tsv")
      fi
      case "$id" in
        3) peak=$(for f in "$sys/search_time.txt" "$sys/retrain_time.txt"; do
             [[ -f "$f" ]] && { peak_mib "$f"; echo; }; done | sort -n | tail -1) ;;
        4-5) peak=$(for f in "$sys"/decode/*/infer_time.txt; do
               [[ -f "$f" ]] && { peak_mib "$f"; echo; }; done | sort -n | tail -1) ;;
      esac
      echo "| $id | $name | $secs | ${peak:-–} |"
    done
    total=$(awk -F'\t' '{ secs[$1] = $3 } END { for (k in secs) t += secs[k]; print t }' "$out/stage_times.tsv")
    echo
    echo "Sum of the stages above: $total s (stage 6 is recorded after this file is written)."
  fi
  echo
  echo "## Model and search cost"
  echo
  echo "- $(head -1 "$sys/derived.txt")"
  if [[ -f "$sys/search_time.txt" ]]; then
    echo "- search (warm-up + search + derive): $(wall_s "$sys/search_time.txt") s wall clock," \
      "peak resident memory $(peak_mib "$sys/search_time.txt") MiB (GNU time; JVM + libtorch)"
  fi
  if [[ -f "$sys/retrain_time.txt" ]]; then
    echo "- retraining: $(wall_s "$sys/retrain_time.txt") s wall clock," \
      "peak resident memory $(peak_mib "$sys/retrain_time.txt") MiB"
  fi
  echo "- warm-up epochs: $(($(wc -l < "$sys/warmup.csv") - 1)), search epochs:" \
    "$(($(wc -l < "$sys/search.csv") - 1)), retrain epochs: $(($(wc -l < "$sys/retrain/epochs.csv") - 1))"
  echo
  echo "## Derived architecture (π at the last α step, * = argmax)"
  echo
  echo '```'
  grep -v '^wrote ' "$out/nas_show.txt"
  echo '```'
  echo
  echo "## Plots"
  echo
  echo "- π over the search: ![pi](pi.png)"
  echo "- derived network: ![network](network.png)"
  echo "- loss curves (warm-up, search, retraining on one epoch axis): ![loss](loss.png)"
  if [[ -f "$out/per.png" ]]; then
    echo "- held-out greedy PER on the same axis: ![per](per.png)"
  fi
} > "$out/RESULTS.md.tmp"
mv "$out/RESULTS.md.tmp" "$out/RESULTS.md"
exit
}
