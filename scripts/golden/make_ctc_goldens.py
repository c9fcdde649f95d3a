#!/usr/bin/python3
"""Golden CTC losses and gradients from torch.nn.functional.ctc_loss (Debian python3-torch).

Activations are not stored: both this script and the Java test draw them from SplitMix64
(see splitmix_uniform), so the golden file holds only lengths, targets, losses and gradients
of a sample of frames. Gradients are with respect to the pre-softmax activations
(log_softmax then ctc_loss, reduction 'sum', zero_infinity=True), computed in float64.

Binary layout (little endian): magic b'CTCG', int32 version=1, int32 cases; per case:
int32 B, T, V; int64 seed; float32 scale; int32 input_lengths[B], target_lengths[B],
targets[sum(target_lengths)]; float64 loss_none[B], loss_mean, loss_sum;
int32 F (sampled frames per utterance); int32 frames[B][F]; float32 grad[B][F][V].

Usage: /usr/bin/python3 scripts/golden/make_ctc_goldens.py OUT.bin
"""
import struct
import sys

import numpy as np
import torch

MASK = (1 << 64) - 1


def splitmix_uniform(seed, n):
    """n doubles in [-1, 1): SplitMix64 of seed + i (i = 1..n), top 53 bits."""
    z = (np.uint64(seed & MASK) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return u * 2.0 - 1.0


def activations(seed, b, t, v, scale):
    a = (splitmix_uniform(seed, b * t * v) * scale).astype(np.float32)
    return a.reshape(b, t, v)


def case(rng, seed, b, t, v, scale, input_lengths, target_lengths, targets=None, frames=None):
    if targets is None:
        targets = [rng.integers(1, v, size=n).tolist() for n in target_lengths]
    flat = [x for tg in targets for x in tg]
    act = torch.tensor(activations(seed, b, t, v, scale), dtype=torch.float64, requires_grad=True)
    lp = torch.log_softmax(act, dim=2).transpose(0, 1)  # (T, B, V)
    il = torch.tensor(input_lengths, dtype=torch.long)
    tl = torch.tensor(target_lengths, dtype=torch.long)
    tg = torch.tensor(flat if flat else [1], dtype=torch.long)[: max(1, len(flat))]
    if not flat:
        tg = torch.zeros(0, dtype=torch.long)
    none = torch.nn.functional.ctc_loss(lp, tg, il, tl, blank=0, reduction="none", zero_infinity=True)
    mean = torch.nn.functional.ctc_loss(lp, tg, il, tl, blank=0, reduction="mean", zero_infinity=True)
    total = torch.nn.functional.ctc_loss(lp, tg, il, tl, blank=0, reduction="sum", zero_infinity=True)
    total.backward()
    grad = act.grad.numpy().astype(np.float32)
    if frames is None:
        frames = t
    fr = []
    for i in range(b):
        if frames >= t:
            fr.append(list(range(t)))
        else:
            picks = set(rng.choice(t, size=frames - 3, replace=False).tolist())
            picks.update([0, input_lengths[i] - 1, t - 1])  # edges and one padded frame
            fr.append(sorted(picks)[:frames])
            while len(fr[-1]) < frames:
                fr[-1].append(t - 1)
    f = len(fr[0])
    out = struct.pack("<3iqf", b, t, v, seed, scale)
    out += struct.pack(f"<{b}i", *input_lengths) + struct.pack(f"<{b}i", *target_lengths)
    out += struct.pack(f"<{len(flat)}i", *flat)
    out += struct.pack(f"<{b}d", *none.detach().tolist())
    out += struct.pack("<2d", mean.item(), total.item())
    out += struct.pack("<i", f)
    for i in range(b):
        out += struct.pack(f"<{f}i", *fr[i])
    for i in range(b):
        out += grad[i, fr[i], :].astype("<f4").tobytes()
    return out


def main():
    torch.set_num_threads(1)
    rng = np.random.default_rng(20261122)
    cases = [
        # small, padded, random targets (repeats occur by chance with V=5)
        case(rng, 11, 3, 12, 5, 2.0, [12, 9, 5], [4, 3, 2]),
        # explicit repeats; the second is exactly as long as it must be (3 + 2 repeats = 5 frames)
        case(rng, 12, 4, 10, 6, 3.0, [10, 5, 7, 4], [3, 3, 2, 0],
             targets=[[2, 2, 3], [4, 4, 4], [1, 1], []]),
        # impossible alignments: target longer than input, and repeats that need blanks
        case(rng, 13, 3, 6, 5, 1.0, [6, 3, 4], [7, 2, 3],
             targets=[[1, 2, 3, 4, 1, 2, 3], [3, 3], [2, 2, 2]]),
        # medium
        case(rng, 14, 4, 100, 30, 4.0, [100, 77, 51, 100], [30, 25, 40, 1]),
        # long inputs, WSJ-sized phone set
        case(rng, 15, 4, 500, 72, 5.0, [500, 431, 320, 257], [150, 120, 60, 100], frames=24),
        case(rng, 16, 2, 480, 72, 8.0, [480, 479], [200, 10], frames=24),
    ]
    with open(sys.argv[1], "wb") as f:
        f.write(b"CTCG" + struct.pack("<2i", 1, len(cases)))
        for c in cases:
            f.write(c)


if __name__ == "__main__":
    main()
