"""Comparing scenarios: each scenario minus the baseline, replicate by replicate.

Runs of the same region with the same seed share their random draws replicate
by replicate (common random numbers), so the difference of replicate r of a
scenario and replicate r of the baseline is the effect of the policy with most
of the noise removed; intervals are t-intervals of the mean paired difference.
"""
import numpy as np
import pandas as pd
from scipy import stats

from .io import milestone_years, open_result, units, year_mean


def _as_ds(x):
    return open_result(x) if isinstance(x, str) else x


def _interval(d, level):
    d = np.asarray(d, dtype=float)
    d = d[~np.isnan(d)]
    n = d.size
    if n == 0:
        return np.nan, np.nan, np.nan, 0
    m = d.mean()
    if n == 1:
        return m, np.nan, np.nan, 1
    half = stats.t.ppf(0.5 + level / 2, n - 1) * d.std(ddof=1) / np.sqrt(n)
    return m, m - half, m + half, n


def paired_difference(scenario, baseline, var, year=None, level=0.9):
    """Scenario minus baseline for one indicator, paired by replicate.

    Without `year`: one row per month (columns month, mean, lo, hi, n). With a
    year: one row, on the annual means. Both files must have the same replicates
    and seed (checked) so that replicate r is paired with replicate r."""
    s, b = _as_ds(scenario), _as_ds(baseline)
    if s.sizes["replicate"] != b.sizes["replicate"]:
        raise ValueError("paired comparison needs the same number of replicates in both files "
                         f"({s.sizes['replicate']} vs {b.sizes['replicate']})")
    if int(s.attrs.get("seed", -1)) != int(b.attrs.get("seed", -2)):
        raise ValueError("paired comparison needs the same seed in both files (common random numbers)")
    if year is not None:
        d = (year_mean(s[var], year) - year_mean(b[var], year)).values
        m, lo, hi, n = _interval(d, level)
        return pd.DataFrame([{"year": year, "mean": m, "lo": lo, "hi": hi, "n": n}])
    sv, bv = s[var], b[var]
    common = np.intersect1d(sv["month"].values, bv["month"].values)
    d = sv.sel(month=common) - bv.sel(month=common)
    rows = []
    for i, m in enumerate(common):
        mean, lo, hi, n = _interval(d.isel(month=i).values, level)
        rows.append({"month": pd.Timestamp(m), "mean": mean, "lo": lo, "hi": hi, "n": n})
    return pd.DataFrame(rows)


def compare_scenarios(scenarios, baseline, variables, year=None, level=0.9):
    """A table: for each scenario (a dict name -> file or Dataset) and indicator, the
    baseline's and the scenario's means over `year`, and the paired difference with
    its interval (and whether the interval excludes 0). `year` defaults to the
    baseline file's first milestone."""
    b = _as_ds(baseline)
    if year is None:
        year = milestone_years(b)[0]
    rows = []
    for name, x in scenarios.items():
        s = _as_ds(x)
        for var in variables:
            diff = paired_difference(s, b, var, year=year, level=level).iloc[0]
            rows.append({
                "scenario": name, "indicator": var, "units": units(s, var),
                "baseline": float(year_mean(b[var], year).mean()), "scenario_value": float(year_mean(s[var], year).mean()),
                "difference": diff["mean"], "lo": diff["lo"], "hi": diff["hi"], "replicates": int(diff["n"]),
                "significant": bool(diff["n"] > 1 and (diff["lo"] > 0 or diff["hi"] < 0)),
            })
    return pd.DataFrame(rows)
