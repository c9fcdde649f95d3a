#!/usr/bin/env bash
# Budget-aware ST-NAS (issue 13, item 5): reruns the search stage of a finished recipe run with the
# cost term λ·E_π[cost] switched on (SearchConfig costLambda, costKind params or macs), each λ from
# the run's own warm-up checkpoint (the warm-up does not depend on λ, so every λ starts from the
# same supernet and seed), then derives, retrains, decodes and scores each derived network exactly
# as the recipe's own system (recipes/common/system.sh with the recipe's conf/recipe.conf). The
# run itself is the λ = 0 point. Prints one row per λ: derived parameters and multiply-adds, max π
# per node, and the error rates of results.tsv.
#
# Usage (from the recipe dir, e.g. recipes/wsj, after recipes/wsj/run.sh):
#   ../../scripts/experiments/cost_lambda.sh --run exp/wsj/st-s1 --out exp/wsj/cost \
#     [--lambdas "2 10"] [--kind params] [--jobs 2]
#   --run      a run dir of the recipe's stage 3 with warmup.best.ckpt
#   --out      experiment dir: one system dir OUT/lLAMBDA per value (the λ runs side by side,
#              one thread each)
#   --lambdas  costLambda values (the cost is in millions of parameters, or of multiply-adds per
#              second of audio, so λ = 10 weighs 0.1 M parameters like 1 unit of CTC loss per
#              utterance)
#   --kind     costKind: params or macs
# Every step skips finished work (rerun after a kill to continue).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
asr="$root/bin/asr"
run=""
out=""
lambdas="2 10"
kind=params
jobs=2
while (($# > 0)); do
  case "$1" in
    --run) run="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --lambdas) lambdas="$2"; shift 2 ;;
    --kind) kind="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ -n "$run" && -n "$out" ]] || { echo "cost_lambda.sh: --run and --out are required" >&2; exit 2; }
[[ -f "$run/warmup.best.ckpt" ]] || { echo "cost_lambda.sh: no $run/warmup.best.ckpt" >&2; exit 1; }
[[ -f conf/recipe.conf ]] || { echo "cost_lambda.sh: run it from a recipe dir (conf/recipe.conf)" >&2; exit 2; }
# shellcheck disable=SC1091 # the recipe's options: train_set, test_sets, dev_set, train_conf, ...
. conf/recipe.conf
seed=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$run/config.json")

# shellcheck disable=SC2154 # the recipe's options come from conf/recipe.conf
one() { # LAMBDA: search from the warm-up, derive, then the recipe's retrain, decode and score
  local l="$1" d="$out/l$1"
  if [[ ! -f "$d/derived.json" ]]; then
    rm -rf "$d"
    mkdir -p "$d"
    cp "$run"/{config.json,run.json,space.json,units.txt,warmup.best.ckpt,warmup.ckpt,warmup.csv} "$d/"
    /usr/bin/python3 - "$d/config.json" "$l" "$kind" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c.update(costLambda=float(sys.argv[2]), costKind=sys.argv[3], threads=1)
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
    /usr/bin/time -v -o "$d/search_time.txt" "$asr" nas run --out "$d" --resume \
      --stages search,derive --threads 1 > "$d/search.log" 2>&1
  fi
  "$root/recipes/common/system.sh" --out "$d" --kind nas --space "$space" --strategy st \
    --seed "$seed" --train "data/fbank/$train_set" --lang data/lang --fbank data/fbank \
    --test-sets "$test_sets" --dev "$dev_set" --threads 1 --score-opts "$score_opts" \
    --train-config "$train_conf" --lm-weights "$lm_weights" --word-scores "$word_scores" \
    --beam "$beam" > "$d/system.log" 2>&1
}
pids=()
running=0
for l in $lambdas; do
  one "$l" &
  pids+=($!)
  running=$((running + 1))
  if ((running >= jobs)); then wait -n; running=$((running - 1)); fi
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=1; done
((fail == 0)) || echo "cost_lambda.sh: a λ run failed (see $out/l*/system.log, search.log)" >&2

for d in "$run" "$out"/l*/; do
  d="${d%/}"
  [[ -f "$d/results.tsv" && -f "$d/search.csv" ]] || continue
  /usr/bin/python3 - "$d" "$dev_set" "$test_sets" <<'PY'
import csv, json, os, sys
d, dev, sets = sys.argv[1], sys.argv[2], sys.argv[3].split()
c = json.load(open(os.path.join(d, "config.json")))
derived = open(os.path.join(d, "derived.txt")).readline().strip()
last = list(csv.DictReader(open(os.path.join(d, "search.csv"))))[-1]
rows = {r[0]: r for r in (l.rstrip("\n").split("\t") for l in open(os.path.join(d, "results.tsv")))}
cells = " ".join(f"{s} PER {rows[s][1]} WER {rows[s][2]};" for s in sets if s in rows)
print(f"costLambda {c.get('costLambda', 0)} ({c.get('costKind')}): {derived}; max pi {last['pi_max']}; "
      f"argmax {last['argmax']}; {cells}")
PY
done
