#!/usr/bin/env bash
# Decoder speed of two builds, A/B: thread CPU time of greedy, prefix beam 16, lexicon beam 50 and
# lexicon beam 50 + 3-gram LM on bench/decode.sh's synthetic test set, both jars loaded in one JVM
# and alternated round by round (bench/DecodeAb.java), so that load from other jobs on the machine
# hits both sides alike; the ratio new / base is what to read (minimum over rounds, and mean).
# Separate bench/decode.sh runs on a shared machine differ by 2x and more between runs.
# Usage: bench/decode_ab.sh BASE.jar NEW.jar WORK_DIR [ROUNDS]
#   BASE.jar, NEW.jar: asr-cli/target/asr.jar of the two commits (copy each after building it)
#   WORK_DIR: a kept bench/decode.sh --work DIR (test.ark, units.txt, lexicon.txt, lm.arpa)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_need_java
if (($# < 3)); then
  echo "usage: bench/decode_ab.sh BASE.jar NEW.jar WORK_DIR [ROUNDS]" >&2
  exit 2
fi
base=$1
new=$2
work=$3
rounds=${4:-7}
for f in "$base" "$new" "$work/test.ark" "$work/units.txt" "$work/lexicon.txt" "$work/lm.arpa"; do
  bench_need_file "$f" "build both jars and run bench/decode.sh --work $work first"
done
java -Xmx3g -XX:ActiveProcessorCount=1 bench/DecodeAb.java "$base" "$new" "$work" "$rounds"
