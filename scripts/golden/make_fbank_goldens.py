#!/usr/bin/python3
"""Fbank parity goldens from torchaudio.compliance.kaldi.fbank (Kaldi's compute-fbank-feats in
Python), dither 0, on small deterministic signals at 8 and 16 kHz.

Writes asr-frontend/src/test/resources/golden/fbank/: signal_<rate>.s16 (int16 little-endian input,
the int16 scale torchaudio's Kaldi functions expect), cases.json (per case: our FbankConfig JSON keys,
the signal, rows, cols, and how far torchaudio's float32 result is from its float64 one), and
<case>.f32 (torchaudio run in float64, stored as float32 little-endian, row-major (frames, dim)).
Run: /usr/bin/python3 scripts/golden/make_fbank_goldens.py
"""
import json
import math
import pathlib

import numpy as np
import torch
import torchaudio

torch.set_num_threads(1)
OUT = pathlib.Path(__file__).resolve().parents[2] / "asr-frontend/src/test/resources/golden/fbank"
OUT.mkdir(parents=True, exist_ok=True)


def signal(rate, seconds):
    rng = np.random.default_rng(rate)
    n = int(rate * seconds)
    t = np.arange(n) / rate
    f = 150 + 0.45 * rate * t / seconds / 2  # chirp up to about a quarter of the rate
    x = 7000 * np.sin(2 * np.pi * np.cumsum(f) / rate) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    x += 1500 * np.sin(2 * np.pi * 440 * t) + 400 * rng.standard_normal(n) + 300  # DC offset
    x[n // 2: n // 2 + int(0.05 * rate)] = 0  # digital silence: energy and log floors
    return np.clip(np.round(x), -32768, 32767).astype("<i2")


# Our FbankConfig keys -> torchaudio keyword names.
KEYS = {
    "sampleFrequency": "sample_frequency", "frameLengthMs": "frame_length",
    "frameShiftMs": "frame_shift", "dither": "dither",
    "preemphasisCoefficient": "preemphasis_coefficient", "removeDcOffset": "remove_dc_offset",
    "windowType": "window_type", "roundToPowerOfTwo": "round_to_power_of_two",
    "blackmanCoeff": "blackman_coeff", "snipEdges": "snip_edges", "numMelBins": "num_mel_bins",
    "lowFreq": "low_freq", "highFreq": "high_freq", "usePower": "use_power",
    "useLogFbank": "use_log_fbank", "useEnergy": "use_energy", "energyFloor": "energy_floor",
    "rawEnergy": "raw_energy", "htkCompat": "htk_compat",
}
# Kaldi's defaults that torchaudio spells differently (its energy_floor default is 1.0).
BASE = {"dither": 0.0, "energyFloor": 0.0}

CASES = [
    ("povey40_16k", 16000, {"numMelBins": 40}),
    ("povey80_16k_nosnip", 16000, {"numMelBins": 80, "snipEdges": False}),
    ("hamming23_16k", 16000, {"numMelBins": 23, "windowType": "hamming"}),
    ("hanning40_16k_nosnip", 16000, {"numMelBins": 40, "windowType": "hanning", "snipEdges": False}),
    ("rectangular40_16k", 16000, {"numMelBins": 40, "windowType": "rectangular"}),
    ("blackman80_16k", 16000, {"numMelBins": 80, "windowType": "blackman"}),
    ("energy_raw_16k", 16000, {"numMelBins": 40, "useEnergy": True}),
    ("energy_windowed_floor_htk_16k", 16000,
     {"numMelBins": 40, "useEnergy": True, "rawEnergy": False, "energyFloor": 1.0, "htkCompat": True}),
    ("magnitude_16k", 16000, {"numMelBins": 40, "usePower": False}),
    ("band_16k", 16000, {"numMelBins": 40, "lowFreq": 60.0, "highFreq": -400.0}),
    ("nopreemph_nodc_16k", 16000, {"numMelBins": 23, "preemphasisCoefficient": 0.0, "removeDcOffset": False}),
    ("short_frames_16k_nosnip", 16000, {"numMelBins": 40, "frameLengthMs": 20.0, "frameShiftMs": 5.0, "snipEdges": False}),
    ("linear_23_16k", 16000, {"numMelBins": 23, "useLogFbank": False}),
    ("povey23_8k", 8000, {"numMelBins": 23, "sampleFrequency": 8000.0}),
    ("povey40_8k_nosnip", 8000, {"numMelBins": 40, "sampleFrequency": 8000.0, "snipEdges": False, "highFreq": 3800.0}),
    ("blackman23_8k_energy", 8000, {"numMelBins": 23, "sampleFrequency": 8000.0, "windowType": "blackman", "useEnergy": True}),
]

signals = {16000: signal(16000, 0.37), 8000: signal(8000, 0.41)}
for rate, x in signals.items():
    x.tofile(OUT / f"signal_{rate}.s16")

manifest = []
for name, rate, opts in CASES:
    cfg = dict(BASE, **opts)
    kwargs = {KEYS[k]: v for k, v in cfg.items()}
    # Computed in float64: torchaudio's own float32 result differs from it by up to 1e-3 in
    # low-energy mel bins next to silence (recorded below), which would eat the whole tolerance.
    wav = torch.from_numpy(signals[rate].astype(np.float64)).unsqueeze(0)
    feats64 = torchaudio.compliance.kaldi.fbank(wav, **kwargs).numpy()
    feats32 = torchaudio.compliance.kaldi.fbank(wav.float(), **kwargs).numpy()
    feats = feats64.astype("<f4")
    feats.tofile(OUT / f"{name}.f32")
    manifest.append({"name": name, "signal": f"signal_{rate}.s16", "config": cfg,
                     "rows": int(feats.shape[0]), "cols": int(feats.shape[1]),
                     "torchaudioFloat32MaxAbsDiff": float(np.abs(feats32 - feats64).max())})
(OUT / "cases.json").write_text(json.dumps(manifest, indent=1) + "\n")
print(f"{len(manifest)} cases, torchaudio {torchaudio.__version__}, torch {torch.__version__}")
