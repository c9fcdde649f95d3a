#!/usr/bin/python3
"""Kaldi binary archive writer/reader in the style of kaldi_io (vesis84/kaldi-io-for-python), numpy
only, for the two-way compatibility test of our KaldiArchive.

  kaldi_io_compat.py write OUT.ark     writes float (FM) and double (DM) matrices with known values
  kaldi_io_compat.py check ARK [SCP]   reads an archive (and checks every scp offset) and prints
                                       "key rows cols type sum" per matrix; exit 1 on a format error
"""
import struct
import sys

import numpy as np


def write_mat(fd, key, m):
    fd.write((key + " ").encode())
    fd.write(b"\0B")
    fd.write(b"FM " if m.dtype == np.float32 else b"DM ")
    for dim in m.shape:
        fd.write(b"\04")
        fd.write(struct.pack("<i", dim))
    fd.write(m.astype("<f4" if m.dtype == np.float32 else "<f8").tobytes())


def expected():
    a = (np.arange(12, dtype=np.float32).reshape(3, 4) - 5.5) / 4
    b = np.array([[1e-30, -3.25, 65504.0]], dtype=np.float32)
    c = np.array([[1.0, 2.0, 3.0], [4.0, 9.0, 0.0]]) * 1e12 + 0.125  # CMVN-like, needs double
    e = np.zeros((0, 5), dtype=np.float32)
    return [("utt-a", a), ("utt_b", b), ("spk1", c), ("empty", e)]


def read_mat(data, pos):
    if data[pos:pos + 2] != b"\0B":
        raise ValueError(f"byte {pos}: expected binary marker \\0B")
    typ = data[pos + 2:pos + 5]
    if typ not in (b"FM ", b"DM "):
        raise ValueError(f"byte {pos + 2}: unsupported type {typ!r}")
    p = pos + 5
    dims = []
    for _ in range(2):
        if data[p] != 4:
            raise ValueError(f"byte {p}: int size {data[p]} != 4")
        dims.append(struct.unpack("<i", data[p + 1:p + 5])[0])
        p += 5
    dt = np.dtype("<f4" if typ == b"FM " else "<f8")
    n = dims[0] * dims[1]
    m = np.frombuffer(data, dtype=dt, count=n, offset=p).reshape(dims)
    return m, typ.decode().strip(), p + n * dt.itemsize


def read_ark(path):
    data = open(path, "rb").read()
    pos, out = 0, []
    while pos < len(data):
        sp = data.index(b" ", pos)
        key = data[pos:sp].decode()
        m, typ, pos = read_mat(data, sp + 1)
        out.append((key, sp + 1, m, typ))
    return data, out


def main():
    if sys.argv[1] == "write":
        with open(sys.argv[2], "wb") as fd:
            for key, m in expected():
                write_mat(fd, key, m)
    elif sys.argv[1] == "check":
        data, mats = read_ark(sys.argv[2])
        if len(sys.argv) > 3:
            offsets = {k: o for k, o, _, _ in mats}
            for line in open(sys.argv[3]):
                key, rest = line.split()
                off = int(rest.rsplit(":", 1)[1])
                if offsets[key] != off:
                    raise SystemExit(f"{key}: scp offset {off}, archive has it at {offsets[key]}")
                read_mat(data, off)
        for key, _, m, typ in mats:
            print(f"{key} {m.shape[0]} {m.shape[1]} {typ} {float(m.astype(np.float64).sum())!r}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
