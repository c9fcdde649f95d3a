#!/usr/bin/python3
"""Sliding-window CMVN goldens from torchaudio.functional.sliding_window_cmn (Kaldi's
apply-cmvn-sliding) with center=True, computed in float64 on random float32 features (frames x 3):
T = 137 frames with windows of 40 (sliding), 137 and 600 (the whole utterance), with and without
norm_vars. Writes asr-frontend/src/test/resources/golden/cmvn/: sliding.in.f32 (137 x 3 float32
little-endian input) and sliding_W<window>_<mean|meanvar>.out.f64 (float64 output).
Run: /usr/bin/python3 scripts/golden/make_sliding_cmvn_goldens.py
"""
import pathlib

import numpy as np
import torch
import torchaudio.functional as F

OUT = pathlib.Path(__file__).resolve().parents[2] / "asr-frontend/src/test/resources/golden/cmvn"
OUT.mkdir(parents=True, exist_ok=True)

rng = np.random.default_rng(15)
frames, dim = 137, 3
# a drifting mean and a changing spread, so that windows differ from the utterance
t = np.arange(frames)[:, None]
x = (3 * rng.standard_normal((frames, dim)) * (1 + t / 100) + 0.05 * t + [10, -4, 0]).astype("<f4")
x.tofile(OUT / "sliding.in.f32")
for window in (40, 137, 600):
    for norm_vars in (False, True):
        y = F.sliding_window_cmn(torch.from_numpy(x.astype(np.float64)), cmn_window=window,
                                 center=True, norm_vars=norm_vars)
        name = f"sliding_W{window}_{'meanvar' if norm_vars else 'mean'}.out.f64"
        y.numpy().astype("<f8").tofile(OUT / name)
        print(name, y.shape)
