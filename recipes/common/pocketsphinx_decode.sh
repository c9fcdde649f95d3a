#!/usr/bin/env bash
# Decodes a Kaldi data dir with CMU pocketsphinx (Debian's pocketsphinx + pocketsphinx-en-us: the
# stock US English acoustic model, its generic trigram LM and the CMU dictionary), as an outside
# reference on the same audio. Audio is converted to 16 kHz mono WAV with sox first (not timed).
# Writes OUT/hyp.trn (upper case, sclite trn) and OUT/time (decoding CPU seconds, audio seconds).
# Usage: recipes/common/pocketsphinx_decode.sh DATA_DIR OUT_DIR
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 DATA_DIR OUT_DIR" >&2
  exit 2
fi
data="$1"
out="$2"
model=/usr/share/pocketsphinx/model/en-us
for f in "$model/en-us" "$model/en-us.lm.bin" "$model/cmudict-en-us.dict"; do
  [[ -e "$f" ]] || { echo "missing $f: apt-get install pocketsphinx pocketsphinx-en-us" >&2; exit 1; }
done
command -v pocketsphinx_batch >/dev/null || { echo "missing pocketsphinx_batch: apt-get install pocketsphinx" >&2; exit 1; }
mkdir -p "$out/wav"
: >"$out/ctl"
if [[ -f "$data/segments" ]]; then
  echo "$0: data dirs with segments are not supported here; decode a dir without segments" >&2
  exit 1
fi
while read -r id spec; do
  if [[ "$spec" == *"|" ]]; then
    bash -c "${spec%|}" | sox -t wav - -r 16000 -c 1 -b 16 -e signed "$out/wav/$id.wav"
  else
    sox "$spec" -r 16000 -c 1 -b 16 -e signed "$out/wav/$id.wav"
  fi
  echo "$id" >>"$out/ctl"
done <"$data/wav.scp"
pocketsphinx_batch -adcin yes -cepdir "$out/wav" -cepext .wav -ctl "$out/ctl" \
  -hmm "$model/en-us" -lm "$model/en-us.lm.bin" -dict "$model/cmudict-en-us.dict" \
  -hyp "$out/hyp.raw" -logfn "$out/pocketsphinx.log"
# "words (utt-id score)" -> "WORDS (utt-id)"
sed -E 's/ ?\(([^ ()]+) -?[0-9]+\)$/ (\1)/' "$out/hyp.raw" |
  awk '{ id = $NF; $NF = ""; printf "%s%s\n", toupper($0), id }' >"$out/hyp.trn"
# pocketsphinx's own total: "TOTAL X seconds speech, Y seconds CPU, Z seconds wall"
awk '/batch.c.*TOTAL/ { print $7, $4 }' "$out/pocketsphinx.log" | tail -1 >"$out/time"
