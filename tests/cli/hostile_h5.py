#!/usr/bin/python3
"""Writes result-like HDF5 files that a hostile user (or a damaged disk) could hand to
`govsim info` and `govsim export` (issue 19), into OUTDIR:

  rank9.h5, rank32.h5       a dataset of rank 9 / 32 (govsim writes at most 4; once read into dims[8])
  version_array.h5          govsim_version is an array of 1000 strings (once read into one pointer)
  seed_array.h5             the seed attribute is an array of 1000 numbers (once read into one double)
  version_compound.h5       govsim_version is a compound value
  huge_dims.h5              a chunked dataset claiming 2^40 x 2^40 values and storing none
  label_short.h5            month has 3 values, month_label 2 (export once read past the end)
  shape_mismatch.h5         two indicators on the same scales with 3 and 5 months
  text_indicator.h5         an indicator of fixed-length strings
  external_fifo.h5          an external link into a FIFO (opening it would block) and a soft-link loop
  truncated_NN.h5           GOOD truncated to NN% of its size
  flipped_NN.h5             GOOD with bytes overwritten at seeded random places (metadata first)

Usage: hostile_h5.py GOOD.h5 OUTDIR
"""
import os
import random
import sys

import h5py
import numpy as np

good, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def result_like(name):
    f = h5py.File(os.path.join(out, name), "w")
    f.attrs["govsim_version"] = "0.1.0"
    return f


for rank in (9, 32):
    with result_like(f"rank{rank}.h5") as f:
        f.create_dataset("deep", shape=(1,) * rank, dtype="f8")

with h5py.File(os.path.join(out, "version_array.h5"), "w") as f:
    f.attrs.create("govsim_version", ["0.1.0"] * 1000, dtype=h5py.string_dtype())
with result_like("seed_array.h5") as f:
    f.attrs["seed"] = np.arange(1000, dtype="f8")
with h5py.File(os.path.join(out, "version_compound.h5"), "w") as f:
    f.attrs["govsim_version"] = np.array((1, 2.0), dtype=[("a", "i4"), ("b", "f8")])
with result_like("huge_dims.h5") as f:
    f.create_dataset("huge", shape=(2**40, 2**40), chunks=(1, 1024), dtype="f8")


def scales(f, months=3, labels=3):
    rep = f.create_dataset("replicate", data=np.arange(2, dtype="i4"))
    rep.make_scale("replicate")
    mon = f.create_dataset("month", data=np.arange(months, dtype="i4"))
    mon.make_scale("month")
    lab = f.create_dataset("month_label", data=[f"2020-0{i + 1}" for i in range(labels)], dtype=h5py.string_dtype())
    lab.dims[0].attach_scale(mon)
    return rep, mon


def indicator(f, name, data, rep, mon):
    d = f.create_dataset(name, data=data)
    d.attrs["level"] = "region"
    d.dims[0].attach_scale(rep)
    d.dims[1].attach_scale(mon)


with result_like("label_short.h5") as f:
    rep, mon = scales(f, months=3, labels=2)
    indicator(f, "a", np.zeros((2, 3)), rep, mon)
with result_like("shape_mismatch.h5") as f:
    rep, mon = scales(f)
    indicator(f, "a", np.zeros((2, 3)), rep, mon)
    indicator(f, "b", np.zeros((2, 5)), rep, mon)
with result_like("text_indicator.h5") as f:
    rep, mon = scales(f)
    indicator(f, "a", np.array([[b"x"] * 3] * 2, dtype="S1"), rep, mon)

with result_like("external_fifo.h5") as f:
    f["elsewhere"] = h5py.ExternalLink(os.path.abspath("afifo"), "/x")  # the test makes afifo
    f["loop"] = h5py.SoftLink("/loop")
    f.create_dataset("x", data=np.zeros(3))

data = open(good, "rb").read()
for pct in (1, 10, 50, 90, 99):
    open(os.path.join(out, f"truncated_{pct:02d}.h5"), "wb").write(data[: len(data) * pct // 100])
rng = random.Random(19)
for k in range(40):
    b = bytearray(data)
    span = 4096 if k < 30 else len(b)  # the superblock and the root group's metadata first
    for _ in range(rng.choice((1, 4, 16))):
        at = rng.randrange(min(span, len(b)))
        b[at] = rng.choice((0x00, 0xFF, rng.randrange(256)))
    open(os.path.join(out, f"flipped_{k:02d}.h5"), "wb").write(bytes(b))
