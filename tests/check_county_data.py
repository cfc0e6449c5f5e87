"""The 183 county rows add up to the provincial totals of calibration-2020, Leshan's
rows to its published residents and households, and the file is what the generator
writes (so nobody edits it by hand)."""
import csv
import os
import subprocess
import sys

path = sys.argv[1]
rows = list(csv.DictReader(l for l in open(path, encoding="utf-8") if not l.startswith("#")))
fails = []


def expect(name, got, want, tol=1e-6):
    ok = abs(got - want) <= tol * abs(want)
    print(f"{name:32s} {got:16.4f} {want:16.4f} {'ok' if ok else 'FAIL'}")
    if not ok:
        fails.append(name)


P = sum(int(r["population"]) for r in rows)
expect("county-level units", len(rows), 183)
expect("residents", P, 83_674_866)
expect("urban share", sum(int(r["population"]) * float(r["urban_share"]) for r in rows) / P, 0.5673, 1e-3)
expect("family households", sum(int(r["family_households"]) for r in rows), 30_756_000)
expect("aged 0-14", sum(int(r["population"]) * float(r["age_0_14"]) for r in rows) / P, 0.1610, 1e-4)
expect("aged 60+", sum(int(r["population"]) * float(r["age_60p"]) for r in rows) / P, 0.2171, 1e-4)
expect("aged 65+", sum(int(r["population"]) * float(r["age_65p"]) for r in rows) / P, 0.1693, 1e-4)
expect("floating", sum(int(r["floating"]) for r in rows), 20_688_554)
for col, want in [("villages_before", 45447), ("villages_after", 26369), ("townships_before", 4610),
                  ("townships_after", 3101), ("communities_before", 7804), ("communities_after", 8261)]:
    expect(col, sum(int(r[col]) for r in rows), want)
ls = [r for r in rows if r["prefecture"] == "Leshan"]
expect("Leshan residents", sum(int(r["population"]) for r in ls), 3_160_168)
expect("Leshan households", sum(int(r["family_households"]) for r in ls), 1_182_406)
expect("largest county", max(int(r["population"]) for r in rows), 2_660_000)
gen = os.path.join(os.path.dirname(path), "..", "..", "scripts", "make_sichuan_counties.py")
out = subprocess.run([sys.executable, gen], capture_output=True, text=True, check=True).stdout
if out != open(path, encoding="utf-8").read():
    print("sichuan-counties.csv differs from what scripts/make_sichuan_counties.py writes")
    fails.append("generator")
print(f"county data: {17 + 3 - len(fails)} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
