#!/usr/bin/python3
"""The supernet warm-up of `asr nas run` (uniform single path per minibatch, CTC, Adam with a
linear lr warm-up, global-norm clipping) written independently in PyTorch, so that a warm-up that
stays on CTC's blank plateau can be told apart from a defect of our code: if this script stays on
the plateau too, the method does at this scale.

Matched with org.asrnas.nas.search.Loop#warmup: inputs, targets, batches of --batch-frames frames
(bench/convergence_torch.py, which reproduces Corpus, Batch.of and Batch.plan), TDNN candidates
(Conv1d -> ReLU -> LayerNorm -> Dropout, padded frames zeroed), the fixed layers of the space,
one uniformly drawn candidate per node per step, Adam on the parameters that took part (PyTorch's
Adam skips a parameter whose .grad is None), the lr warmed up linearly over --lr-warmup-steps,
clipping at --clip. --sharing kernel builds the candidates as
ArchitectureSpec.WeightSharing.KERNEL: the TDNNs of a node on one kernel of the largest context,
each using its centre taps at its own dilation, one bias and one LayerNorm.
Not matched: the held-out split (a seeded 10% of --train here), initial weights, batch order,
paths and dropout masks (same distributions, other random streams).

Usage: supernet_warmup_torch.py --train DIR --lang DIR --space JSON --epochs N
         [--sharing none|kernel] [--threads 1] [--seed 1] [--out CSV]
         [--lr 2e-3] [--lr-warmup-steps 300] [--batch-frames 3000] [--clip 5] [--dropout D]"""
import argparse
import json
import os
import random
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import convergence_torch as ct  # noqa: E402


class SharedTdnn(nn.Module):
    """A TDNN candidate on the centre taps of its node's shared kernel (a ct.Tdnn)."""

    def __init__(self, op, base):
        super().__init__()
        m = ct.TDNN.match(op)
        if not m or int(m.group(3) or 1) != base.stride:
            raise SystemExit(f"{op}: kernel sharing needs TDNN ops of stride {base.stride}")
        self.c, self.d, self.stride = int(m.group(1)), int(m.group(2)), base.stride
        self.base = [base]  # a list, so that the base is registered once, by the node

    def forward(self, x):
        b = self.base[0]
        cmax = (b.conv.kernel_size[0] - 1) // 2
        w = b.conv.weight[:, :, cmax - self.c:cmax + self.c + 1]
        y = torch.relu(nn.functional.conv1d(x, w, b.conv.bias, stride=self.stride,
                                            padding=self.c * self.d, dilation=self.d))
        return b.drop(b.norm(y.transpose(1, 2)).transpose(1, 2))


