#!/usr/bin/env bash
# Writes OUT/RESULTS.md for a recipe's searched system (recipes/common/system.sh --kind nas run):
# draws the plots pi.png (π over the α steps, asr nas show), network.png, loss.png and per.png
# (asr plot), then `asr results` writes the markdown: WER table per test set (greedy phone error
# rate and lexicon + LM word error rate), parameter counts, search cost (wall time and peak memory
# from GNU time), the derived architecture, and links to the plots beside it.
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
# the markdown from the machine-readable files (asr results; SystemResultsTest covers it)
targets=()
# the recipe's targets (conf/targets.tsv): the "against the targets" table, computed
[[ -f conf/targets.tsv ]] && targets=(--targets conf/targets.tsv)
"$asr" results --recipe "$recipe" --sys "$sys" --out "$out" --commit "$commit" \
  --machine "$(nproc) CPU core(s) ($(uname -m))" "${targets[@]}"
exit
}
