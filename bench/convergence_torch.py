#!/usr/bin/python3
"""PyTorch side of bench/convergence.sh: trains the network of an architecture JSON (TDNN ops
only, e.g. data/nas/tdnn6-cpu.json) as `asr train` does (org.asrnas.nas.train.Trainer), on the same
inputs and the same batches in the same order, and logs held-out loss and greedy PER per epoch.

Matched with the Java trainer:
  inputs   Kaldi binary feats.scp (FM/DM), per-speaker CMVN over the data dir (normVars), deltas
           (Kaldi's regression filter, edge frames replicated) -> 120 dims (Corpus + Batch.of)
  targets  first pronunciation of every word (lexicon.txt, upper-cased), ids from units.txt;
           an utterance with an unknown word or phone is skipped, as Corpus does
  batches  Batch.plan: sorted by (frames, id), packed while count x longest <= batchFrames;
           the epoch's order is Seeds.shuffle(plan, Seeds.random(seed, "batch-order/EPOCH")),
           reproduced here bit for bit (FNV-1a + SplitMix64 + java.util.Random)
  network  AcousticModel: fixed layers before node p, Conv1d(k 2C+1, dilation D, padding C*D,
           stride S) -> ReLU -> LayerNorm(channels, eps 1e-5) -> Dropout, padding frames zeroed
           after every layer (lengths -> ceil(L/S)), then Linear to the units
  loss     sum of per-utterance CTC over the utterances that have an alignment, divided by their
           number (Trainer.trainStep); zero_infinity as CtcLoss skips unalignable ones
  optimiser Adam (lr, betas, eps of the config), global-norm clip, update skipped on a non-finite
           norm; the lr schedule of TrainConfig (decay after decayAfterEpoch on a non-improving
           held-out loss, stop below minLearningRate or at maxEpochs)
  timing   an epoch's seconds cover its training steps and the held-out evaluation, as the
           `seconds` column of epochs.csv (loading and delta computation are outside; Java
           computes deltas per batch inside the epoch)
Not matched: initial weights and dropout masks (same distributions, different random streams).

Usage: convergence_torch.py --train DIR --heldout DIR --lang DIR --model JSON --config JSON
         --threads N --out CSV [--target-per 20] [--check JAVA_DIR [--check-only]]
--check compares the inputs and batch order with what bench/ConvergenceInputs.java wrote.
Training stops at the first epoch whose held-out PER is below --target-per."""
import argparse
import json
import math
import os
import re
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DEFAULTS = {  # TrainConfig.defaults()
    "seed": 1, "maxEpochs": 50, "batchFrames": 10000, "learningRate": 1e-3, "beta1": 0.9,
    "beta2": 0.999, "epsilon": 1e-8, "clipNorm": 5.0, "decayAfterEpoch": 11, "decayFactor": 10.0,
    "minImprovement": 0.0, "minLearningRate": 1e-5, "deltaOrder": 2, "deltaWindow": 2,
    "normVars": True, "specAugment": False}

M64 = (1 << 64) - 1


# ---- Java's random streams (org.asrnas.core.Seeds, java.util.Random) -------------------------
def mix64(z):
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
    return z ^ (z >> 31)


def derive(root, name):
    h = 0xcbf29ce484222325
    for b in name.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & M64
    return mix64((root & M64) ^ mix64(h))


class JavaRandom:
    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.seed >> (48 - bits)  # bits <= 31: never negative

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        r = u % bound
        while u - r + m >= 1 << 31:  # Java's int overflow test
            u = self.next(31)
            r = u % bound
        return r


def java_shuffle(lst, rnd):
    for i in range(len(lst) - 1, 0, -1):
        j = rnd.next_int(i + 1)
        lst[i], lst[j] = lst[j], lst[i]


