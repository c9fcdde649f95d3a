#!/usr/bin/python3
"""Torch side of bench/train_step.sh: the same network and step as TrainStepBench.java
(6 x [Conv1d 640 k3, ReLU, LayerNorm over channels, Dropout 0.5], Linear 72, CTC, Adam),
batch 16 x 500 frames, 100 labels per utterance. Usage: train_step_torch.py THREADS REPEATS"""
import statistics
import sys
import time

import torch
from torch import nn


class Tdnn(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.conv = nn.Conv1d(i, o, 3, padding=1)
        self.norm = nn.LayerNorm(o)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):  # (batch, channels, time)
        y = torch.relu(self.conv(x))
        y = self.norm(y.transpose(1, 2)).transpose(1, 2)
        return self.drop(y)


def main():
    threads, repeats = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    layers = [Tdnn(120, 640)] + [Tdnn(640, 640) for _ in range(5)]
    body = nn.Sequential(*layers)
    out = nn.Linear(640, 72)
    params = list(body.parameters()) + list(out.parameters())
    opt = torch.optim.Adam(params, lr=1e-4)
    x = torch.randn(16, 500, 120)
    targets = torch.randint(1, 72, (16, 100))
    il = torch.full((16,), 500, dtype=torch.long)
    tl = torch.full((16,), 100, dtype=torch.long)
    times, ctc_times = [], []
    for i in range(repeats + 2):
        t0 = time.perf_counter()
        act = out(body(x.transpose(1, 2)).transpose(1, 2))
        t1 = time.perf_counter()
        lp = torch.log_softmax(act, dim=2).transpose(0, 1)
        loss = nn.functional.ctc_loss(lp, targets, il, tl, reduction="sum", zero_infinity=True) / 16
        t2 = time.perf_counter()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        t3 = time.perf_counter()
        if i >= 2:
            times.append(t3 - t0)
            ctc_times.append(t2 - t1)
    print(f"torch step {statistics.median(times) * 1000:.1f} ms (CTC forward {statistics.median(ctc_times) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
