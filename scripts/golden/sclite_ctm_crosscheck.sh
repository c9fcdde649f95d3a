#!/usr/bin/env bash
# Scores a recipe's stm/ctm output with NIST sclite itself, as a cross-check of asr score --stm
# --ctm --switchboard on real decoding output (scripts/golden/sclite_parity.py checks random
# pairs). The CTM is filtered as --switchboard does (Kaldi's score_sclite.sh): noise tokens in
# brackets, <unk>, the fillers of TextFilter.FILLERS and partial words (a leading or trailing
# '-') are dropped; then sclite -D -F scores it against the STM with time-mediated alignment.
# Usage: scripts/golden/sclite_ctm_crosscheck.sh STM CTM
#   e.g. recipes/swbd/data/fbank/eval2000/stm exp/swbd/st-s1/decode/eval2000/score_ctm/ctm
# Needs Debian's sctk (scripts/install-deps.sh installs it). Prints sclite's Sum/Avg
# line: compare it with the %WER line of the same directory's wer.txt.
set -euo pipefail
[[ $# -eq 2 && -f "$1" && -f "$2" ]] || { echo "usage: $0 STM CTM (both files must exist)" >&2; exit 2; }
sclite=/usr/lib/sctk/bin/sclite
[[ -x "$sclite" ]] || { echo "$0: no $sclite (apt-get install sctk)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$1" "$tmp/ref.stm"
awk 'BEGIN { n = split("uh um eh mm hm ah huh ha er oof hee ach eee ew", f, " ")
             for (i = 1; i <= n; i++) filler[f[i]] = 1 }
     /^;;/ { next }
     { w = tolower($5)
       if (w in filler || w ~ /^\[.*\]$/ || w == "<unk>" || w ~ /^-/ || w ~ /-$/) next
       print }' "$2" | sort -k1,1 -k2,2 -k3,3n > "$tmp/hyp.ctm"
"$sclite" -r "$tmp/ref.stm" stm -h "$tmp/hyp.ctm" ctm -D -F -o sum stdout \
  | grep -E '^\| (SPKR|Sum/Avg)'
