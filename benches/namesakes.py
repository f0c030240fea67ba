#!/usr/bin/env python3
"""What a name alone can say on a labelled set: namesakes against repeats, and the misses.

    bridger demo DIR --quarters 4 --incidents 30 --seed 7
    bridger links DIR --format json > links.json
    python3 benches/namesakes.py DIR links.json

Reads DIR's truth.csv (each suspect record's person) and the suspects' name, date of
birth and postcode from the returns themselves, and prints:
- pairs of records with the same full name (forename and surname, in either order, case
  ignored): how many are one person and how many two;
- of those, the pairs with a date of birth blank on one side and no postcode district in
  common (nothing but the name to go on): one person against two;
- the true pairs `links` left in different groups, by what they share.

Issue 19 asks for recall 0.95 at precision 0.995 on the demo's quarters: this shows how
many true pairs have nothing but a name that strangers in the same data share as often.
Standard library and openpyxl.
"""
import collections
import csv
import itertools
import json
import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).parent))
from score_links import key_of_file  # noqa: E402

# Columns of the Incidents sheet (0-based): surname, forename, date of birth, postcode,
# online identifier.
SUSPECT = slice(13, 18)


def main():
    root, links = Path(sys.argv[1]), json.load(open(sys.argv[2], encoding="utf-8"))
    recs = [
        r
        for r in csv.DictReader(open(root / "truth.csv", encoding="utf-8"))
        if r["sheet"] == "Incidents" and r["person"]
    ]
    books = {}
    for r in recs:
        f = r["file"]
        if f not in books:
            sheet = openpyxl.load_workbook(root / f, read_only=True)["Incidents"]
            books[f] = list(sheet.iter_rows(values_only=True))
        cells = books[f][int(r["row"]) - 1][SUSPECT]
        r["v"] = [str(x or "").strip().lower() for x in cells]

    def district(v):
        return v[3].split()[0] if v[3] else ""

    by_name = collections.defaultdict(list)
    for i, r in enumerate(recs):
        surname, forename = r["v"][0], r["v"][1]
        if surname and forename:
            by_name[tuple(sorted((surname, forename)))].append(i)
    same = collections.Counter()
    bare = collections.Counter()
    for ids in by_name.values():
        for a, b in itertools.combinations(ids, 2):
            one = recs[a]["person"] == recs[b]["person"]
            same[one] += 1
            va, vb = recs[a]["v"], recs[b]["v"]
            if not (va[2] and vb[2]) and not (district(va) and district(va) == district(vb)):
                bare[one] += 1
    print(f"pairs with the same full name: one person {same[True]}, two people {same[False]}")
    print(
        "  of which a date of birth blank and no postcode district in common: "
        f"one person {bare[True]}, two people {bare[False]}"
    )

    group = {}
    for g, s in enumerate(links["suspects"]):
        for inc in s["incidents"]:
            group[(inc["force"]["code"], inc["quarter"], inc["reference"])] = g
    per = collections.defaultdict(list)
    for i, r in enumerate(recs):
        per[r["person"]].append(i)
    missed = collections.Counter()
    for ids in per.values():
        for a, b in itertools.combinations(ids, 2):
            ka = key_of_file(recs[a]["file"], recs[a]["reference"])
            kb = key_of_file(recs[b]["file"], recs[b]["reference"])
            if ka in group and group.get(ka) == group.get(kb):
                continue
            va, vb = recs[a]["v"], recs[b]["v"]
            name = va[0] and va[1] and {va[0], va[1]} == {vb[0], vb[1]}
            what = ["same full name" if name else "names differ"]
            if va[2] and vb[2]:
                what.append("same date of birth" if va[2] == vb[2] else "dates of birth differ")
            else:
                what.append("a date of birth blank")
            if district(va) and district(va) == district(vb):
                what.append("same postcode district")
            missed[", ".join(what)] += 1
    print(f"true pairs in different groups: {sum(missed.values())}")
    for what, n in missed.most_common():
        print(f"  {n:4} {what}")


if __name__ == "__main__":
    main()
