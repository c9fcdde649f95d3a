#!/usr/bin/env bash
# One acoustic-model "system" of a recipe, end to end: build the model (train a fixed architecture,
# or search one with `asr nas run` and retrain it), run it over every test set, decode (greedy
# phones; lexicon + LM words with the LM weight and word score tuned on the dev set), score.
# Every step skips work already done (a killed run continues where it stopped).
#
# Usage: recipes/common/system.sh --out DIR --kind train|nas [--model JSON | --space JSON --strategy S]
#          --train DIR --lang DIR --fbank DIR --test-sets "SET ..." --dev SET
#          [--seed N] [--train-config JSON] [--search-config JSON] [--threads N]
#          [--score-opts "--switchboard"] [--lm-weights LIST] [--word-scores LIST] [--beam N]
#          [--model-only true]     (stop after the model)  [--device cpu|gpu[:N]]
#          [--frame-shift-ms 30]   (time per log-probability row, for CTM times)
#          [--warmup-from DIR]     (kind nas: the search starts from the warm-up in DIR, computed
#                                  there first under a lock when missing, so that the strategies of
#                                  a comparison share one warm-up per seed; asr nas run --warmup-from)
#
# Writes into --out:
#   final.model (kind train) or retrain/final.model (kind nas)
#   search_time.txt            GNU time -v of warm-up + search + derive (kind nas): the search cost
#   decode/SET/logprobs.scp    per-utterance log-probabilities
#   decode/SET/greedy.txt      greedy phones; score_greedy/ (PER against the lexicon's phones)
#   decode/SET/lm.txt          lexicon + LM words; score_lm/ (WER)
#   decode/SET/lm.ctm          the same decoding as NIST CTM, for sets with an stm (eval2000);
#                              score_ctm/ (WER by stm/ctm scoring, recipes/common/score_ctm.sh)
#   decode/DEV/tune.txt        the LM weight x word score sweep on the dev set (tune.txt.grid: its
#                              grid and beam; another grid sweeps again)
#   results.tsv                set, greedy PER, LM WER, LM weight, word score, stm/ctm WER (empty
#                              for sets without an stm)
set -euo pipefail
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
asr="$root/bin/asr"
out=""
kind=""
model=""
space=""
strategy=st
train=""
lang=""
fbank=""
test_sets=""
dev=""
seed=1
train_config=""
search_config=""
threads=1
score_opts=""
lm_weights="0.5,1.0,1.5,2.0"
word_scores="-1,0,1,2"
beam=20
model_only=false
device=cpu
# 10 ms features x the one stride-3 layer of every architecture in data/nas/
frame_shift_ms=30
warmup_from=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="out kind model space strategy train lang fbank test_sets dev seed train_config search_config threads score_opts lm_weights word_scores beam model_only device frame_shift_ms warmup_from"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"
[[ -n "$out" && -n "$train" && -n "$lang" && -n "$fbank" && -n "$test_sets" && -n "$dev" ]] || {
  echo "system.sh: --out, --train, --lang, --fbank, --test-sets and --dev are required" >&2; exit 2; }
mkdir -p "$out"
log() { echo "[$(date -u +%T) $(basename "$out")] $*"; }
# a run dir whose warm-up has ended: a stop rule in the last row of warmup.csv
warmup_done() {
  [[ -f "$1/warmup.best.ckpt" && -f "$1/warmup.csv" ]] && awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "stop_rule") c = i; next }
    { last = c ? $c : "" } END { exit !(last != "") }' "$1/warmup.csv"
}
export ASR_THREADS="$threads"

