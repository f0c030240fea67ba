#!/usr/bin/env python3
"""The template's live checks and `bridger validate` agree cell for cell.

    python3 tests/live/check.py BRIDGER FILE.xlsx...

Each FILE is rendered by LibreOffice headless (`soffice --convert-to html`, a private
profile), which evaluates the template's conditional formats as a person filling the return
would see them: the cells it colours red (FFC7CE, an error) or amber (FFEB9C, a warning) are
read from the HTML. `BRIDGER validate --format json` reports its findings on the same file;
a cell with an error is red, a cell with only warnings amber. The two sets must be the
same, and must not be empty (a file with no mistakes proves nothing). Exit 0 when they
agree, 1 with every difference listed, 2 when a file could not be rendered or checked.

Used by tests/live/run.sh (in .ci/run). Standard library only.
"""

import json
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

# The fills of the template's live formats (crates/core/src/output/styles.rs).
COLOURS = {"FFC7CE": "red", "FFEB9C": "amber"}


def column_name(i):
    """Zero-based column index to letters (0 -> A)."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


class Sheets(HTMLParser):
    """The coloured cells of each sheet of LibreOffice's HTML export: one <h1> naming the
    sheet (in an <em>) before each <table>; cells placed by their colspan and rowspan."""

    def __init__(self):
        super().__init__()
        self.coloured = {}
        self.sheet = None
        self.in_h1 = self.in_em = False
        self.row = -1
        self.col = 0
        self.taken = set()
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1":
            self.in_h1 = True
        elif tag == "em" and self.in_h1:
            self.in_em = True
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.row, self.taken = -1, set()
        elif tag == "tr" and self.depth == 1:
            self.row += 1
            self.col = 0
        elif tag == "td" and self.depth == 1:
            while (self.row, self.col) in self.taken:
                self.col += 1
            span_c = int(a.get("colspan") or 1)
            span_r = int(a.get("rowspan") or 1)
            for dr in range(span_r):
                for dc in range(span_c):
                    self.taken.add((self.row + dr, self.col + dc))
            colour = COLOURS.get((a.get("bgcolor") or "").lstrip("#").upper())
            if colour and self.sheet:
                cell = f"{column_name(self.col)}{self.row + 1}"
                self.coloured[(self.sheet, cell)] = colour
            self.col += span_c

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False
        elif tag == "em":
            self.in_em = False
        elif tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.in_em:
            self.sheet = data.strip()


def rendered(path, work):
    """The cells LibreOffice colours, {(sheet, cell): colour}."""
    profile = Path(work, "profile").as_uri()
    out = Path(work, "html")
    cmd = [
        "soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
        "--convert-to", "html", "--outdir", str(out), str(path),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    html = out / (Path(path).stem + ".html")
    parser = Sheets()
    parser.feed(html.read_text(encoding="utf-8", errors="replace"))
    return parser.coloured


def validated(bridger, path):
    """The cells bridger reports, {(sheet, cell): colour}: red for any error."""
    run = subprocess.run(
        [bridger, "validate", "--format", "json", str(path)],
        capture_output=True, timeout=300,
    )
    if run.returncode not in (0, 1):
        raise RuntimeError(f"bridger validate exited {run.returncode}: {run.stderr.decode()}")
    cells = {}
    for f in json.loads(run.stdout)["findings"]:
        if not f.get("cell"):
            continue
        key = (f["sheet"], f["cell"])
        colour = "red" if f["severity"] == "error" else "amber"
        if cells.get(key) != "red":
            cells[key] = colour
    return cells


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bridger, files = argv[1], argv[2:]
    failed = False
    for path in files:
        try:
            with tempfile.TemporaryDirectory() as work:
                seen = rendered(path, work)
            said = validated(bridger, path)
        except (OSError, subprocess.SubprocessError, RuntimeError, ValueError, KeyError) as e:
            print(f"{path}: could not be checked: {e}", file=sys.stderr)
            return 2
        name = os.path.basename(path)
        reds = sum(1 for c in seen.values() if c == "red")
        ambers = len(seen) - reds
        print(f"{name}: the template colours {reds} red and {ambers} amber; "
              f"bridger reports {len(said)} cells")
        if not seen or not said:
            print(f"  {name}: no mistakes to compare: this file proves nothing")
            failed = True
        for key in sorted(set(seen) | set(said)):
            if seen.get(key) != said.get(key):
                failed = True
                print(f"  {key[0]}!{key[1]}: template {seen.get(key, 'no colour')}, "
                      f"bridger {said.get(key, 'no finding')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
