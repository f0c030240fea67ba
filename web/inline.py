"""Puts the page together as one file: the template (page/index.html) with the style, the
scripts, the worker (wasm-bindgen's glue, then page/worker.js) and the wasm (base64)
written into it, so that it opens from a shared folder or an email attachment with
nothing to fetch. Used by build.sh; it only copies text, it decides nothing.

usage: python3 inline.py PAGE_DIR GLUE.js MODULE.wasm OUT.html [--test-hooks]
"""

import base64
import os
import sys

# The page's own scripts, in the order they run (later ones use earlier ones' names).
SCRIPTS = ["render.js", "pool.js", "collate.js", "app.js"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def script_safe(name, text):
    """Text that can stand inside a <script> element: it must not close it."""
    if "</script" in text.lower() or "<!--" in text:
        sys.exit(f"inline.py: {name} holds '</script' or '<!--', which would break the page")
    return text


def main():
    page, glue, wasm, out = sys.argv[1:5]
    hooks = "--test-hooks" in sys.argv[5:]
    html = read(os.path.join(page, "index.html"))
    parts = {
        "@@STYLE@@": read(os.path.join(page, "style.css")),
        "@@WORKER@@": script_safe("the worker", read(glue) + "\n" + read(os.path.join(page, "worker.js"))),
        "@@APP@@": script_safe("the page's scripts", "\n".join(read(os.path.join(page, s)) for s in SCRIPTS)),
        "@@WASM@@": base64.b64encode(open(wasm, "rb").read()).decode("ascii"),
        "@@BODY_ATTRS@@": ' data-test-hooks=""' if hooks else "",
    }
    for marker, text in parts.items():
        if html.count(marker) != 1:
            sys.exit(f"inline.py: {marker} must appear once in index.html")
        html = html.replace(marker, text)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(html)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
