#!/usr/bin/env bash
# Builds the WSJ-style stand-in corpus in DATA (Kaldi dirs train_si284, test_dev93, test_eval92,
# test_eval92_newvoice (eval92 prompts, voices never in training; scored, never tuned on),
# noisy copies test_dev93_noisy and test_eval92_noisy, train_si284_noisy = clean + noisy training
# copies, train_si284_mix = train_si284 with half its utterances replaced by noisy copies,
# speed-perturbed train_si284_sp) with audio under DATA/audio.
# Every step is skipped when its output exists, so an interrupted run resumes.
# Usage: make_wsj_standin.sh --data DIR --dict CMUDICT --hours H --test-utts N --test-speakers N
#          --test-sentences N --seed S --jobs J --noise-snr MIN:MAX [--prompt-words MIN:MAX]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
asr="$root/bin/asr"
data=""; dict=""; hours=1.5; test_utts=150; test_speakers=8; test_sentences=1500; seed=1; jobs=2
noise_snr=5:20; prompt_words=10:25
while (($# > 0)); do
  case "$1" in
    --data) data="$2" ;; --dict) dict="$2" ;; --hours) hours="$2" ;; --test-utts) test_utts="$2" ;;
    --test-speakers) test_speakers="$2" ;; --test-sentences) test_sentences="$2" ;;
    --seed) seed="$2" ;; --jobs) jobs="$2" ;; --noise-snr) noise_snr="$2" ;;
    --prompt-words) prompt_words="$2" ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n "$data" && -n "$dict" ]] || { echo "$0: --data and --dict are required" >&2; exit 2; }
prompts="$data/local/prompts"
mkdir -p "$data/local"
if [[ ! -f "$prompts/.done" ]]; then
  "$asr" corpus sentences --dict "$dict" --out "$prompts" --seed "$seed" \
    --test-sentences "$test_sentences" --prompt-words "$prompt_words" | tee "$prompts.log"
  touch "$prompts/.done"
fi
if [[ ! -f "$data/.synth.done" ]]; then
  start=$(date +%s)
  "$asr" corpus synth-wsj --prompts "$prompts" --data "$data" --audio "$data/audio" \
    --hours "$hours" --test-utts "$test_utts" --test-speakers "$test_speakers" --jobs "$jobs" \
    --seed "$seed" | grep -v ' utterances (' | tee "$data/synth.log"
  echo "synthesis wall time: $(($(date +%s) - start)) s" | tee -a "$data/synth.log"
  touch "$data/.synth.done"
fi
for t in test_dev93 test_eval92; do
  if [[ ! -f "$data/${t}_noisy/.done" ]]; then
    "$asr" corpus augment "$data/$t" "$data/${t}_noisy" --speeds 1.0 --noise-snr "$noise_snr" \
      --noise-audio "$data/audio/${t}_noisy" --babble-from "$data/train_si284" --seed "$seed" \
      --jobs "$jobs"
    touch "$data/${t}_noisy/.done"
  fi
done
if [[ ! -f "$data/train_si284_noisy/.done" ]]; then
  # Clean and noisy (prefix noise-) copies of the training set; the noise bank's seed differs
  # from the test sets' so that no noise excerpt is shared between training and test.
  "$asr" corpus augment "$data/train_si284" "$data/train_si284_noisy" --speeds 1.0 \
    --noise-snr "$noise_snr" --noise-audio "$data/audio/train_si284_noisy" --keep-clean \
    --babble-from "$data/train_si284" --seed $((seed + 1000)) --jobs "$jobs"
  touch "$data/train_si284_noisy/.done"
fi
if [[ ! -f "$data/train_si284_mix/.done" ]]; then
  # The same utterances as train_si284, half of them (seeded per utterance) replaced by a noisy
  # copy (prefix noise-, own speakers for CMVN): noise robustness at the clean set's training cost.
  "$asr" corpus augment "$data/train_si284" "$data/train_si284_mix" --speeds 1.0 \
    --noise-snr "$noise_snr" --noise-audio "$data/audio/train_si284_mix" --noisy-share 0.5 \
    --babble-from "$data/train_si284" --seed $((seed + 2000)) --jobs "$jobs"
  touch "$data/train_si284_mix/.done"
fi
if [[ ! -f "$data/train_si284_sp/.done" ]]; then
  "$asr" corpus augment "$data/train_si284" "$data/train_si284_sp" --speeds 0.9,1.0,1.1
  touch "$data/train_si284_sp/.done"
fi
mkdir -p "$data/local/lm"
cp "$prompts/train.text" "$data/local/lm/text"
