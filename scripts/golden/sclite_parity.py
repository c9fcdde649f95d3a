#!/usr/bin/python3
"""Checks that `asr score` counts errors exactly as NIST sclite does.

Generates random reference/hypothesis pairs (insertions, deletions, substitutions, case changes,
empty sides, ids with '-' and '_'), scores them with /usr/lib/sctk/bin/sclite and with
`bin/asr score`, and compares per-utterance (#C #S #D #I), per-speaker and total counts.
Exit status 0 when everything is identical.

  scripts/golden/sclite_parity.py --pairs 5000
  scripts/golden/sclite_parity.py --pairs 500 --seed 1 --write-golden \
      asr-decoder/src/test/resources/org/asrnas/decoder/score/parity

With --stm-ctm, generates random STM/CTM pairs instead (several recordings, two channels,
speakers, random segment times, empty and ignored segments, hypothesis words inside, between,
before and after segments and with midpoints on segment ends, substitutions, deletions,
insertions, optionally deletable (w) and fragment words, hyphenated words, confidences on some
lines), filters both with SCTK's csrfilt.sh -dh and a random GLM when --glm is given, and scores
them as hubscr.pl does (sclite -r REF stm -h HYP ctm -F -D) and with
`asr score --stm --ctm [--glm]`; it compares per-segment, per-speaker and total counts.

  scripts/golden/sclite_parity.py --stm-ctm --pairs 40 --files 30
  scripts/golden/sclite_parity.py --stm-ctm --glm --pairs 40 --files 30
  scripts/golden/sclite_parity.py --stm-ctm --glm-file en20030506.glm --pairs 20 --files 30
  scripts/golden/sclite_parity.py --stm-ctm --glm --pairs 1 --files 25 --seed 7 --write-golden \
      asr-decoder/src/test/resources/org/asrnas/decoder/score/stmctm

Only the Python standard library is used; sclite comes from Debian's sctk package.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

SCTK_BIN = "/usr/lib/sctk/bin"
SCLITE = SCTK_BIN + "/sclite"


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


STM_VOCAB = ["w%02d" % i for i in range(20)] + ["the", "a", "cat", "uh", "um", "uh-huh",
                                                 "well-known", "wor-", "-ing", "mm-hmm"]
GLM_RULES = [("W01", "W02"), ("UH", "%HESITATION"), ("UM", "%HESITATION"), ("W03 W04", "W05"),
             ("W06", "W07 W08"), ("THE CAT", "THECAT"), ("W09", "W10 W11 W12")]


def glm_file_words(path, rnd, n):
    """Words of n random one-word '[ ] __ [ ]' rules without alternatives of a real GLM file."""
    words = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            r = line.split(";;")[0].strip()
            if "=>" not in r or "{" in r or not re.search(r"/\s*\[\s*\]\s*__\s*\[\s*\]\s*$", r):
                continue
            frm = r.split("=>")[0].replace("[", " ").replace("]", " ").split()
            if len(frm) == 1:
                words.append(frm[0].lower())
    return rnd.sample(words, min(n, len(words)))


def usable_glm(path, out):
    """The rules of a real GLM that asr score implements, as recipes/common/score_ctm.sh keeps
    them, restricted to the '[ ] __ [ ]' context (rfilter1 applies context-free rules to
    substrings)."""
    with open(path, encoding="latin-1") as f, open(out, "w", encoding="latin-1") as g:
        for line in f:
            r = line.split(";;")[0].strip()
            if "=>" in r and ("{" in r or not re.search(r"/\s*\[\s*\]\s*__\s*\[\s*\]\s*$", r)):
                continue
            g.write(line.rstrip("\r\n") + "\n")


def make_stm_ctm(rnd, n_files, pair):
    """Random STM segments and CTM words: (stm lines, ctm lines), both unsorted."""
    stm, ctm = [], []
    for fi in range(n_files):
        fname = "%s_%04d" % (rnd.choice(["sw", "en", "rec"]), pair * 1000 + fi)
        for chan in ["A", "B"]:
            speakers = ["%s_%s%d" % (fname[:2], chan.lower(), k) for k in range(rnd.choice([1, 2]))]
            t = round(rnd.uniform(0, 2), 2)
            hyp_times = []  # (begin, dur, word)
            no_hyp = rnd.random() < 0.05
            for si in range(rnd.choice([1, 1, 2, 3, 5, 8])):
                t1 = round(t + rnd.choice([0, 0.01, 0.3, 1.5, rnd.uniform(0, 3)]), 2)
                n = rnd.choice([0, 1, 2, 3, 4, 6, 9])
                t2 = round(t1 + max(0.01, n * rnd.uniform(0.15, 0.5) + rnd.uniform(0, 1)), 2)
                t = t2
                ref = []
                for _ in range(n):
                    w = rnd.choice(STM_VOCAB)
                    if rnd.random() < 0.12:
                        w = "(" + w + ")"
                    ref.append(w)
                spk = rnd.choice(speakers)
                ignored = rnd.random() < 0.05
                text = "ignore_time_segment_in_scoring" if ignored else " ".join(ref)
                if rnd.random() < 0.1:
                    text = text.upper()
                label = rnd.choice(["", "", "<o,f0,male> "])
                stm.append("%s %s %s %.2f %.2f %s%s" % (fname, chan, spk, t1, t2, label, text))
                # hypothesis: edit the reference, spread the words over the segment
                p_sub, p_del, p_ins = rnd.random() * 0.4, rnd.random() * 0.3, rnd.random() * 0.3
                hyp = []
                for w in ref:
                    w = w.strip("()")
                    if rnd.random() < p_ins:
                        hyp.append(rnd.choice(STM_VOCAB))
                    r = rnd.random()
                    if r < p_del:
                        continue
                    hyp.append(rnd.choice(STM_VOCAB) if r < p_del + p_sub else w)
                if rnd.random() < p_ins or (not ref and rnd.random() < 0.3):
                    hyp.append(rnd.choice(STM_VOCAB))
                if not hyp:
                    continue
                span = t2 - t1
                mode = rnd.random()
                for k, w in enumerate(hyp):
                    dur = round(rnd.choice([0.02, 0.1, 0.2, span / max(1, len(hyp))]), 2)
                    if mode < 0.7:  # inside, jittered
                        b = t1 + span * k / len(hyp) + rnd.uniform(-0.05, 0.05)
                    elif mode < 0.8:  # shifted around the end (midpoint near t2)
                        b = t2 - dur / 2 + rnd.choice([-0.01, 0, 0, 0.01]) + 0.001 * k
                    elif mode < 0.9:  # before the segment, in the gap
                        b = t1 - rnd.uniform(0.01, 1.0) - 0.05 * k
                    else:  # after the segment
                        b = t2 + rnd.uniform(0.01, 1.0) + 0.05 * k
                    hyp_times.append((round(max(0.0, b), 2), dur, w))
            # stray words before the first and after the last segment
            for _ in range(rnd.choice([0, 0, 1, 2])):
                hyp_times.append((round(rnd.uniform(0, 0.5), 2), 0.1, rnd.choice(STM_VOCAB)))
                hyp_times.append((round(t + rnd.uniform(0.1, 2), 2), 0.1, rnd.choice(STM_VOCAB)))
            if no_hyp:
                continue
            # unique begin times per channel, so that sorting is not ambiguous
            seen = set()
            for b, dur, w in hyp_times:
                while b in seen:
                    b = round(b + 0.01, 2)
                seen.add(b)
                if rnd.random() < 0.1:
                    w = w.upper()
                conf = " %.3f" % rnd.random() if rnd.random() < 0.5 else ""
                ctm.append("%s %s %.2f %.2f %s%s" % (fname, chan, b, dur, w, conf))
    return stm, ctm


def sort_key_stm(line):
    f = line.split()
    return (f[0], f[1], float(f[3]))


def sort_key_ctm(line):
    f = line.split()
    return (f[0], f[1], float(f[2]))


def parse_raw_stm(path):
    """Rows of sclite's raw summary, with or without the NCE column."""
    rows = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s*\|\s*(\S+)\s*\|\s*([\d\s]+)\|\s*([\d\s]+)\|", line)
            if m:
                nums = [int(x) for x in (m.group(2) + " " + m.group(3)).split()]
                if len(nums) == 8:
                    rows[m.group(1)] = tuple(nums)
    return rows


