#!/usr/bin/env bash
# CTC-CRF loss + gradient time vs our CTC on bench/ctc.sh's batches (written by bench/ctc_torch.py),
# and one training step of the CPU-sized 6-layer TDNN (data/nas/tdnn6-cpu.json, 16 x 500 frames)
# with each loss, in one run. The phone LM (order 4, 1000 extra states) is estimated from up to
# 3000 fortune lines turned into CMU-dictionary phones, like the stand-in corpora's transcripts.
# Target: CTC-CRF adds <= 30% to the training step (docs/ctc-crf.md has the measured numbers).
# Usage: bench/ctc_crf.sh [THREADS] [REPEATS]   (PYTHON: default /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
threads=${1:-1}
repeats=${2:-5}
bench_need_java
python=${PYTHON:-/usr/bin/python3}
bench_need_python "$python" torch numpy
cmudict=/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
fortunes=/usr/share/games/fortunes
bench_need_file "$cmudict" "install pocketsphinx-en-us (scripts/install-deps.sh --reference)"
bench_need_file "$fortunes/fortunes" "install fortunes (scripts/install-deps.sh --reference)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath asr-nas "$work")

# the batches of bench/ctc.sh (its torch timing, 1 repeat, is not used here)
"$python" bench/ctc_torch.py "$work/batches.bin" "$threads" 1 >/dev/null
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" org.asrnas.nas.train.CtcCrfBench \
  "$work/batches.bin" "$threads" "$repeats" "$cmudict" "$fortunes" data/nas/tdnn6-cpu.json \
  2> >(grep -v -e SLF4J -e LegacyTypeDispatch >&2)
