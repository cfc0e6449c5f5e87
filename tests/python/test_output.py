"""The HDF5 result file as researchers read it: h5py and xarray (h5netcdf)."""
import subprocess

import h5py
import numpy as np
import pandas as pd
import xarray as xr


def test_county_and_unit_datasets_have_the_documented_shapes(result_file):
    with h5py.File(result_file, "r") as f:
        R, M = f["replicate"].shape[0], f["month"].shape[0]
        U = f["unit"].shape[0]
        assert (R, M) == (2, 18)
        assert U > 150
        for name in ["satisfaction_mean", "dispute_resolution_rate", "settled_in_village_share",
                     "settled_in_township_share", "petitions_per_10k", "mean_wait_months",
                     "households_per_grid_worker", "hazard_detection_rate", "satisfied_share"]:
            assert f[name].shape == (R, M), name
            assert f[name + "_by_unit"].shape == (R, M, U), name
            for attr in ["units", "long_name", "long_name_zh", "description"]:
                assert f[name].attrs[attr], (name, attr)
        ds = f["satisfaction_mean_by_unit"]
        assert ds.chunks is not None and ds.compression == "gzip"


def test_root_attributes_carry_provenance(result_file):
    with h5py.File(result_file, "r") as f:
        a = f.attrs
        assert a["seed"] == 11 and a["replicates"] == 2 and a["threads"] == 2
        assert "households_per_worker = { 2020 = 500, 2021 = 300 }" in a["scenario_text"]
        for key in ["govsim_version", "git_commit", "build_type", "started", "finished", "region"]:
            assert a[key], key
        p = f["parameters"].attrs
        assert p["ladder.township_mediation_capacity"] == 8
        assert "2021-01" in p["grid.households_per_worker"]


def test_xarray_reads_labelled_coordinates(result_file):
    ds = xr.open_dataset(result_file, engine="h5netcdf")
    assert ds["month"].dtype.kind == "M"
    assert pd.Timestamp(ds["month"].values[0]) == pd.Timestamp("2020-01-01")
    assert pd.Timestamp(ds["month"].values[-1]) == pd.Timestamp("2021-06-01")
    assert set(ds["unit_kind"].values) == {"urban_community", "town_community", "rural_village"}
    assert "unit_name" in ds.coords and "unit_township" in ds.coords
    sat = ds["satisfaction_mean_by_unit"]
    assert sat.dims == ("replicate", "month", "unit")
    assert sat.attrs["long_name_zh"] == "群众满意度(均值)"
    by_kind = sat.groupby("unit_kind").mean()
    assert by_kind.sizes["unit_kind"] == 3
    # the lever schedule shows in the output: 500 households per worker in 2020, 300 from 2021
    hpw = ds["households_per_grid_worker"].sel(replicate=0)
    assert float(hpw.sel(month="2021-03-01")) < 0.8 * float(hpw.sel(month="2020-10-01"))


def test_county_values_are_ratios_of_unit_sums(result_file):
    with h5py.File(result_file, "r") as f:
        # a share of residents (satisfaction is a mean over adults, not weighted by residents)
        residents = f["residents_by_unit"][0, 5, :]
        old = f["aged_60_plus_share_by_unit"][0, 5, :]
        assert np.isclose((old * residents).sum() / residents.sum(), f["aged_60_plus_share"][0, 5], rtol=1e-12)
        assert f["residents"][0, 5] == residents.sum()


def test_files_are_bit_identical_across_thread_counts(request, govsim, tmp_path):
    scenario = tmp_path / "t.toml"
    scenario.write_text('[scenario]\nstart = "2020-01"\nend = "2020-12"\nspinup_months = 2\nseed = 5\n'
                        'replicates = 2\n')
    files = []
    for threads in (1, 2, 4):
        out = tmp_path / f"t{threads}.h5"
        subprocess.run([govsim, "run", str(scenario), "--out", str(out), "--threads", str(threads), "-q"], check=True)
        files.append(h5py.File(out, "r"))
    names = [n for n in files[0] if isinstance(files[0][n], h5py.Dataset)]
    assert len(names) > 40
    for n in names:
        a = np.asarray(files[0][n][()])
        for f in files[1:]:
            b = np.asarray(f[n][()])
            if a.dtype.kind == "f":
                assert a.tobytes() == b.tobytes(), n
            else:
                assert (a == b).all(), n
    assert files[2].attrs["threads"] == 4


def test_targets_group_lists_every_target_and_which_apply(result_file):
    with h5py.File(result_file, "r") as f:
        g = f["targets"]
        clause = [c.decode() for c in g["clause"][:]]
        n = len(clause)
        assert n >= 30
        for name in ["document", "indicator", "rule", "deadline", "judged_at", "text", "threshold", "window",
                     "applies"]:
            assert g[name].shape == (n,), name
        applies = g["applies"][:]
        # the scenario lists 004 §18 only: every 004 target applies, no other
        docs = [d.decode() for d in g["document"][:]]
        assert all(bool(a) == (d == "004") for a, d in zip(applies, docs))
        i = clause.index("004 §18")
        assert g["indicator"][i].decode() == "dispute_resolution_rate"
        assert g["rule"][i].decode() == ">=" and g["threshold"][i] == 0.97
        assert g["judged_at"][i].decode() == "2025-12" and g["window"][i] == 12
        # direction-only targets have no threshold
        rules = [r.decode() for r in g["rule"][:]]
        assert all(np.isnan(t) == (r in ("higher", "lower")) for t, r in zip(g["threshold"][:], rules))
        # each target's indicator is a dataset of the file
        for ind in g["indicator"][:]:
            assert ind.decode() in f, ind


def test_every_indicator_dataset_states_its_kind(result_file):
    # outcome: produced by the mechanisms; input: a lever or a fixed function of levers
    # (grid_worker_pay is the lever grid.pay), on the region, per-unit and per-county copies alike
    with h5py.File(result_file, "r") as f:
        indicators = [n for n in f if "level" in f[n].attrs]
        assert len(indicators) > 150
        for n in indicators:
            assert f[n].attrs["kind"] in ("outcome", "input"), n
            base = n.removesuffix("_by_unit").removesuffix("_by_county")
            assert f[n].attrs["kind"] == f[base].attrs["kind"], n
        assert f["satisfaction_mean"].attrs["kind"] == "outcome"
        assert f["satisfaction_mean_by_unit"].attrs["kind"] == "outcome"
        assert f["grid_worker_pay"].attrs["kind"] == "input"
        assert "kind" not in f["month"].attrs and "kind" not in f["unit"].attrs
