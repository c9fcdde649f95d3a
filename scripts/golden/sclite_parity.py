#!/usr/bin/python3
"""Checks that `asr score` counts errors exactly as NIST sclite does.

Generates random reference/hypothesis pairs (insertions, deletions, substitutions, case changes,
empty sides, ids with '-' and '_'), scores them with /usr/lib/sctk/bin/sclite and with
`bin/asr score`, and compares per-utterance (#C #S #D #I), per-speaker and total counts.
Exit status 0 when everything is identical.

  scripts/golden/sclite_parity.py --pairs 5000
  scripts/golden/sclite_parity.py --pairs 500 --seed 1 --write-golden \
      asr-decoder/src/test/resources/org/asrnas/decoder/score/parity

Only the Python standard library is used; sclite comes from Debian's sctk package.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

SCLITE = "/usr/lib/sctk/bin/sclite"


def make_pairs(n, seed):
    rnd = random.Random(seed)
    vocab = ["w%02d" % i for i in range(25)] + ["the", "a", "of", "cat", "sat", "uh-huh"]
    speakers = ["spk%02d" % i for i in range(12)] + ["sw_%02d" % i for i in range(3)]
    pairs = []
    for i in range(n):
        spk = rnd.choice(speakers)
        uid = "%s-utt%05d" % (spk, i)
        ref = [rnd.choice(vocab) for _ in range(rnd.choice([0, 1, 2, 3, 5, 8, 12, 20]))]
        mode = rnd.random()
        if mode < 0.05:
            hyp = []
        elif mode < 0.1:
            hyp = [rnd.choice(vocab) for _ in range(rnd.randint(1, 10))]
        else:
            p_sub, p_del, p_ins = rnd.random() * 0.4, rnd.random() * 0.3, rnd.random() * 0.3
            hyp = []
            for w in ref:
                if rnd.random() < p_ins:
                    hyp.append(rnd.choice(vocab))
                r = rnd.random()
                if r < p_del:
                    continue
                if r < p_del + p_sub:
                    hyp.append(rnd.choice(vocab))
                else:
                    hyp.append(w)
            if rnd.random() < p_ins:
                hyp.append(rnd.choice(vocab))
        # sclite folds case by default: change the case of some hypothesis words
        hyp = [w.upper() if rnd.random() < 0.1 else w for w in hyp]
        pairs.append((uid, ref, hyp))
    return pairs


def write_trn(path, pairs, side):
    with open(path, "w") as f:
        for uid, ref, hyp in pairs:
            words = ref if side == 0 else hyp
            f.write((" ".join(words) + " " if words else "") + "(" + uid + ")\n")


def parse_pra(path):
    out = {}
    uid = None
    with open(path) as f:
        for line in f:
            m = re.match(r"^id: \((.*)\)", line)
            if m:
                uid = m.group(1).lower()
            m = re.match(r"^Scores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)", line)
            if m:
                out[uid] = tuple(int(x) for x in m.groups())
    return out


def parse_raw(path):
    """Speaker rows and the Sum row of sclite's raw summary: (snt, wrd, corr, sub, del, ins, err, serr)."""
    rows = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s*\|\s*(\S+)\s*\|\s*([\d\s]+)\|\s*([\d\s]+)\|\s*$", line)
            if m:
                nums = [int(x) for x in (m.group(2) + " " + m.group(3)).split()]
                if len(nums) == 8:
                    rows[m.group(1)] = tuple(nums)
    return rows


def parse_counts_tsv(path):
    rows = {}
    with open(path) as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            rows[p[0]] = tuple(int(x) for x in p[1:])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--asr", default=os.path.join(os.path.dirname(__file__), "../../bin/asr"))
    ap.add_argument("--write-golden", metavar="DIR")
    ap.add_argument("--cer", action="store_true", help="characters: sclite -c vs asr score --cer")
    a = ap.parse_args()
    pairs = make_pairs(a.pairs, a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = os.path.join(tmp, "ref.trn"), os.path.join(tmp, "hyp.trn")
        write_trn(ref, pairs, 0)
        write_trn(hyp, pairs, 1)
        subprocess.run([SCLITE, "-r", ref, "trn", "-h", hyp, "trn", "-i", "rm", "-O", tmp,
                        "-o", "rsum", "pra"] + (["-c"] if a.cer else []), check=True,
                       stdout=subprocess.DEVNULL)
        s_utt = parse_pra(os.path.join(tmp, "hyp.trn.pra"))
        s_spk = parse_raw(os.path.join(tmp, "hyp.trn.raw"))
        ours = os.path.join(tmp, "ours")
        subprocess.run([a.asr, "score", "--ref", ref, "--hyp", hyp, "--out", ours]
                       + (["--cer"] if a.cer else []), check=True, stdout=subprocess.DEVNULL)
        o_utt = parse_pra(os.path.join(ours, "pra.txt"))
        o_spk = parse_counts_tsv(os.path.join(ours, "counts.tsv"))
        o_spk["Sum/Avg"] = o_spk.pop("Sum")
        s_spk["Sum/Avg"] = s_spk.pop("Sum/Avg", s_spk.pop("Sum", None))
        same_utt = sum(1 for k in s_utt if o_utt.get(k) == s_utt[k])
        diff_utt = [k for k in s_utt if o_utt.get(k) != s_utt[k]]
        diff_spk = [k for k in s_spk if o_spk.get(k) != s_spk[k]]
        tot = s_spk["Sum/Avg"]
        print("pairs: %d  reference words: %d  sclite totals: Corr %d Sub %d Del %d Ins %d" %
              (len(pairs), tot[1], tot[2], tot[3], tot[4], tot[5]))
        print("per-utterance counts identical: %d/%d" % (same_utt, len(s_utt)))
        print("per-speaker and total rows identical: %d/%d" %
              (len(s_spk) - len(diff_spk), len(s_spk)))
        for k in diff_utt[:10]:
            print("  differs: %s sclite %s ours %s" % (k, s_utt[k], o_utt.get(k)))
        for k in diff_spk[:10]:
            print("  differs: speaker %s sclite %s ours %s" % (k, s_spk[k], o_spk.get(k)))
        if a.write_golden:
            os.makedirs(a.write_golden, exist_ok=True)
            write_trn(os.path.join(a.write_golden, "ref.trn"), pairs, 0)
            write_trn(os.path.join(a.write_golden, "hyp.trn"), pairs, 1)
            with open(os.path.join(a.write_golden, "sclite_utterances.tsv"), "w") as f:
                f.write("id\tcorr\tsub\tdel\tins\n")
                for k, v in s_utt.items():
                    f.write("%s\t%d\t%d\t%d\t%d\n" % ((k,) + v))
            with open(os.path.join(a.write_golden, "sclite_speakers.tsv"), "w") as f:
                f.write("speaker\tsnt\twrd\tcorr\tsub\tdel\tins\terr\tserr\n")
                for k, v in s_spk.items():
                    f.write("%s\t%s\n" % (k, "\t".join(str(x) for x in v)))
            print("golden files in %s" % a.write_golden)
        ok = not diff_utt and not diff_spk and len(o_utt) == len(s_utt)
        print("PARITY: " + ("identical" if ok else "DIFFERENT"))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
