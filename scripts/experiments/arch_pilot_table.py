#!/usr/bin/env python3
"""Table of the architecture pilot (arch_pilot.sh): per architecture the mean and seed standard
deviation of greedy PER and lexicon + LM WER on every test set, and for every architecture against
the baseline (or for every pair given with --pairs, e.g. the same architecture under two training
configs) the mean paired difference (same seed) with a 95% Student t confidence interval.

Reads OUT/ARCH-sSEED/results.tsv (recipes/common/system.sh: set, PER, WER, LM weight, word score)
and the parameter count from OUT/ARCH-sSEED/params.tsv (the trainer's; runs made before it
existed: the 'total params' line of train.log). Standard library only."""
import argparse
import math
import os
import re
import statistics

# two-sided 95% quantiles of Student's t, df 1..30
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def read_results(path):
    rows = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) >= 3 and p[0] != "set":
                try:
                    rows[p[0]] = (float(p[1]), float(p[2]))
                except ValueError:
                    pass
    return rows


def total_params(run_dir):
    """The total row of the trainer's params.tsv, else the 'total params N' line of train.log."""
    tsv = os.path.join(run_dir, "params.tsv")
    if os.path.exists(tsv):
        with open(tsv) as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if p[0] == "total" and len(p) >= 3:
                    return f"{int(p[2]):,}"
    log = os.path.join(run_dir, "train.log")
    if os.path.exists(log):
        with open(log) as f:
            for line in f:
                m = re.search(r"total params ([0-9,]+)", line)
                if m:
                    return m.group(1)
    return ""


def ci(diffs):
    n = len(diffs)
    m = statistics.mean(diffs)
    if n < 2:
        return m, None
    h = T975[n - 2] * statistics.stdev(diffs) / math.sqrt(n)
    return m, h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--archs", required=True)
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--sets", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--pairs", default="", help="'A:B ...': report A - B instead of each - baseline")
    ap.add_argument("--title", default="Architecture pilot")
    a = ap.parse_args()
    archs, seeds, sets = a.archs.split(), a.seeds.split(), a.sets.split()
    res = {}
    for ar in archs:
        for s in seeds:
            p = os.path.join(a.out, f"{ar}-s{s}", "results.tsv")
            if os.path.exists(p):
                res[(ar, s)] = read_results(p)
    pairs = [tuple(p.split(":", 1)) for p in a.pairs.split()]
    if not pairs:
        pairs = [(ar, a.baseline) for ar in archs if ar != a.baseline]
    print(f"# {a.title}\n")
    print(f"Seeds {' '.join(seeds)}; a cell is the mean over the seeds that finished ± the sample "
          "standard deviation over seeds (n in brackets). PER: greedy phone error rate; WER: "
          "lexicon + LM, weight tuned on the dev set.\n")
    print("## Per system\n" if a.pairs else "## Per architecture\n")
    label = "system" if a.pairs else "architecture"
    print(f"| {label} | params | " + " | ".join(f"{x} PER | {x} WER" for x in sets) + " |")
    print("|---|---:|" + "---:|---:|" * len(sets))
    for ar in archs:
        done = [s for s in seeds if (ar, s) in res]
        params = ""
        for s in done:
            params = params or total_params(os.path.join(a.out, f"{ar}-s{s}"))
        cells = []
        for x in sets:
            for k in (0, 1):
                v = [res[(ar, s)][x][k] for s in done if x in res[(ar, s)]]
                if not v:
                    cells.append("–")
                elif len(v) == 1:
                    cells.append(f"{v[0]:.2f} (1)")
                else:
                    cells.append(f"{statistics.mean(v):.2f} ± {statistics.stdev(v):.2f} ({len(v)})")
        print(f"| {ar} | {params} | " + " | ".join(cells) + " |")
    if a.pairs:
        print("\n## Paired differences\n")
        print("Mean over seeds of (system − reference) for the same seed, with the 95% t interval; "
              "'differs' only where the interval excludes 0.\n")
    else:
        print("\n## Paired differences against " + a.baseline + "\n")
        print("Mean over seeds of (architecture − baseline) for the same seed, with the 95% t "
              "interval; 'differs' only where the interval excludes 0.\n")
    print("| system | reference | set | metric | n | mean diff | 95% CI | verdict |")
    print("|---|---|---|---|---:|---:|---|---|")
    for ar, base in pairs:
        for x in sets:
            for k, name in ((0, "PER"), (1, "WER")):
                d = [res[(ar, s)][x][k] - res[(base, s)][x][k] for s in seeds
                     if (ar, s) in res and (base, s) in res
                     and x in res[(ar, s)] and x in res[(base, s)]]
                if not d:
                    continue
                m, h = ci(d)
                if h is None:
                    print(f"| {ar} | {base} | {x} | {name} | 1 | {m:+.2f} | – | n = 1 |")
                    continue
                verdict = "differs" if abs(m) > h else "not distinguishable"
                print(f"| {ar} | {base} | {x} | {name} | {len(d)} | {m:+.2f} | [{m - h:+.2f}, {m + h:+.2f}] "
                      f"| {verdict} |")
    if a.pairs:
        return
    print("\n## Spread between architectures against the seed spread\n")
    print("Issue 13's criterion: the architectures can rank a search only if the spread of the "
          "architecture means (max − min) is above twice the seed spread (the largest "
          "per-architecture standard deviation over seeds).\n")
    print("| set | metric | arch spread | seed spread | ratio | above 2× |")
    print("|---|---|---:|---:|---:|---|")
    for x in sets:
        for k, name in ((0, "PER"), (1, "WER")):
            means, sds = [], []
            for ar in archs:
                v = [res[(ar, s)][x][k] for s in seeds if (ar, s) in res and x in res[(ar, s)]]
                if len(v) >= 2:
                    means.append(statistics.mean(v))
                    sds.append(statistics.stdev(v))
            if len(means) < 2:
                continue
            spread, sd = max(means) - min(means), max(sds)
            ratio = spread / sd if sd > 0 else float("inf")
            print(f"| {x} | {name} | {spread:.2f} | {sd:.2f} | {ratio:.1f} | "
                  f"{'yes' if ratio > 2 else 'no'} |")


if __name__ == "__main__":
    main()
