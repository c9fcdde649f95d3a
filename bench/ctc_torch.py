#!/usr/bin/python3
"""Torch side of bench/ctc.sh: writes the benchmark batches (golden layout of
scripts/golden/make_ctc_goldens.py) and times log_softmax + ctc_loss + backward in float32.

Usage: ctc_torch.py OUT.bin THREADS REPEATS
"""
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "golden"))
import make_ctc_goldens as g  # noqa: E402

# (name, seed, batch, time, vocab, label range): a training batch after stride 3, and long inputs
SHAPES = [
    ("train-b16-t167-v72", 101, 16, 167, 72, (30, 60)),
    ("long-b16-t500-v72", 102, 16, 500, 72, (80, 160)),
]


def main():
    out, threads, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    rng = np.random.default_rng(7)
    blobs = []
    for name, seed, b, t, v, (lo, hi) in SHAPES:
        il = [t - int(i * t / (4 * b)) for i in range(b)]
        tl = [int(x) for x in rng.integers(lo, hi, size=b)]
        targets = [rng.integers(1, v, size=n).tolist() for n in tl]
        blobs.append(g.case(rng, seed, b, t, v, 4.0, il, tl, targets=targets, frames=4))
        act = torch.tensor(g.activations(seed, b, t, v, 4.0))
        flat = torch.tensor([x for tg in targets for x in tg], dtype=torch.long)
        ilt = torch.tensor(il, dtype=torch.long)
        tlt = torch.tensor(tl, dtype=torch.long)
        times = []
        for _ in range(repeats + 1):
            a = act.clone().requires_grad_(True)
            t0 = time.perf_counter()
            lp = torch.log_softmax(a, dim=2).transpose(0, 1)
            loss = torch.nn.functional.ctc_loss(lp, flat, ilt, tlt, blank=0, reduction="sum", zero_infinity=True)
            loss.backward()
            times.append(time.perf_counter() - t0)
        print(f"torch {name} {statistics.median(times[1:]) * 1000:.3f} ms")
    with open(out, "wb") as f:
        f.write(b"CTCG" + struct.pack("<2i", 1, len(blobs)))
        for blob in blobs:
            f.write(blob)


if __name__ == "__main__":
    main()
