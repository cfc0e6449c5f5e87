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
from .prim import discover


CSS = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;font-size:13px;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}img{max-width:100%}
.small{color:#666;font-size:12px}h2{border-bottom:1px solid #ddd;padding-bottom:3px}"""


def _png(fig):
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f'<img src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}"/>'


def _table(df, floatfmt="{:.4g}"):
    return df.to_html(index=False, na_rep="-", float_format=lambda v: floatfmt.format(v), border=0)


def _provenance(ds):
    keys = ["title", "kind", "region", "period_start", "period_end", "seed", "replicates", "design", "runs",
            "govsim_version", "git_commit", "started", "command_line"]
    rows = [(k, ds.attrs[k]) for k in keys if k in ds.attrs]
    return "<table>" + "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                               for k, v in rows) + "</table>"


def _years(ds):
    ys = sorted(set(int(y) for y in ds["month"].dt.year.values))
    return [y for y in [ys[0]] + gio.milestone_years(ds) if y in ys] or [ys[-1]]


def run_report(ds, lang):
    import matplotlib.pyplot as plt
    parts = []
    years = _years(ds)
    rows = []
    for v in gio.headlines(ds):
        if v not in ds:
            continue
        row = {"indicator": gio.label(ds, v, lang, with_units=False), "units": gio.units(ds, v)}
        for y in years:
            row[str(y)] = float(gio.year_mean(ds[v], y).mean())
        rows.append(row)
    parts.append("<h2>Headline indicators</h2><p class='small'>Means over the months of each year and the "
                 "replicates.</p>" + _table(pd.DataFrame(rows)))
    fig, axes = plt.subplots(2, 2, figsize=(11, 6))
    for ax, v in zip(axes.flat, ["satisfaction_mean", "dispute_resolution_rate", "mean_wait_months", "online_share"]):
        if v in ds:
            fan_chart(ds, v, ax=ax, lang=lang)
    fig.tight_layout()
    parts.append("<h2>Over time</h2><p class='small'>Median over replicates, bands 5-95% and 25-75%.</p>" + _png(fig))
    if all(v in ds for v in ["settled_in_village_share", "settled_in_township_share", "dispute_resolution_rate"]):
        fig, ax = plt.subplots(figsize=(9, 3.5))
        ladder_chart(ds, ax=ax, lang=lang)
        parts.append("<h2>The resolution ladder</h2>" + _png(fig))
    if "satisfaction_mean_by_unit" in ds:
        ax = unit_map(ds, "satisfaction_mean", lang=lang)
        parts.append("<h2>Villages and communities</h2><p class='small'>One cell per village/community, one block "
                     "per township; blank: merged away.</p>" + _png(ax.figure))
    if "targets" in ds.attrs:
        t = target_attainment(ds)
        if len(t):
            cols = ["clause", "text", "rule", "threshold", "judged_at", "at_deadline", "p_deadline"] + \
                ["at_" + m for m in gio.milestones(ds)]
            parts.append("<h2>Document targets</h2><p class='small'>p_deadline: share of replicates meeting the "
                         f"figure at the deadline ({gio.milestones(ds)[0]} where the document gives none).</p>" +
                         _table(t[[c for c in cols if c in t]]))
    return parts


def batch_report(ds, lang, var="satisfaction_mean"):
    import matplotlib.pyplot as plt
    parts = []
    d = gio.design_frame(ds)
    fac = pd.DataFrame({"factor": [str(f) for f in ds["factor"].values],
                        "parameter": ds["factor_parameter"].values.astype(str),
                        "kind": ds["factor_kind"].values.astype(str),
                        "low": ds["factor_low"].values, "high": ds["factor_high"].values,
                        "unit": ds["factor_unit"].values.astype(str)})
    parts.append(f"<h2>Design</h2><p>{html.escape(str(ds.attrs.get('design')))}: {len(d)} runs x "
                 f"{ds.sizes['replicate']} replicates.</p>" + _table(fac))
    year = _years(ds)[-1]
    y = run_outputs(ds, var, year)
    out = d.copy()
    out[f"{var} {year}"] = y
    parts.append(f"<h2>Runs</h2><p class='small'>{html.escape(gio.label(ds, var, lang))}, mean over {year} and the "
                 f"replicates; the first 20 runs.</p>" + _table(out.reset_index().head(20)))
    k = d.shape[1]
    fig, axes = plt.subplots(1, k, figsize=(3.2 * k, 3), sharey=True, squeeze=False)
    for ax, c in zip(axes.flat, d.columns):
        ax.scatter(d[c], y, s=8, alpha=0.6)
        ax.set_xlabel(c)
    axes.flat[0].set_ylabel(gio.label(ds, var, lang))
    fig.tight_layout()
    parts.append("<h2>Outcome against each factor</h2>" + _png(fig))
    if "saltelli_block" in ds:
        s = sobol_from_batch(ds, var, year, n_boot=300)
        fig, ax = plt.subplots(figsize=(6, 3))
        xs = np.arange(len(s))
        ax.bar(xs - 0.2, s["S1"], 0.4, yerr=[s["S1"] - s["S1_lo"], s["S1_hi"] - s["S1"]], label="first order")
        ax.bar(xs + 0.2, s["ST"], 0.4, yerr=[s["ST"] - s["ST_lo"], s["ST_hi"] - s["ST"]], label="total")
        ax.set_xticks(xs)
        ax.set_xticklabels(s["factor"], rotation=20)
        ax.legend()
        parts.append("<h2>Sobol indices</h2>" + _table(s) + _png(fig))
    if "morris_trajectory" in ds:
        m = morris_from_batch(ds, var, year)
        fig, ax = plt.subplots(figsize=(5, 4))
        ax.scatter(m["mu_star"], m["sigma"])
        for _, r in m.iterrows():
            ax.annotate(r["factor"], (r["mu_star"], r["sigma"]), fontsize=8)
        ax.set_xlabel("mu* (mean |elementary effect|)")
        ax.set_ylabel("sigma")
        parts.append("<h2>Morris screening</h2>" + _table(m) + _png(fig))
    try:
        thr = float(np.nanquantile(y, 0.75))
        p = discover(ds, var, thr, ">=", year)
        parts.append(f"<h2>Scenario discovery (PRIM)</h2><p>Which factor ranges give {html.escape(var)} >= "
                     f"{thr:.4g} (the top quarter of runs) in {year}: coverage {p['coverage']:.2f}, density "
                     f"{p['density']:.2f}.</p>" + _table(p["box"]))
    except ValueError as e:
        parts.append(f"<p>PRIM: {html.escape(str(e))}</p>")
    return parts


def build_report(path, lang="en"):
    import matplotlib
    matplotlib.use("Agg")
    ds = gio.open_result(path)
    title = html.escape(str(ds.attrs.get("title", os.path.basename(path))))
    body = [f"<h1>{title}</h1><p class='small'>{html.escape(os.path.abspath(path))}</p>", _provenance(ds)]
    body += batch_report(ds, lang) if gio.is_batch(ds) else run_report(ds, lang)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title><style>{CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="govsim-report", description="An HTML report of a govsim run or batch file.")
    ap.add_argument("file", help="a .h5 file written by govsim run or govsim batch")
    ap.add_argument("-o", "--out", help="output HTML (default: FILE with .html)")
    ap.add_argument("--lang", choices=["en", "zh"], default="en", help="labels in English or Chinese")
    a = ap.parse_args(argv)
    if not os.path.exists(a.file):
        print(f"govsim-report: {a.file}: no such file", file=sys.stderr)
        return 2
    out = a.out or os.path.splitext(a.file)[0] + ".html"
    text = build_report(a.file, a.lang)
    tmp = out + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)
    print(f"wrote {os.path.abspath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
