import os
import subprocess

import pytest


def pytest_addoption(parser):
    parser.addoption("--govsim", required=True, help="path to the built govsim binary")
    parser.addoption("--workdir", required=True, help="scratch directory for result files")


@pytest.fixture(scope="session")
def govsim(request):
    return request.config.getoption("--govsim")


@pytest.fixture(scope="session")
def result_file(request, govsim):
    """A short default run with two replicates, written by the real binary."""
    work = request.config.getoption("--workdir")
    os.makedirs(work, exist_ok=True)
    scenario = os.path.join(work, "short.toml")
    with open(scenario, "w") as f:
        f.write('[scenario]\ntitle = "python test"\nstart = "2020-01"\nend = "2021-06"\n'
                'spinup_months = 3\nseed = 11\nreplicates = 2\ndocuments = ["004 §18"]\n'
                '[grid]\nhouseholds_per_worker = { 2020 = 500, 2021 = 300 }\n'
                '[budget]\ngrassroots_share = 0.08\n')  # enough money to hire the workers
    out = os.path.join(work, "short.h5")
    subprocess.run([govsim, "run", scenario, "--out", out, "--threads", "2", "-q"], check=True)
    return out
