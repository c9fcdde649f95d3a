#!/usr/bin/env bash
# Mini recipe: the WSJ recipe on a tiny stand-in corpus, for CI and smoke tests (stage 0-1 in
# under a minute). Run from anywhere; data/ and exp/ are made here.
#   stage 0  data: a tiny WSJ-style stand-in corpus (speech synthesis), same set names as WSJ
#   stage 1  lang: lexicon (CMU dictionary), phone units, OOV report, 3-gram ARPA LM
#   stage 2  features (asr features) of the training set and every test set (clean and noisy)
#   stage 3  ST-NAS: warm-up, search, derive, retrain (tiny budgets: conf/search.json, train.json)
#   stage 4  decode every test set: asr infer, greedy and lexicon + LM (LM weight tuned on dev)
#   stage 5  score (asr score)
#   stage 6  results: exp/mini/RESULTS.md with pi.png, network.png and loss.png beside it
# Usage: recipes/mini/run.sh [--stage N] [--stop-stage N]
#          [--hours H] [--test-utts N] [--seed S] [--nj J]     (defaults in conf/corpus.conf)
#          [--strategy st|darts|snas|proxyless|rsws|random] [--threads N]  (conf/recipe.conf)
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
asr="$root/bin/asr"
stage=0
stop_stage=100
# shellcheck source=recipes/mini/conf/corpus.conf
. conf/corpus.conf
# shellcheck source=recipes/mini/conf/recipe.conf
. conf/recipe.conf
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="stage stop_stage hours test_utts test_speakers test_sentences noise_snr prompt_words seed nj cmudict
  train_set test_sets dev_set eval_set fbank_conf space strategy search_conf train_conf threads
  device score_opts lm_weights word_scores beam"
# shellcheck source=recipes/common/parse_options.sh
. ../common/parse_options.sh
# shellcheck source=recipes/common/timing.sh
. ../common/timing.sh

if ((stage <= 0 && 0 <= stop_stage)); then
  stage_begin 0 "data"
  "$root/scripts/install-deps.sh" --recipe
  timed 0 ../common/make_wsj_standin.sh --data data --dict "$cmudict" --hours "$hours" \
    --test-utts "$test_utts" --test-speakers "$test_speakers" --test-sentences "$test_sentences" \
    --seed "$seed" --jobs "$nj" --noise-snr "$noise_snr" --prompt-words "$prompt_words"
  for d in data/train_si284 data/test_dev93 data/test_eval92 data/test_eval92_newvoice; do
    if [[ -d "$d" ]]; then "$asr" data validate "$d"; fi
  done
  stage_end
fi

if ((stage <= 1 && 1 <= stop_stage)); then
  stage_begin 1 "lexicon, units, language model"
  # The lexicon covers every prompt pool (as WSJ's covers its test sets).
  vocab=(--vocab-text data/local/prompts/train.text --vocab-text data/local/prompts/dev.text
    --vocab-text data/local/prompts/eval.text)
  ../common/lang.sh --dict "$cmudict" --lm-text data/local/lm/text "${vocab[@]}" --lang data/lang \
    data/train_si284 data/test_dev93 data/test_eval92
  stage_end
fi

# shellcheck source=recipes/common/stages.sh
. ../common/stages.sh
echo "run.sh: done up to stage $stop_stage ($(date -u +%T))"
