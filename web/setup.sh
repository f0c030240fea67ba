#!/usr/bin/env bash
# Installs what the browser tests need, from the project's own files: Debian's Chromium
# (when it is not there) and playwright-core at the version web/tests/package-lock.json
# pins. Run as root (CI is), or with sudo for the apt step.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
(cd tests && npm ci --no-audit --no-fund)
