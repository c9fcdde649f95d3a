#!/usr/bin/env bash
# Switchboard from the LDC directories (Kaldi's swbd1_data_prep.sh and eval2000_data_prep.sh):
# data/train from LDC97S62 with the MS-State transcripts (swb_ms98_transcriptions, looked for
# inside the LDC97S62 directory unless --ms98 is given), data/eval2000 from LDC2002S09 (speech,
# .pem segments) and LDC2002T43 (stm, glm), then train_dev (first N utterances) and train_nodup.
# Usage: swbd_data_prep.sh --swbd DIR --eval2000 DIR [--eval2000-text DIR] [--ms98 DIR] --data DIR
#          [--train-dev-utts 4000] [--max-dup 300]
# --eval2000 names LDC2002S09 and --eval2000-text LDC2002T43 (default: inside --eval2000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# ASR_BIN: another asr launcher (the tests run the scripts on the classes just built).
asr="${ASR_BIN:-$root/bin/asr}"
swbd=""; eval2000=""; eval2000_text=""; ms98=""; data=""; train_dev_utts=4000; max_dup=300
while (($# > 0)); do
  case "$1" in
    --swbd) swbd="$2" ;; --eval2000) eval2000="$2" ;; --eval2000-text) eval2000_text="$2" ;; --ms98) ms98="$2" ;; --data) data="$2" ;;
    --train-dev-utts) train_dev_utts="$2" ;; --max-dup) max_dup="$2" ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n "$swbd" && -n "$eval2000" && -n "$data" ]] || {
  echo "usage: $0 --swbd DIR --eval2000 DIR [--ms98 DIR] --data DIR" >&2; exit 2; }
if [[ -f "$data/.ldc.done" ]]; then echo "swbd_data_prep: $data already prepared"; exit 0; fi
ms98_opt=()
[[ -n "$ms98" ]] && ms98_opt=(--ms98 "$ms98")
"$asr" corpus prep-swbd --swbd "$swbd" "${ms98_opt[@]}" --eval2000-speech "$eval2000" \
  --eval2000-text "${eval2000_text:-$eval2000}" --data "$data"
"$asr" corpus swbd-subsets "$data/train" --dev-utts "$train_dev_utts" --max-dup "$max_dup"
if [[ ! -f "$data/train_nodup_sp/.done" ]]; then
  # Speed perturbation as Kaldi's swbd recipes (sp0.9-/sp1.1- copies through sox pipes).
  "$asr" corpus augment "$data/train_nodup" "$data/train_nodup_sp" --speeds 0.9,1.0,1.1
  touch "$data/train_nodup_sp/.done"
fi
mkdir -p "$data/local/lm"
cp "$data/train_nodup/text" "$data/local/lm/text"
touch "$data/.ldc.done"
