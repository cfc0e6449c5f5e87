#!/usr/bin/python3
"""Writes notebooks/*.ipynb (outputs cleared) from the cells below, so that the
notebooks stay consistent with each other and reviewable as Python. Run it after
editing: /usr/bin/python3 scripts/make_notebooks.py"""
import hashlib
import os

import nbformat as nbf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "notebooks")

SETUP = '''import os, sys, subprocess
import matplotlib.pyplot as plt
REPO = os.path.abspath("..")
sys.path.insert(0, os.path.join(REPO, "analysis"))   # the analysis package, if not installed
import govsim_analysis as ga

GOVSIM = os.environ.get("GOVSIM", os.path.join(REPO, "build", "govsim"))   # built by scripts/build.sh
END = os.environ.get("GOVSIM_NOTEBOOK_END", "2035-12")   # CI runs the notebooks on a short horizon
YEAR = min(2025, int(END[:4]))   # the year we look at: the first milestone (ga.milestones(ds)), or the last of a short run
RESULTS = os.path.join(REPO, "results", "notebooks")
os.makedirs(RESULTS, exist_ok=True)

def govsim(*args):
    """Run the govsim command line; raise with its message if it fails."""
    r = subprocess.run([GOVSIM, *map(str, args)], capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(r.stderr)
    return r.stdout'''


def md(s):
    return nbf.v4.new_markdown_cell(s.strip())


def code(s):
    return nbf.v4.new_code_cell(s.strip())


def write(name, cells):
    nb = nbf.v4.new_notebook()
    for i, c in enumerate(cells):  # stable cell ids: regenerating changes only what was edited
        c["id"] = hashlib.sha1(f"{name}:{i}".encode()).hexdigest()[:8]
    nb.cells = cells
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    nbf.write(nb, os.path.join(OUT, name))


write("01-quickstart.ipynb", [
    md("""# 01 · Quickstart: run the default county and look at it

govsim simulates grassroots governance (基层治理) month by month. This notebook runs the
embedded default county (about 0.47 M residents) from 2020, opens the result with the
analysis package, and plots resident satisfaction and the resolution ladder.
Build first (`scripts/build.sh` from the repository root)."""),
    code(SETUP),
    md("## Run\nThree replicates (independent random draws), the policies as the default scenario sets them."),
    code('''out = os.path.join(RESULTS, "default.h5")
print(govsim("run", "--end", END, "--replicates", 3, "--out", out))'''),
    md("## Open\nThree lines: import, open, select. Dimensions are labelled: months are dates, units carry names."),
    code('''ds = ga.open_result(out)
ds.satisfaction_mean.sel(replicate=0).to_series().head()'''),
    code('''print(ga.label(ds, "satisfaction_mean"), "|", ga.label(ds, "satisfaction_mean", lang="zh"))
ds.satisfaction_mean.attrs["description"]'''),
    md("## Satisfaction over time\nThe median over replicates, with 5-95% and 25-75% bands."),
    code('''ga.fan_chart(ds, "satisfaction_mean");'''),
    md("## The resolution ladder\nWhere disputes end: in the village or community, at the township, higher up, or not at all (小事不出村、大事不出乡镇)."),
    code('''ga.ladder_chart(ds);'''),
    md("## Villages and communities\nOne cell per village or community, one block per township."),
    code('''ga.unit_map(ds, "satisfaction_mean", year=YEAR);'''),
    md("## Document targets\nThe targets of the documents the scenario follows, and whether each replicate met them."),
    code('''ga.target_attainment(ds)[["clause", "text", "judged_at", "at_deadline", "p_deadline"]]'''),
])

