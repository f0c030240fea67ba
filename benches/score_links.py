#!/usr/bin/env python3
"""Scores `bridger links --format json` against a truth file: pairwise precision and recall.

    bridger links RETURNS --format json > links.json
    python3 benches/score_links.py links.json RETURNS/truth.csv [--misses N]

The truth file is the one `bridger demo` and `benches/openpyxl_quarter.py` write beside
their returns (file, sheet, row, reference, person, mp): each suspect record's person,
blank where the row names no suspect. A pair of records is a true link when both name the
same person; bridger's pairs are every two incidents in one suspect group. Precision is
the share of bridger's pairs that are true, recall the share of true pairs bridger found.
`--misses N` prints N true pairs it missed, with the values recorded, to see why.
Standard library only (openpyxl too for `--misses`).
"""
import argparse
import csv
import json
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path


def key_of_file(file, reference):
    m = re.match(r"(.+)-(\d{4}-\d{2})-(Q[1-4])(?:-.*)?\.(?:xlsx|ods|xlsm)$", file)
    if not m:
        return None
    return (m.group(1), f"{m.group(2)} {m.group(3)}", reference)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("links")
    ap.add_argument("truth")
    ap.add_argument("--misses", type=int, default=0)
    a = ap.parse_args()
    person = {}
    where = {}
    for row in csv.DictReader(open(a.truth, encoding="utf-8")):
        if not row["person"]:
            continue
        k = key_of_file(row["file"], row["reference"])
        if k:
            person[k] = row["person"]
            where[k] = (row["file"], int(row["row"]))
    by_person = defaultdict(list)
    for k, p in person.items():
        by_person[p].append(k)
    true_pairs = set()
    for ks in by_person.values():
        for x, y in combinations(sorted(ks), 2):
            true_pairs.add((x, y))
    links = json.load(open(a.links, encoding="utf-8"))
    found = set()
    unknown = 0
    for g in links["suspects"]:
        ks = sorted(
            (i["force"]["code"], i["quarter"], i["reference"]) for i in g["incidents"]
        )
        unknown += sum(1 for k in ks if k not in person)
        for x, y in combinations(ks, 2):
            found.add((x, y))
    tp = len(found & true_pairs)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"suspect records {len(person)}, true pairs {len(true_pairs)}, "
        f"found pairs {len(found)}, true found {tp}"
    )
    print(f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    if unknown:
        print(f"({unknown} grouped incidents not in the truth file)")
    if a.misses:
        import openpyxl

        root = Path(a.truth).parent
        books = {}

        def values(k):
            file, row = where[k]
            if file not in books:
                books[file] = openpyxl.load_workbook(root / file, read_only=True)["Incidents"]
            cells = next(books[file].iter_rows(min_row=row, max_row=row, values_only=True))
            dob = cells[15].date().isoformat() if hasattr(cells[15], "date") else cells[15]
            return f"{cells[13]}, {cells[14]}, {dob}, {cells[16]}, {cells[17]}"

        for x, y in sorted(true_pairs - found)[: a.misses]:
            print(f"missed {x[0]} {x[2]} [{values(x)}] ~ {y[0]} {y[2]} [{values(y)}]")


if __name__ == "__main__":
    main()
