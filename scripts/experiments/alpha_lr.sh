#!/usr/bin/env bash
# α step size of the ST-NAS search: reruns the search stage of a finished run with other alphaLr
# values, each from the run's own warm-up checkpoint (the warm-up does not depend on alphaLr), and
# prints max π per node and the held-out PER after each search epoch.
#
# Usage: scripts/experiments/alpha_lr.sh --run DIR --out DIR [--lrs "0.01 0.02"] [--epochs 2]
#   --run     a run dir of `asr nas run` with warmup.best.ckpt (e.g. recipes/wsj/exp/wsj/st-s1)
#   --out     experiment dir: one run dir OUT/aLR per value, side by side with one thread each
#   --lrs     alphaLr values
#   --epochs  search epochs of every value (searchMaxEpochs)
# Run it from the dir the run's feats.scp paths are relative to (e.g. recipes/wsj). The run's own
# search.csv is the baseline at its alphaLr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
asr="$here/../../bin/asr"
run=""
out=""
lrs="0.01 0.02"
epochs=2
while (($# > 0)); do
  case "$1" in
    --run) run="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --lrs) lrs="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ -n "$run" && -n "$out" ]] || { echo "alpha_lr.sh: --run and --out are required" >&2; exit 2; }
[[ -f "$run/warmup.best.ckpt" ]] || { echo "alpha_lr.sh: no $run/warmup.best.ckpt" >&2; exit 1; }
pids=()
for lr in $lrs; do
  d="$out/a$lr"
  if [[ ! -f "$d/search.csv" ]] || (($(tail -n +2 "$d/search.csv" | wc -l) < epochs)); then
    rm -rf "$d"
    mkdir -p "$d"
    cp "$run"/{config.json,run.json,space.json,units.txt,warmup.best.ckpt,warmup.ckpt,warmup.csv} "$d/"
    /usr/bin/python3 - "$d/config.json" "$lr" "$epochs" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c.update(alphaLr=float(sys.argv[2]), searchMaxEpochs=int(sys.argv[3]), threads=1)
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
    "$asr" nas run --out "$d" --resume --stages search --threads 1 > "$d.log" 2>&1 &
    pids+=($!)
  fi
done
for p in "${pids[@]}"; do wait "$p"; done
for d in "$run" "$out"/a*/; do
  echo "== ${d%/} (alphaLr $(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["alphaLr"])' "$d/config.json"))"
  /usr/bin/python3 - "$d/search.csv" "$epochs" <<'PY'
import csv, sys
for r in list(csv.DictReader(open(sys.argv[1])))[: int(sys.argv[2])]:
    print(f"  epoch {r['epoch']}: held-out PER {float(r['heldout_per']):.1f}%, max pi {r['pi_max']}")
PY
done
