"""The 183 county rows add up to the provincial totals of sichuan-totals.csv, Leshan's
rows to its published residents (sichuan-prefectures.csv) and households (sichuan-totals.csv), and the file is what the generator
writes (so nobody edits it by hand)."""
import csv
import os
import subprocess
import sys

path = sys.argv[1]


def read_rows(p):
    return list(csv.DictReader(l for l in open(p, encoding="utf-8") if not l.startswith("#")))


rows = read_rows(path)
data = os.path.dirname(path)
T = {r["figure"]: float(r["value"]) for r in read_rows(os.path.join(data, "sichuan-totals.csv"))}
leshan_pop = next(int(r["population"]) for r in read_rows(os.path.join(data, "sichuan-prefectures.csv"))
                  if r["prefecture"] == "Leshan")
fails = []


def expect(name, got, want, tol=1e-6):
    ok = abs(got - want) <= tol * abs(want)
    print(f"{name:32s} {got:16.4f} {want:16.4f} {'ok' if ok else 'FAIL'}")
    if not ok:
        fails.append(name)


P = sum(int(r["population"]) for r in rows)
expect("county-level units", len(rows), T["county_units"])
expect("residents", P, T["residents"])
expect("urban share", sum(int(r["population"]) * float(r["urban_share"]) for r in rows) / P, T["urban_residents"] / T["residents"], 1e-3)
expect("family households", sum(int(r["family_households"]) for r in rows), T["family_households"])
expect("aged 0-14", sum(int(r["population"]) * float(r["age_0_14"]) for r in rows) / P, T["age_0_14"], 1e-4)
expect("aged 60+", sum(int(r["population"]) * float(r["age_60p"]) for r in rows) / P, T["age_60p"], 1e-4)
expect("aged 65+", sum(int(r["population"]) * float(r["age_65p"]) for r in rows) / P, T["age_65p"], 1e-4)
expect("floating", sum(int(r["floating"]) for r in rows), T["floating"])
for col in ["villages_before", "villages_after", "townships_before", "townships_after", "communities_before",
            "communities_after"]:
    expect(col, sum(int(r[col]) for r in rows), T[col])
ls = [r for r in rows if r["prefecture"] == "Leshan"]
expect("Leshan residents", sum(int(r["population"]) for r in ls), leshan_pop)
expect("Leshan households", sum(int(r["family_households"]) for r in ls), T["leshan_family_households"])
expect("largest county", max(int(r["population"]) for r in rows), T["largest_county"])
gen = os.path.join(os.path.dirname(path), "..", "..", "scripts", "make_sichuan_counties.py")
out = subprocess.run([sys.executable, gen], capture_output=True, text=True, check=True).stdout
if out != open(path, encoding="utf-8").read():
    print("sichuan-counties.csv differs from what scripts/make_sichuan_counties.py writes")
    fails.append("generator")
print(f"county data: {17 + 3 - len(fails)} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
