#!/usr/bin/python3
"""Writes the hand-made seeds of tests/fuzz/corpus (run once; the files are committed):
  fuzz_result_file/  a tiny govsim-shaped result (scales, labels, two indicators, provenance
                     attributes) and a batch-shaped one, a few KB each (a real run file is MBs,
                     too large to mutate quickly)
  fuzz_journal/      journal entries in the format of sim/batch/batch.cpp write_run_file
  fuzz_set/          --set assignments: a constant, a schedule, a boolean, bad forms
"""
import os
import struct

import h5py
import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def mkdir(name):
    d = os.path.join(here, name)
    os.makedirs(d, exist_ok=True)
    return d


def tiny_result(path, batch):
    with h5py.File(path, "w") as f:
        for k, v in {"govsim_version": "0.1.0", "title": "tiny", "scenario_file": "t.toml", "region": "default",
                     "period_start": "2020-01", "period_end": "2020-03", "git_commit": "0", "build_type": "Release",
                     "started": "x", "finished": "y"}.items():
            f.attrs[k] = v
        f.attrs["seed"] = np.uint32(1)
        f.attrs["replicates"] = np.uint32(2)
        dims = []
        if batch:
            run = f.create_dataset("run", data=np.arange(2, dtype="i4"))
            run.make_scale("run")
            dims.append(run)
            f.create_dataset("hpw", data=np.array([300.0, 800.0])).dims[0].attach_scale(run)
        rep = f.create_dataset("replicate", data=np.arange(2, dtype="i4"))
        rep.make_scale("replicate")
        mon = f.create_dataset("month", data=np.array([18262, 18293, 18322], dtype="i4"))
        mon.make_scale("month")
        lab = f.create_dataset("month_label", data=["2020-01", "2020-02", "2020-03"], dtype=h5py.string_dtype())
        lab.dims[0].attach_scale(mon)
        unit = f.create_dataset("unit", data=np.arange(2, dtype="i4"))
        unit.make_scale("unit")
        un = f.create_dataset("unit_name", data=["A", "B"], dtype=h5py.string_dtype())
        un.dims[0].attach_scale(unit)
        dims += [rep, mon]
        shape = tuple(len(d) for d in dims)
        for name, level, extra in (("satisfaction_mean", "region", None), ("petitions", "region", None),
                                   ("satisfaction_mean_by_unit", "village/community", unit)):
            ds = dims + ([extra] if extra is not None else [])
            d = f.create_dataset(name, data=np.arange(np.prod([len(x) for x in ds]), dtype="f8").reshape(
                tuple(len(x) for x in ds)), chunks=True, compression="gzip", shuffle=True)
            d.attrs["level"] = level
            d.attrs["units"] = "1"
            d.attrs["units_label"] = "index 0-1"
            d.attrs["long_name"] = name
            for i, s in enumerate(ds):
                d.dims[i].attach_scale(s)
        del shape


d = mkdir("fuzz_result_file")
tiny_result(os.path.join(d, "tiny-run.h5"), False)
tiny_result(os.path.join(d, "tiny-batch.h5"), True)

MAGIC = b"GOVSIMR1"


def entry(key, run, ni, reps, months, units, counties, truncate=None):
    b = MAGIC + struct.pack("<QIIIIIIQ", key, run, ni, reps, months, units, counties, 1000)
    b += np.arange(ni * reps * months, dtype="<f8").tobytes()
    if units:
        for u in range(units):
            b += struct.pack("<I", u)
            for s in (b"Unit %d" % u, b"rural_village", b"Town"):
                b += struct.pack("<I", len(s)) + s
        b += np.zeros(ni * reps * months * units, dtype="<f8").tobytes()
    if counties:
        for c in range(counties):
            s = b"County %d" % c
            b += struct.pack("<I", len(s)) + s
        b += np.ones(ni * reps * months * counties, dtype="<f8").tobytes()
    b += MAGIC
    return b[:truncate] if truncate else b


d = mkdir("fuzz_journal")
for name, args in {"county-only": (7, 0, 3, 1, 2, 0, 0), "with-units": (7, 1, 2, 2, 2, 2, 0),
                   "with-counties": (9, 2, 2, 1, 3, 0, 2), "truncated": (7, 0, 3, 1, 2, 1, 1, 60)}.items():
    open(os.path.join(d, name + ".bin"), "wb").write(entry(*args))

d = mkdir("fuzz_set")
for i, s in enumerate(["grid.households_per_worker=300", 'grid.households_per_worker={ 2020 = 500, "2020-04" = 300 }',
                       'ladder.township_mediation_capacity = { 2020 = 6, "2024-01" = 12, interp = "linear" }',
                       "grid.households_per_worker=true", "grid.households_per_worker", "=1",
                       "grid.households_per_worker=[1,2]"]):
    open(os.path.join(d, "seed-%d.txt" % i), "w").write(s)
