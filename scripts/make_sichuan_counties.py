#!/usr/bin/env python3
"""Derives scenarios/data/sichuan-counties.csv: one row per county-level unit of
Sichuan (183), from the prefecture table (scenarios/data/sichuan-prefectures.csv)
and the provincial totals of scenarios/data/sichuan-totals.csv (each with the
publication it is taken from). County-level figures are not published there, so
this generator splits each prefecture deterministically and
scales every column so that the 183 rows add up to the provincial totals:

  residents 83,674,866; urban 56.73%; family households 30.756 M (Leshan 1,182,406);
  ages 0-14 16.10%, 60+ 21.71%, 65+ 16.93% (Chengdu 65+ 13.62%);
  floating population 20,688,554 (Chengdu 8.46 M);
  villages 45,447 -> 26,369; townships and streets 4,610 -> 3,101; communities 7,804 -> 8,261;
  the largest county ~2.66 M residents (Shuangliu).

Method (documented in docs/population.md): county populations within a prefecture
follow lognormal shares drawn from a fixed seed (Chengdu's largest district is set
to 2.66 M); urban shares, ages, floating shares and household sizes get per-county
deviations around the prefecture value and are then scaled (ratio adjustment on the
population-weighted total) to the provincial margins; unit counts are allocated by
largest remainders in proportion to rural residents (villages), urban residents
(communities) and sqrt(area x residents) (townships). Standard library only:
  /usr/bin/python3 scripts/make_sichuan_counties.py > scenarios/data/sichuan-counties.csv
"""
import csv
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREF = os.path.join(HERE, "..", "scenarios", "data", "sichuan-prefectures.csv")

TOT = os.path.join(HERE, "..", "scenarios", "data", "sichuan-totals.csv")


def read_rows(path):
    return list(csv.DictReader(line for line in open(path, encoding="utf-8") if not line.startswith("#")))


TOTALS = {r["figure"]: r["value"] for r in read_rows(TOT)}
TOTAL = int(TOTALS["residents"])
URBAN = int(TOTALS["urban_residents"])
HOUSEHOLDS = int(TOTALS["family_households"])
HH_SIZE = float(TOTALS["family_household_size"])
AGE_0_14, AGE_60, AGE_65 = (float(TOTALS[k]) for k in ("age_0_14", "age_60p", "age_65p"))
FLOATING = int(TOTALS["floating"])
VILLAGES = (int(TOTALS["villages_before"]), int(TOTALS["villages_after"]))
TOWNSHIPS = (int(TOTALS["townships_before"]), int(TOTALS["townships_after"]))
COMMUNITIES = (int(TOTALS["communities_before"]), int(TOTALS["communities_after"]))
LARGEST = int(TOTALS["largest_county"])
LESHAN_HOUSEHOLDS = int(TOTALS["leshan_family_households"])
URBAN_SHARE = round(URBAN / TOTAL, 4)  # 56.73%, as published

NAMES = {
    "Chengdu": ["Jinjiang", "Qingyang", "Jinniu", "Wuhou", "Chenghua", "Longquanyi", "Qingbaijiang", "Xindu",
                "Wenjiang", "Shuangliu", "Pidu", "Xinjin", "Jintang", "Dayi", "Pujiang", "Dujiangyan", "Pengzhou",
                "Qionglai", "Chongzhou", "Jianyang"],
    "Leshan": ["Shizhong", "Shawan", "Wutongqiao", "Jinkouhe", "Qianwei", "Jingyan", "Jiajiang", "Muchuan",
               "Ebian", "Mabian", "Emeishan"],
}


