#!/usr/bin/env bash
# WSJ recipe (ST-NAS, CTC phone models). Run from anywhere; data/ and exp/ are made here.
#   stage 0  data: from LDC93S6B + LDC94S13B when --ldc-wsj0/--ldc-wsj1 are given (Kaldi's
#            wsj_data_prep.sh sets), otherwise the WSJ-style stand-in corpus (speech synthesis)
#   stage 1  lang: lexicon (CMU dictionary), phone units, OOV report, 3-gram ARPA LM
#   stage 2  features (asr features) of the training set and every test set (clean and noisy)
#   stage 3  ST-NAS: warm-up, search, derive, retrain (conf/search.json, conf/train.json)
#            (with stage 7 in the same run: stage 7's job pool, this system first, two at a time)
#   stage 4  decode every test set: asr infer, greedy and lexicon + LM (LM weight tuned on dev93)
#   stage 5  score (asr score)
#   stage 6  results: exp/wsj/RESULTS.md with pi.png, network.png and loss.png beside it
#   stage 7  the paper's comparison (recipes/common/compare.sh): TDNN and BLSTM baselines, ST-NAS,
#            DARTS, SNAS, ProxylessNAS-style and random search over seeds, pocketsphinx as an
#            outside reference -> exp/wsj/COMPARE.md (local/make_results.sh -> RESULTS.md)
# Usage: recipes/wsj/run.sh [--stage N] [--stop-stage N] [--ldc-wsj0 DIR --ldc-wsj1 DIR]
#          [--hours H] [--test-utts N] [--seed S] [--nj J]     (defaults in conf/corpus.conf)
#          [--compare true|false] [--compare-seeds "1 2"] ...  (defaults in conf/recipe.conf;
#          with --ldc-* also conf/ldc.conf: the paper's settings, for GPU machines)
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
asr="$root/bin/asr"
stage=0
stop_stage=100
ldc_wsj0=""
ldc_wsj1=""
# shellcheck source=recipes/wsj/conf/corpus.conf
. conf/corpus.conf
# shellcheck source=recipes/wsj/conf/recipe.conf
. conf/recipe.conf
# The paper's settings replace the CPU defaults when the real corpus is given (before the command
# line is parsed, so that every option can still be overridden).
for a in "$@"; do
  if [[ "$a" == --ldc-wsj* ]]; then
    # shellcheck source=recipes/wsj/conf/ldc.conf
    . conf/ldc.conf
    break
  fi
done
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="stage stop_stage ldc_wsj0 ldc_wsj1 hours test_utts test_speakers test_sentences noise_snr prompt_words seed nj cmudict
  train_set test_sets dev_set eval_set fbank_conf space strategy search_conf train_conf blstm_conf threads
  score_opts lm_weights word_scores beam compare compare_seeds compare_systems compare_eval_sets compare_jobs
  compare_order pocketsphinx_sets ps_rate device"
# shellcheck source=recipes/common/parse_options.sh
. ../common/parse_options.sh
# shellcheck source=recipes/common/timing.sh
. ../common/timing.sh

if ((stage <= 0 && 0 <= stop_stage)); then
  stage_begin 0 "data"
  "$root/scripts/install-deps.sh" --recipe
  if [[ -n "$ldc_wsj0" || -n "$ldc_wsj1" ]]; then
    [[ -d "$ldc_wsj0" && -d "$ldc_wsj1" ]] || {
      echo "run.sh: --ldc-wsj0 and --ldc-wsj1 must both name LDC directories" >&2; exit 2; }
    local/wsj_data_prep.sh --wsj0 "$ldc_wsj0" --wsj1 "$ldc_wsj1" --data data
  else
    timed 0 ../common/make_wsj_standin.sh --data data --dict "$cmudict" --hours "$hours" \
      --test-utts "$test_utts" --test-speakers "$test_speakers" --test-sentences "$test_sentences" \
      --seed "$seed" --jobs "$nj" --noise-snr "$noise_snr" --prompt-words "$prompt_words"
  fi
  for d in data/train_si284 data/test_dev93 data/test_eval92 data/test_eval92_newvoice; do
    if [[ -d "$d" ]]; then "$asr" data validate "$d"; fi
  done
  stage_end
fi

if ((stage <= 1 && 1 <= stop_stage)); then
  stage_begin 1 "lexicon, units, language model"
  if [[ -f data/local/prompts/train.text ]]; then
    # Stand-in: the lexicon covers every prompt pool (as WSJ's covers its test sets).
    vocab=(--vocab-text data/local/prompts/train.text --vocab-text data/local/prompts/dev.text
      --vocab-text data/local/prompts/eval.text)
  else
    # LDC: the whole CMU dictionary, as Kaldi's and EESEN's WSJ recipes.
    vocab=()
  fi
  ../common/lang.sh --dict "$cmudict" --lm-text data/local/lm/text "${vocab[@]}" --lang data/lang \
    data/train_si284 data/test_dev93 data/test_eval92
  stage_end
fi

# shellcheck source=recipes/common/stages.sh
. ../common/stages.sh
echo "run.sh: done up to stage $stop_stage ($(date -u +%T))"
