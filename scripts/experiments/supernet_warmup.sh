#!/usr/bin/env bash
# Supernet warm-up experiment: does the uniform single-path warm-up of `asr nas run` leave CTC's
# blank plateau, with and without kernel sharing (ArchitectureSpec weight_sharing), and does an
# independent PyTorch implementation of the same warm-up behave the same way? Runs four warm-ups of
# --epochs epochs each (Java and PyTorch, weight_sharing none and kernel), two side by side with one
# thread each, and writes OUT/supernet-warmup.md with held-out loss and greedy PER per epoch.
#
# Usage: scripts/experiments/supernet_warmup.sh --data DIR --lang DIR --out DIR
#          [--epochs 3] [--seed 1] [--space JSON] [--summary-only]
#   --data     Kaldi data dir with feats.scp (bin/asr features), text, utt2spk
#   --lang     dir with units.txt and lexicon.txt
#   --out      experiment dir: OUT/java-none, OUT/java-kernel (asr nas run dirs), OUT/torch-*.csv,
#              logs in OUT/logs, the table in OUT/supernet-warmup.md
#   --space    the search space without weight_sharing (default data/nas/stnas-cpu-space-noshare.json);
#              the kernel runs use a copy with "weight_sharing": "kernel"
#   --summary-only  only (re)write the table from what OUT holds
# Run it from the dir that feats.scp's paths are relative to, e.g. for the WSJ stand-in
# (recipes/wsj/run.sh --stop-stage 2):
#   cd recipes/wsj && ../../scripts/experiments/supernet_warmup.sh \
#     --data data/fbank/train_si284_mix --lang data/lang --out exp/supernet-warmup
# Needs Debian's python3-torch (scripts/install-deps.sh --reference) for the PyTorch half.
# The Java runs use the recipes' warm-up settings (batch 3000 frames, lr warmed up to 2e-3 over 300
# steps, clipping at 5) with warmupMinEpochs = warmupMaxEpochs, so that every run trains --epochs epochs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
asr="$root/bin/asr"

data=""
lang=""
out=""
epochs=3
seed=1
space="$root/data/nas/stnas-cpu-space-noshare.json"
summary_only=false

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while (($# > 0)); do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --space) space="$2"; shift 2 ;;
    --summary-only) summary_only=true; shift ;;
    -h | --help) usage ;;
    *) echo "supernet_warmup.sh: unknown option $1" >&2; usage ;;
  esac
done
[[ -n "$out" ]] || { echo "supernet_warmup.sh: --out is required" >&2; usage; }
mkdir -p "$out/logs"

if [[ "$summary_only" == false ]]; then
  [[ -n "$data" && -n "$lang" ]] || { echo "supernet_warmup.sh: --data and --lang are required" >&2; usage; }
  [[ -f "$data/feats.scp" ]] || { echo "supernet_warmup.sh: no $data/feats.scp (run the recipe's stages 0-2 first)" >&2; exit 1; }
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "supernet_warmup.sh: needs /usr/bin/python3 with torch (scripts/install-deps.sh --reference)" >&2
    exit 1
  fi
  [[ -f "$space" ]] || { echo "supernet_warmup.sh: no space $space" >&2; exit 1; }
  /usr/bin/python3 - "$space" "$out/space-none.json" "$out/space-kernel.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s.pop("comment", None)
for path, mode in ((sys.argv[2], "none"), (sys.argv[3], "kernel")):
    s["weight_sharing"] = mode
    json.dump(s, open(path, "w"), indent=1)
PY
  cat > "$out/warmup.json" <<JSON
{"batchFrames": 3000, "weightLr": 0.002, "lrWarmupSteps": 300, "clipNorm": 5,
 "warmupMinEpochs": $epochs, "warmupMaxEpochs": $epochs, "logEverySteps": 100}
JSON
  java_run() {  # sharing
    local dir="$out/java-$1"
    if [[ -f "$dir/warmup.csv" ]] && (($(tail -n +2 "$dir/warmup.csv" | wc -l) >= epochs)); then
      return 0
    fi
    rm -rf "$dir"
    "$asr" nas run --space "$out/space-$1.json" --data "$data" --lang "$lang" --out "$dir" \
      --config "$out/warmup.json" --stages warmup --seed "$seed" --threads 1 > "$out/logs/java-$1.log" 2>&1
  }
  torch_run() {  # sharing
    local csv="$out/torch-$1.csv"
    if [[ -f "$csv" ]] && (($(tail -n +2 "$csv" | wc -l) >= epochs)); then
      return 0
    fi
    /usr/bin/python3 "$here/supernet_warmup_torch.py" --train "$data" --lang "$lang" \
      --space "$out/space-$1.json" --sharing "$1" --epochs "$epochs" --seed "$seed" --threads 1 \
      --out "$csv.tmp" > "$out/logs/torch-$1.log" 2>&1
    mv "$csv.tmp" "$csv"
  }
  echo "supernet_warmup.sh: Java and PyTorch warm-ups without sharing ($epochs epochs)"
  java_run none & p1=$!
  torch_run none & p2=$!
  wait $p1 || { echo "supernet_warmup.sh: java-none failed, see $out/logs/java-none.log" >&2; exit 1; }
  wait $p2 || { echo "supernet_warmup.sh: torch-none failed, see $out/logs/torch-none.log" >&2; exit 1; }
  echo "supernet_warmup.sh: Java and PyTorch warm-ups with kernel sharing"
  java_run kernel & p1=$!
  torch_run kernel & p2=$!
  wait $p1 || { echo "supernet_warmup.sh: java-kernel failed, see $out/logs/java-kernel.log" >&2; exit 1; }
  wait $p2 || { echo "supernet_warmup.sh: torch-kernel failed, see $out/logs/torch-kernel.log" >&2; exit 1; }
fi

# the table: one row per epoch, held-out loss / greedy PER of the four runs
/usr/bin/python3 - "$out" > "$out/supernet-warmup.md.tmp" <<'PY'
import csv, os, sys
out = sys.argv[1]
runs = [("Java, own weights", "java-none/warmup.csv"), ("PyTorch, own weights", "torch-none.csv"),
        ("Java, shared kernel", "java-kernel/warmup.csv"), ("PyTorch, shared kernel", "torch-kernel.csv")]
rows = {}
for name, f in runs:
    p = os.path.join(out, f)
    rows[name] = list(csv.DictReader(open(p))) if os.path.exists(p) else []
n = max(len(r) for r in rows.values())
print("Held-out CTC loss / greedy PER (%) after each warm-up epoch; paths drawn uniformly.\n")
print("| epoch | " + " | ".join(name for name, _ in runs) + " |")
print("|---:|" + "---:|" * len(runs))
for e in range(n):
    cells = []
    for name, _ in runs:
        r = rows[name]
        cells.append(f"{float(r[e]['heldout_loss']):.1f} / {float(r[e]['heldout_per']):.1f}"
                     if e < len(r) else "")
    print(f"| {e + 1} | " + " | ".join(cells) + " |")
PY
mv "$out/supernet-warmup.md.tmp" "$out/supernet-warmup.md"
cat "$out/supernet-warmup.md"
