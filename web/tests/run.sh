#!/usr/bin/env bash
# The browser suite: installs Chromium and playwright-core (web/setup.sh), builds the test
# page (web/build.sh --test-hooks) and the command line to compare with, and drives the
# page from file:// with node's test runner.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
bash web/setup.sh
bash web/build.sh target/web-test --test-hooks
cargo build --locked --bin bridger
cd web/tests
BRIDGER_PAGE="$root/target/web-test/bridger.html" BRIDGER_BIN="$root/target/debug/bridger" \
    node --test --test-concurrency=1 ./