# --- the model
case "$kind" in
  train)
    final="$out/final.model"
    if [[ ! -f "$final" ]]; then
      cfg=()
      [[ -n "$train_config" ]] && cfg=(--config "$train_config")
      if [[ -f "$out/checkpoint.bin" ]]; then
        log "resuming training"
        "$asr" train --data "$train" --lang "$lang" --out "$out" --resume --threads "$threads" \
          --device "$device" \
          > "$out/train.log" 2>&1
      else
        log "training $model (seed $seed)"
        /usr/bin/time -v -o "$out/train_time.txt" \
          "$asr" train --data "$train" --lang "$lang" --model "$model" --out "$out" --seed "$seed" \
          --threads "$threads" --device "$device" "${cfg[@]}" > "$out/train.log" 2>&1
      fi
    fi
    ;;
  nas)
    final="$out/retrain/final.model"
    if [[ ! -f "$out/derived.json" ]]; then
      # shellcheck disable=SC2054 # the stage list is one comma-separated argument
      opts=(--stages warmup,search,derive --threads "$threads" --device "$device")
      if [[ -f "$out/config.json" ]]; then
        log "resuming $strategy search"
        opts+=(--resume)
      else
        log "$strategy search over $space (seed $seed)"
        opts+=(--space "$space" --strategy "$strategy" --data "$train" --lang "$lang" --seed "$seed")
        [[ -n "$search_config" ]] && opts+=(--config "$search_config")
        if [[ -n "$warmup_from" && "$strategy" != random ]]; then
          # one warm-up per seed: the first job of the seed computes it (or finishes a killed one)
          # while the others wait on the lock, then every job starts its search from it
          mkdir -p "$warmup_from"
          (
            flock 9
            if ! warmup_done "$warmup_from"; then
              wopts=(--stages warmup --threads "$threads" --device "$device")
              if [[ -f "$warmup_from/config.json" ]]; then
                wopts+=(--resume)
              else
                wopts+=(--space "$space" --strategy st --data "$train" --lang "$lang" --seed "$seed")
                [[ -n "$search_config" ]] && wopts+=(--config "$search_config")
              fi
              log "shared warm-up in $warmup_from"
              # its cost is added to every search that uses it (asr compare reads run.json)
              /usr/bin/time -v -o "$warmup_from/warmup_time.txt" "$asr" nas run \
                --out "$warmup_from" "${wopts[@]}" >> "$warmup_from/warmup.log" 2>&1
            fi
          ) 9> "$warmup_from.lock"
          opts+=(--warmup-from "$warmup_from")
        fi
      fi
      # GNU time: wall clock and peak resident memory of the whole search (JVM + libtorch)
      /usr/bin/time -v -o "$out/search_time.txt" "$asr" nas run --out "$out" "${opts[@]}" \
        >> "$out/search.log" 2>&1
    fi
    if [[ ! -f "$final" ]]; then
      log "retraining the derived architecture"
      # the run's seed (NasRunCommand also takes it from run.json and rejects a different one)
      opts=(--stages retrain --resume --seed "$seed" --threads "$threads" --device "$device")
      [[ -n "$train_config" ]] && opts+=(--retrain-config "$train_config")
      /usr/bin/time -v -o "$out/retrain_time.txt" "$asr" nas run --out "$out" "${opts[@]}" \
        >> "$out/retrain.log" 2>&1
    fi
    ;;
  *) echo "system.sh: --kind must be train or nas" >&2; exit 2 ;;
esac
[[ -f "$final" ]] || { echo "system.sh: no model at $final (see the logs in $out)" >&2; exit 1; }
if [[ "$model_only" == true ]]; then exit 0; fi

# --- inference and greedy decoding of every test set
read -r -a sets <<< "$test_sets"
phone_ref() { # words -> phones of the first pronunciation (the trainer's targets)
  awk 'NR == FNR { if (!($1 in p)) { w = $1; $1 = ""; p[w] = substr($0, 2) } next }
       { s = $1; for (i = 2; i <= NF; i++) if ($i in p) s = s " " p[$i]; print s }' \
    "$lang/lexicon.txt" "$1"
}
# the error rate of an `asr score --out DIR` (the total row of DIR/result.tsv)
wer_of() { awk -F'\t' 'NR == 2 { print $2 }' "$1/result.tsv"; }
for s in "${sets[@]}"; do
  d="$out/decode/$s"
  mkdir -p "$d"
  if [[ ! -f "$d/logprobs.scp" ]]; then
    log "infer $s"
    /usr/bin/time -v -o "$d/infer_time.txt" \
      "$asr" infer --model "$final" --data "$fbank/$s" --out "$d" --threads "$threads" \
      --device "$device" > "$d/infer.log" 2>&1
  fi
  if [[ ! -f "$d/score_greedy/result.tsv" ]]; then
    "$asr" decode --logprobs "$d/logprobs.scp" --units "$lang/units.txt" --decoder greedy \
      --out "$d/greedy.txt" 2> "$d/greedy.log"
    phone_ref "$fbank/$s/text" > "$d/ref_phones.txt"
    # shellcheck disable=SC2086 # score_opts is a list of options
    "$asr" score --ref "$d/ref_phones.txt" --hyp "$d/greedy.txt" --out "$d/score_greedy" \
      --title "$(basename "$out") $s greedy PER" > "$d/score_greedy.log"
  fi
done

