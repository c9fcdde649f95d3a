#!/usr/bin/env bash
# Convergence experiment: trains the 6-layer CPU TDNN under several trainer settings and seeds and
# tabulates how fast (in training wall time) each reaches a held-out phone error rate.
#
# Usage: scripts/experiments/convergence.sh --data DIR --lang DIR --out DIR [--jobs 2]
#          [--seeds "1 2"] [--settings "name1 name2"] [--max-epochs N] [--at-seconds 300]
#          [--heldout DIR] [--summary-only]
#   --data        Kaldi data dir with feats.scp (bin/asr features), text, utt2spk
#   --lang        dir with units.txt and lexicon.txt
#   --out         experiment dir: one run dir OUT/NAME-sSEED per setting and seed, logs in
#                 OUT/logs, the table in OUT/convergence.md
#   --jobs        runs side by side (each with --threads 1)
#   --seeds       seeds of every setting
#   --settings    names of scripts/experiments/convergence/NAME.json (default: all of them)
#   --max-epochs  replaces the settings' maxEpochs (a new run only: a resumed run keeps its own)
#   --at-seconds  the wall time at which the table reports each run's held-out PER
#   --heldout     separate held-out data dir (default: the trainer's seeded heldOutFraction)
#   --summary-only  only (re)write OUT/convergence.md from the run dirs there
# Run it from the dir that feats.scp's paths are relative to (Kaldi style), e.g. for the mini
# recipe's data (recipes/mini/run.sh --stop-stage 2):
#   cd recipes/mini && ../../scripts/experiments/convergence.sh --data data/fbank/train_si284 \
#     --lang data/lang --out exp/convergence --max-epochs 20
#
# A setting is NAME.json (complete training overrides, the keys of config.json) and optionally
# NAME.model.json (the architecture; default data/nas/tdnn6-cpu.json): dropout and width are model
# options, so dropout0 and width384 come as model JSON copies. Resumable: a run with final.model is
# skipped, one with checkpoint.bin continues with --resume, anything else starts afresh.
#
# Wall time is the cumulative `seconds` column of epochs.csv (each row is one epoch's training
# plus held-out evaluation; JVM start and data loading are not counted). Runs side by side share
# the cores, so compare settings run with the same --jobs on the same machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
asr="$root/bin/asr"
confdir="$here/convergence"

data=""
lang=""
out=""
heldout=""
jobs=2
seeds="1 2"
settings=""
max_epochs=""
at_seconds=300
summary_only=false

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while (($# > 0)); do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --heldout) heldout="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --settings) settings="$2"; shift 2 ;;
    --max-epochs) max_epochs="$2"; shift 2 ;;
    --at-seconds) at_seconds="$2"; shift 2 ;;
    --summary-only) summary_only=true; shift ;;
    -h | --help) usage ;;
    *) echo "convergence.sh: unknown option $1" >&2; usage ;;
  esac
done
[[ -n "$out" ]] || { echo "convergence.sh: --out is required" >&2; usage; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "convergence.sh: --jobs must be >= 1" >&2; exit 2; }
[[ -z "$max_epochs" || "$max_epochs" =~ ^[1-9][0-9]*$ ]] ||
  { echo "convergence.sh: --max-epochs must be >= 1" >&2; exit 2; }
