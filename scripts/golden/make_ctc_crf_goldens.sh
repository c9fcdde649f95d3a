#!/usr/bin/env bash
# Makes asr-nas/src/test/resources/ctc-crf/goldens.txt: OpenFst's view (Debian libfst-tools) of the
# CTC-CRF denominator graph on a tiny case, checked by CtcCrfGoldenTest without OpenFst.
# Inputs (committed beside it): units.txt; sentences.txt (the phone LM's training sentences);
# lm.fst.txt, the phone LM that org.asrnas.nas.ctc.PhoneLm estimates from them with order 4,
# no-prune order 3 and 2 extra states (the test checks that it still writes exactly this file).
# The script writes emissions.txt (T x V log-softmax rows from a seeded generator), builds CAT's CTC
# topology T independently (awk), composes T o G with fstcompose (as CAT's run.sh does) and records
# the state and arc counts of G and T o G, -ln p_LM(l) of sentences through G, the weight of
# frame-level unit paths through T o G, and -ln Z(x) = the log-semiring shortest distance of
# E o (T o G), E the emission lattice of emissions.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
res="$root/asr-nas/src/test/resources/ctc-crf"
for t in fstcompile fstcompose fstarcsort fstinfo fstshortestdistance fstprint; do
  command -v "$t" >/dev/null || { echo "need $t: apt-get install libfst-tools" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
vocab=$(wc -l <"$res/units.txt")
frames=6

# emissions: T rows of V natural-log probabilities (log-softmax of seeded normal activations)
python3 - "$frames" "$vocab" >"$res/emissions.txt" <<'PY'
import math, random, sys
t, v = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(20190512)
for _ in range(t):
    a = [rng.gauss(0, 1.5) for _ in range(v)]
    m = max(a)
    z = m + math.log(sum(math.exp(x - m) for x in a))
    print(" ".join(repr(x - z) for x in a))
PY

# CAT's CTC topology (ctc_token_fst_corrected.py, den mode): ilabel = unit + 1, olabel = unit
awk -v p=$((vocab - 1)) 'BEGIN {
  print "0 0 1 0"
  for (i = 1; i <= p; i++) { print "0", i, i + 1, i; print i, i, i + 1, 0; print i, 0, 1, 0 }
  for (i = 1; i <= p; i++) for (j = 1; j <= p; j++) if (i != j) print i, j, j + 1, j
  for (i = 0; i <= p; i++) print i
}' >"$work/T.txt"
fstcompile --arc_type=log "$work/T.txt" | fstarcsort --sort_type=olabel >"$work/T.fst"
fstcompile --arc_type=log --acceptor --isymbols="$res/units.txt" "$res/lm.fst.txt" \
  | fstarcsort --sort_type=ilabel >"$work/G.fst"
fstcompose "$work/T.fst" "$work/G.fst" >"$work/den.fst"

count() { fstinfo "$1" | awk -v k="$2" 'index($0, k) == 1 { print $NF }'; }
# -ln of the total weight of an acyclic FST: the reverse shortest distance of its start state
total() {
  local start
  start=$(fstprint "$1" | head -1 | cut -f1)
  fstshortestdistance --reverse "$1" | awk -v s="$start" '$1 == s { print $2 }'
}
# a linear acceptor over the given numeric labels
linear() {
  local i=0 l
  for l in "$@"; do echo "$i $((i + 1)) $l"; i=$((i + 1)); done
  echo "$i"
}

out="$res/goldens.txt"
{
  echo "# made by scripts/golden/make_ctc_crf_goldens.sh (OpenFst: fstcompose, fstshortestdistance)"
  echo "lm_states $(count "$work/G.fst" '# of states')"
  echo "lm_arcs $(count "$work/G.fst" '# of arcs')"
  echo "den_states $(count "$work/den.fst" '# of states')"
  echo "den_arcs $(count "$work/den.fst" '# of arcs')"
  # sentences through G (symbols -> ids through units.txt)
  while read -r line; do
    ids=()
    for s in $line; do ids+=("$(awk -v s="$s" '$1 == s { print $2 }' "$res/units.txt")"); done
    linear "${ids[@]}" | fstcompile --arc_type=log --acceptor >"$work/l.fst"
    fstcompose "$work/l.fst" "$work/G.fst" >"$work/lg.fst"
    echo "lm_neglogprob $(total "$work/lg.fst") ${ids[*]}"
  done <"$res/sentences.txt"
  # frame-level unit paths (blank = 0) through T o G
  for path in "1 1 0 2" "1 0 1 2" "0 1 2 2 0 3" "2 3 1 0 0 0" "3 3 3 0 0 0" "1 2 3 1 2 3"; do
    labels=()
    for k in $path; do labels+=($((k + 1))); done
    linear "${labels[@]}" | fstcompile --arc_type=log --acceptor >"$work/p.fst"
    fstcompose "$work/p.fst" "$work/den.fst" >"$work/pd.fst"
    w=$(total "$work/pd.fst")
    echo "den_path_neglogweight ${w:-Infinity} $path"
  done
  # -ln Z over the emission lattice
  awk '{ for (k = 1; k <= NF; k++) printf "%d %d %d %.17g\n", NR - 1, NR, k, -$k } END { print NR }' \
    "$res/emissions.txt" | fstcompile --arc_type=log --acceptor >"$work/E.fst"
  fstcompose "$work/E.fst" "$work/den.fst" >"$work/ed.fst"
  echo "neglogz $(total "$work/ed.fst")"
} >"$out"
echo "wrote $out"
