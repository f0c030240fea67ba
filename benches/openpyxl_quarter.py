#!/usr/bin/env python3
"""Writes a national quarter as forces' own software would: the committed template
(`template/annex-c.xlsx`) opened and filled in by openpyxl, one return per force.

    python3 benches/openpyxl_quarter.py OUT_DIR [--incidents 2000] [--seed 1]
        [--quarter 2016-17-Q1] [--quarters 1]

This is the second benchmark data set beside `bridger demo` (issue 19). It differs from the
project's own generator in what makes linkage work: a small pool of common surnames and
forenames (weighted as the commonest in England and Wales are), each force's suspects
living in three postcode districts, and one suspect in three a repeat who turns up in
several forces with the slips people make (a surname typo, a nickname, a date of birth a
digit out or with day and month swapped, a postcode left blank). Its suspects block into
many more candidate pairs than the demo's, as real names would.

Every return is valid (the content rules hold), so every row is collated. `--quarters 4`
writes a year, the repeat suspects the same people throughout. `truth.csv` in OUT_DIR gives
each suspect record's person: file, sheet, row, reference, person, mp (the columns of
`bridger demo`'s truth.csv).

Needs: `pip install openpyxl`. Invented people only: the names are common names put
together at random, the dates of birth and postcodes random.
"""
import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template" / "annex-c.xlsx"
FORCES = ROOT / "template" / "forces.csv"

# Common surnames and forenames, roughly weighted as their frequency (commonest first).
SURNAMES = """Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts
Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel
Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison
Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell
Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan
Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight
Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Pritchard Rees""".split()
FORENAMES = """David John Michael Paul Andrew Mark James Peter Robert Stephen Richard
Christopher Ian Daniel Thomas Matthew Simon Gary Kevin Anthony Steven Jason Lee Adam Craig
Darren Neil Martin Sarah Claire Emma Susan Karen Julie Helen Nicola Rachel Lisa Jane
Michelle Joanne Louise Elizabeth Rebecca Laura Victoria Amanda Samantha Jennifer Catherine
Mohammed Ahmed Imran Aisha Fatima William Jamie Joseph Charlotte Hannah""".split()
NICKNAMES = {
    "David": "Dave", "Michael": "Mike", "Andrew": "Andy", "James": "Jim", "Peter": "Pete",
    "Robert": "Bob", "Stephen": "Steve", "Richard": "Rich", "Christopher": "Chris",
    "Daniel": "Dan", "Thomas": "Tom", "Matthew": "Matt", "Anthony": "Tony", "Steven": "Steve",
    "Susan": "Sue", "Elizabeth": "Liz", "Rebecca": "Becky", "Victoria": "Vicky",
    "Samantha": "Sam", "Jennifer": "Jenny", "Catherine": "Kate", "William": "Bill",
    "Joseph": "Joe", "Nicola": "Nicky", "Amanda": "Mandy",
}
AREAS = """AB AL BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
DT DY EH EN EX FK FY GL GU HA HD HG HP HR HU HX IG IP KT LA LE LN LS LU ME MK NE NG NN NP
NR OL OX PE PL PO PR RG RH RM SA SG SK SL SN SO SP SR SS ST SY TA TF TN TQ TR TS TW WA WD
WF WN WR WS WV YO""".split()
CATEGORIES = ["Malicious communications", "Harassment", "Stalking", "Threats to kill",
              "Threat of violence (other)", "Criminal damage", "Public order", "Hate crime"]
CHANNELS = ["In person", "Telephone", "Letter or post", "Email", "Social media", "Other online"]
LOCATIONS = ["Constituency office", "Home address", "Surgery or public event",
             "Parliamentary estate", "Online only"]
VICTIMS = ["MP", "MP's staff", "MP's family member", "MP's office or property"]
STATUSES = ["Under investigation", "Charged or summonsed", "Caution", "Words of advice",
            "No further action – evidential difficulties"]
SUMMARIES = ["Abusive emails to the constituency office", "Threatening letter",
             "Person loitering outside the MP's home address", "Offensive social media posts",
             "Damage to the office window", "Repeated calls to the office"]


def zipf_weights(n):
    return [1.0 / (k + 1) for k in range(n)]


