#!/usr/bin/env bash
# Scores a CTM against a data dir's STM as Kaldi's egs/swbd/s5c/local/score_sclite.sh does (its
# stage 1 ctm filtering is asr score's --switchboard; hubscr.pl's csrfilt -dh with DATA/glm and
# sclite -F -D are asr score --stm --ctm [--glm]). The CTM may name recordings or utterances:
#   FILE CHANNEL BEGIN DUR WORD [CONF]   as in the STM (kept)
#   RECO 1 BEGIN DUR WORD [CONF]         RECO of DATA/reco2file_and_channel (mapped to its file
#                                        and channel, as Kaldi's utils/convert_ctm.pl)
#   UTT 1 BEGIN DUR WORD [CONF]          UTT of DATA/segments (begin moved by the segment start,
#                                        then its recording mapped as above)
# Usage: recipes/common/score_ctm.sh --data DIR --ctm FILE --out DIR [--score-opts "--switchboard"]
#          [--title TITLE]
# Needs DIR/stm; uses DIR/glm when present (as OUT/glm, without the rules asr score does not
# implement). Writes OUT/ctm (the CTM in STM file/channel terms),
# OUT/sum.txt, rsum.txt, pra.txt, wer.txt (with SW:/CH: lines when both halves occur),
# counts.tsv, and OUT/score.log (asr score's output); prints the %WER line.
set -euo pipefail
trap 'echo "score_ctm.sh: command at line $LINENO failed (exit $?)" >&2' ERR
{ # read whole before it runs: editing this file cannot disturb a running job
root="$(cd "$(dirname "$0")/../.." && pwd)"
asr="${asr:-$root/bin/asr}"
data=""
ctm=""
out=""
score_opts=""
title=""
# shellcheck disable=SC2034 # read by parse_options.sh
help_vars="data ctm out score_opts title"
# shellcheck source=recipes/common/parse_options.sh
. "$root/recipes/common/parse_options.sh"
[[ -n "$data" && -n "$ctm" && -n "$out" ]] || {
  echo "score_ctm.sh: --data, --ctm and --out are required (see --help)" >&2; exit 2; }
[[ -f "$data/stm" ]] || { echo "score_ctm.sh: no $data/stm (the data prep writes it)" >&2; exit 1; }
[[ -f "$ctm" ]] || { echo "score_ctm.sh: no ctm $ctm" >&2; exit 1; }
mkdir -p "$out"

# recordings and utterances to STM file and channel; lines already in STM terms pass unchanged
seg="$data/segments"
r2f="$data/reco2file_and_channel"
[[ -f "$seg" ]] || seg=/dev/null
[[ -f "$r2f" ]] || r2f=/dev/null
awk -v OFS=' ' '
  FILENAME == ARGV[1] { reco[$1] = $2; start[$1] = $3; next }
  FILENAME == ARGV[2] { file[$1] = $2; chan[$1] = $3; next }
  /^;/ || NF == 0 { print; next }
  {
    if ($1 in reco) { $3 = sprintf("%.3f", $3 + start[$1]); $1 = reco[$1] }
    if ($1 in file) { $2 = chan[$1]; $1 = file[$1] }
    print
  }' "$seg" "$r2f" "$ctm" > "$out/ctm.tmp"
mv "$out/ctm.tmp" "$out/ctm"

# The GLM's rules that asr score implements (docs/scoring.md): rules with alternatives
# ({ a / b }, HUB5 contractions) or with a context other than "[ ] __ [ ]" are left out, counted
glm_opt=()
if [[ -f "$data/glm" ]]; then
  awk '{ r = $0; sub(/\r$/, "", r); sub(/;;.*/, "", r) }
       r ~ /=>/ && (r ~ /[{}]/ || (r ~ / \/ / && r !~ /\/[ \t]*\[[ \t]*\][ \t]*__[ \t]*\[[ \t]*\][ \t]*$/)) {
         dropped++; next }
       { print }
       END { if (dropped) printf "score_ctm.sh: %d GLM rule(s) with alternatives or contexts left out\n", dropped > "/dev/stderr" }' \
    "$data/glm" > "$out/glm"
  glm_opt=(--glm "$out/glm")
fi
# shellcheck disable=SC2086 # score_opts is a list of options
"$asr" score --stm "$data/stm" --ctm "$out/ctm" "${glm_opt[@]}" --out "$out" \
  --title "${title:-$(basename "$ctm")}" $score_opts > "$out/score.log"
awk '/%WER/ { print; exit }' "$out/score.log"
exit
}
