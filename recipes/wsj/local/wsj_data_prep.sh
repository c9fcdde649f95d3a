#!/usr/bin/env bash
# WSJ from the LDC directories (Kaldi's local/wsj_data_prep.sh sets): train_si284 from
# tr_s_wv1.ndx (WSJ0) + si_tr_s.ndx (WSJ1) without speaker 401, test_dev93 from h1_p0.ndx,
# test_eval92 from si_et_20.ndx; transcripts from the .dot files, normalised as Kaldi's
# normalize_transcript.pl; wav.scp names the .wv1 SPHERE files (read natively by the frontend).
# Usage: wsj_data_prep.sh --wsj0 LDC93S6B_DIR --wsj1 LDC94S13B_DIR --data DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# ASR_BIN: another asr launcher (the tests run the scripts on the classes just built).
asr="${ASR_BIN:-$root/bin/asr}"
wsj0=""; wsj1=""; data=""
while (($# > 0)); do
  case "$1" in
    --wsj0) wsj0="$2" ;; --wsj1) wsj1="$2" ;; --data) data="$2" ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n "$wsj0" && -n "$wsj1" && -n "$data" ]] || { echo "usage: $0 --wsj0 DIR --wsj1 DIR --data DIR" >&2; exit 2; }
if [[ -f "$data/.ldc.done" ]]; then echo "wsj_data_prep: $data already prepared"; exit 0; fi
"$asr" corpus prep-wsj --wsj0 "$wsj0" --wsj1 "$wsj1" --data "$data"
mkdir -p "$data/local/lm"
cat "$data/train_si284/text" > "$data/local/lm/text"
touch "$data/.ldc.done"