def quarter_bounds(quarter):
    # "2016-17-Q1" -> (2016-04-01, 2016-06-30)
    year, q = int(quarter[:4]), int(quarter[-1])
    starts = {1: (year, 4), 2: (year, 7), 3: (year, 10), 4: (year + 1, 1)}
    y, m = starts[q]
    start = dt.date(y, m, 1)
    end = (dt.date(y + (m + 3 > 12), (m + 3 - 1) % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


def next_quarter(quarter):
    year, q = int(quarter[:4]), int(quarter[-1])
    if q == 4:
        year, q = year + 1, 0
    return f"{year}-{(year + 1) % 100:02d}-Q{q + 1}"


def typo(rng, s):
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return s[:i] + s[i + 1:]  # a letter dropped
    if kind == 1:
        return s[:i] + s[i] + s[i:]  # a letter doubled
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]  # two letters swapped


def slip(rng, d):
    """A date of birth as people mistype it: one digit out, or day and month swapped."""
    if rng.random() < 0.5 and d.day <= 12 and d.day != d.month:
        return d.replace(day=d.month, month=d.day)
    for _ in range(10):
        day = d.day + rng.choice([-9, -1, 1, 9, 10, -10])
        try:
            return d.replace(day=day)
        except ValueError:
            continue
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--incidents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quarter", default="2016-17-Q1")
    ap.add_argument("--quarters", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    forces = list(csv.DictReader(FORCES.open(encoding="utf-8")))
    sw, fw = zipf_weights(len(SURNAMES)), zipf_weights(len(FORENAMES))
    person_count = 0

    def new_person(home):
        nonlocal person_count
        person_count += 1
        area = AREAS[(home * 2) % len(AREAS)]
        return {
            "id": f"P{person_count:06d}",
            "surname": rng.choices(SURNAMES, sw)[0],
            "forename": rng.choices(FORENAMES, fw)[0],
            "dob": dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50)),
            "postcode": f"{area}{rng.randrange(1, 4)} {rng.randrange(10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            "identifier": f"user{person_count}@mail.example" if rng.random() < 0.3 else None,
        }

    # Repeat offenders: a pool shared by every force, each with a home force.
    repeats = [new_person(rng.randrange(len(forces))) for _ in range(3000)]
    rw = zipf_weights(len(repeats))
    truth = []
    quarter = a.quarter
    for _ in range(a.quarters):
        start, end = quarter_bounds(quarter)
        quarter_label = quarter[:7] + " " + quarter[-2:]
        for fi, f in enumerate(forces):
            wb = openpyxl.load_workbook(TEMPLATE)
            ret = wb["Return"]
            ret["B5"] = f["name"]
            ret["B6"] = quarter_label
            ret["B7"] = "DS Alex Morgan"
            ret["B8"] = "bridger.returns@police.example"
            ret["B9"] = dt.datetime.combine(end + dt.timedelta(days=10), dt.time())
            ret["B10"] = 8
            ret["B11"] = 5
            ret["B12"] = "No"
            eng = wb["Engagement"]
            mps = [(f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES)}", f"{f['name'].split()[0]} {k}") for k in range(8)]
            for r, (mp, seat) in enumerate(mps, start=5):
                eng.cell(r, 1, mp)
                eng.cell(r, 2, seat)
                eng.cell(r, 5, "Yes")
                eng.cell(r, 6, "Yes")
                eng.cell(r, 7, "No")
            inc = wb["Incidents"]
            prefix = f["code"][:3].upper()
            days = (end - start).days
            for n in range(a.incidents):
                r = 5 + n
                ref = f"{prefix}/16/{n + 1:06d}"
                reported = start + dt.timedelta(days=rng.randrange(days + 1))
                mp, seat = rng.choice(mps)
                row = [ref, dt.datetime.combine(reported, dt.time()), None, mp, seat,
                       rng.choice(VICTIMS), rng.choice(CATEGORIES), rng.choice(CHANNELS),
                       rng.choice(LOCATIONS), "Yes", "Yes", "Yes" if rng.random() < 0.05 else "No"]
                suspect = [None] * 5
                if rng.random() < 0.7:
                    if rng.random() < 0.33:
                        p = rng.choices(repeats, rw)[0]
                        repeat = True
                    else:
                        p = new_person(fi)
                        repeat = False
                    surname, forename, dob, postcode = p["surname"], p["forename"], p["dob"], p["postcode"]
                    if repeat:
                        if rng.random() < 0.08:
                            surname = typo(rng, surname)
                        if rng.random() < 0.08:
                            forename = NICKNAMES.get(forename, typo(rng, forename))
                        if rng.random() < 0.05:
                            dob = slip(rng, dob)
                        if rng.random() < 0.02:
                            surname, forename = forename, surname
                    if rng.random() < 0.3:
                        postcode = None
                    if rng.random() < 0.5:
                        surname = surname.upper()
                    suspect = [surname, forename, dt.datetime.combine(dob, dt.time()), postcode,
                               p["identifier"]]
                    truth.append((f"{f['code']}-{quarter}.xlsx", "Incidents", r, ref, p["id"], mp))
                row += ["Yes" if suspect[0] else "No"] + suspect
                row += ["No", "No", rng.choice(STATUSES), None, rng.choice(SUMMARIES)]
                for c, v in enumerate(row, start=1):
                    if v is not None:
                        inc.cell(r, c, v)
            wb.save(out / f"{f['code']}-{quarter}.xlsx")
            print(f"{quarter} {fi + 1}/{len(forces)} {f['code']}", flush=True)
        quarter = next_quarter(quarter)
    with (out / "truth.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "sheet", "row", "reference", "person", "mp"])
        w.writerows(truth)


if __name__ == "__main__":
    main()
