#!/usr/bin/env bash
# Decoding speed (real-time factor = decoder time / audio time, one thread) of greedy, CTC prefix
# beam search, and lexicon + trigram LM beam search, with their error rates.
#
# No trained acoustic model exists yet, so the CTC output is SYNTHETIC: a forced path through the
# CMU-dictionary phones of held-out WordNet example sentences, one- or two-frame phone spikes among
# blanks at 30 ms per frame (a stride-3 model), noisy logits, 15% of spikes won by a wrong phone
# and 1% spurious spikes (org.asrnas.decoder.SyntheticLogProbs). The figures measure the decoders,
# not a model. The comparison with pocketsphinx_continuous on real audio needs audio files and a
# model and is left to the end-to-end benchmark.
#
# Usage: bench/decode.sh [--utts N] [--beam B] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
utts=300
beam=50
work=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --utts) utts="$2"; shift 2 ;;
    --beam) beam="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$work" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
asr="$root/bin/asr"
dict=/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_need_java
for f in "$dict" /usr/share/wordnet/data.{noun,verb,adj,adv}; do
  bench_need_file "$f" "run scripts/install-deps.sh --reference (pocketsphinx-en-us, wordnet-base)"
done
"$asr" --version >/dev/null # builds the jar when stale
jar="$root/asr-cli/target/asr.jar"

# 1. Sentences: WordNet examples, upper case, letters and apostrophes; two in 20 held out (test, dev).
grep -oh '"[^"]*"' /usr/share/wordnet/data.{noun,verb,adj,adv} | tr -d '"' | LC_ALL=C tr '[:lower:]' '[:upper:]' |
  sed "s/[^A-Z' ]/ /g; s/  */ /g; s/^ //; s/ $//" | awk 'NF >= 3' | LC_ALL=C sort -u >"$work/all.txt"
awk 'NR % 20 != 0 && NR % 20 != 10 { printf "train%06d %s\n", NR, $0 }' "$work/all.txt" >"$work/train_text"
# 2. Lexicon: CMU dictionary words seen in the training text (the LM vocabulary).
cut -d' ' -f2- "$work/train_text" | tr ' ' '\n' | LC_ALL=C sort -u >"$work/vocab"
awk 'NR == FNR { v[$1] = 1; next } { w = toupper($1); sub(/\([0-9]+\)$/, "", w); if (w in v) { $1 = w; print } }' \
  "$work/vocab" "$dict" >"$work/lexicon.txt"
{ echo "<blk> 0"; cut -d' ' -f2- "$work/lexicon.txt" | tr ' ' '\n' | LC_ALL=C sort -u | awk 'NF { n++; print $1, n }'; } >"$work/units.txt"
# 3. Test sentences: held out, every word in the lexicon (an OOV-free test set).
cut -d' ' -f1 "$work/lexicon.txt" | LC_ALL=C sort -u >"$work/lexwords"
heldout() { # residue mod 20, count -> Kaldi text of held-out, OOV-free sentences
  awk -v r="$1" -v max="$2" 'NR == FNR { v[$1] = 1; next }
    FNR % 20 == r && n < max { ok = 1; for (i = 1; i <= NF; i++) if (!($i in v)) ok = 0
      if (ok) { n++; printf "spk%02d-u%06d %s\n", FNR % 7, FNR, $0 } }' "$work/lexwords" "$work/all.txt"
}
heldout 0 "$utts" >"$work/test_text"
heldout 10 100 >"$work/dev_text"
# 4. LM from the training text only; synthetic log-probs of the test sentences.
"$asr" lm build --text "$work/train_text" --text-has-ids --order 3 --out "$work/lm.arpa" >"$work/lm.log"
"$asr" lm eval --lm "$work/lm.arpa" --text "$work/test_text" --text-has-ids >"$work/ppl.txt"
java -cp "$jar" org.asrnas.decoder.SyntheticLogProbs "$work/lexicon.txt" "$work/units.txt" \
  "$work/test_text" "$work/test.ark" "$work/test_phones" 1 2>"$work/synth.log"
