"""CF conventions of result files: UDUNITS-2 units, _FillValue, the time axis, the targets
group, the scenario coordinate (several runs as one dataset) and factor coordinates on run."""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest
import xarray as xr

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "analysis"))
import govsim_analysis as ga  # noqa: E402

FACTORIAL = """[experiment]
title = "cf factorial"
scenario = "{base}"
design = "factorial"
replicates = 1
seed = 3
end = "2020-03"

[factors.hpw]
parameter = "grid.households_per_worker"
levels = [300, 500]

[factors.share]
parameter = "budget.grassroots_share"
levels = [0.03, 0.05]
"""


@pytest.fixture(scope="module")
def batch_file(govsim, request):
    d = os.path.join(request.config.getoption("--workdir"), "cf-batch")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    text = FACTORIAL.format(base=os.path.join(REPO, "scenarios", "baseline.toml"))
    with open(os.path.join(d, "exp.toml"), "w") as f:
        f.write(text)
    r = subprocess.run([govsim, "batch", "exp.toml", "--out", "out.h5", "-q", "--threads", "2"], cwd=d,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return os.path.join(d, "out.h5")


def udunits_problems(units):
    """The units among `units` that udunits2 (Debian's udunits-bin) does not parse."""
    assert shutil.which("udunits2"), "udunits2 is missing: scripts/install-deps.sh installs udunits-bin"
    bad = []
    for u in sorted(set(units)):
        r = subprocess.run(["udunits2", "-H", u, "-W", ""], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if "Don't recognize" in r.stdout + r.stderr or r.returncode != 0:
            bad.append(u)
    return bad


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: out.__setitem__(n, (dict(o.attrs), o.dtype)) if isinstance(o, h5py.Dataset) else None)
    return out


@pytest.mark.parametrize("which", ["run", "batch"])
def test_every_units_attribute_is_a_udunits_unit(result_file, batch_file, which):
    path = result_file if which == "run" else batch_file
    ds = datasets(path)
    units = {n: a["units"] for n, (a, _) in ds.items() if "units" in a}
    units = {n: u.decode() if isinstance(u, bytes) else u for n, u in units.items()}
    indicators = [n for n, (a, _) in ds.items() if "level" in a]
    assert len(indicators) > 30 and all(n in units for n in indicators)
    assert udunits_problems(units.values()) == []
    for n in indicators:  # the readable label is kept beside
        assert ds[n][0]["units_label"], n
    assert units["satisfaction_mean"] == "1" and units["grid_worker_pay"] == "month-1"


@pytest.mark.parametrize("which", ["run", "batch"])
def test_float_datasets_have_a_nan_fill_value(result_file, batch_file, which):
    path = result_file if which == "run" else batch_file
    floats = {n: a for n, (a, dt) in datasets(path).items() if dt.kind == "f"}
    assert len(floats) > 30
    for n, a in floats.items():
        assert "_FillValue" in a and np.isnan(a["_FillValue"]), n


def test_month_is_the_time_axis(result_file):
    with h5py.File(result_file, "r") as f:
        m = f["month"].attrs
        assert m["axis"] == "T" and m["standard_name"] == "time"
        assert m["units"] == "days since 1970-01-01" and m["calendar"] == "standard"
    ds = xr.open_dataset(result_file, engine="h5netcdf")
    assert ds["month"].dtype.kind == "M"


def test_targets_group_opens_with_xarray(result_file):
    t = xr.open_dataset(result_file, engine="h5netcdf", group="targets")
    assert t["clause"].dims == ("target",) and t.sizes["target"] >= 30
    row = t.where((t["clause"] == "004 §18") & (t["indicator"] == "dispute_resolution_rate"), drop=True)
    assert float(row["threshold"]) == 0.97
    assert ga.open_result(result_file).attrs["targets"].shape[0] == t.sizes["target"]
    assert "target" not in ga.open_result(result_file).attrs["targets"].columns


def test_run_files_concatenate_along_scenario(result_file, govsim, tmp_path):
    other = tmp_path / "denser.toml"
    other.write_text('[scenario]\ntitle = "denser grids"\nstart = "2020-01"\nend = "2021-06"\nspinup_months = 3\n'
                     'seed = 11\nreplicates = 2\n[grid]\nhouseholds_per_worker = 300\n'
                     '[budget]\ngrassroots_share = 0.08\n')  # as the fixture: money to hire the workers
    out = tmp_path / "denser.h5"
    subprocess.run([govsim, "run", str(other), "--out", str(out), "-q"], check=True)
    one = xr.open_dataset(result_file, engine="h5netcdf")
    assert one["scenario"].ndim == 0 and str(one["scenario"].values) == "short"
    assert "scenario" in one.coords and str(one["scenario_title"].values) == "python test"
    both = xr.open_mfdataset([result_file, str(out)], engine="h5netcdf", combine="nested", concat_dim="scenario")
    assert list(both["scenario"].values) == ["short", "denser"]
    assert both["satisfaction_mean"].dims == ("scenario", "replicate", "month")
    hpw = both["households_per_grid_worker"].sel(replicate=0, month="2020-06-01").compute()
    assert float(hpw.sel(scenario="denser")) < float(hpw.sel(scenario="short"))


def test_batch_runs_select_by_factor_value(batch_file):
    ds = xr.open_dataset(batch_file, engine="h5netcdf")
    hpw = ds["grid.households_per_worker"]
    assert hpw.dims == ("run",) and "grid.households_per_worker" in ds.coords
    assert ds["grid.households_per_worker"].attrs["units_label"] == "households per worker"
    sel = ds.sel(run=ds.run[ds["grid.households_per_worker"] == 300])
    assert sel.sizes["run"] == 2
    assert (sel["design"].isel(factor=0).values == 300).all()
    kept = ds.where(ds["grid.households_per_worker"] == 500, drop=True)
    assert list(kept["run"].values) == [2, 3]
    assert list(ds["budget.grassroots_share"].values) == [0.03, 0.05, 0.03, 0.05]
    g = ga.open_batch(batch_file)
    assert (g.sel(run=g.run[g["grid.households_per_worker"] == 300])["satisfaction_mean"].sizes["run"]) == 2


def test_labels_use_the_readable_units(result_file):
    ds = ga.open_result(result_file)
    assert ds["satisfaction_mean"].attrs["units"] == "1"
    assert ga.label(ds, "satisfaction_mean") == "mean adult satisfaction (index 0-1)"
    assert ga.units(ds, "grid_worker_pay") == "yuan per month"
