#!/usr/bin/env bash
# The template's live checks and `bridger validate` agree cell for cell (README, "What the
# template checks as you type"): the self-check returns, filled by openpyxl and re-saved by
# LibreOffice (fixtures/make_selfcheck_fixtures.py), rendered by LibreOffice, whose colours
# must be bridger's findings, red for an error and amber for a warning.
#
# Installs LibreOffice Calc (Debian's libreoffice-calc-nogui) when soffice is missing, as
# root or through sudo, as scripts/setup-cross.sh does. Run from anywhere; .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v soffice >/dev/null; then
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            as_root=(sudo)
        else
            echo "tests/live/run.sh: installing LibreOffice needs root, and there is no sudo: run it as root" >&2
            exit 2
        fi
    fi
    "${as_root[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" \
        apt-get install -y -q --no-install-recommends libreoffice-calc-nogui
fi
cargo build --locked -q
python3 tests/live/check.py target/debug/bridger \
    fixtures/real-client/selfcheck-mistakes.xlsx \
    fixtures/real-client/selfcheck-mistakes-libreoffice.xlsx
