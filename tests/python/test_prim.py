"""PRIM (analysis/govsim_analysis/prim.py) against data with known answers: discrete levers,
a factorial, a continuous box, and two separate regions (a second box)."""
import os
import sys

import numpy as np
import pandas as pd
import pytest
import xarray as xr

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "analysis"))
import govsim_analysis as ga  # noqa: E402


def batch_like(design, out, limits):
    """A Dataset shaped like a batch file: `out` per run over the 12 months of 2030, the
    factors' declared ranges in factor_low/factor_high as govsim batch writes them."""
    names = list(design.columns)
    months = pd.date_range("2030-01-01", periods=12, freq="MS")
    vals = np.repeat(np.asarray(out, float)[:, None, None], 12, axis=2)
    return xr.Dataset({"out": (("run", "replicate", "month"), vals),
                       "design": (("run", "factor"), design.to_numpy(float))},
                      coords={"run": range(len(design)), "replicate": [0], "month": months, "factor": names,
                              "factor_low": ("factor", [limits[c][0] for c in names]),
                              "factor_high": ("factor", [limits[c][1] for c in names])})


def test_a_switch_that_alone_decides_success_is_the_only_restriction():
    rng = np.random.default_rng(1)
    n = 200
    X = pd.DataFrame({"switch": rng.integers(0, 2, n), "share": rng.uniform(0.2, 0.9, n),
                      "cycle": rng.choice([12, 24, 36], n)})
    ds = batch_like(X, X["switch"] == 1, {"switch": (0, 1), "share": (0.2, 0.9), "cycle": (12, 36)})
    res = ga.discover(ds, "out", 0.5, year=2030)
    box = res["box"].set_index("factor")
    assert box.loc["switch", "restricted"] and box.loc["switch", "low"] == 1 and box.loc["switch", "high"] == 1
    assert not box.loc["share", "restricted"] and not box.loc["cycle", "restricted"]
    assert (box.loc["share", "low"], box.loc["share", "high"]) == (0.2, 0.9)
    assert res["density"] == 1.0 and res["coverage"] == 1.0
    assert len(res["boxes"]) == 1  # no run of interest is left outside the box


def test_a_factorial_where_success_needs_one_level_gets_a_closed_bound_at_that_level():
    X = pd.DataFrame([(h, m) for h in (300, 800) for m in (6, 12)] * 3,
                     columns=["households_per_worker", "mediation"])
    ds = batch_like(X, np.where(X["households_per_worker"] == 300, 0.9, 0.7),
                    {"households_per_worker": (300, 800), "mediation": (6, 12)})
    res = ga.discover(ds, "out", 0.8, year=2030)
    box = res["box"].set_index("factor")
    assert (box.loc["households_per_worker", "low"], box.loc["households_per_worker", "high"]) == (300, 300)
    assert box.loc["households_per_worker", "restricted"]
    assert (box.loc["mediation", "low"], box.loc["mediation", "high"]) == (6, 12)
    assert not box.loc["mediation", "restricted"]
    assert res["density"] == 1.0 and res["coverage"] == 1.0


def test_a_box_on_a_continuous_function():
    rng = np.random.default_rng(2)
    X = pd.DataFrame(rng.uniform(0, 1, (3000, 4)), columns=["x1", "x2", "x3", "x4"])
    y = (X["x1"] > 0.3) & (X["x1"] < 0.7) & (X["x2"] > 0.5)
    res = ga.prim(X, y, limits={c: (0, 1) for c in X})
    box = res["box"].set_index("factor")
    assert box.loc["x1", "low"] == pytest.approx(0.3, abs=0.04)
    assert box.loc["x1", "high"] == pytest.approx(0.7, abs=0.04)
    assert box.loc["x2", "low"] == pytest.approx(0.5, abs=0.04) and box.loc["x2", "high"] == 1.0
    assert box.loc["x1", "restricted"] and box.loc["x2", "restricted"]
    for c in ("x3", "x4"):
        assert not box.loc[c, "restricted"] and (box.loc[c, "low"], box.loc[c, "high"]) == (0, 1)
    assert res["density"] > 0.9 and res["coverage"] > 0.85
    # every reported bound is a value of a run inside the box or the declared limit
    inside = X[res["runs"]]
    assert box.loc["x1", "low"] == inside["x1"].min() and box.loc["x2", "low"] == inside["x2"].min()


def test_pasting_widens_a_box_that_peeling_left_too_narrow():
    rng = np.random.default_rng(3)
    X = pd.DataFrame(rng.uniform(0, 1, (2000, 2)), columns=["a", "b"])
    y = X["a"] > 0.5
    peeled = ga.prim(X, y, alpha=0.2, paste=False, limits={"a": (0, 1), "b": (0, 1)})
    pasted = ga.prim(X, y, alpha=0.2, limits={"a": (0, 1), "b": (0, 1)})
    assert pasted["coverage"] >= peeled["coverage"] and pasted["density"] >= peeled["density"]
    assert pasted["box"].set_index("factor").loc["a", "low"] == pytest.approx(0.5, abs=0.02)
    assert pasted["coverage"] > 0.97


def test_two_separate_regions_give_two_boxes():
    rng = np.random.default_rng(4)
    X = pd.DataFrame(rng.uniform(0, 1, (4000, 3)), columns=["x1", "x2", "x3"])
    a = (X["x1"] < 0.4) & (X["x2"] < 0.4)
    b = (X["x1"] > 0.8) & (X["x2"] > 0.7)
    res = ga.prim(X, a | b, limits={c: (0, 1) for c in X}, max_boxes=3, min_coverage=0.3)
    assert len(res["boxes"]) == 2  # nothing of interest is left after the second
    first, second = (bx["box"].set_index("factor") for bx in res["boxes"])
    assert first.loc["x1", "high"] == pytest.approx(0.4, abs=0.04) and first.loc["x1", "low"] == 0
    assert first.loc["x2", "high"] == pytest.approx(0.4, abs=0.04)
    assert second.loc["x1", "low"] == pytest.approx(0.8, abs=0.04) and second.loc["x1", "high"] == 1
    assert second.loc["x2", "low"] == pytest.approx(0.7, abs=0.04)
    assert not first.loc["x3", "restricted"] and not second.loc["x3", "restricted"]
    assert not (res["boxes"][0]["runs"] & res["boxes"][1]["runs"]).any()
    assert res["boxes"][0]["density"] > 0.9 and res["boxes"][1]["density"] > 0.9
    assert sum(bx["coverage"] for bx in res["boxes"]) > 0.9
    one = ga.prim(X, a | b, limits={c: (0, 1) for c in X}, max_boxes=1, min_coverage=0.3)
    assert len(one["boxes"]) == 1 and one["box"].equals(res["boxes"][0]["box"])
