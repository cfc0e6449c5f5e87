"""Plots (matplotlib): fan charts over time, small multiples across scenarios,
maps of villages/communities by township, and the resolution ladder. Each takes
lang="zh": Chinese names and units, drawn with a CJK font (lang.use_lang)."""
import numpy as np

from .io import open_result, units as units_of, year_mean
from .lang import apply_font, label, t as tr, unit, use_lang


def _plt():
    import matplotlib.pyplot as plt
    return plt


def fan_chart(ds, var, ax=None, quantiles=(0.05, 0.25, 0.5, 0.75, 0.95), run=None, lang="en", color="C0",
              title=None):
    """The median over replicates of a region series, with bands between the
    quantiles (5-95% and 25-75% by default). For a batch file, pick a run."""
    plt = _plt()
    use_lang(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    da = ds[var] if run is None else ds[var].sel(run=run)
    t = da["month"].values
    v = np.asarray(da.values, dtype=float)  # (replicate, month)
    q = np.nanquantile(v, quantiles, axis=0)
    k = len(quantiles)
    for i in range(k // 2):
        ax.fill_between(t, q[i], q[k - 1 - i], color=color, alpha=0.15 + 0.15 * i, lw=0)
    ax.plot(t, q[k // 2], color=color, lw=1.5, label=tr("median", lang) if v.shape[0] > 1 else None)
    ax.set_ylabel(label(ds, var, lang))
    ax.set_title(title or label(ds, var, lang, with_units=False))
    ax.grid(alpha=0.3)
    return apply_font(ax, lang)


def small_multiples(datasets, var, ncols=3, sharey=True, lang="en", baseline=None):
    """One panel per scenario (a dict name -> file or Dataset) with its fan chart;
    the baseline's median drawn in grey in every panel if given."""
    plt = _plt()
    use_lang(lang)
    items = [(n, open_result(x) if isinstance(x, str) else x) for n, x in datasets.items()]
    nrows = int(np.ceil(len(items) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.8 * nrows), sharey=sharey, squeeze=False)
    base = open_result(baseline) if isinstance(baseline, str) else baseline
    for ax, (name, ds) in zip(axes.flat, items):
        fan_chart(ds, var, ax=ax, lang=lang, title=name)
        if base is not None:
            ax.plot(base["month"].values, np.nanmedian(base[var].values, axis=0), color="0.5", lw=1, ls="--",
                    label=tr("baseline", lang))
        ax.set_ylabel("")
    for ax in list(axes.flat)[len(items):]:
        ax.axis("off")
    fig.suptitle(label(items[0][1], var, lang))
    apply_font(fig, lang)
    fig.tight_layout()
    return fig


def unit_map(ds, var, year=None, ax=None, cmap="viridis", lang="en", width=6, blocks_per_row=5):
    """Villages and communities as cells, one block per township (a grid layout:
    no geometry needed), coloured by the per-unit indicator (`var` or
    `var_by_unit`) averaged over the year (default: the last) and the replicates.
    Units merged away are blank."""
    plt = _plt()
    use_lang(lang)
    name = var if var.endswith("_by_unit") else var + "_by_unit"
    if name not in ds:
        raise ValueError(f"{name} is not in the file (run with --by-unit yes)")
    da = ds[name]
    if "run" in da.dims:
        da = da.isel(run=0)
    year = year or int(da["month"].dt.year.values[-1])
    vals = np.asarray(year_mean(da, year).mean("replicate", skipna=True).values, dtype=float)
    towns = np.asarray(ds["unit_township"].values).astype(str)
    order = list(dict.fromkeys(towns))
    heights = [int(np.ceil((towns == t).sum() / width)) for t in order]
    block_h = max(heights) + 1  # a gap row holds the township's name
    nrows = int(np.ceil(len(order) / blocks_per_row))
    grid = np.full((nrows * block_h, blocks_per_row * (width + 1)), np.nan)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.9 * blocks_per_row + 1.5, 0.32 * grid.shape[0] + 1))
    for b, t in enumerate(order):
        r0, c0 = (b // blocks_per_row) * block_h + 1, (b % blocks_per_row) * (width + 1)
        for i, u in enumerate(np.where(towns == t)[0]):
            grid[r0 + i // width, c0 + i % width] = vals[u]
        ax.text(c0 - 0.5, r0 - 0.9, t, fontsize=7, va="bottom")
    im = ax.imshow(grid, cmap=cmap, aspect="equal", interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"{label(ds, name, lang, with_units=False)}, {year}")
    plt.colorbar(im, ax=ax, label=unit(units_of(ds, name), lang), shrink=0.7)
    apply_font(ax.figure, lang)
    return ax


def ladder_chart(ds, ax=None, run=None, lang="en"):
    """Where disputes end, month by month (replicate means): settled in the
    village/community, at the township, higher up, or not resolved (petitioned or
    given up) — the resolution ladder of 001 §45."""
    plt = _plt()
    use_lang(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))

    def m(v):
        da = ds[v] if run is None else ds[v].sel(run=run)
        return np.nanmean(np.asarray(da.values, dtype=float), axis=0)

    village, township, resolved = m("settled_in_village_share"), m("settled_in_township_share"), m(
        "dispute_resolution_rate")
    t = ds["month"].values
    parts = [village, township - village, resolved - township, 1 - resolved]
    names = ["in the village/community", "at the township", "county and courts", "not resolved"]
    if lang == "zh":
        names = ["村(社区)内化解", "乡镇化解", "县级及法院", "未化解"]
    ax.stackplot(t, *parts, labels=names, colors=["#2b8cbe", "#7bccc4", "#fdae6b", "#de2d26"], alpha=0.9)
    ax.set_ylim(min(0.8, float(np.nanmin(village)) - 0.02), 1.0)
    ax.set_ylabel("share of disputes closed" if lang == "en" else "已办结纠纷占比")
    ax.set_title("the resolution ladder" if lang == "en" else "矛盾纠纷化解层级")
    ax.legend(loc="lower left", fontsize=7)
    return apply_font(ax, lang)
