"""Attainment of the targets the policy documents set (model brief §5).

Every result file lists every declared target in its `targets` group (clause,
indicator, rule, threshold, deadline, window, applies). A target is judged on
the region series: the mean over `window` months ending at the month judged,
per replicate; the probability of meeting it is the share of replicates that
do. Targets without a figure (rule "higher"/"lower") have values but no
probability: they are judged against a baseline (compare.py). Targets are to be met
by outcomes: a target on an input indicator (a lever or a fixed function of levers,
its `kind` attribute) is left out unless include_inputs=True.
"""
import numpy as np
import pandas as pd

from .io import kind


def _kinds(ds, t):
    """The kind ("outcome" or "input") of each target's indicator; "outcome" where the file lacks it."""
    return [kind(ds, v) if v in ds else "outcome" for v in t["indicator"]]


def targets_table(ds, which="applies", include_inputs=True):
    """The file's targets as a DataFrame: those the scenario's documents set
    (which="applies") or all declared targets (which="all"), with the `kind` of each
    target's indicator; without include_inputs, only those on outcome indicators."""
    t = ds.attrs.get("targets")
    if t is None:
        raise ValueError("the file has no targets group (written by govsim before the scenario library)")
    if which == "applies":
        t = t[t["applies"] == 1]
    t = t.assign(kind=_kinds(ds, t))
    if not include_inputs:
        t = t[t["kind"] == "outcome"]
    return t.reset_index(drop=True)


def window_values(da, month, window):
    """Per replicate (and run): mean of the `window` months ending at `month` (YYYY-MM);
    None when the month is outside the file."""
    months = da["month"].values.astype("datetime64[M]")
    target = np.datetime64(month, "M")
    idx = np.where(months == target)[0]
    if idx.size == 0:
        return None
    i = int(idx[0])
    return da.isel(month=slice(max(0, i - window + 1), i + 1)).mean("month", skipna=True)


def meets(rule, threshold, v):
    eps = 1e-3 * max(1.0, abs(threshold))
    if rule == ">=":
        return v >= threshold - eps
    if rule == "<=":
        return v <= threshold + eps
    return np.full(np.shape(v), np.nan)


def target_attainment(ds, which="applies", milestones=None, include_inputs=False):
    """One row per target (and per run in a batch file): the value at the deadline
    (`at_deadline`) and at each milestone (replicate means), and the probability
    across replicates of meeting the figure there (`p_deadline`, `p_2025-12`, ...).
    `milestones`: months "YYYY-MM" (default: the file's own, ga.milestones(ds)).
    Targets on input indicators only with include_inputs=True (column `kind`)."""
    if milestones is None:
        from .io import milestones as file_milestones
        milestones = file_milestones(ds)
    t = targets_table(ds, which, include_inputs)
    runs = ds["run"].values if "run" in ds.dims else [None]
    rows = []
    for _, tg in t.iterrows():
        var = tg["indicator"]
        if var not in ds:
            continue
        has_figure = tg["rule"] in (">=", "<=")
        for run in runs:
            da = ds[var] if run is None else ds[var].sel(run=run)
            row = {"clause": tg["clause"], "indicator": var, "kind": tg["kind"], "rule": tg["rule"],
                   "threshold": tg["threshold"] if has_figure else np.nan,
                   "deadline": tg["deadline"] or "", "judged_at": tg["judged_at"], "text": tg["text"]}
            if run is not None:
                row["run"] = int(run)
            for key, month in [("deadline", tg["judged_at"])] + [(m, m) for m in milestones]:
                v = window_values(da, month, int(tg["window"]))
                if v is None:
                    row["at_" + key] = np.nan
                    row["p_" + key] = np.nan
                    continue
                vals = np.asarray(v.values, dtype=float)
                row["at_" + key] = float(np.nanmean(vals))
                row["p_" + key] = float(np.mean(meets(tg["rule"], tg["threshold"], vals))) if has_figure else np.nan
            rows.append(row)
    return pd.DataFrame(rows)


def targets_met(ds, year=None, which="applies", clauses=None, include_inputs=False):
    """Per run of a batch file (or for a run file, a single row): whether each target
    with a figure is met at December of `year` (the replicate mean of its window),
    and `all_met`: every one of them. Columns are the targets' clauses + indicators.
    `year` defaults to the file's last milestone. Targets on input indicators are
    left out unless include_inputs=True."""
    if year is None:
        from .io import milestone_years
        year = milestone_years(ds)[-1]
    t = targets_table(ds, which)
    t = t[t["rule"].isin([">=", "<="])]
    if clauses is not None:
        t = t[t["clause"].isin(clauses)]
    inputs = t[t["kind"] == "input"]
    if not include_inputs:
        t = t[t["kind"] == "outcome"]
    if len(t) == 0:
        left = (f"; {len(inputs)} on input indicators ({', '.join(inputs['indicator'])}) left out: pass "
                "include_inputs=True to judge them" if len(inputs) and not include_inputs else "")
        raise ValueError("no target with a figure among the file's targets (does the scenario list documents?)"
                         + left)
    runs = ds["run"].values if "run" in ds.dims else [None]
    month = f"{year}-12"
    out = {}
    for _, tg in t.iterrows():
        col = f"{tg['clause']} {tg['indicator']}"
        vals = []
        for run in runs:
            da = ds[tg["indicator"]] if run is None else ds[tg["indicator"]].sel(run=run)
            v = window_values(da, month, int(tg["window"]))
            if v is None:
                raise ValueError(f"{month} is not in the file")
            vals.append(bool(meets(tg["rule"], tg["threshold"], float(np.nanmean(v.values)))))
        out[col] = vals
    df = pd.DataFrame(out, index=pd.Index([int(r) if r is not None else 0 for r in runs], name="run"))
    df["all_met"] = df.all(axis=1)
    return df
