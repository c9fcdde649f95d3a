#!/usr/bin/python3
"""Golden output of a bidirectional LSTM from torch.nn.LSTM (Debian python3-torch).

The BLSTM baseline's layer (asr-nas Layers.BlstmLayer) runs two unidirectional libtorch LSTMs and
reverses each utterance within its own length; torch.nn.LSTM(bidirectional=True) over a packed
sequence is the reference. A batch of utterances of different lengths checks that padding never
leaks into the backward direction.

Text layout, one array per line: NAME D1xD2x... v1 v2 ... (float32 values, %.9g). Arrays:
lengths (B), x (B x T x C, padded with large garbage), fwd.w_ih (4H x C), fwd.w_hh (4H x H),
fwd.b_ih (4H), fwd.b_hh (4H), the same for bwd, y (B x T x 2H; forward then backward half,
zeros past each length).

Usage: /usr/bin/python3 scripts/golden/make_blstm_golden.py OUT.txt
"""
import sys

import torch


def main(out):
    torch.manual_seed(20261122)
    b, t, c, h = 3, 9, 5, 4
    lengths = torch.tensor([9, 6, 2])
    lstm = torch.nn.LSTM(c, h, num_layers=1, batch_first=True, bidirectional=True)
    x = torch.randn(b, t, c)
    for i, n in enumerate(lengths.tolist()):
        x[i, n:, :] = 1000.0  # garbage padding: must not reach any valid frame
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True)
    with torch.no_grad():
        y, _ = lstm(packed)
        y, _ = torch.nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=t)
    arrays = [("lengths", lengths.float())]
    arrays.append(("x", x))
    for d, suffix in (("fwd", ""), ("bwd", "_reverse")):
        for name in ("w_ih", "w_hh", "b_ih", "b_hh"):
            p = getattr(lstm, f"weight_{name[2:]}_l0{suffix}" if name.startswith("w") else f"bias_{name[2:]}_l0{suffix}")
            arrays.append((f"{d}.{name}", p.detach()))
    arrays.append(("y", y))
    with open(out, "w") as f:
        for name, a in arrays:
            shape = "x".join(str(s) for s in a.shape)
            vals = " ".join("%.9g" % v for v in a.flatten().tolist())
            f.write(f"{name} {shape} {vals}\n")


if __name__ == "__main__":
    main(sys.argv[1])
