"""govsim batch: one file for a design; resume after SIGKILL; the same file on 1, 2, 3 MPI ranks."""
import os
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from compare_h5 import compare, EXECUTION  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
EXPERIMENT = """[experiment]
title = "test batch"
scenario = "{base}"
design = "lhs"
samples = {samples}
replicates = 2
seed = {seed}
end = "2020-04"

[factors.hpw]
parameter = "grid.households_per_worker"
range = [300, 800]

[factors.share]
parameter = "budget.grassroots_share"
scale = [0.8, 1.2]

[factors.cycle]
parameter = "grid.training_cycle_months"
levels = [12, 24, 36]
"""


def write_experiment(d, samples=6, seed=5):
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "exp.toml")
    with open(p, "w") as f:
        f.write(EXPERIMENT.format(base=os.path.join(REPO, "scenarios", "baseline.toml"), samples=samples, seed=seed))
    return p


def batch(govsim, cwd, *extra, prefix=()):
    cmd = list(prefix) + [govsim, "batch", "exp.toml", "--out", "out.h5", "-q"] + list(extra)
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def reference(govsim, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-ref")
    shutil.rmtree(d, ignore_errors=True)
    write_experiment(d)
    r = batch(govsim, d, "--threads", "2")
    assert r.returncode == 0, r.stderr
    return os.path.join(d, "out.h5")


def test_batch_file_has_run_replicate_month_and_the_design(reference):
    with h5py.File(reference, "r") as f:
        assert f.attrs["design"] == "lhs" and f.attrs["runs"] == 6 and f.attrs["replicates"] == 2
        assert f["satisfaction_mean"].shape == (6, 2, 4)
        assert f["design"].shape == (6, 3) and f["design_unit"].shape == (6, 3)
        names = [n.decode() for n in f["factor_name"][:]]
        assert names == ["hpw", "share", "cycle"]
        assert [p.decode() for p in f["factor_parameter"][:]] == [
            "grid.households_per_worker", "budget.grassroots_share", "grid.training_cycle_months"]
        assert f["factor_unit"][0].decode() == "households per worker"
        design = f["design"][:]
        assert ((design[:, 0] >= 300) & (design[:, 0] <= 800)).all()
        assert set(design[:, 2]) <= {12, 24, 36}
        # common random numbers: in the first recorded month the runs differ only by policy;
        # everyday arrivals are the same draws in every run
        raised = f["cases_raised"][:, 0, 0]
        assert np.ptp(raised) <= 0.02 * raised.mean()
        # runs with other grid density discover differently
        assert np.ptp(f["grid_discovery_share"][:, 0, -1]) > 0
        for key in ["govsim_version", "git_commit", "experiment_text", "scenario_text", "started", "finished"]:
            assert f.attrs[key], key
        # every indicator dataset states its kind, as in a run file
        assert f["satisfaction_mean"].attrs["kind"] == "outcome"
        assert f["grid_worker_pay"].attrs["kind"] == "input"
        kinds = {f[n].attrs["kind"] for n in f if "level" in f[n].attrs}
        assert kinds == {"outcome", "input"}
    import xarray as xr
    ds = xr.open_dataset(reference, engine="h5netcdf")
    assert ds.satisfaction_mean.dims == ("run", "replicate", "month")
    assert str(ds.month.values[0])[:7] == "2020-01"


def test_resume_after_sigkill_gives_the_same_file(govsim, reference, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-killed")
    shutil.rmtree(d, ignore_errors=True)
    write_experiment(d)
    journal = os.path.join(d, "out.h5.journal")
    p = subprocess.Popen([govsim, "batch", "exp.toml", "--out", "out.h5", "-q", "--threads", "1",
                          "--parallel-runs", "1"], cwd=d)
    deadline = time.time() + 120
    while time.time() < deadline:
        done = [f for f in os.listdir(journal) if f.endswith(".bin")] if os.path.isdir(journal) else []
        if len(done) >= 2 or p.poll() is not None:
            break
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert p.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert not os.path.exists(os.path.join(d, "out.h5")), "a killed batch left an output file"
    kept = [f for f in os.listdir(journal) if f.endswith(".bin")]
    assert 2 <= len(kept) < 6
    r = batch(govsim, d, "--threads", "2")
    assert r.returncode == 0, r.stderr
    out = os.path.join(d, "out.h5")
    with h5py.File(out, "r") as f:
        assert f.attrs["resumed_runs"] == len(kept)
    assert not os.path.exists(journal), "the journal is removed once the file is written"
    assert compare(reference, out, EXECUTION) == []


def test_a_journal_of_another_experiment_is_refused(govsim, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-other")
    shutil.rmtree(d, ignore_errors=True)
    write_experiment(d, seed=5)
    os.makedirs(os.path.join(d, "out.h5.journal"))
    with open(os.path.join(d, "out.h5.journal", "KEY"), "w") as f:
        f.write("0123456789abcdef\n")
    r = batch(govsim, d)
    assert r.returncode == 1
    assert "holds runs of another experiment" in r.stderr
    assert not os.path.exists(os.path.join(d, "out.h5"))


def test_a_malformed_experiment_exits_2_and_writes_nothing(govsim, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-bad")
    shutil.rmtree(d, ignore_errors=True)
    p = write_experiment(d)
    with open(p) as f:
        text = f.read().replace("range = [300, 800]", "range = [300, 80000]")
    with open(p, "w") as f:
        f.write(text)
    r = batch(govsim, d)
    assert r.returncode == 2
    assert "exp.toml:12:" in r.stderr and "outside the allowed range [50, 5000]" in r.stderr
    assert os.listdir(d) == ["exp.toml"]


def mpi_enabled(govsim):
    return shutil.which("mpirun") is not None


@pytest.mark.parametrize("ranks", [1, 2, 3])
def test_mpi_ranks_write_the_same_file(govsim, reference, request, ranks):
    if not mpi_enabled(govsim):
        pytest.skip("mpirun not installed (scripts/install-deps.sh installs OpenMPI)")
    d = os.path.join(request.config.getoption("--workdir"), f"batch-mpi-{ranks}")
    shutil.rmtree(d, ignore_errors=True)
    write_experiment(d)
    r = batch(govsim, d, "--threads", "2",
              prefix=["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks)])
    assert r.returncode == 0, r.stdout + r.stderr
    out = os.path.join(d, "out.h5")
    with h5py.File(out, "r") as f:
        assert f.attrs["ranks"] == ranks, "govsim was not built with MPI (the ranks each ran alone)"
    assert compare(reference, out, EXECUTION) == []


def test_command_line_overrides_are_applied_and_recorded(govsim, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-overrides")
    shutil.rmtree(d, ignore_errors=True)
    write_experiment(d)
    r = batch(govsim, d, "--end", "2020-03", "--samples", "3", "--replicates", "1", "--threads", "2")
    assert r.returncode == 0, r.stderr
    with h5py.File(os.path.join(d, "out.h5"), "r") as f:
        assert f["satisfaction_mean"].shape == (3, 1, 3)
        assert f.attrs["overrides"] == "--end 2020-03 --samples 3 --replicates 1"
        assert f.attrs["period_end"] == "2020-03" and f.attrs["samples"] == 3 and f.attrs["replicates"] == 1
        assert "samples = 6" in f.attrs["experiment_text"]  # the file as written, the overrides beside it
    r = batch(govsim, d, "--samples", "0")
    assert r.returncode == 2 and "--samples: allowed range [1, 1000000]" in r.stderr


def read_design_csv(text):
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = rows[0].split(",")
    return header, np.array([[float(x) for x in r.split(",")] for r in rows[1:]])


def test_dry_run_prints_the_design_matrix_and_a_design_file_brings_it_back(govsim, reference, request):
    d = os.path.join(request.config.getoption("--workdir"), "batch-design-file")
    shutil.rmtree(d, ignore_errors=True)
    p = write_experiment(d)
    r = batch(govsim, d, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# exp.toml: valid.")
    header, values = read_design_csv(r.stdout)
    with h5py.File(reference, "r") as f:
        assert header == [n.decode() for n in f["factor_name"][:]]
        assert values.tobytes() == f["design"][:].tobytes()  # the same numbers, to the last bit
    assert not os.path.exists(os.path.join(d, "out.h5"))
    r = batch(govsim, d, "--dry-run", "--design-out", "design.csv")
    assert r.returncode == 0 and "wrote design.csv" in r.stdout, r.stderr
    with open(os.path.join(d, "design.csv")) as f:
        assert read_design_csv(f.read())[1].tobytes() == values.tobytes()
    # the design brought back as design = "file" (rows reversed, columns reordered) runs the same runs
    rows = [",".join(["cycle", "hpw", "share"])] + [f"{v[2]:.17g},{v[0]:.17g},{v[1]:.17g}" for v in values[::-1]]
    with open(os.path.join(d, "external.csv"), "w") as f:
        f.write("# an external design (e.g. SALib)\n" + "\n".join(rows) + "\n")
    with open(p) as f:
        text = f.read().replace('design = "lhs"\nsamples = 6', 'design = "file"\ndesign_file = "external.csv"')
    with open(p, "w") as f:
        f.write(text)
    r = batch(govsim, d, "--threads", "2")
    assert r.returncode == 0, r.stderr
    with h5py.File(reference, "r") as a, h5py.File(os.path.join(d, "out.h5"), "r") as b:
        assert b.attrs["design"] == "file" and "an external design" in b.attrs["design_file_text"]
        assert b["design"][:].tobytes() == a["design"][:][::-1].tobytes()
        assert b["satisfaction_mean"][:].tobytes() == a["satisfaction_mean"][:][::-1].tobytes()
    with open(os.path.join(d, "external.csv"), "a") as f:
        f.write("24,5000,1.1\n")
    r = batch(govsim, d, "--dry-run")
    assert r.returncode == 2
    assert "external.csv:9: column hpw (grid.households_per_worker): 5000 is outside the factor's range [300, 800]" \
        in r.stderr


def test_export_writes_a_batch_file_as_tidy_csv(govsim, reference, tmp_path):
    import csv
    out = tmp_path / "csv"
    r = subprocess.run([govsim, "export", reference, "--csv", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(out)) == ["design.csv", "dictionary.csv", "region.csv"]
    region = list(csv.DictReader(open(out / "region.csv")))
    assert len(region) == 6 * 2 * 4  # runs x replicates x months, the month fastest
    assert [region[i]["run"] for i in (0, 8, 47)] == ["0", "1", "5"] and region[5]["replicate"] == "1"
    with h5py.File(reference, "r") as f:
        sat = f["satisfaction_mean"][:]
        design = f["design"][:]
        assert float(region[13]["satisfaction_mean"]) == sat[1, 1, 1]  # shortest round-trip text
        rows = list(csv.DictReader(open(out / "design.csv")))
        assert len(rows) == 6
        assert [float(x["grid.households_per_worker"]) for x in rows] == list(design[:, 0])
        assert [float(x["budget.grassroots_share_scale"]) for x in rows] == list(design[:, 1])
    d = {(r["name"], r["file"]): r for r in csv.DictReader(open(out / "dictionary.csv"))}
    assert d[("satisfaction_mean", "region.csv")]["dims"] == "run replicate month"
    assert d[("grid.households_per_worker", "design.csv")]["units_label"] == "households per worker"
