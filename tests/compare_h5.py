#!/usr/bin/python3
"""Compare two govsim HDF5 files: every dataset bit for bit (NaN equal to NaN) and
every attribute, except the ones that record how a file was made rather than what
it holds (--ignore-attrs, default: started, finished, threads, ranks, resumed_runs).
Usage: compare_h5.py A.h5 B.h5 [--ignore-attrs a,b,c]. Exit 0 if identical."""
import sys

import h5py
import numpy as np

EXECUTION = {"started", "finished", "threads", "ranks", "resumed_runs"}


def items(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj))
    out["/"] = f
    return out


def same_array(a, b):
    a, b = np.asarray(a), np.asarray(b)  # a scalar string dataset (scenario) reads as bytes
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a.view(np.uint8), b.view(np.uint8))
    return np.array_equal(a, b)


def same_attr(va, vb):
    """Attribute values equal, NaN equal to NaN (the _FillValue of float datasets)."""
    a, b = np.asarray(va), np.asarray(vb)
    if a.dtype.kind == "f" and b.dtype.kind == "f":
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


def compare(pa, pb, ignore):
    problems = []
    with h5py.File(pa, "r") as fa, h5py.File(pb, "r") as fb:
        ia, ib = items(fa), items(fb)
        for name in sorted(set(ia) ^ set(ib)):
            problems.append(f"only in {'A' if name in ia else 'B'}: {name}")
        for name in sorted(set(ia) & set(ib)):
            a, b = ia[name], ib[name]
            if isinstance(a, h5py.Dataset):
                if not same_array(a[()], b[()]):
                    problems.append(f"dataset differs: {name}")
            keys = (set(a.attrs) | set(b.attrs)) - ignore
            for k in sorted(keys):
                if k not in a.attrs or k not in b.attrs:
                    problems.append(f"attribute only in one file: {name}@{k}")
                    continue
                va, vb = a.attrs[k], b.attrs[k]
                if isinstance(va, h5py.Reference) or k in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue  # dimension-scale bookkeeping: object references
                if not same_attr(va, vb):
                    problems.append(f"attribute differs: {name}@{k}: {va!r} vs {vb!r}")
    return problems


if __name__ == "__main__":
    args = sys.argv[1:]
    ignore = set(EXECUTION)
    if "--ignore-attrs" in args:
        i = args.index("--ignore-attrs")
        ignore |= set(args[i + 1].split(","))
        del args[i:i + 2]
    problems = compare(args[0], args[1], ignore)
    for p in problems[:50]:
        print(p)
    print(f"{args[0]} vs {args[1]}: {'identical' if not problems else str(len(problems)) + ' difference(s)'}")
    sys.exit(1 if problems else 0)
