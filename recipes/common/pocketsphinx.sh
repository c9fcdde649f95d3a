#!/usr/bin/env bash
# Outside reference: CMU pocketsphinx (Debian's pocketsphinx 0.8+5prealpha with the stock
# pocketsphinx-en-us acoustic model, 3-gram LM en-us.lm.bin and cmudict-en-us.dict) decodes the
# same audio as our models; asr score scores it like ours. Audio is converted with sox to 16 kHz
# 16-bit mono raw PCM (8 kHz telephone sets are upsampled, --rate is the source rate for the
# record); segments files are honoured (sox trim), wav.scp pipes are run.
# Usage: recipes/common/pocketsphinx.sh --data DIR --sets "SET ..." --out DIR [--rate 16000]
#          [--score-opts "--switchboard"]
# Writes OUT/SET/hyp.txt (Kaldi text), OUT/SET/score/, OUT/SET/wer.log, OUT/SET/time.txt.
set -euo pipefail
trap 'echo "pocketsphinx.sh: command at line $LINENO failed (exit $?)" >&2' ERR
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
asr="$root/bin/asr"
data=""
sets=""
out=""
rate=16000
score_opts=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="data sets out rate score_opts"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"
model=/usr/share/pocketsphinx/model/en-us
command -v pocketsphinx_batch >/dev/null || {
  echo "pocketsphinx.sh: pocketsphinx_batch missing; scripts/install-deps.sh --recipe installs it" >&2
  exit 1; }

audio_of() { # wav.scp entry (file or "cmd |") -> WAV on stdout
  local spec="$1"
  if [[ "$spec" == sph2pipe* ]]; then
    # Debian has no sph2pipe (asr reads these pipes itself): sox reads PCM and mu-law SPHERE
    local ch=1 f=""
    read -r -a w <<< "${spec%|}"
    for ((i = 1; i < ${#w[@]}; i++)); do
      case "${w[i]}" in
        -c) ch="${w[i + 1]}"; i=$((i + 1)) ;;
        -f) i=$((i + 1)) ;;
        -*) ;;
        *) f="${w[i]}" ;;
      esac
    done
    sox -R -t sph "$f" -t wav - remix "$ch"
  elif [[ "$spec" == *"|" ]]; then
    bash -c "${spec%|}"
  else
    sox -R "$spec" -t wav -
  fi
}

for s in $sets; do
  d="$out/$s"
  if [[ -f "$d/score/wer.txt" ]]; then continue; fi
  if [[ ! -s "$d/hyp.trn" ]]; then
  mkdir -p "$d/raw"
  : > "$d/ctl"
  declare -A reco=()
  while read -r id spec; do reco[$id]="$spec"; done < "$data/$s/wav.scp"
  if [[ -f "$data/$s/segments" ]]; then
    while read -r utt r start end; do
      # sox stops reading at the segment's end: the reader then dies of SIGPIPE (141), no error
      { audio_of "${reco[$r]}" || (($? == 141)); } \
        | sox -R -t wav - -t raw -r 16000 -b 16 -e signed -c 1 "$d/raw/$utt.raw" remix 1 \
          trim "$start" "=$end"
      echo "$utt" >> "$d/ctl"
    done < "$data/$s/segments"
  else
    while read -r utt spec; do
      audio_of "$spec" | sox -R -t wav - -t raw -r 16000 -b 16 -e signed -c 1 "$d/raw/$utt.raw" remix 1
      echo "$utt" >> "$d/ctl"
    done < "$data/$s/wav.scp"
  fi
  unset reco
  echo "pocketsphinx: $s ($(wc -l < "$d/ctl") utterances, source rate $rate Hz)"
  /usr/bin/time -v -o "$d/time.txt" pocketsphinx_batch -adcin yes -cepdir "$d/raw" -cepext .raw \
    -ctl "$d/ctl" -hmm "$model/en-us" -lm "$model/en-us.lm.bin" -dict "$model/cmudict-en-us.dict" \
    -samprate 16000 -hyp "$d/hyp.trn.tmp" > "$d/decode.log" 2>&1
  mv "$d/hyp.trn.tmp" "$d/hyp.trn"
  rm -rf "$d/raw"
  fi
  # hyp lines are "words (utt-id score)": Kaldi text, alternates like WORD(2) folded
  sed -E 's/^(.*) \(([^ ]+)( [-0-9]+)?\)$/\2 \1/; s/\([0-9]+\)//g' "$d/hyp.trn" \
    | awk 'NF >= 1 { s = $1; for (i = 2; i <= NF; i++) s = s " " toupper($i); print s }' > "$d/hyp.txt"
  # shellcheck disable=SC2086 # score_opts is a list of options
  "$asr" score --ref "$data/$s/text" --hyp "$d/hyp.txt" --out "$d/score" $score_opts \
    --title "pocketsphinx $s" > "$d/wer.log"
  grep '%WER' "$d/wer.log"
done
exit
}
