"""Scenario discovery with PRIM (Friedman and Fisher 1999): which ranges of the
levers lead to the outcomes of interest (e.g. "satisfaction >= 0.9 at the last milestone")?

Peeling: starting from the box that holds every run, repeatedly cut off about
the alpha share of the runs inside at the low or the high end of one factor,
choosing the cut that most raises the share of runs of interest inside the box
(its density), while the box keeps at least min_support of the runs. A cut
removes whole values: every run at or beyond the cut value, so that a factor
with few levels (a 0/1 switch, a factorial's levels) loses one level at a time
instead of nothing or everything. Each box on the way has a coverage (share of
the runs of interest that are inside) and a density; the box kept is the
densest with coverage >= min_coverage (the widest of equally dense ones).

Pasting: the kept box is then widened again, one factor side at a time, by the
next alpha share (whole values) of the runs just outside it, as long as its
density does not drop.

Several boxes (as EMA Workbench's prim): once a box is found, its runs are set
aside and the search starts again on the runs left, until max_boxes boxes, no
run of interest is left, or the next box is no denser than min_density.

A box's bounds are the smallest and largest values of the runs inside it; a
side that cuts off no run (none inside the box on the other factors lies beyond
it) is reported at the factor's declared limit (the batch
file's factor_low/factor_high; the range of the runs when no limit is
declared), and a factor is "restricted" when the box is narrower than that
declared range.
"""
import numpy as np
import pandas as pd

from .io import design_frame, milestone_years, require_outcome
from .sensitivity import run_outputs
from .targets import targets_met


def declared_limits(ds):
    """{factor: (low, high)}: the factor ranges a batch file declares (factor_low/factor_high)."""
    if "factor_low" not in ds or "factor_high" not in ds:
        return {}
    return {str(f): (float(lo), float(hi)) for f, lo, hi in
            zip(ds["factor"].values, ds["factor_low"].values, ds["factor_high"].values)}


def _peel_cut(v, side, alpha):
    """The runs (mask over v) that a peel at `side` removes: about the alpha share at that
    end, extended to every run sharing the cut value (whole values)."""
    m = max(1, int(np.floor(alpha * len(v))))
    s = np.sort(v)
    return v <= s[m - 1] if side == "low" else v >= s[len(s) - m]


def _peel(X, y, inside, alpha, min_support, n_all):
    """Peeling trajectory from `inside`: a list of masks, the first being `inside`."""
    traj = [inside.copy()]
    while True:
        best = None
        n_in = inside.sum()
        for c in range(X.shape[1]):
            v = X[inside, c]
            for side in ("low", "high"):
                cut = np.zeros_like(inside)
                cut[inside] = _peel_cut(v, side, alpha)
                keep = inside & ~cut
                k = keep.sum()
                if k == 0 or k == n_in or k / n_all < min_support:
                    continue
                key = (y[keep].mean(), k)  # densest; of equally dense, the larger
                if best is None or key > best[0]:
                    best = (key, keep)
        if best is None:
            return traj
        inside = best[1]
        traj.append(inside.copy())


def _in_bounds(X, lo, hi, skip=None):
    ok = np.ones(X.shape[0], dtype=bool)
    for c in range(X.shape[1]):
        if c != skip:
            ok &= (X[:, c] >= lo[c]) & (X[:, c] <= hi[c])
    return ok


def _paste(X, y, inside, avail, alpha):
    """Widen the box (the hull of `inside`) among the runs `avail` while its density does not drop."""
    while True:
        lo, hi = X[inside].min(axis=0), X[inside].max(axis=0)
        d0, n_in = y[inside].mean(), inside.sum()
        best = None
        for c in range(X.shape[1]):
            others = avail & _in_bounds(X, lo, hi, skip=c)
            for side in ("low", "high"):
                cand = others & ((X[:, c] < lo[c]) if side == "low" else (X[:, c] > hi[c]))
                if not cand.any():
                    continue
                v = X[cand, c]
                m = max(1, int(np.ceil(alpha * n_in)))
                s = np.sort(v)
                edge = s[len(s) - min(m, len(s))] if side == "low" else s[min(m, len(s)) - 1]
                new = inside | (cand & ((X[:, c] >= edge) if side == "low" else (X[:, c] <= edge)))
                d = y[new].mean()
                if d >= d0 and (best is None or (d, new.sum()) > best[0]):
                    best = ((d, new.sum()), new)
        if best is None:
            return inside
        inside = best[1]