# --- LM weight and word score tuned on the dev set, then lexicon + LM decoding of every set
t="$out/decode/$dev/tune.txt"
tsv="$out/decode/$dev/tune.tsv" # the sweep as asr decode --tune --out writes it
# the grid and beam the sweep ran with: a changed grid (conf/recipe.conf) tunes again
grid="lm-weights $lm_weights word-scores $word_scores beam $beam"
if [[ ! -s "$t" || ! -s "$tsv" || "$(cat "$t.grid" 2>/dev/null)" != "$grid" ]]; then
  log "tuning the LM weight on $dev"
  "$asr" decode --tune --ref "$fbank/$dev/text" --logprobs "$out/decode/$dev/logprobs.scp" \
    --units "$lang/units.txt" --lexicon "$lang/lexicon.txt" --lm "$lang/lm.arpa" --beam "$beam" \
    --lm-weights "$lm_weights" --word-scores "$word_scores" --threads "$threads" --out "$tsv" \
    > "$t.tmp" 2> "$out/decode/$dev/tune.log"
  mv "$t.tmp" "$t"
  echo "$grid" > "$t.grid"
fi
lmw=$(awk -F'\t' 'NR > 1 && $6 == 1 { print $1 }' "$tsv")
ws=$(awk -F'\t' 'NR > 1 && $6 == 1 { print $2 }' "$tsv")
[[ -n "$lmw" && -n "$ws" ]] || { echo "system.sh: no best point in $tsv" >&2; exit 1; }
printf 'set\tgreedy_per\tlm_wer\tlm_weight\tword_score\tctm_wer\n' > "$out/results.tsv.tmp"
for s in "${sets[@]}"; do
  d="$out/decode/$s"
  if [[ ! -f "$d/score_lm/result.tsv" || "$(cat "$d/lm_params.txt" 2>/dev/null)" != "$lmw $ws beam $beam" ]]; then
    log "LM decoding $s (lm-weight $lmw, word-score $ws)"
    "$asr" decode --logprobs "$d/logprobs.scp" --units "$lang/units.txt" --lexicon "$lang/lexicon.txt" \
      --lm "$lang/lm.arpa" --beam "$beam" --lm-weight "$lmw" --word-score "$ws" --threads "$threads" \
      --out "$d/lm.txt" 2> "$d/lm.log"
    # shellcheck disable=SC2086 # score_opts is a list of options
    "$asr" score --ref "$fbank/$s/text" --hyp "$d/lm.txt" --out "$d/score_lm" $score_opts \
      --title "$(basename "$out") $s LM WER" > "$d/score_lm.log"
    echo "$lmw $ws beam $beam" > "$d/lm_params.txt"
  fi
  # sets with an stm (eval2000) are also scored as Kaldi's SWBD recipe does: the same decoding
  # written as CTM (file/channel times through the set's segments), then recipes/common/score_ctm.sh
  if [[ -f "$fbank/$s/stm" ]] && [[ ! -f "$d/lm.ctm" || "$d/lm_params.txt" -nt "$d/lm.ctm" ]]; then
    log "LM decoding $s as CTM"
    "$asr" decode --logprobs "$d/logprobs.scp" --units "$lang/units.txt" --lexicon "$lang/lexicon.txt" \
      --lm "$lang/lm.arpa" --beam "$beam" --lm-weight "$lmw" --word-score "$ws" --threads "$threads" \
      --format ctm --data "$fbank/$s" --frame-shift-ms "$frame_shift_ms" --out "$d/lm.ctm.tmp" \
      2> "$d/lm_ctm.log"
    mv "$d/lm.ctm.tmp" "$d/lm.ctm"
  fi
  if [[ -f "$d/lm.ctm" && -f "$fbank/$s/stm" ]] \
    && [[ ! -f "$d/score_ctm/result.tsv" || "$d/lm.ctm" -nt "$d/score_ctm/result.tsv" \
      || "$fbank/$s/stm" -nt "$d/score_ctm/result.tsv" ]]; then
    log "stm/ctm scoring $s"
    "$root/recipes/common/score_ctm.sh" --data "$fbank/$s" --ctm "$d/lm.ctm" --out "$d/score_ctm" \
      --score-opts "$score_opts" --title "$(basename "$out") $s LM WER (stm/ctm)" \
      > "$d/score_ctm.log"
  fi
  ctm_wer=""
  [[ -f "$d/score_ctm/result.tsv" && -f "$fbank/$s/stm" ]] && ctm_wer=$(wer_of "$d/score_ctm")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$(wer_of "$d/score_greedy")" \
    "$(wer_of "$d/score_lm")" "$lmw" "$ws" "$ctm_wer" >> "$out/results.tsv.tmp"
done
mv "$out/results.tsv.tmp" "$out/results.tsv"
log "done: $(tr '\n' ' ' < "$out/results.tsv")"
exit
}
