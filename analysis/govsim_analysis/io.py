"""Opening govsim files as labelled xarray Datasets."""
import os

import numpy as np
import pandas as pd
import xarray as xr


def _decode(v):
    return v.decode() if isinstance(v, bytes) else v


def open_result(path):
    """A run file (`govsim run`) or a batch file (`govsim batch`) as an xarray Dataset.

    Dimensions are labelled: `month` holds dates, `unit` carries `unit_name`,
    `unit_kind` and `unit_township` coordinates, a batch's `factor` carries the
    factor names and each factor's values are coordinates on `run` (named by the
    parameter: `ds.sel(run=ds.run[ds["grid.households_per_worker"] == 300])`).
    Every indicator keeps its `units` (UDUNITS-2, e.g. "1"), `units_label` (the
    readable unit, e.g. "index 0-1"), `long_name`, `long_name_zh` and
    `description` attributes; a run file's `scenario` and `scenario_title` are
    scalar coordinates; the file's provenance is in `ds.attrs`, and the
    document targets (if any) in `ds.attrs["targets"]` as a DataFrame.
    """
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    ds = xr.open_dataset(path, engine="h5netcdf")
    coords = [c for c in ("scenario", "scenario_title", "month_label", "unit_name", "unit_kind", "unit_township", "county_name",
                          "factor_name", "factor_parameter", "factor_unit", "factor_kind", "factor_from",
                          "factor_low", "factor_high") if c in ds.variables]
    ds = ds.set_coords(coords)
    for c in coords:
        if ds[c].dtype == object:
            ds[c] = ds[c].astype(str)
    if "factor_name" in ds.coords:
        ds = ds.assign_coords(factor=ds["factor_name"].values)
    ds.attrs = {k: _decode(v) for k, v in ds.attrs.items()}
    ds.attrs["path"] = os.path.abspath(path)
    targets = read_targets(path)
    if targets is not None:
        ds.attrs["targets"] = targets
    return ds


def read_targets(path):
    """The file's `targets` group as a DataFrame (None if the file has none)."""
    import h5py
    with h5py.File(path, "r") as f:
        if "targets" not in f:
            return None
        g = f["targets"]
        # the columns, without the row dimension scale (`target`: 0..n-1)
        cols = [k for k in g.keys() if g[k].attrs.get("CLASS") != b"DIMENSION_SCALE"]
        return pd.DataFrame({k: [_decode(x) for x in g[k][()]] for k in cols})


def is_batch(ds):
    return "run" in ds.dims


def open_batch(path):
    """A batch file; raises ValueError for a run file."""
    ds = open_result(path)
    if not is_batch(ds):
        raise ValueError(f"{path} is a run file, not a batch file (no run dimension)")
    return ds


def design_frame(ds, unit_cube=False):
    """The design matrix of a batch as a DataFrame (rows: runs, columns: factor names)."""
    var = "design_unit" if unit_cube else "design"
    return pd.DataFrame(ds[var].values, index=pd.Index(ds["run"].values, name="run"),
                        columns=[str(f) for f in ds["factor"].values])


def label(ds, var, lang="en", with_units=True):
    """A readable label for an indicator: its long name in English (lang="en") or
    Chinese (lang="zh"), with its readable units (`units_label`, e.g. "index 0-1")."""
    a = ds[var].attrs
    name = a.get("long_name_zh" if lang == "zh" else "long_name", var) or var
    u = units(ds, var)
    return f"{name} ({u})" if with_units and u else name


def units(ds, var):
    """The readable units of `var` ("yuan per month"): `units_label`, else `units` (files
    written before the CF units, or variables without a label)."""
    a = ds[var].attrs
    return a.get("units_label") or a.get("units", "")


def year_mean(da, year):
    """Mean over the months of a year (keeps the other dimensions)."""
    sel = da.sel(month=da["month"].dt.year == year)
    if sel.sizes.get("month", 0) == 0:
        raise ValueError(f"no month of {year} in the file")
    return sel.mean("month")


def months_of(ds):
    return pd.to_datetime(ds["month"].values)


def replicate_values(da):
    return np.asarray(da.values)


def milestones(ds):
    """The months the file's results are reported at ("YYYY-MM", in order), from its
    `milestones` attribute (declared once in models/policy/milestones.cpp)."""
    m = ds.attrs.get("milestones")
    if not m:
        raise ValueError("the file has no `milestones` attribute (written by govsim 0.1 from the engine "
                         "restructuring on); rerun it with this build")
    return str(m).split()


def milestone_years(ds):
    """The years of the file's milestones."""
    return [int(m[:4]) for m in milestones(ds)]


def kind(ds, var):
    """An indicator's kind: "outcome" (produced by the model's mechanisms) or "input" (a lever or
    a fixed function of levers, reported for reference), from its `kind` attribute. Files written
    before indicators declared their kind count every indicator as an outcome."""
    return str(_decode(ds[var].attrs.get("kind", "outcome")))


def indicators(ds, include_inputs=False):
    """The region-level indicators of a file (datasets with a `level` attribute, without the
    `_by_unit`/`_by_county` copies), in file order: outcomes only unless include_inputs."""
    return [v for v in ds.data_vars if "level" in ds[v].attrs and not v.endswith(("_by_unit", "_by_county"))
            and (include_inputs or kind(ds, v) == "outcome")]


def require_outcome(ds, var, include_inputs=False, what="analysis"):
    """Raises ValueError when `var` is an input indicator and inputs were not asked for: the
    sensitivity of a lever's own value to the levers says nothing about the model."""
    if not include_inputs and kind(ds, var) == "input":
        raise ValueError(f"{var} is an input indicator (a lever or a fixed function of levers, reported for "
                         f"reference), not an outcome of the model: pass include_inputs=True to run {what} on it")


def headlines(ds):
    """The headline indicators of a file (datasets whose `headline` attribute is 1), in file order."""
    return [v for v in ds.data_vars if int(ds[v].attrs.get("headline", 0)) == 1 and not v.endswith("_by_unit")
            and not v.endswith("_by_county")]