[[ "$at_seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] ||
  { echo "convergence.sh: --at-seconds must be a number" >&2; exit 2; }
if [[ -z "$settings" ]]; then
  settings="$(cd "$confdir" && for f in *.json; do
    [[ "$f" == *.model.json ]] || echo "${f%.json}"
  done | tr '\n' ' ')"
fi
for s in $settings; do
  [[ -f "$confdir/$s.json" ]] || { echo "convergence.sh: no setting $confdir/$s.json" >&2; exit 2; }
done
mkdir -p "$out/logs" "$out/configs"

# One run: NAME SEED. Prints one line on how it went; returns non-zero if the run failed.
run_one() {
  local name="$1" seed="$2"
  local dir="$out/$name-s$seed" log="$out/logs/$name-s$seed.log"
  if [[ -f "$dir/final.model" ]]; then
    echo "$name seed $seed: finished before, skipped"
    return 0
  fi
  local args=(train --data "$data" --lang "$lang" --out "$dir" --seed "$seed" --threads 1)
  if [[ -n "$heldout" ]]; then
    args+=(--heldout "$heldout")
  fi
  if [[ -f "$dir/checkpoint.bin" ]]; then
    args+=(--resume)
    echo "$name seed $seed: resuming ($(date -u +%T))"
  else
    local model="$confdir/$name.model.json"
    [[ -f "$model" ]] || model="$root/data/nas/tdnn6-cpu.json"
    local cfg="$out/configs/$name.json"
    args+=(--model "$model" --config "$cfg")
    echo "$name seed $seed: starting ($(date -u +%T))"
  fi
  if "$asr" "${args[@]}" >> "$log" 2>&1; then
    echo "$name seed $seed: done ($(date -u +%T))"
  else
    echo "$name seed $seed: FAILED, see $log" >&2
    return 1
  fi
}

failed=0
if ! $summary_only; then
  [[ -f "$data/feats.scp" ]] || { echo "convergence.sh: no $data/feats.scp" >&2; exit 2; }
  [[ -f "$lang/units.txt" && -f "$lang/lexicon.txt" ]] ||
    { echo "convergence.sh: $lang lacks units.txt or lexicon.txt" >&2; exit 2; }
  for s in $settings; do
    if [[ -n "$max_epochs" ]]; then
      grep -q '"maxEpochs"' "$confdir/$s.json" ||
        { echo "convergence.sh: $s.json has no maxEpochs to replace" >&2; exit 2; }
      sed -E "s/\"maxEpochs\"[[:space:]]*:[[:space:]]*[0-9]+/\"maxEpochs\": $max_epochs/" \
        "$confdir/$s.json" > "$out/configs/$s.json"
    else
      cp "$confdir/$s.json" "$out/configs/$s.json"
    fi
  done
  # build the jar once before the jobs start (bin/asr builds it when sources are newer)
  "$asr" --version > /dev/null
  export -f run_one
  export out data lang heldout confdir root asr
  for s in $settings; do
    for seed in $seeds; do
      printf '%s %s\n' "$s" "$seed"
    done
  done | xargs -P "$jobs" -n 2 bash -c 'run_one "$@"' _ || failed=1
fi

# The table. Per run: wall seconds (cumulative epochs.csv seconds) at the end of the first epoch
# with held-out PER below 50% and 20%; the PER of the last epoch finished by --at-seconds; the
# best PER; epochs. Per setting: the means over its seeds (times over the seeds that got there).
runs=()
for s in $settings; do
  for seed in $seeds; do
    runs+=("$s" "$seed" "$out/$s-s$seed/epochs.csv")
  done
done
awk -v at="$at_seconds" -v ORS='\n' '
  function fmt(x, d) { return x == "" ? "not reached" : sprintf("%." d "f", x) }
  function mean(sum, n, d) { return n == 0 ? "-" : sprintf("%." d "f", sum / n) }
  BEGIN {
    n = ARGC - 1
    for (i = 1; i < ARGC; i += 3) {
      name = ARGV[i]; seed = ARGV[i + 1]; file = ARGV[i + 2]
      if (!(name in seen)) { seen[name] = 1; order[++ns] = name }
      col_sec = col_per = 0; t = 0; t50 = t20 = ""; per_at = ""; best = ""; epochs = 0
      ok = (getline line < file) > 0
      if (ok) {
        nf = split(line, h, ",")
        for (k = 1; k <= nf; k++) {
          if (h[k] == "seconds") col_sec = k
          if (h[k] == "heldout_per") col_per = k
        }
        ok = col_sec > 0 && col_per > 0
      }
      while (ok && (getline line < file) > 0) {
        split(line, f, ",")
        t += f[col_sec]; per = f[col_per] + 0; epochs++
        if (t50 == "" && per < 50) t50 = t
        if (t20 == "" && per < 20) t20 = t
        if (t <= at + 1e-6) per_at = per
        if (best == "" || per < best) best = per
      }
      close(file)
      if (epochs == 0) {
        row[name, seed] = sprintf("| %s | %s | no epochs yet | | | | | |", name, seed)
        continue
      }
      row[name, seed] = sprintf("| %s | %s | %s | %s | %s | %s | %d | %.0f |", name, seed,
        fmt(t50, 0), fmt(t20, 0), per_at == "" ? "no epoch by then" : sprintf("%.2f", per_at),
        sprintf("%.2f", best), epochs, t)
      seeds_of[name] = seeds_of[name] " " seed
      runs_n[name]++
      if (t50 != "") { s50[name] += t50; n50[name]++ }
      if (t20 != "") { s20[name] += t20; n20[name]++ }
      if (per_at != "") { sat[name] += per_at; nat[name]++ }
      sbest[name] += best; sep[name] += epochs; stime[name] += t
    }
    print "# Convergence"
    print ""
    printf "Wall time: cumulative `seconds` of epochs.csv (training plus held-out evaluation per"
    printf " epoch), measured at the end of the first epoch that reaches the PER. Held-out PER"
    printf " (greedy, percent) at %s s: the last epoch finished by then.\n", at
    print ""
    printf "| setting | seed | s to PER < 50%% | s to PER < 20%% | PER at %s s | best PER |", at
    print " epochs | total s |"
    print "|---|---|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i < ARGC; i += 3) print row[ARGV[i], ARGV[i + 1]]
    print ""
    print "Means over seeds (a time over the seeds that reached the PER, k/n):"
    print ""
    printf "| setting | runs | s to PER < 50%% | s to PER < 20%% | PER at %s s | best PER |", at
    print " epochs | total s |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    for (j = 1; j <= ns; j++) {
      name = order[j]; r = runs_n[name] + 0
      if (r == 0) { printf "| %s | 0 | | | | | | |\n", name; continue }
      printf "| %s | %d | %s (%d/%d) | %s (%d/%d) | %s | %.2f | %.1f | %.0f |\n", name, r,
        mean(s50[name], n50[name], 0), n50[name], r, mean(s20[name], n20[name], 0), n20[name], r,
        mean(sat[name], nat[name], 2), sbest[name] / r, sep[name] / r, stime[name] / r
    }
    exit 0
  }' "${runs[@]}" > "$out/convergence.md.tmp"
mv "$out/convergence.md.tmp" "$out/convergence.md"
echo "convergence.sh: wrote $out/convergence.md"
if ((failed)); then
  echo "convergence.sh: some runs failed (logs in $out/logs); rerun to resume them" >&2
  exit 1
fi
