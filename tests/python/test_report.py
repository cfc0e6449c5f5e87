"""govsim-report (analysis/govsim_analysis/report.py): the years it judges a file at,
its Sobol warnings, and its errors for files it cannot read."""
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import xarray as xr  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "analysis"))
from govsim_analysis import report  # noqa: E402


def months_ds(start, end, milestones="2025-12 2035-12"):
    ds = xr.Dataset(coords={"month": pd.date_range(start + "-01", end + "-01", freq="MS")})
    ds.attrs["milestones"] = milestones
    return ds


def test_report_years_are_the_milestones_reached_and_the_last_full_year():
    assert report.report_years(months_ds("2020-01", "2021-12")) == [2021]
    assert report.report_years(months_ds("2020-01", "2022-06")) == [2021]
    assert report.report_years(months_ds("2020-01", "2035-12")) == [2025, 2035]
    assert report.report_years(months_ds("2020-01", "2030-03")) == [2025, 2029]
    assert report.report_years(months_ds("2020-01", "2020-03")) == [2020]  # no full year: the last year
    assert report.report_years(months_ds("2020-01", "2021-12", milestones="2021-06 2021-12")) == [2021]
    no_milestones = months_ds("2020-01", "2023-12")
    del no_milestones.attrs["milestones"]
    assert report.report_years(no_milestones) == [2023]


def fake_saltelli_file(path, n=8, end="2021-12", seed=0):
    """A file shaped like `govsim batch` output for a Saltelli design with two factors,
    N = n base samples; the outcome varies across runs only from 2021 on."""
    rng = np.random.default_rng(seed)
    k = 2
    a, b = rng.uniform(0, 1, (n, k)), rng.uniform(0, 1, (n, k))
    rows, block, sample = [], [], []
    for blk in range(k + 2):
        m = b.copy() if blk == 1 else a.copy()
        if blk >= 2:
            m[:, blk - 2] = b[:, blk - 2]
        rows.append(m)
        block += [blk] * n
        sample += list(range(n))
    x = np.vstack(rows)
    months = pd.date_range("2020-01-01", end + "-01", freq="MS")
    runs = len(x)
    y = np.full((runs, 1, len(months)), 0.5)
    later = months.year >= 2021
    y[:, 0, later] = (0.5 + 0.3 * x[:, 0] + 0.1 * x[:, 1])[:, None]
    ds = xr.Dataset(
        {"satisfaction_mean": (("run", "replicate", "month"), y,
                               {"units": "index 0-1", "long_name": "mean resident satisfaction",
                                "long_name_zh": "群众满意度(均值)"}),
         "design": (("run", "factor"), 300 + 500 * x), "design_unit": (("run", "factor"), x),
         "saltelli_block": ("run", np.array(block)), "saltelli_sample": ("run", np.array(sample)),
         "factor_name": ("factor", ["hpw", "med"]), "factor_parameter": ("factor", ["grid.a", "ladder.b"]),
         "factor_unit": ("factor", ["households", "cases"]), "factor_kind": ("factor", ["range", "range"]),
         "factor_low": ("factor", [300.0, 300.0]), "factor_high": ("factor", [800.0, 800.0])},
        coords={"run": np.arange(runs), "replicate": [0], "month": months, "factor": np.arange(k)})
    ds.attrs.update({"title": "fake saltelli", "kind": "batch", "design": "saltelli",
                     "milestones": "2025-12 2035-12"})
    ds.to_netcdf(path, engine="h5netcdf")
    return path


def test_a_batch_ending_2021_12_is_judged_at_2021_with_a_small_sample_warning(tmp_path):
    h5 = fake_saltelli_file(str(tmp_path / "b.h5"))
    out = tmp_path / "b.html"
    assert report.main([h5, "-o", str(out)]) == 0
    text = out.read_text()
    assert "Judged at 2021" in text and "Sobol indices (2021)" in text and "PRIM, 2021" in text
    assert "satisfaction_mean 2021" in text and "satisfaction_mean 2020" not in text
    assert "Warning: Small sample: 8 base samples" in text


def test_sobol_warnings_name_small_samples_and_indices_outside_0_1():
    bad = pd.DataFrame({"factor": ["hpw", "med"], "S1": [45.6, 0.2], "S1_lo": [-90.0, 0.1],
                        "S1_hi": [194.0, 0.3], "ST": [0.5, 0.25], "ST_lo": [0.4, 0.2], "ST_hi": [0.6, 0.3]})
    w = report.sobol_warnings(bad, 1024)  # even with many samples: the interval and the range
    assert len(w) == 2
    assert "intervals of hpw are wider" in w[0] and w[1].startswith("hpw: S1 = 45.6")
    good = pd.DataFrame({"factor": ["hpw", "med"], "S1": [0.6, 0.2], "S1_lo": [0.55, 0.15], "S1_hi": [0.65, 0.25],
                         "ST": [0.7, 0.25], "ST_lo": [0.65, 0.2], "ST_hi": [0.75, 0.3]})
    assert report.sobol_warnings(good, 1024) == []
    assert "Small sample: 64 base samples" in report.sobol_warnings(good, 64)[0]
    assert any("med: S1 = -0.05" in x for x in report.sobol_warnings(good.assign(S1=[0.6, -0.05]), 1024))


