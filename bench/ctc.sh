#!/usr/bin/env bash
# CTC loss + gradient time: our Java CtcLoss vs torch.nn.functional.ctc_loss (Debian's
# python3-torch) on the same batches, same thread count, in one run. Prints the ratio
# torch / ours (> 1 means ours is faster) and the largest loss/gradient difference.
# Usage: bench/ctc.sh [THREADS] [REPEATS]   (PYTHON: the reference interpreter, default /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
threads=${1:-2}
repeats=${2:-10}
bench_need_java
python=${PYTHON:-/usr/bin/python3}
bench_need_python "$python" torch numpy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath asr-nas "$work")

"$python" bench/ctc_torch.py "$work/batches.bin" "$threads" "$repeats" | tee "$work/torch.txt"
java -Dai.djl.offline=true -cp "$cp" org.asrnas.nas.ctc.CtcBench "$work/batches.bin" "$threads" "$repeats" \
  | tee "$work/ours.txt"

awk '
  FNR == NR && $1 == "torch" { t[$2] = $3; next }
  $1 == "ours" { printf "ratio %s: torch %.3f ms / ours %.3f ms = %.2fx\n", $2, t[$2], $3, t[$2] / $3 }
' "$work/torch.txt" "$work/ours.txt"