class Supernet(nn.Module):
    def __init__(self, space, units, sharing):
        super().__init__()
        width, drop = space["width"], space.get("dropout", 0.0)
        cands, fixed = space["candidates"], space.get("fixed", [])
        self.steps, mods, dim = [], [], space["input_dim"]
        for p in range(space["blocks"] + 1):
            for f in fixed:
                if f["after"] == p:
                    layer = ct.Tdnn(f["op"], dim, f.get("width", width), drop)
                    mods.append(layer)
                    self.steps.append(("fixed", layer))
                    dim = f.get("width", width)
            if p < space["blocks"]:
                if sharing == "kernel":
                    cmax = max(int(ct.TDNN.match(c).group(1)) for c in cands)
                    base = ct.Tdnn(f"tdnn-C{cmax}D1", dim, width, drop)
                    mods.append(base)
                    node = [SharedTdnn(c, base) for c in cands]
                else:
                    node = [ct.Tdnn(c, dim, width, drop) for c in cands]
                    mods.extend(node)
                self.steps.append(("node", node))
                dim = width
        self.mods = nn.ModuleList(mods)
        self.out = nn.Linear(dim, units)
        self.nodes = space["blocks"]
        self.k = len(cands)

    def forward(self, x, lengths, path):
        y = ct.mask(x.transpose(1, 2), lengths)
        i = 0
        for kind, m in self.steps:
            layer = m if kind == "fixed" else m[path[i]]
            i += kind == "node"
            y = layer(y)
            lengths = torch.where(lengths == 0, lengths, (lengths - 1) // layer.stride + 1)
            y = ct.mask(y, lengths)
        return self.out(y.transpose(1, 2)), lengths


def ctc(act, olens, tgt, tl, reduction):
    lp = torch.log_softmax(act, 2).transpose(0, 1)
    return nn.functional.ctc_loss(lp, tgt, olens, tl, reduction=reduction, zero_infinity=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--lang", required=True)
    ap.add_argument("--space", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--sharing", choices=["none", "kernel"], default="none")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-frames", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--lr-warmup-steps", type=int, default=300)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--dropout", type=float, help="replaces the space's dropout")
    ap.add_argument("--out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    rnd = random.Random(args.seed)
    units, lexicon = ct.read_lang(args.lang)
    items, _ = ct.load_dir(args.train, units, lexicon, True)
    feats = [ct.deltas(it[1], 2, 2) for it in items]
    order = list(range(len(items)))
    rnd.shuffle(order)
    nh = len(order) // 10
    held = [items[i] for i in order[:nh]]
    hfeats = [feats[i] for i in order[:nh]]
    train = [items[i] for i in order[nh:]]
    tfeats = [feats[i] for i in order[nh:]]
    tplan, hplan = ct.plan(train, args.batch_frames), ct.plan(held, args.batch_frames)
    with open(args.space) as f:
        space = json.load(f)
    if args.dropout is not None:
        space["dropout"] = args.dropout
    net = Supernet(space, len(units), args.sharing)
    params = list(net.parameters())
    opt = torch.optim.Adam(params, lr=args.lr)
    eval_rnd = random.Random(args.seed + 1000)
    eval_paths = [[eval_rnd.randrange(net.k) for _ in range(net.nodes)] for _ in hplan]
    print(f"torch {torch.__version__}: {len(train)} train / {len(held)} held-out utterances, "
          f"{sum(p.numel() for p in params):,} supernet parameters, sharing {args.sharing}",
          flush=True)
    log = open(args.out, "w") if args.out else None
    if log:
        log.write("epoch,train_loss,heldout_loss,heldout_per,seconds\n")
    step = 0
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        batches = list(tplan)
        rnd.shuffle(batches)
        loss_sum, utts = 0.0, 0
        for idx in batches:
            path = [rnd.randrange(net.k) for _ in range(net.nodes)]
            x, lens, tgt, tl, tg = ct.make_batch(train, idx, tfeats)
            act, olens = net(x, lens, path)
            loss = ctc(act, olens, tgt, tl, "sum")
            valid = sum(ct.alignable(t, int(n)) for t, n in zip(tg, olens))
            for g in opt.param_groups:
                g["lr"] = args.lr * min(1.0, (step + 1) / max(1, args.lr_warmup_steps))
            opt.zero_grad(set_to_none=True)
            (loss / max(1, valid)).backward()
            used = [p for p in params if p.grad is not None]
            if args.clip > 0:
                torch.nn.utils.clip_grad_norm_(used, args.clip)
            opt.step()
            loss_sum += float(loss)
            utts += valid
            step += 1
        net.eval()
        hl, hu, errors, refs = 0.0, 0, 0, 0
        with torch.no_grad():
            for idx, path in zip(hplan, eval_paths):
                x, lens, tgt, tl, tg = ct.make_batch(held, idx, hfeats)
                act, olens = net(x, lens, path)
                per_utt = ctc(act, olens, tgt, tl, "none")
                a = act.numpy()
                for b in range(len(idx)):
                    if ct.alignable(tg[b], int(olens[b])):
                        hl += float(per_utt[b])
                        hu += 1
                    errors += ct.edit_distance(tg[b].tolist(), ct.greedy(a[b], int(olens[b])))
                    refs += len(tg[b])
        net.train()
        secs = time.perf_counter() - t0
        tr, ho, per = loss_sum / max(1, utts), hl / max(1, hu), 100.0 * errors / max(1, refs)
        print(f"torch warm-up epoch {epoch}: train loss {tr:.2f}, held-out loss {ho:.2f}, "
              f"PER {per:.1f}%, {secs:.1f} s", flush=True)
        if log:
            log.write(f"{epoch},{tr:.4f},{ho:.4f},{per:.2f},{secs:.2f}\n")
            log.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
