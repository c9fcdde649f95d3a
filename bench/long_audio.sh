#!/usr/bin/env bash
# Long-audio benchmark: a recording of MINUTES minutes (default 30) made at bench time from
# espeak-ng utterances joined by pauses (sox; nothing is committed) and its first 30 seconds, each
# decoded in its own JVM.
#
# --via decode (default): through the command users run,
#   bin/asr decode --model MODEL [--lexicon L [--lm ARPA]] --long always --threads 1 --format ctm
# (Recognizer.recognizeLong: blocks of the file -> SegmentedFeatures -> chunked inference -> the
# decoder per segment), libtorch on 1 thread and the JVM told it has 1 processor
# (ASR_JAVA_EXTRA_OPTS=-XX:ActiveProcessorCount=1, beside bin/asr's own heap options). Prints per
# file the real-time factor (wall time of the whole command, JVM start included / audio time) and
# the peak resident memory (GNU time's %M), and the ratio of the long file's peak RSS to the short
# one's (target <= 1.5: memory does not grow with the length). Without --model it writes a randomly
# initialised data/nas/tdnn6-cpu.json model (width 256, 72 units; bench/LongAudio.java init) and
# says so: compute and memory, not accuracy.
#
# --via library: the library chain driven by hand (bench/LongAudio.java run: AudioStreams ->
# SegmentedFeatures -> ChunkedInference of a random tdnn6-cpu -> greedy), and the CMVN comparison
# of docs/streaming.md (LongAudio compare).
#
# Usage: bench/long_audio.sh [--minutes M] [--via decode|library] [--model M] [--lexicon L]
#                            [--lm ARPA] [--chunk FRAMES] [--work DIR]
# Measured (see docs/streaming.md for the figures of the last run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=30 chunk=1024 work="" via=decode model="" lexicon="" lm=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --via) via="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --lexicon) lexicon="$2"; shift 2 ;;
    --lm) lm="$2"; shift 2 ;;
    --chunk) chunk="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $via == decode || $via == library ]] || { echo "--via takes decode or library" >&2; exit 2; }
[[ -z $lm || -n $lexicon ]] || { echo "--lm needs --lexicon" >&2; exit 2; }
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

if [[ $via == decode ]]; then
  bench_need_file /usr/bin/time "install GNU time (apt-get install time) for the peak RSS"
  if [[ -z "$model" ]]; then
    model="$work/random.model"
    if [[ ! -f "$model" ]]; then
      java -cp "$work/classes:$jar" LongAudio init "$model" data/nas/tdnn6-cpu.json 72 \
        2> >(grep -v -e SLF4J -e CudaUtils >&2)
    fi
    echo "model: none given: a randomly initialised data/nas/tdnn6-cpu.json (width 256, 72 units)" \
      "written by LongAudio init ($model): compute and memory, not accuracy"
  else
    echo "model: $model${lexicon:+, lexicon $lexicon}${lm:+, LM $lm}"
  fi
  args=(decode --model "$model" --long always --threads 1 --format ctm)
  [[ -n $lexicon ]] && args+=(--lexicon "$lexicon")
  [[ -n $lm ]] && args+=(--lm "$lm")
  # one file through bin/asr: "audio_s A wall_s W rtf R segments N peak_rss_mib M"
  measure() {
    local name=$1 wav=$2 t0 t1
    t0=$(date +%s.%N)
    ASR_JAVA_EXTRA_OPTS="-XX:ActiveProcessorCount=1" ASR_THREADS=1 \
      /usr/bin/time -f %M -o "$work/$name.rss" bin/asr "${args[@]}" --out "$work/$name.ctm" \
      "$wav" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; bench_die "asr decode failed on $wav"; }
    t1=$(date +%s.%N)
    awk -v t0="$t0" -v t1="$t1" -v a="$(soxi -D "$wav")" -v k="$(tail -1 "$work/$name.rss")" \
      -v n="$(sed -n 's/.*long audio, \([0-9]*\) speech segments.*/\1/p' "$work/$name.err")" \
      'BEGIN { printf "audio_s %.1f wall_s %.2f rtf %.4f segments %d peak_rss_mib %.1f\n", a, t1 - t0, (t1 - t0) / a, n, k / 1024 }'
  }
  short=$(measure short "$work/short.wav")
  long=$(measure long "$work/long.wav")
  echo "short: $short"
  echo "long:  $long"
  echo "ctm lines (words): short $(wc -l < "$work/short.ctm"), long $(wc -l < "$work/long.ctm")"
  grep -h "end to end" "$work/short.err" "$work/long.err" | sed 's/^/asr decode: /'
else
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
fi
awk -v s="$short" -v l="$long" -v k="$(cat "$work/utterances.txt")" 'BEGIN {
  ns = split(s, a, " "); nl = split(l, b, " ")
  for (i = 1; i < ns; i += 2) S[a[i]] = a[i + 1]
  for (i = 1; i < nl; i += 2) L[b[i]] = b[i + 1]
  printf "peak RSS long / short: %.1f / %.1f MiB = %.2fx (target <= 1.5)\n", L["peak_rss_mib"], S["peak_rss_mib"], L["peak_rss_mib"] / S["peak_rss_mib"]
  printf "segments found in the long file: %d for %d utterances\n", L["segments"], k
  printf "RTF on 1 thread: %.4f (%.0f s of audio in %.1f s), 30 s file %.4f\n", L["rtf"], L["audio_s"], L["wall_s"], S["rtf"]
}'
