#!/usr/bin/env bash
# Long-audio benchmark: a recording of MINUTES minutes (default 30) made at bench time from
# espeak-ng utterances joined by pauses (sox; nothing is committed) and its first 30 seconds are
# each streamed through the library's long-audio path in one JVM per file (bench/LongAudio.java):
# TarsosDSP's AudioDispatcher (AudioStreams) -> SegmentedFeatures (fbank, Endpointer, sliding CMVN
# over the segments' 600 frames around each frame, deltas) -> ChunkedInference of data/nas/tdnn6-cpu.json (width 256,
# randomly initialised: it measures compute and memory, not accuracy) over each segment -> greedy
# CTC decoding. libtorch runs on 1 thread. Prints per file the real-time factor (wall time of the
# whole path / audio time) and the peak resident memory (VmHWM of the JVM), and the ratio of the
# long file's peak RSS to the short one's (target <= 1.5: memory does not grow with the length).
# Usage: bench/long_audio.sh [--minutes M] [--chunk FRAMES] [--work DIR]
# Measured (see docs/streaming.md for the figures of the last run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=30 chunk=1024 work=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --chunk) chunk="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_need_java
bench_need_cmd javac "install a JDK 17 (scripts/install-deps.sh --test)"
bench_need_cmd espeak-ng "scripts/install-deps.sh --recipe installs espeak-ng"
bench_need_cmd sox "scripts/install-deps.sh --recipe installs sox"
[[ -z "$work" ]] && work="$(mktemp -d)"
mkdir -p "$work"
cd "$root"

bench_mvn package -DskipTests -pl asr-cli -am
jar=asr-cli/target/asr.jar
bench_need_file "$jar" "the build did not make it"
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$jar" bench/LongAudio.java

sentences=(
  "the quick brown fox jumps over the lazy dog"
  "she sells sea shells by the sea shore"
  "a journey of a thousand miles begins with a single step"
  "please call stella and ask her to bring these things with her from the store"
  "the birch canoe slid on the smooth planks"
  "glue the sheet to the dark blue background"
  "it is easy to tell the depth of a well"
  "these days a chicken leg is a rare dish"
  "rice is often served in round bowls"
  "the juice of lemons makes fine punch"
  "the box was thrown beside the parked truck"
  "four hours of steady work faced us"
)
if [[ ! -f "$work/long.wav" ]]; then
  echo "long_audio.sh: synthesising ${#sentences[@]} utterances and a ${minutes}-minute recording in $work" >&2
  for i in "${!sentences[@]}"; do
    espeak-ng -v en-us -s $((150 + 5 * i)) -w "$work/raw$i.wav" "${sentences[$i]}"
    sox "$work/raw$i.wav" -r 16000 -b 16 -c 1 "$work/u$i.wav"
  done
  sox -n -r 16000 -b 16 -c 1 "$work/pause.wav" trim 0 0.7
  list=() total=0 k=0
  target=$((minutes * 60))
  while awk -v t="$total" -v m="$target" 'BEGIN { exit !(t < m) }'; do
    u="$work/u$((k % ${#sentences[@]})).wav"
    list+=("$u" "$work/pause.wav")
    total=$(awk -v t="$total" -v d="$(soxi -D "$u")" 'BEGIN { print t + d + 0.7 }')
    k=$((k + 1))
  done
  sox "${list[@]}" "$work/clean.wav"
  dur=$(soxi -D "$work/clean.wav")
  # a low noise floor (about 40 dB below the speech), as in a quiet room
  sox -R -n -r 16000 -b 16 -c 1 "$work/noise.wav" synth "$dur" whitenoise vol 0.003
  sox -m -v 1 "$work/clean.wav" -v 1 "$work/noise.wav" "$work/long.wav"
  sox "$work/long.wav" "$work/short.wav" trim 0 30
  rm -f "$work/clean.wav" "$work/noise.wav" "$work"/raw*.wav
  echo "$k" > "$work/utterances.txt"
  echo "long_audio.sh: $k utterances, $(soxi -d "$work/long.wav")" >&2
fi

# -Xmn32m: without a bound on the young generation, G1 lets garbage grow the heap with the length
# of the run (the live heap stays at about 3 MB: -Dlongaudio.trace=true shows it)
run() {
  # shellcheck disable=SC2086 # ASR_JAVA_OPTS is a list of JVM options, as in bin/asr
  java ${ASR_JAVA_OPTS:--Xmx8g -Xmn32m} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
    -Dai.djl.pytorch.num_interop_threads=1 -cp "$work/classes:$jar" LongAudio "$1" "$2" \
    data/nas/tdnn6-cpu.json 72 "$chunk" 2> >(grep -v -e SLF4J -e CudaUtils >&2)
}
short=$(run run "$work/short.wav")
long=$(run run "$work/long.wav")
echo "short: $short"
echo "long:  $long"
echo "CMVN, 30 s file: $(run compare "$work/short.wav")"
echo "CMVN, long file: $(run compare "$work/long.wav")"
awk -v s="$short" -v l="$long" -v k="$(cat "$work/utterances.txt")" 'BEGIN {
  ns = split(s, a, " "); nl = split(l, b, " ")
  for (i = 1; i < ns; i += 2) S[a[i]] = a[i + 1]
  for (i = 1; i < nl; i += 2) L[b[i]] = b[i + 1]
  printf "peak RSS long / short: %.1f / %.1f MiB = %.2fx (target <= 1.5)\n", L["peak_rss_mib"], S["peak_rss_mib"], L["peak_rss_mib"] / S["peak_rss_mib"]
  printf "segments found in the long file: %d for %d utterances\n", L["segments"], k
  printf "RTF on 1 thread: %.4f (%.0f s of audio in %.1f s), 30 s file %.4f\n", L["rtf"], L["audio_s"], L["wall_s"], S["rtf"]
}'
