#!/usr/bin/env bash
# Stage 1 of every recipe: lexicon (CMU dictionary, first pronunciation, <NOISE>/<SPN>/<UNK>),
# phone units, OOV reports, and a 3-gram ARPA language model estimated from training text only.
# Usage: lang.sh --dict CMUDICT --lm-text TEXT [--vocab-text TEXT ...] --lang DIR SET_DIR...
#   --vocab-text  Kaldi text files whose words make the lexicon (none: the whole dictionary)
#   --lm-text     Kaldi text (utterance ids first) the LM is estimated from
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
asr="$root/bin/asr"
dict=""; lm_text=""; lang=""; vocab=(); sets=()
while (($# > 0)); do
  case "$1" in
    --dict) dict="$2"; shift 2 ;;
    --lm-text) lm_text="$2"; shift 2 ;;
    --vocab-text) vocab+=(--words-from "$2"); shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    --*) echo "$0: unknown option $1" >&2; exit 2 ;;
    *) sets+=("$1"); shift ;;
  esac
done
[[ -n "$dict" && -n "$lm_text" && -n "$lang" ]] || { echo "usage: $0 --dict F --lm-text F --lang DIR SET..." >&2; exit 2; }
[[ -f "$dict" ]] || { echo "$0: dictionary $dict missing; run scripts/install-deps.sh --recipe (pocketsphinx-en-us)" >&2; exit 1; }
mkdir -p "$lang"
reports=()
for s in "${sets[@]}"; do reports+=(--report "$s/text"); done
if [[ ! -f "$lang/lexicon.txt" || ! -f "$lang/units.txt" || ! -f "$lang/oov.txt" ]]; then
  "$asr" corpus lexicon --dict "$dict" "${vocab[@]}" --out "$lang/lexicon.txt" \
    --units "$lang/units.txt" "${reports[@]}" | tee "$lang/oov.txt"
  # OOVs against the LM's vocabulary (words of the LM training text) tell how open the test is.
  "$asr" corpus lexicon --dict "$dict" --words-from "$lm_text" --out "$lang/.lm_vocab_lexicon.txt" \
    "${reports[@]}" | grep -v '^\S*lm_vocab_lexicon' | sed 's/^/against LM training vocabulary: /' \
    | tee -a "$lang/oov.txt"
  rm -f "$lang/.lm_vocab_lexicon.txt"
else
  echo "lang: $lang/lexicon.txt and units.txt exist; skipping"
fi
if [[ -f "$lang/lm.arpa" ]]; then
  echo "lang: $lang/lm.arpa exists; skipping"
elif "$asr" --help 2>/dev/null | grep -qE '^ +lm( |$)'; then
  "$asr" lm build --text "$lm_text" --text-has-ids --order 3 --out "$lang/lm.arpa"
else
  echo "lang: WARNING: 'asr lm build' is not in this build yet (it comes with the decoder module);" >&2
  echo "lang: no $lang/lm.arpa made. Re-run this stage once it exists." >&2
fi