def report_cli(*args):
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "analysis"), MPLBACKEND="Agg")
    return subprocess.run(["/usr/bin/python3", "-m", "govsim_analysis.report", *map(str, args)],
                          capture_output=True, text=True, env=env)


@pytest.mark.parametrize("kind", ["text", "missing", "directory", "hdf5 not govsim"])
def test_a_file_that_is_not_a_govsim_result_is_one_line_and_status_2(tmp_path, kind):
    p = tmp_path / "input.h5"
    if kind == "text":
        p.write_text("month,value\n2020-01,1\n")
    elif kind == "directory":
        p.mkdir()
    elif kind == "hdf5 not govsim":
        import h5py
        with h5py.File(p, "w") as f:
            f["x"] = np.arange(3)
    r = report_cli(p, "-o", tmp_path / "out.html")
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"govsim-report: {p}: ") and "Traceback" not in r.stderr
    assert r.stdout == "" and not (tmp_path / "out.html").exists()


# ---------------------------------------------------------------- Chinese labels
def ladder_ds():
    months = pd.date_range("2020-01-01", periods=24, freq="MS")
    rng = np.random.default_rng(0)
    base = np.linspace(0.6, 0.7, 24)[None, :] + rng.normal(0, 0.01, (3, 24))
    attrs = {"satisfaction_mean": ("群众满意度(均值)", "index 0-1"),
             "settled_in_village_share": ("村内化解占比", "share"),
             "settled_in_township_share": ("乡镇内化解占比", "share"),
             "dispute_resolution_rate": ("纠纷化解率", "share")}
    data = {"satisfaction_mean": base, "settled_in_village_share": base * 1.2,
            "settled_in_township_share": base * 1.3, "dispute_resolution_rate": np.minimum(base * 1.4, 1.0)}
    return xr.Dataset({v: (("replicate", "month"), data[v], {"long_name": v, "long_name_zh": zh, "units": u})
                       for v, (zh, u) in attrs.items()}, coords={"replicate": range(3), "month": months})


def glyph_warnings(draw):
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [str(w.message) for w in caught if "Glyph" in str(w.message) or "font" in str(w.message).lower()]


def test_chinese_figures_render_every_glyph():
    import io
    import matplotlib.pyplot as plt
    import govsim_analysis as ga
    from govsim_analysis import lang
    assert lang.cjk_font() is not None, "no CJK font: scripts/install-deps.sh installs fonts-wqy-microhei"
    ds = ladder_ds()

    def draw():
        fig, axes = plt.subplots(1, 2, figsize=(10, 3))
        ga.fan_chart(ds, "satisfaction_mean", ax=axes[0], lang="zh")
        ga.ladder_chart(ds, ax=axes[1], lang="zh")
        fig.savefig(io.BytesIO(), format="png")
        assert "指数 0-1" in axes[0].get_ylabel() and axes[0].get_title() == "群众满意度(均值)"
        plt.close(fig)
        fig = ga.small_multiples({"甲": ds, "乙": ds}, "satisfaction_mean", baseline=ds, lang="zh")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    assert glyph_warnings(draw) == []
    # Latin text keeps its font: the CJK font is a fallback after sans-serif (DejaVu Sans)
    assert matplotlib.rcParams["font.family"][0] == "sans-serif"
    assert matplotlib.rcParams["font.family"][-1] == lang.cjk_font()


def test_chinese_report_translates_headings_and_units(tmp_path):
    h5 = fake_saltelli_file(str(tmp_path / "b.h5"))
    caught = glyph_warnings(lambda: report.build_report(h5, lang="zh"))
    assert caught == []
    text = report.build_report(h5, lang="zh")
    for zh in ("实验设计", "各次运行", "Sobol 敏感性指数 (2021)", "情景发现 (PRIM, 2021)", "评估年份:2021", "下限",
               "户", "警告"):
        assert zh in text, zh
    assert "Design</h2>" not in text and ">households<" not in text


def test_every_unit_has_a_chinese_translation():
    from govsim_analysis import lang
    out = open(os.path.join(REPO, "docs", "output.md"), encoding="utf-8").read().splitlines()
    header = next(r for r in out if r.startswith("| dataset | ") and "units_label" in r).split("|")
    col = [c.strip() for c in header].index("units_label")  # the column, wherever the table puts it
    rows = [r.split("|") for r in out if r.startswith("| `")]
    units = {r[col].strip() for r in rows if len(r) > 6 and r[col].strip()}
    assert len(units) > 30
    assert sorted(u for u in units if lang.unit(u, "zh") == u) == []