PACKAGES = ["sichuan-2018-community", "sichuan-2019-decision", "leshan-2019", "central-2021", "county-2022"]
write("02-compare-packages.ipynb", [
    md("""# 02 · Compare the five policy packages

Each package in `scenarios/` follows one policy document on its own timetable and extends
the baseline (the policies of 2019 held constant). All runs use the same seed, so replicate
*r* of a package and replicate *r* of the baseline see the same random draws: their
difference is the policy (common random numbers)."""),
    code(SETUP),
    code(f'''PACKAGES = {PACKAGES!r}
files = {{}}
for name in ["baseline"] + PACKAGES:
    files[name] = os.path.join(RESULTS, name + ".h5")
    govsim("run", os.path.join(REPO, "scenarios", name + ".toml"), "--end", END, "--replicates", 3,
           "--out", files[name], "--quiet")
sorted(files)'''),
    md(f"## Each package minus the baseline\nPaired by replicate, over the year `YEAR`, with 90% intervals."),
    code('''indicators = ["satisfaction_mean", "dispute_resolution_rate", "online_share", "emergency_preparedness",
              "committee_workload", "hazard_detection_rate"]
table = ga.compare_scenarios({p: files[p] for p in PACKAGES}, files["baseline"], indicators, year=YEAR)
table.pivot(index="indicator", columns="scenario", values="difference").round(4)'''),
    md("## Small multiples\nEach package's fan chart; the baseline's median dashed."),
    code('''ga.small_multiples({p: files[p] for p in PACKAGES}, "online_share", baseline=files["baseline"]);'''),
    code('''ga.small_multiples({p: files[p] for p in PACKAGES}, "satisfaction_mean", baseline=files["baseline"]);'''),
    md("## Targets of the Leshan opinions (001)"),
    code('''ds_l = ga.open_result(files["leshan-2019"])
first = ga.milestones(ds_l)[0]   # the milestones are in the file (2025-12, 2035-12)
ga.target_attainment(ds_l)[["clause", "text", "judged_at", "at_deadline", "p_deadline", "at_" + first]]'''),
])

write("03-sweep-sensitivity.ipynb", [
    md("""# 03 · A sweep and its sensitivity

`govsim batch` runs an experiment: a base scenario, factors (levers with ranges) and a design.
Here a Saltelli design gives Sobol indices (which lever explains how much of the variance of
an outcome), a Morris design screens more levers cheaply, and PRIM answers "which lever
ranges reach a target". See docs/batch.md."""),
    code(SETUP),
    code('''SAMPLES = int(os.environ.get("GOVSIM_NOTEBOOK_SAMPLES", "32"))
base = os.path.join(REPO, "scenarios", "baseline.toml")
exp = os.path.join(RESULTS, "sobol.toml")
with open(exp, "w") as f:
    f.write(f"""[experiment]
title = "Sobol indices of three levers"
scenario = "{base}"
design = "saltelli"
samples = {SAMPLES}
replicates = 1
end = "{END}"

[factors.households_per_worker]
parameter = "grid.households_per_worker"
range = [250, 1000]

[factors.mediation]
parameter = "ladder.township_mediation_capacity"
range = [4, 16]

[factors.platform]
parameter = "digital.platform_coverage"
range = [0.2, 0.9]
""")
print(govsim("batch", exp, "--dry-run"))
out = os.path.join(RESULTS, "sobol.h5")
print(govsim("batch", exp, "--out", out, "--quiet"))'''),
    code('''ds = ga.open_batch(out)
ga.design_frame(ds).head()'''),
    md("""## Sobol indices
First-order (the lever alone) and total (with its interactions), with bootstrap intervals. With 32 base
samples (160 runs) the first-order intervals are wide and the estimates can even fall outside [0, 1];
for results to report, raise `GOVSIM_NOTEBOOK_SAMPLES` (e.g. 256: 1,280 runs, a few minutes per core)."""),
    code('''s = ga.sobol_from_batch(ds, "mean_wait_months", YEAR, n_boot=300)
ax = s.plot.bar(x="factor", y=["S1", "ST"], figsize=(6, 3), rot=0, title="mean wait of closed cases")
s.round(3)'''),
    md("## Morris screening of more levers"),
    code('''exp_m = os.path.join(RESULTS, "morris.toml")
with open(exp_m, "w") as f:
    f.write(f"""[experiment]
title = "Morris screening"
scenario = "{base}"
design = "morris"
samples = {max(2, SAMPLES // 8)}
replicates = 1
end = "{END}"

[factors.households_per_worker]
parameter = "grid.households_per_worker"
range = [250, 1000]

[factors.mediation]
parameter = "ladder.township_mediation_capacity"
range = [4, 16]

[factors.supervision]
parameter = "committee.supervision"
range = [0.2, 0.9]

[factors.admission_refusal]
parameter = "committee.admission_refusal"
range = [0.0, 0.8]
""")
out_m = os.path.join(RESULTS, "morris.h5")
govsim("batch", exp_m, "--out", out_m, "--quiet")
m = ga.morris_from_batch(ga.open_batch(out_m), "satisfaction_mean", YEAR)
m.round(4)'''),
    md("## Scenario discovery\nWhich ranges of the levers put the mean wait in the best quarter of runs? "
       "PRIM peels the box of all runs down to the densest one that still covers half of them, pastes it "
       "back while its density holds, and looks for further boxes among the runs left (docs/analysis.md)."),
    code('''import numpy as np
y = ga.sensitivity.run_outputs(ds, "mean_wait_months", YEAR)
res = ga.discover(ds, "mean_wait_months", float(np.quantile(y, 0.25)), rule="<=", year=YEAR)
for i, box in enumerate(res["boxes"]):   # the first box, then boxes found among the runs left
    print(f"box {i + 1}: coverage {box['coverage']:.2f}, density {box['density']:.2f}, {box['runs'].sum()} runs")
    display(box["box"])   # bounds of the runs inside; restricted: narrower than the declared range'''),
])

