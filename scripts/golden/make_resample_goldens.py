#!/usr/bin/python3
"""Resampling goldens from torchaudio.functional.resample (Hann-windowed sinc, width 6, rolloff
0.99), computed in float64: 8 kHz -> 16 kHz, 16 kHz -> 8 kHz, and speed perturbation 0.9 / 1.1 as
resampling 14400 -> 16000 and 17600 -> 16000 (sox `speed` semantics: pitch and tempo change).
Writes asr-frontend/src/test/resources/golden/resample/: <name>.in.s16 (int16 input) and
<name>.out.f64 (float64 little-endian output). Run: /usr/bin/python3 scripts/golden/make_resample_goldens.py
"""
import pathlib

import numpy as np
import torch
import torchaudio.functional as F

OUT = pathlib.Path(__file__).resolve().parents[2] / "asr-frontend/src/test/resources/golden/resample"
OUT.mkdir(parents=True, exist_ok=True)


def signal(n, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    x = 9000 * np.sin(0.05 * t) + 5000 * np.sin(0.9 * t) + 2000 * rng.standard_normal(n)
    return np.clip(np.round(x), -32768, 32767).astype("<i2")


CASES = [("up_8k_16k", 1601, 8000, 16000), ("down_16k_8k", 3203, 16000, 8000),
         ("speed_0.9", 3203, 14400, 16000), ("speed_1.1", 3203, 17600, 16000)]
for i, (name, n, orig, new) in enumerate(CASES):
    x = signal(n, i)
    x.tofile(OUT / f"{name}.in.s16")
    y = F.resample(torch.from_numpy(x.astype(np.float64)).unsqueeze(0), orig, new)
    y.squeeze(0).numpy().astype("<f8").tofile(OUT / f"{name}.out.f64")
    print(name, n, "->", y.shape[1])