java -cp "$jar" org.asrnas.decoder.SyntheticLogProbs "$work/lexicon.txt" "$work/units.txt" \
  "$work/dev_text" "$work/dev.ark" "$work/dev_phones" 2 2>"$work/synth_dev.log"
# 5. LM weight and word score tuned on the dev set (asr decode --tune).
"$asr" decode --tune --ref "$work/dev_text" --logprobs "$work/dev.ark" --units "$work/units.txt" \
  --lexicon "$work/lexicon.txt" --lm "$work/lm.arpa" --beam "$beam" --lm-weights 0.3,0.5,0.7,1.0 \
  --word-scores -1,0,1,2 >"$work/tune.txt" 2>"$work/tune.log"
best=$(tail -n 1 "$work/tune.txt")
lmw=$(sed -n 's/.*lm-weight=\([^ ]*\).*/\1/p' <<<"$best")
wsc=$(sed -n 's/.*word-score=\([^ ]*\).*/\1/p' <<<"$best")

decode() { # name, then decode options
  local name="$1"
  shift
  ASR_JAVA_OPTS="-Xmx4g -XX:ActiveProcessorCount=1" "$asr" decode --logprobs "$work/test.ark" \
    --units "$work/units.txt" --frame-shift-ms 30 --threads 1 --out "$work/hyp_$name.txt" "$@" \
    2>"$work/$name.log"
  sed -n 's/.*RTF \([0-9.]*\).*/\1/p' "$work/$name.log"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'; }
score() { # ref, hyp -> error rate
  "$asr" score --ref "$1" --hyp "$2" | sed -n 's/^%WER \([0-9.]*\).*/\1/p'
}
rtf_greedy=$(decode greedy --decoder greedy)
rtf_prefix=$(decode prefix --decoder prefix --beam 16)
rtf_lex=$(decode lexicon --lexicon "$work/lexicon.txt" --beam "$beam")
rtf_lm=$(decode lexicon_lm --lexicon "$work/lexicon.txt" --lm "$work/lm.arpa" --beam "$beam" \
  --lm-weight "$lmw" --word-score "$wsc")

echo "bench/decode.sh: $(sed -n 1p "$work/synth.log")"
echo "lexicon: $(wc -l <"$work/lexicon.txt") pronunciations, $(($(wc -l <"$work/units.txt") - 1)) phones + blank"
echo "LM: $(grep -c . "$work/train_text") training sentences; test $(tr '\n' ' ' <"$work/ppl.txt")"
echo "tuned on $(grep -c . "$work/dev_text") dev utterances: $best"
printf '%-34s %10s %12s %14s\n' decoder RTF "error rate" "vs greedy RTF"
printf '%-34s %10s %12s %14s\n' "greedy (phones, PER)" "$rtf_greedy" \
  "$(score "$work/test_phones" "$work/hyp_greedy.txt")" 1.0
printf '%-34s %10s %12s %14.1f\n' "prefix beam 16 (phones, PER)" "$rtf_prefix" \
  "$(score "$work/test_phones" "$work/hyp_prefix.txt")" "$(ratio "$rtf_prefix" "$rtf_greedy")"
printf '%-34s %10s %12s %14.1f\n' "lexicon beam $beam, no LM (WER)" "$rtf_lex" \
  "$(score "$work/test_text" "$work/hyp_lexicon.txt")" "$(ratio "$rtf_lex" "$rtf_greedy")"
printf '%-34s %10s %12s %14.1f\n' "lexicon beam $beam + 3-gram (WER)" "$rtf_lm" \
  "$(score "$work/test_text" "$work/hyp_lexicon_lm.txt")" "$(ratio "$rtf_lm" "$rtf_greedy")"
echo "goal (issue 7): lexicon + LM at RTF <= 0.05 on one core: $(awk -v r="$rtf_lm" 'BEGIN { print (r <= 0.05 ? "met" : "NOT met") }')"
echo "pocketsphinx_continuous: not compared here (needs audio and a trained model; see header)"