WORKSHOP_SETUP = SETUP + '''
def number(v):
    """A lever value as text: whole numbers as integers (8.0 and 8 are both "8"), others to 4 decimals."""
    v = round(float(v), 4)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def cache_key(households_per_worker, mediation, platform, replicates=2):
    """The name of a run's file: the same levers give the same name (8.0 and 8 alike)."""
    return (f"workshop-{number(households_per_worker)}-{number(mediation)}-{number(platform)}"
            f"-r{replicates}-{END}")


RUNS = {}  # cache_key -> opened result, for this session


def run_county(households_per_worker=500, mediation=8, platform=0.3, replicates=2):
    """The baseline with three levers set; returns the opened result (run once per lever set and session)."""
    key = cache_key(households_per_worker, mediation, platform, replicates)
    if key not in RUNS:
        out = os.path.join(RESULTS, key + ".h5")
        govsim("run", os.path.join(REPO, "scenarios", "baseline.toml"), "--end", END, "--replicates", replicates,
               "--set", f"grid.households_per_worker={number(households_per_worker)}",
               "--set", f"ladder.township_mediation_capacity={number(mediation)}",
               "--set", f"digital.platform_coverage={number(platform)}", "--out", out, "--quiet")
        RUNS[key] = ga.open_result(out)
    return RUNS[key]'''