def largest_remainder(weights, total):
    s = sum(weights)
    raw = [w / s * total for w in weights]
    out = [int(math.floor(x)) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def scale_share(shares, weights, target, fixed=None, lo=0.0, hi=1.0):
    """Multiplies the free shares by one factor so that sum(share*weight) == target*sum(weight)."""
    fixed = fixed or set()
    for _ in range(50):
        tot = sum(s * w for s, w in zip(shares, weights))
        want = target * sum(weights)
        free = sum(s * w for i, (s, w) in enumerate(zip(shares, weights)) if i not in fixed)
        if free <= 0:
            break
        f = (want - (tot - free)) / free
        shares = [s if i in fixed else min(hi, max(lo, s * f)) for i, s in enumerate(shares)]
        if abs(sum(s * w for s, w in zip(shares, weights)) - want) < 1e-6 * want:
            break
    return shares


def main():
    rng = random.Random(20201101)  # census day
    prefs = read_rows(PREF)
    rows = []
    for p in prefs:
        n = int(p["counties"])
        pop = int(p["population"])
        w = [math.exp(rng.gauss(0, 0.55)) for _ in range(n)]
        if p["prefecture"] == "Chengdu":
            # the largest district (Shuangliu, index 9) is fixed at 2.66 M; the rest share the remainder
            others = [x for i, x in enumerate(w) if i != 9]
            split = largest_remainder(others, pop - LARGEST)
            pops = split[:9] + [LARGEST] + split[9:]
        else:
            pops = largest_remainder(w, pop)
        names = NAMES.get(p["prefecture"], [f"{p['prefecture']} {i + 1}" for i in range(n)])
        areas = largest_remainder([math.exp(rng.gauss(0, 0.5)) for _ in range(n)], int(p["area_km2"]))
        base_urban = float(p["urban_share"])
        for i in range(n):
            rows.append({
                "county": names[i], "prefecture": p["prefecture"], "population": pops[i],
                "urban": min(0.97, max(0.12, base_urban * math.exp(rng.gauss(0, 0.25)))),
                "area_km2": max(50, areas[i]),
                "plain": float(p["plain"]), "hill": float(p["hill"]), "mountain": float(p["mountain"]),
                "sparse": float(p["sparse"]), "fiscal_capacity": float(p["fiscal_capacity"]),
                "pref_households": p["households"], "pref_65": p["age_65p"], "pref_floating": p["floating"],
                "age_dev": rng.gauss(0, 0.08), "float_dev": math.exp(rng.gauss(0, 0.3)),
                "size_dev": rng.gauss(0, 0.04),
            })
    pops = [r["population"] for r in rows]
    cd_row = next(p for p in prefs if p["prefecture"] == "Chengdu")  # its published urban, 65+ and floating figures
    chengdu = {i for i, r in enumerate(rows) if r["prefecture"] == "Chengdu"}
    # urban share: Chengdu's prefecture value is fixed (its counties scaled to it), the rest scaled to the total
    cd_urban = scale_share([rows[i]["urban"] for i in sorted(chengdu)], [pops[i] for i in sorted(chengdu)],
                           float(cd_row["urban_share"]))
    for k, i in enumerate(sorted(chengdu)):
        rows[i]["urban"] = cd_urban[k]
    urb = scale_share([r["urban"] for r in rows], pops, URBAN / TOTAL, fixed=chengdu, lo=0.05, hi=0.99)
    # ages: older where more rural; 60+ and 0-14 scaled to the provincial shares
    a60 = [AGE_60 * (1 + 0.35 * (URBAN_SHARE - u)) * math.exp(r["age_dev"]) for r, u in zip(rows, urb)]
    a14 = [AGE_0_14 * (1 + 0.25 * (URBAN_SHARE - u)) * math.exp(-r["age_dev"] / 2) for r, u in zip(rows, urb)]
    a60 = scale_share(a60, pops, AGE_60)
    a14 = scale_share(a14, pops, AGE_0_14)
    r65 = [0.78 * (1 + 0.1 * (URBAN_SHARE - u)) for u in urb]  # share of the 60+ who are 65+
    cd65 = [a60[i] * r65[i] for i in sorted(chengdu)]
    cdw = [pops[i] for i in sorted(chengdu)]
    f = float(cd_row["age_65p"]) * sum(cdw) / sum(x * w for x, w in zip(cd65, cdw))
    for i in chengdu:
        r65[i] *= f
    a65 = scale_share([a * r for a, r in zip(a60, r65)], pops, AGE_65, fixed=chengdu)
    a65 = [min(a, 0.95 * b) for a, b in zip(a65, a60)]
    # floating: Chengdu's counties share 8.46 M, the rest the remainder, more where urban
    fl = [u * r["float_dev"] for u, r in zip(urb, rows)]
    cd_total = int(cd_row["floating"])
    cd_fl = largest_remainder([fl[i] * pops[i] for i in sorted(chengdu)], cd_total)
    rest = [i for i in range(len(rows)) if i not in chengdu]
    rest_fl = largest_remainder([fl[i] * pops[i] for i in rest], FLOATING - cd_total)
    floating = [0] * len(rows)
    for k, i in enumerate(sorted(chengdu)):
        floating[i] = cd_fl[k]
    for k, i in enumerate(rest):
        floating[i] = rest_fl[k]
    # family households: Leshan's total fixed, the province to 30.756 M; sizes a little larger where rural
    leshan = [i for i, r in enumerate(rows) if r["prefecture"] == "Leshan"]
    size = [HH_SIZE * (1 + 0.08 * (URBAN_SHARE - u) + r["size_dev"]) for r, u in zip(rows, urb)]
    hh = [p / s for p, s in zip(pops, size)]
    ls_total = LESHAN_HOUSEHOLDS
    ls_split = largest_remainder([hh[i] for i in leshan], ls_total)
    others = [i for i in range(len(rows)) if i not in leshan]
    ot_split = largest_remainder([hh[i] for i in others], HOUSEHOLDS - ls_total)
    households = [0] * len(rows)
    for k, i in enumerate(leshan):
        households[i] = ls_split[k]
    for k, i in enumerate(others):
        households[i] = ot_split[k]
    # units: villages by rural residents (more per person in mountains and sparse areas), communities by
    # urban residents, townships by sqrt(area x residents)
    rural = [p * (1 - u) * (1 + 0.5 * r["mountain"] + 1.0 * r["sparse"]) for p, u, r in zip(pops, urb, rows)]
    urban_pop = [p * u for p, u in zip(pops, urb)]
    tw = [math.sqrt(r["area_km2"] * p) for r, p in zip(rows, pops)]
    v0, v1 = largest_remainder(rural, VILLAGES[0]), largest_remainder(rural, VILLAGES[1])
    c0, c1 = largest_remainder(urban_pop, COMMUNITIES[0]), largest_remainder(urban_pop, COMMUNITIES[1])
    t0, t1 = largest_remainder(tw, TOWNSHIPS[0]), largest_remainder(tw, TOWNSHIPS[1])
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# Generated by scripts/make_sichuan_counties.py from sichuan-prefectures.csv: do not edit by hand.")
    print("# Derived county rows that add up to the provincial totals of sichuan-totals.csv (see the script).")
    out.writerow(["id", "county", "prefecture", "population", "urban_share", "family_households", "age_0_14",
                  "age_60p", "age_65p", "floating", "area_km2", "plain", "hill", "mountain", "sparse",
                  "townships_before", "townships_after", "villages_before", "villages_after", "communities_before",
                  "communities_after", "fiscal_capacity"])
    for i, r in enumerate(rows):
        out.writerow([i, r["county"], r["prefecture"], pops[i], f"{urb[i]:.6f}", households[i], f"{a14[i]:.6f}",
                      f"{a60[i]:.6f}", f"{a65[i]:.6f}", floating[i], r["area_km2"], r["plain"], r["hill"],
                      r["mountain"], r["sparse"], max(1, t0[i]), max(1, t1[i]), max(1, v0[i]), max(1, v1[i]),
                      max(1, c0[i]), max(1, c1[i]), r["fiscal_capacity"]])


if __name__ == "__main__":
    main()
