"""govsim calibrate's result file read and plotted from Python (analysis/govsim_analysis/calibration.py)."""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "analysis"))
from govsim_analysis import calibration, report  # noqa: E402


def test_a_calibration_file_reads_plots_and_reports(govsim, tmp_path):
    cfg = tmp_path / "tiny.toml"
    cfg.write_text(
        '[calibration]\nscenario = "%s"\nend = "2020-02"\nwaves = 2\nruns_per_wave = 5\nreplicates = 1\n'
        'candidates = 500\nposterior_samples = 50\n'
        '[parameters.h]\nparameter = "hotline.propensity_scale"\nrange = [0.5, 1.5]\n'
        '[targets.h]\nindicator = "hotline_requests_per_resident"\nperiod = ["2020-01", "2020-02"]\n'
        'value = 0.22\nsd = 0.02\n' % os.path.join(REPO, "scenarios", "baseline.toml"))
    out = tmp_path / "tiny.h5"
    subprocess.run([govsim, "calibrate", str(cfg), "--out", str(out), "--threads", "2", "-q"], check=True)
    assert (tmp_path / "tiny.md").exists()
    assert calibration.is_calibration(str(out))
    cal = calibration.read(str(out))
    assert cal["design"].shape[1] == 1 and cal["outputs"].shape == (cal["design"].shape[0], 1)
    assert cal["parameter"] == ["hotline.propensity_scale"]
    assert 0 <= cal["nroy_fraction"] <= 1
    files = calibration.plots(str(out), str(tmp_path / "plots"))
    assert len(files) == 3 and all(os.path.getsize(f) > 1000 for f in files)
    assert report.main([str(out), "-o", str(tmp_path / "tiny.html")]) == 0
    assert "Posterior" in (tmp_path / "tiny.html").read_text()
