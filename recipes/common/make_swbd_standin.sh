#!/usr/bin/env bash
# Builds the Switchboard-style stand-in corpus in DATA (Kaldi dirs train, train_dev, train_nodup,
# train_nodup_sp, eval2000 with stm, eval2000_newvoice with stm: conversations of voices never in
# training, scored but never tuned on) with two-channel 8 kHz mu-law SPHERE conversations under
# DATA/audio.
# Every step is skipped when its output exists, so an interrupted run resumes.
# Usage: make_swbd_standin.sh --data DIR --dict CMUDICT --hours H --eval-hours H
#          --train-dev-utts N --max-dup N --test-sentences N --seed S --jobs J
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
asr="$root/bin/asr"
data=""; dict=""; hours=1.0; eval_hours=0.2; train_dev_utts=200; max_dup=300; test_sentences=500
seed=1; jobs=2
while (($# > 0)); do
  case "$1" in
    --data) data="$2" ;; --dict) dict="$2" ;; --hours) hours="$2" ;; --eval-hours) eval_hours="$2" ;;
    --train-dev-utts) train_dev_utts="$2" ;; --max-dup) max_dup="$2" ;;
    --test-sentences) test_sentences="$2" ;; --seed) seed="$2" ;; --jobs) jobs="$2" ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n "$data" && -n "$dict" ]] || { echo "$0: --data and --dict are required" >&2; exit 2; }
prompts="$data/local/prompts"
mkdir -p "$data/local"
if [[ ! -f "$prompts/.done" ]]; then
  # Conversational turns are short: prompts of 4 to 14 words.
  "$asr" corpus sentences --dict "$dict" --out "$prompts" --seed "$seed" \
    --test-sentences "$test_sentences" --prompt-words 4:14 | tee "$prompts.log"
  touch "$prompts/.done"
fi
if [[ ! -f "$data/.synth.done" ]]; then
  start=$(date +%s)
  "$asr" corpus synth-swbd --prompts "$prompts" --data "$data" --audio "$data/audio" \
    --hours "$hours" --eval-hours "$eval_hours" --jobs "$jobs" --seed "$seed" \
    | grep -v ' utterances (' | tee "$data/synth.log"
  echo "synthesis wall time: $(($(date +%s) - start)) s" | tee -a "$data/synth.log"
  touch "$data/.synth.done"
fi
if [[ ! -f "$data/train_nodup/.done" ]]; then
  "$asr" corpus swbd-subsets "$data/train" --dev-utts "$train_dev_utts" --max-dup "$max_dup"
  touch "$data/train_nodup/.done"
fi
if [[ ! -f "$data/train_nodup_sp/.done" ]]; then
  # Speed perturbation as Kaldi's swbd recipes (sp0.9-/sp1.1- copies through sox pipes).
  "$asr" corpus augment "$data/train_nodup" "$data/train_nodup_sp" --speeds 0.9,1.0,1.1
  touch "$data/train_nodup_sp/.done"
fi
mkdir -p "$data/local/lm"
# LM text: the transcripts of train_nodup plus the training sentence pool, without the prompts
# that train_dev's utterances read (train_dev stays unseen by the LM).
awk 'NR == FNR { dev[$1] = 1; next } ($1 in dev) { print $2 }' "$data/train_dev/text" \
  "$data/train/utt2prompt" | sort -u > "$data/local/lm/dev_prompts"
awk 'NR == FNR { used[$1] = 1; next } !($1 in used)' "$data/local/lm/dev_prompts" \
  "$prompts/train.text" | cat "$data/train_nodup/text" - > "$data/local/lm/text"
