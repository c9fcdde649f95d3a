#!/usr/bin/env bash
# End-to-end decoding benchmark on real audio of a stand-in test set: our `asr decode --model`
# (greedy and lexicon + trigram LM beam search; one thread) against pocketsphinx (Debian's stock
# US English model) on the same audio files in the same run. Prints error rates and real-time
# factors (processing time / audio time) and the ratio of our end-to-end RTF to pocketsphinx's.
#   RTF decoder:     CTC decoder time only (the figure the issue's goal, <= 0.05, is about)
#   RTF end-to-end:  reading audio, fbank, CMVN, deltas, the acoustic model and the decoder
# Usage: bench/decode_audio.sh --model RUN_DIR --data DATA_DIR --lang LANG_DIR
#          [--lm-weight W] [--word-score S] [--beam B] [--work DIR]
# e.g.   bench/decode_audio.sh --model recipes/mini/exp/st/retrain \
#          --data recipes/mini/data/test_eval92 --lang recipes/mini/data/lang
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="" data="" lang="" lm_weight=1.0 word_score=0 beam=50 work=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    --lm-weight) lm_weight="$2"; shift 2 ;;
    --word-score) word_score="$2"; shift 2 ;;
    --beam) beam="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$model" || -z "$data" || -z "$lang" ]]; then
  echo "usage: $0 --model RUN_DIR --data DATA_DIR --lang LANG_DIR [options]" >&2
  exit 2
fi
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_need_java
bench_need_cmd pocketsphinx_batch "scripts/install-deps.sh --recipe installs pocketsphinx"
bench_need_cmd sox "scripts/install-deps.sh --recipe installs sox"
for f in "$model" "$data/wav.scp" "$data/text" "$lang/lexicon.txt" "$lang/lm.arpa"; do
  bench_need_file "$f" "see the usage in the header of $0"
done
if [[ -z "$work" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
asr="$root/bin/asr"
export ASR_THREADS=1

# Phone references for the greedy (phone) output: first pronunciation of every word.
awk 'NR == FNR { if (!($1 in p)) { w = $1; $1 = ""; p[w] = substr($0, 2) } next }
  { out = $1; for (i = 2; i <= NF; i++) out = out " " (($i in p) ? p[$i] : "<UNK>"); print out }' \
  "$lang/lexicon.txt" "$data/text" >"$work/ref_phones"

rtf() { # stderr file -> "decoder-RTF end-to-end-RTF"
  sed -nE 's/.*: RTF ([0-9.]+) \(decoder.*/\1/p; s/^end to end.*RTF ([0-9.]+)$/\1/p' "$1" | paste -sd' '
}
wer() { # score output -> error rate
  awk '/^%WER/ { print $2; exit }' "$1"
}

"$asr" decode --model "$model" --data "$data" --decoder greedy --format trn \
  --out "$work/greedy.trn" 2>"$work/greedy.err"
"$asr" score --ref "$work/ref_phones" --hyp "$work/greedy.trn" >"$work/greedy.score"
"$asr" decode --model "$model" --data "$data" --lexicon "$lang/lexicon.txt" --lm "$lang/lm.arpa" \
  --beam "$beam" --lm-weight "$lm_weight" --word-score "$word_score" --format trn \
  --out "$work/lm.trn" 2>"$work/lm.err"
"$asr" score --ref "$data/text" --hyp "$work/lm.trn" >"$work/lm.score"
set_name="$(basename "$data")"
"$root/recipes/common/pocketsphinx.sh" --data "$(dirname "$data")" --sets "$set_name" \
  --out "$work/pocketsphinx" >/dev/null
cp "$work/pocketsphinx/$set_name/wer.log" "$work/ps.score"

read -r g_dec g_e2e <<<"$(rtf "$work/greedy.err")"
read -r l_dec l_e2e <<<"$(rtf "$work/lm.err")"
# pocketsphinx's own total: "TOTAL <audio> seconds speech, <cpu> seconds CPU, <wall> seconds wall"
read -r ps_cpu ps_audio <<<"$(awk '/batch.c.*TOTAL/ { print $7, $4 }' "$work/pocketsphinx/$set_name/decode.log" | tail -1)"
ps_rtf=$(awk -v c="$ps_cpu" -v a="$ps_audio" 'BEGIN { printf "%.4f", c / a }')
printf '\nTest set %s (%s utterances), model %s, 1 thread\n\n' "$data" "$(wc -l <"$data/text")" "$model"
printf '| system | error rate | RTF decoder | RTF end-to-end | end-to-end vs pocketsphinx |\n'
printf '|---|---|---|---|---|\n'
ratio() { awk -v a="$1" -v b="$ps_rtf" 'BEGIN { printf "%.2fx", a / b }'; }
printf '| ours, greedy (phones) | PER %s%% | %s | %s | %s |\n' "$(wer "$work/greedy.score")" "$g_dec" "$g_e2e" "$(ratio "$g_e2e")"
printf '| ours, lexicon + 3-gram beam %s | WER %s%% | %s | %s | %s |\n' "$beam" "$(wer "$work/lm.score")" "$l_dec" "$l_e2e" "$(ratio "$l_e2e")"
printf '| pocketsphinx (en-us model, generic LM) | WER %s%% | - | %s | 1.00x |\n' "$(wer "$work/ps.score")" "$ps_rtf"