EXPLORER = '''import ipywidgets as widgets
from IPython.display import Javascript, clear_output, display

if widgets.Widget._version_validated is None:
    # Debian's ipywidgets 6: the notebook's widget extension checks its version with the kernel
    # when the kernel connects, before this import could answer, and the first widget shown then
    # prints "Widget Javascript not detected". Ask the extension to check again now (as
    # reconnecting the kernel would); the sliders are shown in a later cell.
    display(Javascript('require(["base/js/namespace"], function (Jupyter) {'
                       ' Jupyter.notebook.events.trigger("kernel_connected.Kernel",'
                       ' {kernel: Jupyter.notebook.kernel}); });'))


class LeverExplorer:
    """Three sliders, a Run button and one output area: each run replaces the plots in it."""

    def __init__(self, base):
        self.base = base
        self.sliders = {
            "households_per_worker": widgets.IntSlider(value=500, min=200, max=1200, step=50,
                                                       description="households/worker"),
            "mediation": widgets.IntSlider(value=8, min=2, max=20, step=1, description="mediation"),
            "platform": widgets.FloatSlider(value=0.3, min=0, max=1, step=0.05, description="platform"),
        }
        self.button = widgets.Button(description="Run the county")
        self.button.on_click(self.run)
        self.out = widgets.Output()
        self.ui = widgets.VBox(list(self.sliders.values()) + [self.button, self.out])

    def levers(self):
        return {name: s.value for name, s in self.sliders.items()}

    def run(self, _button=None):
        """Run the county with the sliders' levers and draw it in place of the last result."""
        ds = run_county(**self.levers())
        with self.out:
            clear_output(wait=True)  # the new plots replace the old ones when they arrive
            fig, axes = plt.subplots(1, 2, figsize=(10, 3))
            ga.fan_chart(ds, "satisfaction_mean", ax=axes[0])
            axes[0].plot(self.base.month.values, self.base.satisfaction_mean.median("replicate"), "k--", lw=1,
                         label="baseline")
            axes[0].legend()
            ga.ladder_chart(ds, ax=axes[1])
            display(fig)     # shown here, in the output area, once
            plt.close(fig)   # and not shown again by the inline backend at the end of the cell'''

EXERCISES = [
    ("Exercise 1 · Denser grids", "Run the county with one grid worker per 300 households instead of 500. "
     "How do the hazard detection rate and satisfaction change in the year `YEAR`? Use `ga.paired_difference`.",
     '''base = run_county()
dense = run_county(households_per_worker=300)
for v in ["hazard_detection_rate", "satisfaction_mean"]:
    print(v, ga.paired_difference(dense, base, v, year=YEAR).round(4).to_dict("records"))'''),
    ("Exercise 2 · Mediation capacity", "Double the township mediation capacity (8 → 16 cases per 10,000 "
     "residents a month). What happens to the share of disputes settled within the township, and to petitions?",
     '''more = run_county(mediation=16)
for v in ["settled_in_township_share", "petitions_per_10k"]:
    print(v, ga.paired_difference(more, base, v, year=YEAR).round(4).to_dict("records"))'''),
    ("Exercise 3 · Online services", "Raise platform coverage to 0.9. Who gains? Compare `online_share`, "
     "`mean_wait_months` and `elder_service_wait`.",
     '''online = run_county(platform=0.9)
ga.compare_scenarios({"online": online}, base, ["online_share", "mean_wait_months", "elder_service_wait"],
                     year=YEAR).round(4)'''),
]

write("04-workshop.ipynb", [
    md("""# 04 · Workshop: levers of grassroots governance

Move the sliders to run the county with other levers (each run takes a few seconds), then
work through the exercises. Solutions: `04-workshop-solutions.ipynb`."""),
    code(WORKSHOP_SETUP),
    md("## Try the levers\nSet the sliders and press *Run the county*: it runs the county with those levers "
       "(a few seconds; a lever set already run this session is reused) and plots satisfaction against the "
       "baseline, replacing the previous plots."),
    code(EXPLORER),
    code('''base = run_county()
explorer = LeverExplorer(base)
display(explorer.ui)   # the slider set, shown once
explorer.run()         # the default levers, drawn in the output area below the button'''),
] + [c for title, q, _ in EXERCISES for c in (md(f"## {title}\n{q}"), code("# your code here"))])

write("04-workshop-solutions.ipynb", [
    md("# 04 · Workshop: solutions"),
    code(WORKSHOP_SETUP),
] + [c for title, q, sol in EXERCISES for c in (md(f"## {title}\n{q}"), code(sol))])
print("wrote", sorted(f for f in os.listdir(OUT) if f.endswith(".ipynb")))
