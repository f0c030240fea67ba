#!/usr/bin/env python3
"""Puts over-long suspect names into a folder of returns, to time linkage on them.

    bridger demo DIR --quarters 1 --incidents 30 --seed 3
    python3 benches/long_names.py DIR [--per-return 2] [--returns 4] [--length 30000]
    bridger links DIR --format json > /dev/null

In each of the first RETURNS returns (by file name) the first PER_RETURN suspects' surname
becomes LENGTH random letters with one letter changed per row, and the forename the same
reversed: cells a return may hold (Excel takes 32,767 characters), never a name. Before
similarity was limited to values of 256 bytes, Jaro-Winkler compared every such pair in a
block at the product of their lengths: 8 rows took `links` 51 s, 48 rows over 20 minutes.
The returns are changed in place: run it on a copy. Needs openpyxl.
"""
import argparse
import random
from pathlib import Path

import openpyxl

# The Incidents sheet's header is row 4; suspect surname and forename are columns N and O.
FIRST_ROW, SURNAME, FORENAME = 5, 14, 15


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=Path)
    ap.add_argument("--per-return", type=int, default=2)
    ap.add_argument("--returns", type=int, default=4)
    ap.add_argument("--length", type=int, default=30_000)
    args = ap.parse_args()
    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    base = "".join(rng.choice(letters) for _ in range(args.length))
    changed = 0
    for path in sorted(args.dir.glob("*.xlsx"))[: args.returns]:
        book = openpyxl.load_workbook(path)
        sheet = book["Incidents"]
        done = 0
        for row in range(FIRST_ROW, sheet.max_row + 1):
            if done == args.per_return:
                break
            if not sheet.cell(row, SURNAME).value:
                continue
            name = list(base)
            name[rng.randrange(args.length)] = rng.choice("xyz")
            sheet.cell(row, SURNAME).value = "".join(name)
            sheet.cell(row, FORENAME).value = "".join(reversed(name))
            done += 1
        book.save(path)
        changed += done
    print(f"{changed} suspects given names of {args.length:,} letters")


if __name__ == "__main__":
    main()
