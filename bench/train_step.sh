#!/usr/bin/env bash
# Time per training step of the same TDNN (6 x Conv1d 640, batch 16 x 500 frames, CTC, Adam) in
# our trainer (DJL + libtorch 2.7.1, CTC on the host) vs Debian's PyTorch in Python, same thread
# count, in one run. Prints the ratio ours / torch (< 1.2 is the goal) and our host-side overhead
# (CTC on the host, JNI copies). Install libopenblas0-pthread for a fair torch (scripts/install-deps.sh).
# Usage: bench/train_step.sh [THREADS] [REPEATS]   (PYTHON: default /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
threads=${1:-1}
repeats=${2:-5}
bench_need_java
python=${PYTHON:-/usr/bin/python3}
bench_need_python "$python" torch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath asr-nas "$work")

"$python" bench/train_step_torch.py "$threads" "$repeats" | tee "$work/torch.txt"
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" \
  org.asrnas.nas.train.TrainStepBench "$threads" "$repeats" 2> >(grep -v -e SLF4J -e LegacyTypeDispatch >&2) | tee "$work/ours.txt"

torch_ms=$(awk '{print $3}' "$work/torch.txt")
ours_ms=$(awk '{print $3}' "$work/ours.txt")
awk -v t="$torch_ms" -v o="$ours_ms" -v n="$threads" \
  'BEGIN { printf "ratio (ours / torch, %d thread(s)): %.1f ms / %.1f ms = %.2fx\n", n, o, t, o / t }'
