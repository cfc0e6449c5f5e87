"""Global sensitivity from batch files.

Sobol indices from a Saltelli design (govsim batch, design = "saltelli"): with
f(A), f(B) and f(AB_j) (A with column j from B), N samples each,
    V    = var of f(A) and f(B) together
    S1_j = mean(f(B) (f(AB_j) - f(A))) / V          (Saltelli et al. 2010)
    ST_j = mean((f(A) - f(AB_j))^2) / (2 V)          (Jansen 1999)
with bootstrap confidence intervals over the N samples.

Morris elementary effects from trajectories (design = "morris"): along a
trajectory, the effect of the factor moved at a step is (y_step - y_previous) /
(its change in the unit hypercube); mu, mu* (mean absolute) and sigma per factor
(Campolongo et al. 2007).
"""
import numpy as np
import pandas as pd

from .io import design_frame, require_outcome, year_mean


def sobol_indices(y_a, y_b, y_ab, names=None, n_boot=1000, level=0.95, seed=0):
    """First-order and total Sobol indices with bootstrap intervals.

    y_a, y_b: arrays (N,); y_ab: array (k, N), row j = f(AB_j)."""
    y_a, y_b, y_ab = np.asarray(y_a, float), np.asarray(y_b, float), np.asarray(y_ab, float)
    k, n = y_ab.shape
    names = names or [f"x{j + 1}" for j in range(k)]

    def est(idx):
        a, b, ab = y_a[idx], y_b[idx], y_ab[:, idx]
        v = np.var(np.concatenate([a, b]), ddof=1)
        if v <= 0:
            return np.full(k, np.nan), np.full(k, np.nan)
        s1 = np.mean(b * (ab - a), axis=1) / v
        st = 0.5 * np.mean((a - ab) ** 2, axis=1) / v
        return s1, st

    s1, st = est(np.arange(n))
    rng = np.random.default_rng(seed)
    boots = [est(rng.integers(0, n, n)) for _ in range(n_boot)]
    b1 = np.array([b[0] for b in boots])
    bt = np.array([b[1] for b in boots])
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    return pd.DataFrame({
        "factor": names, "S1": s1, "S1_lo": np.nanpercentile(b1, lo, axis=0), "S1_hi": np.nanpercentile(b1, hi, axis=0),
        "ST": st, "ST_lo": np.nanpercentile(bt, lo, axis=0), "ST_hi": np.nanpercentile(bt, hi, axis=0),
    })


def run_outputs(ds, var, year):
    """One number per run: the indicator averaged over the year and the replicates."""
    return np.asarray(year_mean(ds[var], year).mean("replicate", skipna=True).values, dtype=float)


def sobol_from_batch(ds, var, year, include_inputs=False, **kw):
    """Sobol indices of an indicator (mean over `year` and replicates) from a batch
    file made with design = "saltelli". An input indicator (a lever or a fixed function
    of levers) is refused unless include_inputs=True."""
    require_outcome(ds, var, include_inputs, "Sobol indices")
    if "saltelli_block" not in ds:
        raise ValueError("not a Saltelli design (govsim batch with design = \"saltelli\")")
    y = run_outputs(ds, var, year)
    block = ds["saltelli_block"].values
    sample = ds["saltelli_sample"].values
    k = int(block.max()) - 1
    n = int(sample.max()) + 1

    def pick(b):
        out = np.full(n, np.nan)
        sel = block == b
        out[sample[sel]] = y[sel]
        return out

    names = [str(f) for f in ds["factor"].values]
    return sobol_indices(pick(0), pick(1), np.array([pick(2 + j) for j in range(k)]), names=names, **kw)


def morris_effects(x_unit, y, trajectory, step, factor, names=None):
    """mu, mu*, sigma of the elementary effects per factor.

    x_unit: (runs, k) points in the unit hypercube; y: (runs,); trajectory, step,
    factor: per run (factor = the one moved to reach the point, -1 at step 0)."""
    x_unit, y = np.asarray(x_unit, float), np.asarray(y, float)
    k = x_unit.shape[1]
    names = names or [f"x{j + 1}" for j in range(k)]
    effects = [[] for _ in range(k)]
    order = np.lexsort((np.asarray(step), np.asarray(trajectory)))
    for a, b in zip(order[:-1], order[1:]):
        if trajectory[a] != trajectory[b] or step[b] != step[a] + 1:
            continue
        j = int(factor[b])
        dx = x_unit[b, j] - x_unit[a, j]
        if dx != 0:
            effects[j].append((y[b] - y[a]) / dx)
    rows = []
    for j in range(k):
        e = np.array(effects[j])
        rows.append({"factor": names[j], "mu": e.mean() if e.size else np.nan,
                     "mu_star": np.abs(e).mean() if e.size else np.nan,
                     "sigma": e.std(ddof=1) if e.size > 1 else np.nan, "effects": int(e.size)})
    return pd.DataFrame(rows)


def morris_from_batch(ds, var, year, include_inputs=False):
    """Morris screening of an indicator (mean over `year` and replicates) from a
    batch file made with design = "morris". Effects are per unit of the factor's
    range (the unit hypercube), so factors with different units compare. An input
    indicator is refused unless include_inputs=True."""
    require_outcome(ds, var, include_inputs, "Morris screening")
    if "morris_trajectory" not in ds:
        raise ValueError("not a Morris design (govsim batch with design = \"morris\")")
    return morris_effects(design_frame(ds, unit_cube=True).values, run_outputs(ds, var, year),
                          ds["morris_trajectory"].values, ds["morris_step"].values, ds["morris_factor"].values,
                          names=[str(f) for f in ds["factor"].values])
