"""Scenario discovery with PRIM (Friedman and Fisher 1999): which ranges of the
levers lead to the outcomes of interest (e.g. "satisfaction >= 0.9 at the last milestone")?

Peeling: starting from the box that holds every run, repeatedly cut off the
alpha share of the runs at the low or high end of one factor, choosing the cut
that most raises the share of runs of interest inside the box (its density),
until the box holds fewer than min_support of the runs. Each box on the way has
a coverage (share of all runs of interest that are inside) and a density; the
box returned is the densest with coverage >= min_coverage.
"""
import numpy as np
import pandas as pd

from .io import design_frame, milestone_years
from .sensitivity import run_outputs
from .targets import targets_met


def prim(X, y, alpha=0.05, min_support=0.05, min_coverage=0.5):
    """X: DataFrame (runs x factors); y: booleans (run of interest).
    Returns dict(box=DataFrame factor/low/high/restricted, coverage, density,
    support, trajectory=DataFrame of the peeling)."""
    X = pd.DataFrame(X)
    y = np.asarray(y, dtype=bool)
    if y.sum() == 0:
        raise ValueError("no run meets the condition: nothing to discover")
    n, total = len(y), y.sum()
    lows, highs = X.min().to_dict(), X.max().to_dict()
    inside = np.ones(n, dtype=bool)
    traj = []

    def record():
        traj.append({"support": inside.mean(), "coverage": (y & inside).sum() / total,
                     "density": y[inside].mean(), "box": (dict(lows), dict(highs))})

    record()
    while inside.mean() > min_support:
        best = None
        for c in X.columns:
            v = X[c].values[inside]
            for side in ("low", "high"):
                q = np.quantile(v, alpha if side == "low" else 1 - alpha)
                keep = inside & ((X[c].values > q) if side == "low" else (X[c].values < q))
                if keep.sum() == 0 or keep.sum() == inside.sum() or keep.mean() < min_support:
                    continue
                d = y[keep].mean()
                if best is None or d > best[0]:
                    best = (d, c, side, q, keep)
        if best is None:
            break
        _, c, side, q, keep = best
        if side == "low":
            lows[c] = float(q)
        else:
            highs[c] = float(q)
        inside = keep
        record()
    t = pd.DataFrame([{k: v for k, v in r.items() if k != "box"} for r in traj])
    ok = t[t["coverage"] >= min_coverage]
    i = int(ok["density"].idxmax()) if len(ok) else 0
    lo, hi = traj[i]["box"]
    full_lo, full_hi = X.min(), X.max()
    box = pd.DataFrame([{"factor": c, "low": lo[c], "high": hi[c],
                         "restricted": bool(lo[c] > full_lo[c] or hi[c] < full_hi[c])} for c in X.columns])
    return {"box": box, "coverage": float(t.loc[i, "coverage"]), "density": float(t.loc[i, "density"]),
            "support": float(t.loc[i, "support"]), "trajectory": t, "chosen": i}


def discover(ds, var, threshold, rule=">=", year=None, **kw):
    """PRIM on a batch file: which factor ranges give `var` (mean over `year` and
    replicates) >= (or <=) `threshold`? `year` defaults to the file's last milestone."""
    if year is None:
        year = milestone_years(ds)[-1]
    y = run_outputs(ds, var, year)
    hit = y >= threshold if rule == ">=" else y <= threshold
    return prim(design_frame(ds), hit, **kw)


def discover_targets(ds, year=None, which="applies", clauses=None, **kw):
    """PRIM on a batch file: which factor ranges meet every target with a figure
    that the base scenario's documents set (or the given clauses) at December of
    `year`? Returns prim()'s result plus `met`, the per-run table of targets."""
    met = targets_met(ds, year=year, which=which, clauses=clauses)
    res = prim(design_frame(ds), met["all_met"].values, **kw)
    res["met"] = met
    return res
