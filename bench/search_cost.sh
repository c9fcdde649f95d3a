#!/usr/bin/env bash
# Cost of one α step and one weight step of ST-NAS vs DARTS vs SNAS (and ProxylessNAS-style) on
# the same supernet and the same synthetic batch, in one run: median wall time and peak resident
# memory (JVM + libtorch native, VmHWM reset before the steps) per strategy, one JVM per
# measurement. Prints ratios relative to ST-NAS (> 1 means ST-NAS is cheaper).
# SNAS updates α and weights jointly: its "weight" row is that joint step, its "alpha" row the
# Gumbel-softmax mixture step with only α updated.
# Usage: bench/search_cost.sh [SPACE_JSON] [BATCH] [FRAMES] [REPEATS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
space=${1:-data/nas/stnas-cpu-space.json}
batch=${2:-8}
frames=${3:-375}
repeats=${4:-5}
threads=${5:-1}
bench_need_java
bench_need_file "$space" "give a search space JSON (default data/nas/stnas-cpu-space.json)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath asr-nas "$work")

echo "space $space, batch $batch x $frames frames, $repeats repeats, $threads thread(s)"
for strategy in st darts snas proxyless; do
  for kind in alpha weight; do
    # stderr is libtorch and SLF4J noise when it works, and the reason when it does not
    if ! java -Dai.djl.offline=true -Xmx2g \
      -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$cp" org.asrnas.nas.search.SearchCostBench \
      "$space" "$strategy" "$kind" "$batch" "$frames" "$repeats" \
      >"$work/one.txt" 2>"$work/one.err"; then
      cat "$work/one.txt" "$work/one.err" >&2
      bench_die "SearchCostBench $strategy $kind failed (its output above)"
    fi
    tee -a "$work/results.txt" <"$work/one.txt"
  done
done

awk '
  $1 == "result" { ms[$2, $3] = $4; peak[$2, $3] = $5; delta[$2, $3] = $6; seen[$2] = 1 }
  END {
    printf "%-10s %-6s %10s %14s %16s\n", "strategy", "step", "median_ms", "peak_rss_MiB", "step_extra_MiB"
    n = split("st darts snas proxyless", order, " ")
    for (i = 1; i <= n; i++) {
      s = order[i]
      if (!(s in seen)) continue
      for (k = 1; k <= 2; k++) {
        kind = (k == 1) ? "alpha" : "weight"
        printf "%-10s %-6s %10.1f %14.1f %16.1f\n", s, kind, ms[s, kind], peak[s, kind], delta[s, kind]
      }
    }
    for (i = 2; i <= n; i++) {
      s = order[i]
      if (!(s in seen)) continue
      for (k = 1; k <= 2; k++) {
        kind = (k == 1) ? "alpha" : "weight"
        printf "ratio %s/st %s step: time %.2fx, peak RSS %.2fx, extra memory over baseline %.2fx\n", \
          s, kind, ms[s, kind] / ms["st", kind], peak[s, kind] / peak["st", kind], \
          delta[s, kind] / (delta["st", kind] > 0 ? delta["st", kind] : 1)
      }
    }
  }
' "$work/results.txt"
