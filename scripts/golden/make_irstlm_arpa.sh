#!/usr/bin/env bash
# Makes asr-decoder/src/test/resources/org/asrnas/decoder/lm/irstlm.arpa: a tiny 3-gram model from
# irstlm (Debian package irstlm), whose ARPA output has the quirks a tolerant reader must accept
# (a <s> <s> bigram, <s> <s> x trigrams, a back-off weight on </s>).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/asr-decoder/src/test/resources/org/asrnas/decoder/lm/irstlm.arpa"
bin=/usr/lib/irstlm/bin
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'the cat sat on the mat\nthe dog sat on the mat\na cat ran\n' >"$work/text"
"$bin/add-start-end.sh" <"$work/text" >"$work/in.txt"
(cd "$work" && IRSTLM=/usr/lib/irstlm "$bin/build-lm.sh" -i in.txt -n 3 -k 1 -o out.ilm.gz \
  -s kneser-ney -t ./tmp >/dev/null 2>&1)
"$bin/compile-lm" "$work/out.ilm.gz" --text=yes /dev/stdout 2>/dev/null >"$out"
echo "wrote $out"
