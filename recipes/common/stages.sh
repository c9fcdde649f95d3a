# shellcheck shell=bash disable=SC2154 # variables come from the sourcing run.sh and its conf/
# Stages 2-6 shared by the recipes (sourced by recipes/<name>/run.sh after its stages 0-1, from the
# recipe's directory). Reads these variables of the recipe (defaults in its conf/recipe.conf):
#   stage stop_stage root asr    as set by run.sh
#   recipe                       name used in exp/ and RESULTS.md (wsj, swbd, mini)
#   train_set                    data dir (under data/) the models are trained on
#   test_sets dev_set eval_set   sets decoded and scored; the LM weight is tuned on dev_set
#   fbank_conf                   asr features --config (conf/fbank.json)
#   space strategy               search space JSON and strategy of the recipe's own system
#   search_conf train_conf       asr nas --config / asr train --config JSON files
#   blstm_conf                   asr train --config of the BLSTM baseline (default train_conf)
#   seed threads nj score_opts   root seed, threads per job, feature jobs, asr score options
#   device                       cpu, gpu or gpu:N for training, search and inference
#   lm_weights word_scores beam  decoding sweep and beam
#   compare                      "true": stage 7 runs recipes/common/compare.sh (the paper's
#                                comparison; recipes/RECIPE/compare.sh is that as its own command)
#   compare_seeds compare_systems  its seeds and systems (NAME:N: the first N seeds only)
#   compare_eval_sets            the sets of its verdict sentences (default eval_set)
#   stage 2  features: asr features for the training set and every test set into data/fbank/SET
#   stage 3  search: warm-up + search + derive + retrain (exp/RECIPE/STRATEGY-sSEED); when stage 7
#            follows in the same run and the comparison includes this system and seed, stage 3
#            runs the comparison's job pool with this system first (two jobs side by side)
#   stage 4  decode: asr infer + greedy and lexicon + LM decoding (LM weight tuned on dev_set)
#   stage 5  score (asr score; part of recipes/common/system.sh, which skips scored sets)
#   stage 6  results: exp/RECIPE/RESULTS.md with plots (recipes/common/results.sh)
#   stage 7  comparison (only with --compare true)
exp="exp/$recipe"
sys_dir="$exp/$strategy-s$seed"
read -r -a _test_sets <<< "$test_sets"

if ((stage <= 2 && 2 <= stop_stage)); then
  stage_begin 2 "features"
  for s in "$train_set" "${_test_sets[@]}"; do
    f="data/fbank/$s"
    if [[ -f "$f/.done" ]]; then continue; fi
    mkdir -p "$f"
    for t in text utt2spk spk2utt wav.scp segments reco2file_and_channel stm glm; do
      [[ -f "data/$s/$t" ]] && cp "data/$s/$t" "$f/$t"
    done
    timed 2 "$asr" features --data "data/$s" --out "$f" --config "$fbank_conf" --jobs "$nj" --seed "$seed"
    touch "$f/.done"
  done
  stage_end
fi

system_args=(--train "data/fbank/$train_set" --lang data/lang --fbank data/fbank
  --test-sets "$test_sets" --dev "$dev_set" --threads "$threads" --score-opts "$score_opts"
  --train-config "$train_conf" --search-config "$search_conf" --lm-weights "$lm_weights"
  --word-scores "$word_scores" --beam "$beam" --device "${device:-cpu}")

# Stage 7's job pool (recipes/common/compare.sh); its first job after pocketsphinx is given by
# --order. Every job skips finished work, so running the pool twice costs only the tabulation.
run_compare() {
  "$root/recipes/common/compare.sh" --recipe "$recipe" --exp "$exp" --space "$space" \
    --seeds "$compare_seeds" --systems "$compare_systems" --jobs "$compare_jobs" \
    --train-config "$train_conf" --search-config "$search_conf" \
    --blstm-config "${blstm_conf:-}" \
    --pocketsphinx-sets "$pocketsphinx_sets" --ps-rate "$ps_rate" \
    --train "data/fbank/$train_set" --lang data/lang --fbank data/fbank --data data \
    --test-sets "$test_sets" --dev "$dev_set" --score-opts "$score_opts" \
    --lm-weights "$lm_weights" --word-scores "$word_scores" --beam "$beam" \
    --tdnn6-model "${tdnn6_model:-$root/data/nas/tdnn6-cpu.json}" \
    --blstm-model "${blstm_model:-$root/data/nas/blstm-cpu.json}" --device "${device:-cpu}" \
    --order "$1" --eval-sets "${compare_eval_sets:-$eval_set}" --conf-dir conf \
    --bench "$([[ -f bench_search_cost.txt ]] && echo bench_search_cost.txt)" \
    --command "${compare_command:-recipes/$recipe/compare.sh}"
}

if ((stage <= 3 && 3 <= stop_stage)); then
  stage_begin 3 "architecture search ($strategy) and retraining"
  if [[ "${compare:-false}" == true ]] && ((7 <= stop_stage)) \
    && [[ " $compare_systems " == *" $strategy "* && " $compare_seeds " == *" $seed "* ]]; then
    # The recipe's own system is one of the comparison's runs (same options, same run dir):
    # run it as the pool's first job, so that the other core works on the comparison meanwhile
    # instead of idling through a one-thread search; stages 4-5 then find it decoded and scored.
    echo "(as the first job of stage 7's comparison pool, which runs now)"
    run_compare "$strategy:$seed ${compare_order:-}"
  else
    "$root/recipes/common/system.sh" --out "$sys_dir" --kind nas --space "$space" \
      --strategy "$strategy" --seed "$seed" "${system_args[@]}" --model-only true
  fi
  stage_end
fi

if ((stage <= 5 && 4 <= stop_stage)); then
  stage_begin 4-5 "decoding and scoring"
  "$root/recipes/common/system.sh" --out "$sys_dir" --kind nas --space "$space" \
    --strategy "$strategy" --seed "$seed" "${system_args[@]}"
  stage_end
fi

if ((stage <= 6 && 6 <= stop_stage)); then
  stage_begin 6 "results"
  if [[ -n "${pocketsphinx_sets:-}" && "${compare:-false}" != true ]]; then
    # The outside reference on the same audio (stage 7 runs it as part of the comparison).
    timed 6 "$root/recipes/common/pocketsphinx.sh" --data data --sets "$pocketsphinx_sets" \
      --out "$exp/pocketsphinx" --rate "${ps_rate:-16000}" --score-opts "$score_opts" \
      > "$exp/pocketsphinx.log" 2>&1
  fi
  "$root/recipes/common/results.sh" --recipe "$recipe" --sys "$sys_dir" --out "$exp"
  echo "wrote $exp/RESULTS.md"
  stage_end
fi

if ((stage <= 7 && 7 <= stop_stage)) && [[ "${compare:-false}" == true ]]; then
  stage_begin 7 "comparison with baselines and other searches"
  run_compare "${compare_order:-}"
  stage_end
fi
