#!/usr/bin/env bash
# Fbank speed: our Java Fbank vs torchaudio.compliance.kaldi.fbank on the same audio in the same run
# (16 kHz, 40 mel bins, Kaldi defaults, dither 0), with 1 thread and with all cores. Java runs
# utterances in parallel on N threads; torchaudio runs N single-threaded processes (Debian's torch
# scales badly with intra-op threads on small frames, see docs/measured-facts.md), and also 1 process with N
# intra-op threads for reference. Prints frames/s and the ratios ours / torchaudio.
# Usage: bench/fbank.sh [utterances (default 200)] [seconds each (default 4)]
# Environment: JAVA (default java), PYTHON (default /usr/bin/python3, needs torch, torchaudio, numpy),
# BENCH_CP (a ready classpath; default: build with Maven and use the module target folders).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
utts="${1:-200}"
secs="${2:-4}"
cores=$(nproc)
java="${JAVA:-java}"
python="${PYTHON:-/usr/bin/python3}"
bench_need_cmd "$java" "install a JDK 17 (scripts/install-deps.sh --test) or set JAVA"
bench_need_python "$python" numpy torch torchaudio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -n "${BENCH_CP:-}" ]]; then
  cp="$BENCH_CP"
else
  cp=$(bench_classpath asr-frontend "$tmp")
fi

"$python" - "$tmp" "$utts" "$secs" <<'PY'
import sys, numpy as np
tmp, n, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rng = np.random.default_rng(0)
lens = rng.integers(int(16000 * secs * 0.5), int(16000 * secs * 1.5), n)
x = (3000 * rng.standard_normal(int(lens.sum()))).clip(-32768, 32767).astype("<i2")
x.tofile(f"{tmp}/audio.s16")
open(f"{tmp}/lengths.txt", "w").write("\n".join(map(str, lens)) + "\n")
PY

cat > "$tmp/ta.py" <<'PY'
import sys, time, numpy as np, torch, torchaudio
from multiprocessing import Pool
tmp, procs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lens = [int(l) for l in open(f"{tmp}/lengths.txt")]
x = np.fromfile(f"{tmp}/audio.s16", "<i2").astype(np.float32)
offs = np.concatenate([[0], np.cumsum(lens)])
utts = [torch.from_numpy(x[offs[i]:offs[i + 1]]).unsqueeze(0) for i in range(len(lens))]
def work(idx):
    torch.set_num_threads(threads)
    return sum(torchaudio.compliance.kaldi.fbank(utts[i], num_mel_bins=40, dither=0.0).shape[0] for i in idx)
best, frames = float("inf"), 0
chunks = [list(range(len(utts)))[k::procs] for k in range(procs)]
with Pool(procs) as pool:
    for rep in range(8):
        t0 = time.perf_counter()
        frames = sum(pool.map(work, chunks)) if procs > 1 else work(chunks[0])
        if rep >= 1:
            best = min(best, time.perf_counter() - t0)
print(f"torchaudio procs={procs} threads={threads} frames={frames} seconds={best:.4f} fps={frames / best:.1f}")
PY

run_java() { "$java" -Xmx2g -cp "$cp" org.asrnas.frontend.bench.FbankBench "$tmp/audio.s16" "$tmp/lengths.txt" "$1" 40; }
fps() { sed -n 's/.*fps=\([0-9.]*\).*/\1/p' <<<"$1"; }

echo "audio: $utts utterances of ${secs}s +-50% at 16 kHz; $cores cores; torchaudio $("$python" -c 'import torchaudio; print(torchaudio.__version__)')"
j1=$(run_java 1); echo "$j1"
t1=$("$python" "$tmp/ta.py" "$tmp" 1 1); echo "$t1"
jn=$(run_java "$cores"); echo "$jn"
tn=$("$python" "$tmp/ta.py" "$tmp" "$cores" 1); echo "$tn"
tt=$("$python" "$tmp/ta.py" "$tmp" 1 "$cores"); echo "$tt"
awk -v j1="$(fps "$j1")" -v t1="$(fps "$t1")" -v jn="$(fps "$jn")" -v tn="$(fps "$tn")" -v tt="$(fps "$tt")" -v c="$cores" 'BEGIN {
  printf "ratio ours/torchaudio, 1 thread:      %.2f\n", j1 / t1
  printf "ratio ours/torchaudio, %d cores:       %.2f (vs %d torch processes), %.2f (vs 1 process, %d threads)\n", c, jn / tn, c, jn / tt, c
  printf "scaling 1 -> %d threads: ours %.2fx, torchaudio %.2fx\n", c, jn / j1, tn / t1
}'
