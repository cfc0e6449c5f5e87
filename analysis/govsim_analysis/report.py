"""govsim-report FILE [-o OUT.html]: an HTML report of a run or batch file, with
the plots and tables, for people who would rather look than read.

Run files: provenance, a headline table (first year and the milestones), fan charts of
key indicators, the resolution ladder, a map of villages and communities, the
document targets. Batch files: the design, each run's outcome, and the
sensitivity analysis the design supports (Sobol indices for Saltelli, Morris
effects for Morris, outcome against each factor otherwise), plus PRIM.
"""
import argparse
import base64
import html
import io
import os
import sys

import numpy as np
import pandas as pd

from . import io as gio
from .plots import fan_chart, ladder_chart, unit_map
from .sensitivity import morris_from_batch, run_outputs, sobol_from_batch
from .targets import target_attainment
from .lang import label, t, unit, use_lang
from .prim import discover


CSS = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;font-size:13px;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}img{max-width:100%}
.small{color:#666;font-size:12px}.warn{color:#a00;font-weight:bold}h2{border-bottom:1px solid #ddd;padding-bottom:3px}"""


def _png(fig):
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f'<img src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}"/>'


def _partial_note(ds, years, lang="en"):
    part = [str(y) for y in years if not _full_year(ds, y)]
    if not part:
        return ""
    if lang == "zh":
        return f" {'、'.join(part)}:文件中不是完整年份(取文件中的月份)。"
    return f" {', '.join(part)}: not a full year in the file (the months there)."


def _warn(text, lang="en"):
    return f"<p class='warn'>{t('Warning', lang)}: {html.escape(text)}</p>"


def _table(df, floatfmt="{:.4g}"):
    return df.to_html(index=False, na_rep="-", float_format=lambda v: floatfmt.format(v), border=0)


def _provenance(ds):
    keys = ["title", "kind", "region", "period_start", "period_end", "seed", "replicates", "design", "runs",
            "govsim_version", "git_commit", "started", "command_line"]
    rows = [(k, ds.attrs[k]) for k in keys if k in ds.attrs]
    return "<table>" + "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                               for k, v in rows) + "</table>"


def report_years(ds):
    """The years a report judges the file at: each milestone the file reaches (its
    December is in the file) and the file's last full year (all twelve months in the
    file; the last year if none is full), in order. The last is the year batch
    files are judged at."""
    months = pd.DatetimeIndex(ds["month"].values)
    have = set(zip(months.year, months.month))
    years = sorted(set(int(y) for y in months.year))
    full = [y for y in years if all((y, m) in have for m in range(1, 13))]
    try:
        ms = gio.milestones(ds)
    except ValueError:
        ms = []
    reached = [int(m[:4]) for m in ms if (int(m[:4]), int(m[5:7])) in have]
    return sorted(set(reached + [full[-1] if full else years[-1]]))


def _full_year(ds, year):
    months = pd.DatetimeIndex(ds["month"].values)
    return int((months.year == year).sum()) == 12


def sobol_warnings(s, n):
    """Warnings about Sobol estimates from N base samples: a small sample (N < 256, or a
    95% interval wider than 0.3) and indices outside [0, 1]."""
    out = []
    wide = s[((s["S1_hi"] - s["S1_lo"]) > 0.3) | ((s["ST_hi"] - s["ST_lo"]) > 0.3)]
    if n < 256 or len(wide):
        out.append(f"Small sample: {n} base samples ({len(s) + 2} x {n} runs). Sobol estimates need a few hundred "
                   "(samples = 256 or more in the experiment file)" +
                   (f"; the intervals of {', '.join(wide['factor'])} are wider than 0.3" if len(wide) else "") +
                   ". Do not read these indices as results.")
    bad = s[(s["S1"] < 0) | (s["S1"] > 1) | (s["ST"] < 0) | (s["ST"] > 1)]
    for _, r in bad.iterrows():
        out.append(f"{r['factor']}: S1 = {r['S1']:.3g}, ST = {r['ST']:.3g}; an index outside [0, 1] is "
                   "sampling error (or a near-constant outcome), not a property of the model.")
    if s["S1"].isna().all():
        out.append("The outcome does not vary across the runs: no index can be estimated.")
    return out


def run_report(ds, lang, include_inputs=False):
    import matplotlib.pyplot as plt
    parts = []
    first = int(pd.DatetimeIndex(ds["month"].values).year[0])
    years = sorted(set([first] + report_years(ds)))
    rows = []
    for v in gio.headlines(ds):
        if v not in ds:
            continue
        row = {t("indicator", lang): label(ds, v, lang, with_units=False),
               t("units", lang): unit(gio.units(ds, v), lang)}
        for y in years:
            row[str(y)] = float(gio.year_mean(ds[v], y).mean())
        rows.append(row)
    parts.append(f"<h2>{t('Headline indicators', lang)}</h2><p class='small'>"
                 + t("Means over the months of each year and the replicates: the first year, the milestones the "
                     "file reaches and its last full year.", lang)
                 + f"{_partial_note(ds, years, lang)}</p>" + _table(pd.DataFrame(rows)))
    fig, axes = plt.subplots(2, 2, figsize=(11, 6))
    for ax, v in zip(axes.flat, ["satisfaction_mean", "dispute_resolution_rate", "mean_wait_months", "online_share"]):
        if v in ds:
            fan_chart(ds, v, ax=ax, lang=lang)
    fig.tight_layout()
    parts.append(f"<h2>{t('Over time', lang)}</h2><p class='small'>"
                 f"{t('Median over replicates, bands 5-95% and 25-75%.', lang)}</p>" + _png(fig))
    if all(v in ds for v in ["settled_in_village_share", "settled_in_township_share", "dispute_resolution_rate"]):
        fig, ax = plt.subplots(figsize=(9, 3.5))
        ladder_chart(ds, ax=ax, lang=lang)
        parts.append(f"<h2>{t('The resolution ladder', lang)}</h2>" + _png(fig))
    if "satisfaction_mean_by_unit" in ds:
        ax = unit_map(ds, "satisfaction_mean", lang=lang)
        parts.append(f"<h2>{t('Villages and communities', lang)}</h2><p class='small'>"
                     f"{t('One cell per village/community, one block per township; blank: merged away.', lang)}"
                     "</p>" + _png(ax.figure))
    if "targets" in ds.attrs:
        att = target_attainment(ds, include_inputs=include_inputs)
        left = len(target_attainment(ds, include_inputs=True)) - len(att)
        if len(att) or left:
            cols = ["clause", "text", "rule", "threshold", "judged_at", "at_deadline", "p_deadline"] + \
                ["at_" + m for m in gio.milestones(ds)]
            note = (f" {left} target(s) on input indicators (a lever or a fixed function of levers) are left out "
                    "(govsim-report --include-inputs shows them)." if left else "")
            parts.append(f"<h2>{t('Document targets', lang)}</h2><p class='small'>p_deadline: share of replicates "
                         f"meeting the figure at the deadline ({gio.milestones(ds)[0]} where the document gives "
                         f"none).{note}</p>" + _table(att[[c for c in cols if c in att]]))
    return parts


def batch_report(ds, lang, var="satisfaction_mean", include_inputs=False):
    import matplotlib.pyplot as plt
    parts = []
    d = gio.design_frame(ds)
    fac = pd.DataFrame({t("factor", lang): [str(f) for f in ds["factor"].values],
                        t("parameter", lang): ds["factor_parameter"].values.astype(str),
                        t("kind", lang): ds["factor_kind"].values.astype(str),
                        t("low", lang): ds["factor_low"].values, t("high", lang): ds["factor_high"].values,
                        t("unit", lang): [unit(u, lang) for u in ds["factor_unit"].values.astype(str)]})
    parts.append(f"<h2>{t('Design', lang)}</h2><p>{html.escape(str(ds.attrs.get('design')))}: {len(d)} runs x "
                 f"{ds.sizes['replicate']} replicates.</p>" + _table(fac))
    years = report_years(ds)
    year = years[-1]
    y = run_outputs(ds, var, year)
    out = d.copy()
    for yr in years:
        out[f"{var} {yr}"] = run_outputs(ds, var, yr)
    if lang == "zh":
        parts.append(f"<p>评估年份:{year}(文件最后一个完整年份)"
                     f"{';已达到的里程碑:' + '、'.join(map(str, years[:-1])) if len(years) > 1 else ''}。"
                     f"{_partial_note(ds, [year], lang)}</p>")
    else:
        parts.append(f"<p>Judged at {year}, the last full year of the file"
                     f"{' (milestones reached: ' + ', '.join(map(str, years[:-1])) + ')' if len(years) > 1 else ''}."
                     f"{_partial_note(ds, [year])}</p>")
    parts.append(f"<h2>{t('Runs', lang)}</h2><p class='small'>{html.escape(label(ds, var, lang))}"
                 + ("。各年及各重复运行的均值;前 20 次运行。" if lang == "zh" else
                    ", mean over each year and the replicates; the first 20 runs.")
                 + "</p>" + _table(out.reset_index().head(20)))
    k = d.shape[1]
    fig, axes = plt.subplots(1, k, figsize=(3.2 * k, 3), sharey=True, squeeze=False)
    for ax, c in zip(axes.flat, d.columns):
        ax.scatter(d[c], y, s=8, alpha=0.6)
        ax.set_xlabel(c)
    axes.flat[0].set_ylabel(label(ds, var, lang))
    fig.tight_layout()
    parts.append(f"<h2>{t('Outcome against each factor', lang)}</h2>" + _png(fig))
    if "saltelli_block" in ds:
        s = sobol_from_batch(ds, var, year, include_inputs=include_inputs, n_boot=300)
        fig, ax = plt.subplots(figsize=(6, 3))
        xs = np.arange(len(s))
        ax.bar(xs - 0.2, s["S1"], 0.4, yerr=[s["S1"] - s["S1_lo"], s["S1_hi"] - s["S1"]], label=t("first order", lang))
        ax.bar(xs + 0.2, s["ST"], 0.4, yerr=[s["ST"] - s["ST_lo"], s["ST_hi"] - s["ST"]], label=t("total", lang))
        ax.set_xticks(xs)
        ax.set_xticklabels(s["factor"], rotation=20)
        ax.legend()
        n = int(ds["saltelli_sample"].values.max()) + 1
        parts.append(f"<h2>{t('Sobol indices', lang)} ({year})</h2>" +
                     "".join(_warn(w, lang) for w in sobol_warnings(s, n)) +
                     _table(s) + _png(fig))
    if "morris_trajectory" in ds:
        m = morris_from_batch(ds, var, year, include_inputs=include_inputs)
        fig, ax = plt.subplots(figsize=(5, 4))
        ax.scatter(m["mu_star"], m["sigma"])
        for _, r in m.iterrows():
            ax.annotate(r["factor"], (r["mu_star"], r["sigma"]), fontsize=8)
        ax.set_xlabel("mu* (mean |elementary effect|)")
        ax.set_ylabel("sigma")
        parts.append(f"<h2>{t('Morris screening', lang)} ({year})</h2>" + _table(m) + _png(fig))
    try:
        thr = float(np.nanquantile(y, 0.75))
        p = discover(ds, var, thr, ">=", year, include_inputs=include_inputs)
        head = t("Scenario discovery (PRIM)", lang)[:-1]
        text = (f"<h2>{head}, {year})</h2><p>Which factor ranges give {html.escape(var)} >= "
                f"{thr:.4g} (the top quarter of runs) in {year}: {len(p['boxes'])} box(es); bounds are those of "
                "the runs inside, a factor is restricted when its box is narrower than its declared range.</p>")
        for i, b in enumerate(p["boxes"]):
            text += (f"<h3>{t('Box', lang)} {i + 1}</h3><p class='small'>coverage {b['coverage']:.2f} (share of "
                     f"the top runs inside), density {b['density']:.2f} (share of the runs inside that are top runs), "
                     f"{int(b['runs'].sum())} runs.</p>" + _table(b["box"].rename(columns=lambda c: t(c, lang))))
        parts.append(text)
    except ValueError as e:
        parts.append(f"<p>PRIM: {html.escape(str(e))}</p>")
    return parts


class ReportInputError(Exception):
    """The input is not a file govsim-report can read (missing, not HDF5, not a govsim file)."""


def open_input(path):
    """The file as a Dataset, or ReportInputError with a one-line reason."""
    import h5py
    if not os.path.exists(path):
        raise ReportInputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise ReportInputError(f"{path}: is a directory, not a .h5 file")
    if not h5py.is_hdf5(path):
        raise ReportInputError(f"{path}: not an HDF5 file (expected a .h5 file written by govsim run or govsim batch)")
    try:
        ds = gio.open_result(path)
    except (OSError, ValueError, KeyError) as e:
        why = " ".join(str(e).split())
        raise ReportInputError(f"{path}: cannot be read as a govsim result ({type(e).__name__}: {why})") from e
    if "month" not in ds.dims:
        raise ReportInputError(f"{path}: an HDF5 file but not a govsim result (no month dimension)")
    return ds


def build_report(path, lang="en", include_inputs=False):
    import matplotlib
    matplotlib.use("Agg")
    ds = open_input(path)
    use_lang(lang)
    title = html.escape(str(ds.attrs.get("title", os.path.basename(path))))
    body = [f"<h1>{title}</h1><p class='small'>{html.escape(os.path.abspath(path))}</p>", _provenance(ds)]
    body += (batch_report(ds, lang, include_inputs=include_inputs) if gio.is_batch(ds)
             else run_report(ds, lang, include_inputs=include_inputs))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title><style>{CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def _is_calibration(calibration, path):
    try:
        return calibration.is_calibration(path)
    except OSError:
        return False  # not HDF5: build_report says why


def main(argv=None):
    ap = argparse.ArgumentParser(prog="govsim-report", description="An HTML report of a govsim run or batch file.")
    ap.add_argument("file", help="a .h5 file written by govsim run or govsim batch")
    ap.add_argument("-o", "--out", help="output HTML (default: FILE with .html)")
    ap.add_argument("--lang", choices=["en", "zh"], default="en", help="labels in English or Chinese")
    ap.add_argument("--include-inputs", action="store_true",
                    help="also judge targets and analyse indicators of kind input (a lever or a fixed function of "
                         "levers); by default only outcomes")
    a = ap.parse_args(argv)
    out = a.out or os.path.splitext(a.file)[0] + ".html"
    try:
        from govsim_analysis import calibration
        if os.path.isfile(a.file) and _is_calibration(calibration, a.file):
            text = calibration.report_html(a.file)  # a govsim calibrate result
        else:
            text = build_report(a.file, a.lang, a.include_inputs)
    except ReportInputError as e:
        print(f"govsim-report: {e}", file=sys.stderr)
        return 2
    tmp = out + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)
    print(f"wrote {os.path.abspath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
