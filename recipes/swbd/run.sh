#!/usr/bin/env bash
# Switchboard recipe (ST-NAS, CTC phone models). Run from anywhere; data/ and exp/ are made here.
#   stage 0  data: from LDC97S62 (+ LDC2002S09/LDC2002T43 for eval2000) when --ldc-swbd and
#            --ldc-eval2000 are given (Kaldi's swbd1_data_prep.sh and eval2000_data_prep.sh
#            sets), otherwise the Switchboard-style stand-in corpus (synthesised conversations);
#            then train_dev (first utterances) and train_nodup
#   stage 1  lang: lexicon (CMU dictionary), phone units, OOV report, 3-gram ARPA LM
#   stage 2  features (8 kHz fbank) of train_nodup, train_dev, eval2000 (+ its SW subset; the
#            stand-in's eval2000_newvoice, voices never in training, is decoded and scored too)
#   stage 3  ST-NAS: warm-up, search, derive, retrain (conf/search.json, conf/train.json)
#            (with stage 7 in the same run: stage 7's job pool, this system first, two at a time)
#   stage 4  decode: asr infer, greedy and lexicon + LM (LM weight tuned on train_dev)
#   stage 5  score (asr score --switchboard: Kaldi's swbd filtering; glm when present)
#   stage 6  results: exp/swbd/RESULTS.md with pi.png, network.png and loss.png beside it
#   stage 7  the paper's comparison (recipes/common/compare.sh) -> exp/swbd/COMPARE.md
# Usage: recipes/swbd/run.sh [--stage N] [--stop-stage N] [--ldc-swbd DIR --ldc-eval2000 DIR
#          [--ldc-eval2000-text DIR]]  (LDC2002S09; LDC2002T43 when not inside the former)
#          [--hours H] [--eval-hours H] [--seed S] [--nj J]     (defaults in conf/corpus.conf)
#          [--compare true|false] ...   (conf/recipe.conf; with --ldc-* also conf/ldc.conf)
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
asr="$root/bin/asr"
stage=0
stop_stage=100
ldc_swbd=""
ldc_eval2000=""
ldc_eval2000_text=""
# shellcheck source=recipes/swbd/conf/corpus.conf
. conf/corpus.conf
# shellcheck source=recipes/swbd/conf/recipe.conf
. conf/recipe.conf
for a in "$@"; do
  if [[ "$a" == --ldc-* ]]; then
    # shellcheck source=recipes/swbd/conf/ldc.conf
    . conf/ldc.conf
    break
  fi
done
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="stage stop_stage ldc_swbd ldc_eval2000 ldc_eval2000_text hours eval_hours train_dev_utts ldc_train_dev_utts max_dup test_sentences seed nj cmudict
  train_set test_sets dev_set eval_set fbank_conf space strategy search_conf train_conf blstm_conf threads
  device score_opts lm_weights word_scores beam compare compare_seeds compare_systems compare_eval_sets
  compare_jobs compare_order pocketsphinx_sets ps_rate"
# shellcheck source=recipes/common/parse_options.sh
. ../common/parse_options.sh
# shellcheck source=recipes/common/timing.sh
. ../common/timing.sh

if ((stage <= 0 && 0 <= stop_stage)); then
  stage_begin 0 "data"
  "$root/scripts/install-deps.sh" --recipe
  if [[ -n "$ldc_swbd" || -n "$ldc_eval2000" ]]; then
    [[ -d "$ldc_swbd" && -d "$ldc_eval2000" ]] || {
      echo "run.sh: --ldc-swbd and --ldc-eval2000 must both name LDC directories" >&2; exit 2; }
    local/swbd_data_prep.sh --swbd "$ldc_swbd" --eval2000 "$ldc_eval2000" \
      --eval2000-text "${ldc_eval2000_text:-$ldc_eval2000}" --data data \
      --train-dev-utts "$ldc_train_dev_utts" --max-dup "$max_dup"
  else
    timed 0 ../common/make_swbd_standin.sh --data data --dict "$cmudict" --hours "$hours" \
      --eval-hours "$eval_hours" --train-dev-utts "$train_dev_utts" --max-dup "$max_dup" \
      --test-sentences "$test_sentences" --seed "$seed" --jobs "$nj"
  fi
  for d in data/train_nodup data/train_dev data/eval2000 data/eval2000_newvoice; do
    if [[ -d "$d" ]]; then "$asr" data validate "$d"; fi
  done
  stage_end
fi

if ((stage <= 1 && 1 <= stop_stage)); then
  stage_begin 1 "lexicon, units, language model"
  vocab=()
  if [[ -f data/local/prompts/train.text ]]; then
    # Stand-in: the lexicon covers the prompt pools and the conversations (fillers, backchannels).
    vocab=(--vocab-text data/local/prompts/train.text --vocab-text data/local/prompts/dev.text
      --vocab-text data/local/prompts/eval.text --vocab-text data/train/text
      --vocab-text data/eval2000/text)
    if [[ -f data/eval2000_newvoice/text ]]; then
      vocab+=(--vocab-text data/eval2000_newvoice/text)
    fi
  fi
  ../common/lang.sh --dict "$cmudict" --lm-text data/local/lm/text "${vocab[@]}" --lang data/lang \
    data/train_nodup data/train_dev data/eval2000
  stage_end
fi

# Stages 2 and later (features, search, retraining, decoding, scoring) go here.
if ((stage <= 2 && 2 <= stop_stage)) && [[ -f data/eval2000/text ]]; then
  # Kaldi scores eval2000's Switchboard half apart from its CallHome half (en_ ids)
  if grep -q '^sw_' data/eval2000/text && [[ ! -f data/eval2000_sw/text ]]; then
    mkdir -p data/eval2000_sw
    grep '^sw_' data/eval2000/text > data/eval2000_sw/text
    for t in utt2spk segments; do
      [[ -f data/eval2000/$t ]] && grep '^sw_' "data/eval2000/$t" > "data/eval2000_sw/$t"
    done
    awk '{ print $2 }' data/eval2000_sw/segments | sort -u > data/eval2000_sw/recos
    awk 'NR == FNR { r[$1]; next } $1 in r' data/eval2000_sw/recos data/eval2000/wav.scp \
      > data/eval2000_sw/wav.scp
    rm data/eval2000_sw/recos
    awk '{ s[$2] = s[$2] " " $1 } END { for (k in s) print k s[k] }' data/eval2000_sw/utt2spk \
      | LC_ALL=C sort > data/eval2000_sw/spk2utt
    # recordings (reco2file_and_channel) and stm lines of the SW conversations; stm comments
    [[ -f data/eval2000/reco2file_and_channel ]] \
      && grep '^sw_' data/eval2000/reco2file_and_channel > data/eval2000_sw/reco2file_and_channel
    [[ -f data/eval2000/stm ]] && grep -E '^(sw_|;;)' data/eval2000/stm > data/eval2000_sw/stm
    [[ -f data/eval2000/glm ]] && cp data/eval2000/glm data/eval2000_sw/
  fi
fi
if [[ -f data/eval2000_sw/text && " $test_sets " != *" eval2000_sw "* ]]; then
  test_sets="$test_sets eval2000_sw"
fi
# The stand-in's out-of-distribution set (voices never in training): features, decoding and
# scoring like eval2000, never the dev set.
if [[ -f data/eval2000_newvoice/text && " $test_sets " != *" eval2000_newvoice "* ]]; then
  test_sets="$test_sets eval2000_newvoice"
fi

# shellcheck source=recipes/common/stages.sh
. ../common/stages.sh
echo "run.sh: done up to stage $stop_stage ($(date -u +%T))"
