"""Reading and plotting the result of `govsim calibrate` (docs/calibration.md).

    from govsim_analysis import calibration
    cal = calibration.read("results/sichuan-2020.h5")
    calibration.plots("results/sichuan-2020.h5", "results/sichuan-2020-plots")

`govsim-report FILE` on a calibration file writes an HTML page with the same plots.
"""
import os

import h5py
import numpy as np


def _strings(ds):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in ds[()]]


def is_calibration(path):
    with h5py.File(path, "r") as f:
        kind = f.attrs.get("kind", b"")
        return (kind.decode() if isinstance(kind, bytes) else str(kind)) == "calibration"


def read(path):
    """The calibration as a dict of numpy arrays: design, outputs, wave, nroy, posterior, the
    parameters' and targets' names, the targets' values and each emulator's leave-one-out fit."""
    with h5py.File(path, "r") as f:
        out = {k: f[k][()] for k in ("design", "outputs", "wave", "nroy", "nroy_implausibility", "nroy_weight",
                                      "posterior", "prior_low", "prior_high", "target_value", "target_sd",
                                      "target_discrepancy", "wave_number", "wave_runs", "wave_screened", "wave_kept")}
        for k in ("parameter_name", "parameter", "target_name", "target_indicator", "target_source"):
            out[k] = _strings(f[k])
        out["emulator"] = {}
        for t in out["target_name"]:
            g = f["emulator"][t]
            out["emulator"][t] = {"loo_mean": g["loo_mean"][()], "loo_sd": g["loo_sd"][()],
                                  "length_scales": g["length_scales"][()],
                                  "loo_coverage_2sd": float(g.attrs["loo_coverage_2sd"])}
        out["cutoff"] = float(f.attrs["cutoff"])
        out["nroy_fraction"] = float(f.attrs["nroy_fraction"])
    return out


def plots(path, outdir):
    """Writes three PNG files into outdir and returns their paths: the emulators' leave-one-out fit
    (each run's output against its held-out prediction, +-2 sd, with the target), the implausibility of
    the non-implausible points, and the posterior marginals within the prior ranges."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cal = read(path)
    os.makedirs(outdir, exist_ok=True)
    files = []
    T, P = len(cal["target_name"]), len(cal["parameter"])
    fig, axes = plt.subplots(1, T, figsize=(4 * T, 3.6), squeeze=False)
    for j, t in enumerate(cal["target_name"]):
        ax, em = axes[0][j], cal["emulator"][t]
        y = cal["outputs"][:, j]
        ax.errorbar(y, em["loo_mean"], yerr=2 * em["loo_sd"], fmt="o", ms=3, alpha=0.6)
        lo, hi = min(y.min(), em["loo_mean"].min()), max(y.max(), em["loo_mean"].max())
        ax.plot([lo, hi], [lo, hi], "k-", lw=0.8)
        ax.axvline(cal["target_value"][j], color="tab:red", lw=1)
        ax.set_title(f"{t}: {100 * em['loo_coverage_2sd']:.0f}% within 2 sd", fontsize=9)
        ax.set_xlabel("run's output")
        ax.set_ylabel("leave-one-out prediction")
    fig.tight_layout()
    files.append(os.path.join(outdir, "emulator_fit.png"))
    fig.savefig(files[-1], dpi=110)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(5, 3.4))
    if len(cal["nroy_implausibility"]):
        ax.hist(cal["nroy_implausibility"], bins=30)
    ax.axvline(cal["cutoff"], color="tab:red")
    ax.set_xlabel("implausibility (max over targets)")
    ax.set_title(f"non-implausible: {100 * cal['nroy_fraction']:.2g}% of the prior", fontsize=9)
    fig.tight_layout()
    files.append(os.path.join(outdir, "implausibility.png"))
    fig.savefig(files[-1], dpi=110)
    plt.close(fig)
    fig, axes = plt.subplots(1, P, figsize=(3.6 * P, 3.2), squeeze=False)
    for j, p in enumerate(cal["parameter"]):
        ax = axes[0][j]
        if len(cal["posterior"]):
            ax.hist(cal["posterior"][:, j], bins=25, range=(cal["prior_low"][j], cal["prior_high"][j]), density=True)
        ax.set_xlim(cal["prior_low"][j], cal["prior_high"][j])
        ax.set_title(p, fontsize=9)
    fig.tight_layout()
    files.append(os.path.join(outdir, "posterior.png"))
    fig.savefig(files[-1], dpi=110)
    plt.close(fig)
    return files


def report_html(path):
    """An HTML page: the waves, the targets, the posterior quantiles and the three plots (embedded)."""
    import base64
    import html
    import tempfile
    cal = read(path)
    rows = "".join(f"<tr><td>{w}</td><td>{r}</td><td>{s if w > 1 else '-'}</td><td>{k if w > 1 else '-'}</td></tr>"
                   for w, r, s, k in zip(cal["wave_number"], cal["wave_runs"], cal["wave_screened"], cal["wave_kept"]))
    par = ""
    for j, p in enumerate(cal["parameter"]):
        v = cal["posterior"][:, j] if len(cal["posterior"]) else np.array([np.nan])
        q = np.nanpercentile(v, [5, 50, 95])
        par += (f"<tr><td>{html.escape(p)}</td><td>[{cal['prior_low'][j]:.4g}, {cal['prior_high'][j]:.4g}]</td>"
                f"<td>{q[0]:.4g}</td><td>{q[1]:.4g}</td><td>{q[2]:.4g}</td></tr>")
    imgs = ""
    with tempfile.TemporaryDirectory() as d:
        for f in plots(path, d):
            with open(f, "rb") as fh:
                imgs += f"<img src='data:image/png;base64,{base64.b64encode(fh.read()).decode()}'/>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>calibration</title></head><body>"
            f"<h1>Calibration: {html.escape(os.path.basename(path))}</h1>"
            f"<p>non-implausible: {100 * cal['nroy_fraction']:.3g}% of the prior (cut-off {cal['cutoff']})</p>"
            f"<table border=1><tr><th>wave</th><th>runs</th><th>screened</th><th>kept</th></tr>{rows}</table>"
            f"<h2>Posterior</h2><table border=1><tr><th>parameter</th><th>prior</th><th>5%</th><th>50%</th>"
            f"<th>95%</th></tr>{par}</table>{imgs}</body></html>")