# ---- Kaldi data ------------------------------------------------------------------------------
def table(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split(None, 1)
            if p:
                out[p[0]] = p[1].strip() if len(p) > 1 else ""
    return out


def read_matrix(path, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        if f.read(2) != b"\0B":
            raise SystemExit(f"{path}:{offset}: not a Kaldi binary matrix (no \\0B)")
        tok = f.read(3)
        if tok not in (b"FM ", b"DM "):
            raise SystemExit(f"{path}:{offset}: matrix type {tok!r}; FM and DM are supported")
        s1, rows, s2, cols = struct.unpack("<bibi", f.read(10))
        if s1 != 4 or s2 != 4:
            raise SystemExit(f"{path}:{offset}: bad int sizes")
        dt = np.float32 if tok == b"FM " else np.float64
        a = np.frombuffer(f.read(rows * cols * np.dtype(dt).itemsize), dtype=dt)
        return a.reshape(rows, cols).astype(np.float32)


def load_dir(d, units, lexicon, norm_vars):
    """Corpus.load: list of (id, cmvn-normalised float32 (T, 40), targets) in feats.scp order."""
    utt2spk = table(os.path.join(d, "utt2spk"))
    text = table(os.path.join(d, "text"))
    feats = {}
    with open(os.path.join(d, "feats.scp"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            key, loc = line.split()
            path, off = loc.rsplit(":", 1)
            if not os.path.isabs(path) and not os.path.exists(path):
                path = os.path.join(d, path)
            feats[key] = read_matrix(path, int(off))
    stats = {}
    for k, m in feats.items():
        spk = utt2spk.get(k, k)
        s = stats.setdefault(spk, [np.zeros(m.shape[1]), np.zeros(m.shape[1]), 0])
        md = m.astype(np.float64)
        s[0] += md.sum(0)
        s[1] += (md * md).sum(0)
        s[2] += m.shape[0]
    items, skipped = [], []
    for k, m in feats.items():
        if k not in utt2spk:
            skipped.append(k)
            continue
        if k not in text:
            skipped.append(k)
            continue
        phones, ok = [], True
        for w in text[k].split():
            p = lexicon.get(w.upper())
            if p is None:
                ok = False
                break
            phones += p
        if not ok or any(p not in units for p in phones) or m.shape[0] == 0:
            skipped.append(k)
            continue
        s1, s2, n = stats[utt2spk[k]]
        mean = s1 / n
        if norm_vars:
            var = np.maximum(s2 / n - mean * mean, 1e-20)
            scale = 1.0 / np.sqrt(var)
            offset = -(mean * scale)
        else:
            scale, offset = np.ones_like(mean), -mean
        x = (m.astype(np.float64) * scale + offset).astype(np.float32)
        items.append((k, x, np.array([units[p] for p in phones], dtype=np.int64)))
    return items, skipped


def delta_scales(order, window):
    scales = [np.array([1.0])]
    norm = sum(j * j for j in range(-window, window + 1))
    for _ in range(order):
        prev = scales[-1]
        po = (len(prev) - 1) // 2
        cur = np.zeros(len(prev) + 2 * window)
        for j in range(-window, window + 1):
            for k in range(-po, po + 1):
                cur[j + k + po + window] += j * prev[k + po]
        scales.append(cur / norm)
    return scales


def deltas(x, order, window):
    """Deltas.compute: statics, deltas, delta-deltas; frames beyond the edges are the edge frames."""
    t = x.shape[0]
    xd = x.astype(np.float64)
    out = []
    for s in delta_scales(order, window):
        mo = (len(s) - 1) // 2
        acc = np.zeros_like(xd)
        for j in range(-mo, mo + 1):
            if s[j + mo] != 0:
                acc += s[j + mo] * xd[np.clip(np.arange(t) + j, 0, t - 1)]
        out.append(acc.astype(np.float32))
    return np.concatenate(out, axis=1)


def plan(items, batch_frames):
    """Batch.plan: index lists, shortest first."""
    order = sorted(range(len(items)), key=lambda i: (items[i][1].shape[0], items[i][0]))
    out, cur, longest = [], [], 0
    for i in order:
        f = items[i][1].shape[0]
        if cur and (len(cur) + 1) * max(longest, f) > batch_frames:
            out.append(cur)
            cur, longest = [], 0
        cur.append(i)
        longest = max(longest, f)
    if cur:
        out.append(cur)
    return out


# ---- network ---------------------------------------------------------------------------------
TDNN = re.compile(r"tdnn-C(\d+)D(\d+)(?:S(\d+))?$")


class Tdnn(nn.Module):
    def __init__(self, op, i, o, dropout):
        super().__init__()
        m = TDNN.match(op)
        if not m:
            raise SystemExit(f"convergence_torch.py supports tdnn ops only, got {op}")
        c, d, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
        self.stride = s
        self.conv = nn.Conv1d(i, o, 2 * c + 1, stride=s, padding=c * d, dilation=d)
        self.norm = nn.LayerNorm(o, eps=1e-5)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):  # (batch, channels, time)
        y = torch.relu(self.conv(x))
        return self.drop(self.norm(y.transpose(1, 2)).transpose(1, 2))


def mask(x, lengths):
    t = x.shape[2]
    if int(lengths.min()) >= t:
        return x
    return x * (torch.arange(t)[None, :] < lengths[:, None]).to(x.dtype)[:, None, :]


class Model(nn.Module):
    def __init__(self, spec, units):
        super().__init__()
        blocks = [b["op"] for b in spec["blocks"]]
        width, drop = spec["width"], spec.get("dropout", 0.0)
        fixed = spec.get("fixed", [])
        layers, dim = [], spec["input_dim"]
        for p in range(len(blocks) + 1):
            for f in fixed:
                if f["after"] == p:
                    layers.append(Tdnn(f["op"], dim, f.get("width", width), drop))
                    dim = f.get("width", width)
            if p < len(blocks):
                w = spec["blocks"][p].get("width", width)
                layers.append(Tdnn(blocks[p], dim, w, drop))
                dim = w
        self.layers = nn.ModuleList(layers)
        self.out = nn.Linear(dim, units)

    def forward(self, x, lengths):  # x (batch, time, dim)
        y = mask(x.transpose(1, 2), lengths)
        for l in self.layers:
            y = l(y)
            lengths = torch.where(lengths == 0, lengths, (lengths - 1) // l.stride + 1)
            y = mask(y, lengths)
        return self.out(y.transpose(1, 2)), lengths


def alignable(target, frames):
    reps = int((target[1:] == target[:-1]).sum()) if len(target) > 1 else 0
    return frames > 0 and len(target) + reps <= frames


def make_batch(items, idx, feats):
    n = len(idx)
    lens = [feats[i].shape[0] for i in idx]
    x = np.zeros((n, max(lens), feats[idx[0]].shape[1]), dtype=np.float32)
    for k, i in enumerate(idx):
        x[k, :lens[k]] = feats[i]
    tg = [items[i][2] for i in idx]
    return (torch.from_numpy(x), torch.tensor(lens, dtype=torch.long),
            torch.from_numpy(np.concatenate(tg)), torch.tensor([len(t) for t in tg]), tg)


def edit_distance(ref, hyp):
    prev = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        cur = [i] + [0] * len(hyp)
        for j in range(1, len(hyp) + 1):
            cur[j] = min(prev[j - 1] + (ref[i - 1] != hyp[j - 1]), prev[j] + 1, cur[j - 1] + 1)
        prev = cur
    return prev[len(hyp)]


def greedy(act, n):
    best = act[:n].argmax(1).tolist()
    out, prev = [], -1
    for b in best:
        if b != prev and b != 0:
            out.append(b)
        prev = b
    return out


def evaluate(model, items, hplan, feats):
    model.eval()
    loss, utts, errors, refs = 0.0, 0, 0, 0
    with torch.no_grad():
        for idx in hplan:
            x, lens, tgt, tl, tg = make_batch(items, idx, feats)
            act, olens = model(x, lens)
            lp = torch.log_softmax(act, 2).transpose(0, 1)
            per = nn.functional.ctc_loss(lp, tgt, olens, tl, reduction="none", zero_infinity=True)
            a = act.numpy()
            for b in range(len(idx)):
                if alignable(tg[b], int(olens[b])):
                    loss += float(per[b])
                    utts += 1
                errors += edit_distance(tg[b].tolist(), greedy(a[b], int(olens[b])))
                refs += len(tg[b])
    model.train()
    return (loss / utts if utts else math.nan), (100.0 * errors / refs if refs else math.nan)


def check(java_dir, items, feats, tplan, cfg):
    """Compares with bench/ConvergenceInputs.java's dump; exits non-zero on a mismatch."""
    by_id = {it[0]: i for i, it in enumerate(items)}
    worst = 0.0
    with open(os.path.join(java_dir, "java_feats.txt")) as f, \
            open(os.path.join(java_dir, "java_feats.f32"), "rb") as g:
        n = 0
        for line in f:
            uid, t, d = line.split()
            j = np.frombuffer(g.read(4 * int(t) * int(d)), dtype="<f4").reshape(int(t), int(d))
            p = feats[by_id[uid]]
            if p.shape != j.shape:
                raise SystemExit(f"check: {uid}: shape {p.shape} here, {j.shape} in Java")
            worst = max(worst, float(np.abs(p - j).max()))
            n += 1
    batches = 0
    with open(os.path.join(java_dir, "java_order.txt")) as f:
        orders = {}
        for line in f:
            e, b, ids = line.split()
            orders.setdefault(int(e), []).append(ids)
    for e, java in orders.items():
        mine = [",".join(items[i][0] for i in idx) for idx in epoch_order(tplan, cfg, e)]
        if mine != java:
            raise SystemExit(f"check: batch order of epoch {e} differs from Java's")
        batches += len(java)
    print(f"check: inputs of {n} utterances match Java's to max |diff| {worst:.2e}; "
          f"batches and their order match for {len(orders)} epoch(s) ({batches} batches)",
          flush=True)
    if worst > 1e-4:
        raise SystemExit("check: inputs differ by more than 1e-4")


def epoch_order(tplan, cfg, epoch):
    b = list(tplan)
    java_shuffle(b, JavaRandom(derive(cfg["seed"], f"batch-order/{epoch}")))
    return b


def read_lang(lang):
    """units.txt (unit -> id) and the first pronunciation of every word of lexicon.txt."""
    units = {}
    with open(os.path.join(lang, "units.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if p:
                units[p[0]] = int(p[1])
    lexicon = {}
    with open(os.path.join(lang, "lexicon.txt"), encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith(";;;") or t.startswith("#"):
                continue
            if " #" in t:
                t = t[:t.index(" #")].strip()
            p = t.split()
            w = re.sub(r"^(.+)\(\d+\)$", r"\1", p[0]).upper()
            lexicon.setdefault(w, p[1:])  # first pronunciation
    return units, lexicon


def main():
    ap = argparse.ArgumentParser()
    for a in ("--train", "--heldout", "--lang", "--model", "--config", "--out"):
        ap.add_argument(a, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--target-per", type=float, default=20.0)
    ap.add_argument("--check")
    ap.add_argument("--check-only", action="store_true", help="exit after --check")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    cfg = dict(DEFAULTS)
    with open(args.config) as f:
        cfg.update(json.load(f))
    if cfg["specAugment"]:
        raise SystemExit("convergence_torch.py: specAugment is not implemented; turn it off")
    units, lexicon = read_lang(args.lang)
    t0 = time.perf_counter()
    train, skipped = load_dir(args.train, units, lexicon, cfg["normVars"])
    held, _ = load_dir(args.heldout, units, lexicon, cfg["normVars"])
    t1 = time.perf_counter()
    tfeats = [deltas(it[1], cfg["deltaOrder"], cfg["deltaWindow"]) for it in train]
    hfeats = [deltas(it[1], cfg["deltaOrder"], cfg["deltaWindow"]) for it in held]
    t2 = time.perf_counter()
    print(f"torch {torch.__version__}, {args.threads} thread(s): {len(train)} train / {len(held)} "
          f"held-out utterances ({len(skipped)} skipped), load {t1 - t0:.1f} s, "
          f"deltas {t2 - t1:.2f} s (once; Java builds them per batch inside each epoch)",
          flush=True)
    tplan = plan(train, cfg["batchFrames"])
    hplan = plan(held, cfg["batchFrames"])
    if args.check:
        check(args.check, train, tfeats, tplan, cfg)
        if args.check_only:
            return 0
    with open(args.model) as f:
        spec = json.load(f)
    torch.manual_seed(derive(cfg["seed"], "model-init") & 0x7fffffffffffffff)
    model = Model(spec, len(units))
    params = list(model.parameters())
    opt = torch.optim.Adam(params, lr=cfg["learningRate"], betas=(cfg["beta1"], cfg["beta2"]),
                           eps=cfg["epsilon"])
    lr, best = cfg["learningRate"], math.inf
    with open(args.out, "w") as log:
        log.write("epoch,train_loss,heldout_loss,heldout_per,lr,seconds\n")
        for epoch in range(1, cfg["maxEpochs"] + 1):
            e0 = time.perf_counter()
            torch.manual_seed(derive(cfg["seed"], f"dropout/{epoch}") & 0x7fffffff)
            for g in opt.param_groups:
                g["lr"] = lr
            loss_sum, loss_utts = 0.0, 0
            for idx in epoch_order(tplan, cfg, epoch):
                x, lens, tgt, tl, tg = make_batch(train, idx, tfeats)
                act, olens = model(x, lens)
                lp = torch.log_softmax(act, 2).transpose(0, 1)
                loss = nn.functional.ctc_loss(lp, tgt, olens, tl, reduction="sum",
                                              zero_infinity=True)
                valid = sum(alignable(t, int(n)) for t, n in zip(tg, olens))
                opt.zero_grad()
                (loss / max(1, valid)).backward()
                if valid:
                    norm = float(torch.nn.utils.clip_grad_norm_(
                        params, cfg["clipNorm"] if cfg["clipNorm"] > 0 else math.inf))
                    if math.isfinite(norm):
                        opt.step()
                    loss_sum += float(loss)
                    loss_utts += valid
            hl, per = evaluate(model, held, hplan, hfeats)
            improved = hl < best - cfg["minImprovement"]
            best = hl if improved else best
            secs = time.perf_counter() - e0
            tl_ = loss_sum / loss_utts if loss_utts else math.nan
            log.write(f"{epoch},{tl_:.4f},{hl:.4f},{per:.2f},{lr:.6g},{secs:.3f}\n")
            log.flush()
            print(f"torch epoch {epoch}: train loss {tl_:.4f}, held-out loss {hl:.4f}, "
                  f"greedy PER {per:.2f}%, lr {lr:.5f}, {secs:.1f} s", flush=True)
            if per < args.target_per:
                break
            if not improved and epoch >= cfg["decayAfterEpoch"]:
                lr /= cfg["decayFactor"]
            if lr < cfg["minLearningRate"]:
                break


if __name__ == "__main__":
    sys.exit(main())