def stm_ctm_main(a):
    rnd = random.Random(a.seed)
    if a.glm_file:
        a.glm = True
        STM_VOCAB.extend(glm_file_words(a.glm_file, rnd, 40))
    n_seg = n_same_seg = n_rows = n_same_rows = words = 0
    failed = 0
    for pair in range(a.pairs):
        stm, ctm = make_stm_ctm(rnd, a.files, pair)
        with tempfile.TemporaryDirectory() as tmp:
            if a.keep:
                tmp = os.path.join(a.keep, "pair%03d" % pair)
                os.makedirs(tmp, exist_ok=True)
            ref, hyp = os.path.join(tmp, "ref.stm"), os.path.join(tmp, "hyp.ctm")
            sref, shyp = os.path.join(tmp, "sorted.stm"), os.path.join(tmp, "sorted.ctm")
            glm = os.path.join(tmp, "rules.glm")
            if a.glm_file:
                usable_glm(a.glm_file, glm)
            else:
                with open(glm, "w") as f:
                    f.write(";; random test GLM\n")
                    for k, v in GLM_RULES:
                        f.write("%s => %s / [ ] __ [ ]\n" % (k, v))
            with open(ref, "w") as f:
                f.write(";; random reference\n" + "\n".join(rnd.sample(stm, len(stm))) + "\n")
            with open(hyp, "w") as f:
                f.write("\n".join(rnd.sample(ctm, len(ctm))) + "\n")
            # hubscr.pl sorts both files before filtering and scoring
            with open(sref, "w") as f:
                f.write("\n".join(sorted(stm, key=sort_key_stm)) + "\n")
            with open(shyp, "w") as f:
                f.write("\n".join(sorted(ctm, key=sort_key_ctm)) + "\n")
            env = dict(os.environ, PATH=SCTK_BIN + ":" + os.environ["PATH"])
            if a.glm:
                for src, kind, purpose in ((sref, "stm", "ref"), (shyp, "ctm", "hyp")):
                    with open(src) as fin, open(src + ".filt", "w") as fout:
                        subprocess.run([SCTK_BIN + "/csrfilt.sh", "-dh", "-i", kind, "-t", purpose,
                                        glm], stdin=fin, stdout=fout, check=True, env=env)
                sref, shyp = sref + ".filt", shyp + ".filt"
            subprocess.run([SCLITE, "-r", sref, "stm", "-h", shyp, "ctm", "-F", "-D",
                            "-o", "rsum", "pra", "-O", tmp, "-n", "sclite"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            s_seg = parse_pra(os.path.join(tmp, "sclite.pra"))
            s_spk = parse_raw_stm(os.path.join(tmp, "sclite.raw"))
            ours = os.path.join(tmp, "ours")
            subprocess.run([a.asr, "score", "--stm", ref, "--ctm", hyp, "--out", ours]
                           + (["--glm", glm] if a.glm else []), check=True,
                           stdout=subprocess.DEVNULL)
            o_seg = parse_pra(os.path.join(ours, "pra.txt"))
            o_spk = parse_counts_tsv(os.path.join(ours, "counts.tsv"))
            o_spk["Sum"] = o_spk.pop("Sum")
            for k in ("SW", "CH"):
                o_spk.pop(k, None)
            same_seg = sum(1 for k in s_seg if o_seg.get(k) == s_seg[k])
            diff_spk = [k for k in s_spk if o_spk.get(k) != s_spk[k]]
            n_seg += len(s_seg)
            n_same_seg += same_seg
            n_rows += len(s_spk)
            n_rows_ok = len(s_spk) - len(diff_spk)
            n_same_rows += n_rows_ok
            words += s_spk["Sum"][1]
            ok = same_seg == len(s_seg) == len(o_seg) and not diff_spk
            if not ok:
                failed += 1
                for k in [k for k in s_seg if o_seg.get(k) != s_seg[k]][:5]:
                    print("  pair %d differs: %s sclite %s ours %s" % (pair, k, s_seg[k],
                                                                     o_seg.get(k)))
                for k in diff_spk[:5]:
                    print("  pair %d differs: speaker %s sclite %s ours %s" %
                          (pair, k, s_spk[k], o_spk.get(k)))
            if a.write_golden:
                os.makedirs(a.write_golden, exist_ok=True)
                suffix = "_glm" if a.glm else ""
                for src, name in ((ref, "ref.stm"), (hyp, "hyp.ctm"), (glm, "rules.glm")):
                    with open(src) as fin, open(os.path.join(a.write_golden, name), "w") as fout:
                        fout.write(fin.read())
                with open(os.path.join(a.write_golden, "sclite_segments%s.tsv" % suffix), "w") as f:
                    f.write("id\tcorr\tsub\tdel\tins\n")
                    for k, v in s_seg.items():
                        f.write("%s\t%d\t%d\t%d\t%d\n" % ((k,) + v))
                with open(os.path.join(a.write_golden, "sclite_speakers%s.tsv" % suffix), "w") as f:
                    f.write("speaker\tsnt\twrd\tcorr\tsub\tdel\tins\terr\tserr\n")
                    for k, v in s_spk.items():
                        f.write("%s\t%s\n" % (k, "\t".join(str(x) for x in v)))
                print("golden files in %s" % a.write_golden)
    print("pairs: %d (%d recordings x 2 channels each)  segments scored: %d  reference words: %d%s"
          % (a.pairs, a.files, n_seg, words, "  (csrfilt -dh with a GLM)" if a.glm else ""))
    print("per-segment counts identical: %d/%d" % (n_same_seg, n_seg))
    print("per-speaker and total rows identical: %d/%d" % (n_same_rows, n_rows))
    print("pairs identical: %d/%d" % (a.pairs - failed, a.pairs))
    print("PARITY: " + ("identical" if failed == 0 else "DIFFERENT"))
    return 0 if failed == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--asr", default=os.path.join(os.path.dirname(__file__), "../../bin/asr"))
    ap.add_argument("--write-golden", metavar="DIR")
    ap.add_argument("--cer", action="store_true", help="characters: sclite -c vs asr score --cer")
    ap.add_argument("--stm-ctm", action="store_true", help="random STM/CTM pairs (hubscr.pl way)")
    ap.add_argument("--files", type=int, default=30, help="recordings per STM/CTM pair")
    ap.add_argument("--glm", action="store_true", help="with --stm-ctm: csrfilt -dh, random GLM")
    ap.add_argument("--glm-file", metavar="GLM", help="with --stm-ctm: a real GLM (its "
                    "'[ ] __ [ ]' rules without alternatives) instead of the random one")
    ap.add_argument("--keep", metavar="DIR", help="with --stm-ctm: keep each pair's files in DIR")
    a = ap.parse_args()
    if a.stm_ctm:
        return stm_ctm_main(a)
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