def _box_table(X, inside, columns, limits):
    rows = []
    blo, bhi = X[inside].min(axis=0), X[inside].max(axis=0)
    for j, c in enumerate(columns):
        lo, hi = float(blo[j]), float(bhi[j])
        dlo, dhi = limits[c]
        # a side is cut only where runs inside the box on every other factor lie beyond
        # it; a side that cuts nothing is as wide as the declared range
        beside = X[_in_bounds(X, blo, bhi, skip=j), j]
        low = lo if (beside < lo).any() else min(dlo, lo)
        high = hi if (beside > hi).any() else max(dhi, hi)
        rows.append({"factor": c, "low": low, "high": high,
                     "restricted": bool(not np.isclose(low, dlo) and low > dlo or
                                        not np.isclose(high, dhi) and high < dhi)})
    return pd.DataFrame(rows)


def prim(X, y, alpha=0.05, min_support=0.05, min_coverage=0.5, limits=None, paste=True, max_boxes=3,
         min_density=None):
    """X: DataFrame (runs x factors); y: booleans (run of interest).

    limits: {factor: (low, high)}, the declared ranges that "restricted" is judged against
    (default: the range of the runs). paste: widen each box after peeling. max_boxes,
    min_density: stop after that many boxes, or when the next box's density would not
    exceed min_density (default: the share of runs of interest among all runs).

    Returns the first box as dict(box=DataFrame factor/low/high/restricted, coverage,
    density, support, runs=mask of the runs in the box, trajectory=DataFrame of its
    peeling (support/coverage/density within the runs searched), chosen=the step kept),
    with `boxes`, the list of every box found (each a dict like the first), in order."""
    X = pd.DataFrame(X)
    y = np.asarray(y, dtype=bool)
    if y.sum() == 0:
        raise ValueError("no run meets the condition: nothing to discover")
    columns = [str(c) for c in X.columns]
    A = X.to_numpy(dtype=float)
    lim = {c: (float(A[:, j].min()), float(A[:, j].max())) for j, c in enumerate(columns)}
    for c, (lo, hi) in (limits or {}).items():
        if str(c) in lim:
            lim[str(c)] = (float(lo), float(hi))
    n, total = len(y), int(y.sum())
    min_density = y.mean() if min_density is None else min_density
    boxes = []
    avail = np.ones(n, dtype=bool)
    while len(boxes) < max_boxes and (y & avail).any():
        traj = _peel(A, y, avail, alpha, min_support, n)
        cases = (y & avail).sum()
        t = pd.DataFrame([{"support": m.sum() / avail.sum(), "coverage": (y & m).sum() / cases,
                           "density": y[m].mean()} for m in traj])
        ok = t[t["coverage"] >= min_coverage]
        ok = ok if len(ok) else t.iloc[:1]
        i = int(ok.sort_values(["density", "coverage"], ascending=False, kind="stable").index[0])
        inside = _paste(A, y, traj[i], avail, alpha) if paste else traj[i]
        density = float(y[inside].mean())
        if boxes and density <= min_density:
            break
        boxes.append({"box": _box_table(A, inside, columns, lim), "coverage": float((y & inside).sum() / total),
                      "density": density, "support": float(inside.mean()), "runs": inside, "trajectory": t,
                      "chosen": i})
        avail = avail & ~inside
    res = dict(boxes[0])
    res["boxes"] = boxes
    return res


def discover(ds, var, threshold, rule=">=", year=None, include_inputs=False, **kw):
    """PRIM on a batch file: which factor ranges give `var` (mean over `year` and
    replicates) >= (or <=) `threshold`? `year` defaults to the file's last milestone.
    "restricted" is judged against the file's declared factor ranges. An input
    indicator (a lever or a fixed function of levers) is refused unless include_inputs=True."""
    require_outcome(ds, var, include_inputs, "scenario discovery")
    if year is None:
        year = milestone_years(ds)[-1]
    y = run_outputs(ds, var, year)
    hit = y >= threshold if rule == ">=" else y <= threshold
    kw.setdefault("limits", declared_limits(ds))
    return prim(design_frame(ds), hit, **kw)


def discover_targets(ds, year=None, which="applies", clauses=None, include_inputs=False, **kw):
    """PRIM on a batch file: which factor ranges meet every target with a figure
    that the base scenario's documents set (or the given clauses) at December of
    `year`? Targets on input indicators are left out unless include_inputs=True.
    Returns prim()'s result plus `met`, the per-run table of targets."""
    met = targets_met(ds, year=year, which=which, clauses=clauses, include_inputs=include_inputs)
    kw.setdefault("limits", declared_limits(ds))
    res = prim(design_frame(ds), met["all_met"].values, **kw)
    res["met"] = met
    return res
