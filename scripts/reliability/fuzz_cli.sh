#!/usr/bin/env bash
# Command-line check of issue 17's audio targets, on the seeded mutation corpus of the test suite
# (FuzzCorpus: mutants of WAV, SPHERE PCM / mu-law / shorten seeds, generated here, not committed):
#   1. one `asr features --allow-resample` run over the whole corpus: exit 0, every valid file
#      featurised, every other file featurised or named in skipped.txt, peak RSS <= 1 GiB;
#   2. files one by one through `asr decode --model`: exit 0 or 1, never a Java stack trace,
#      peak RSS <= 1 GiB each.
# Prints a summary and writes it to OUT/summary.txt; exits 1 when a target is missed.
#
# Usage: scripts/reliability/fuzz_cli.sh --out DIR --model MODEL [--mutants 2500]
#          [--decode-files N] [--jobs 2]
#   --model         a trained model (asr train's final.model, with fbank.json beside it)
#   --mutants       mutants besides the 5 x 11 valid seeds (default 2500)
#   --decode-files  how many of the corpus's files step 2 decodes, every k-th so that valid and
#                   mutated files of every kind are drawn (default: all; one JVM per file, about
#                   3 s each on 2 cores)
#   --jobs          decodes side by side in step 2 and feature jobs in step 1
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
asr="$root/bin/asr"
out=""
model=""
mutants=2500
decode_files=""
jobs=2
while (($# > 0)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --mutants) mutants="$2"; shift 2 ;;
    --decode-files) decode_files="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    *) echo "fuzz_cli.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$out" && -n "$model" ]] || { echo "fuzz_cli.sh: --out and --model are required" >&2; exit 2; }
[[ -e "$model" ]] || { echo "fuzz_cli.sh: no model $model" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "fuzz_cli.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
model="$(cd "$(dirname "$model")" && pwd)/$(basename "$model")"
limit_kb=$((1024 * 1024))

echo "== generating the corpus ($mutants mutants) in $out/corpus"
rm -rf "$out/corpus"
(cd "$root" && mvn -B -ntp -q -pl asr-frontend -am test -Dspotless.check.skip=true \
  -Dtest='FeatureExtractionFuzzTest#exportForTheCommandLineCheck' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dasr.fuzz.export="$out/corpus" -Dasr.fuzz.mutants="$mutants") > "$out/generate.log" 2>&1 ||
  { cat "$out/generate.log" >&2; echo "fuzz_cli.sh: corpus generation failed" >&2; exit 1; }
[[ -s "$out/corpus/data/wav.scp" ]] || { echo "fuzz_cli.sh: no corpus written" >&2; exit 1; }
files=$(wc -l < "$out/corpus/data/wav.scp")

echo "== step 1: asr features over $files files"
rm -rf "$out/fbank"
set +e
/usr/bin/time -v -o "$out/features.time" "$asr" features --data "$out/corpus/data" --out "$out/fbank" \
  --allow-resample --jobs "$jobs" > "$out/features.log" 2>&1
frc=$?
set -e
frss=$(awk -F': ' '/Maximum resident/ {print $2}' "$out/features.time")
fsec=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$out/features.time")
cut -d' ' -f1 "$out/fbank/feats.scp" 2>/dev/null | sort > "$out/featurised.txt" || true
cut -f1 "$out/fbank/skipped.txt" 2>/dev/null | sort > "$out/skipped_ids.txt" || true
cut -d' ' -f1 "$out/corpus/data/wav.scp" | sort > "$out/all_ids.txt"
valid_missing=$(comm -23 "$out/corpus/valid.txt" "$out/featurised.txt" | wc -l)
unaccounted=$(sort -u "$out/featurised.txt" "$out/skipped_ids.txt" | comm -23 "$out/all_ids.txt" - | wc -l)
nfeat=$(wc -l < "$out/featurised.txt")
nskip=$(wc -l < "$out/skipped_ids.txt")

echo "== step 2: asr decode --model, one file per run"
step=1
if [[ -n "$decode_files" && "$decode_files" -lt "$files" ]]; then step=$((files / decode_files)); fi
mkdir -p "$out/decode"
awk -v k="$step" 'NR % k == 1 || k == 1 {print $1}' "$out/all_ids.txt" > "$out/decode/ids.txt"
decode_one() { # id: one JVM; writes decode/ID.{out,err,time,rc}
  local id="$1" d="$out/decode" f="$out/corpus/data/files/$1.audio"
  set +e
  /usr/bin/time -v -o "$d/$id.time" "$asr" decode --model "$model" "$f" > "$d/$id.out" 2> "$d/$id.err"
  echo $? > "$d/$id.rc"
}
export -f decode_one
export out model asr
xargs -P "$jobs" -I{} bash -c 'decode_one {}' < "$out/decode/ids.txt"
ndec=$(wc -l < "$out/decode/ids.txt")
bad_rc=0; traces=0; over=0; maxrss=0
while read -r id; do
  rc=$(cat "$out/decode/$id.rc")
  [[ "$rc" == 0 || "$rc" == 1 ]] || { bad_rc=$((bad_rc + 1)); echo "exit $rc: $id" >> "$out/decode/problems.txt"; }
  if grep -qE '^[[:space:]]+at [a-zA-Z_$][a-zA-Z0-9_$.]*\(|Exception in thread' "$out/decode/$id.err"; then
    traces=$((traces + 1)); echo "stack trace: $id" >> "$out/decode/problems.txt"
  fi
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$out/decode/$id.time")
  ((rss > maxrss)) && maxrss=$rss
  ((rss > limit_kb)) && { over=$((over + 1)); echo "rss ${rss} kB: $id" >> "$out/decode/problems.txt"; }
done < "$out/decode/ids.txt"
ok=$(grep -lx 0 "$out"/decode/*.rc | wc -l)

verdict() { if "$@"; then echo met; else echo "NOT met"; fi; }
{
  echo "corpus: $files files ($(wc -l < "$out/corpus/valid.txt") valid), seed 4096, $mutants mutants"
  echo "features: exit $frc, $nfeat featurised, $nskip skipped, valid files not featurised $valid_missing, unaccounted $unaccounted, peak RSS $((frss / 1024)) MiB, wall $fsec -> $(verdict test "$frc" = 0 -a "$valid_missing" = 0 -a "$unaccounted" = 0 -a "$frss" -le "$limit_kb")"
  echo "decode --model: $ndec files one by one (every ${step}th), exit 0: $ok, exit 1: $((ndec - ok - bad_rc)), other exits $bad_rc, stack traces $traces, over 1 GiB $over, max peak RSS $((maxrss / 1024)) MiB -> $(verdict test "$bad_rc" = 0 -a "$traces" = 0 -a "$over" = 0)"
} | tee "$out/summary.txt"
! grep -q "NOT met" "$out/summary.txt"
