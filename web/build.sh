#!/usr/bin/env bash
# Builds bridger's browser page as one file: `bash web/build.sh OUT_DIR` writes
# OUT_DIR/bridger.html, with the wasm module and every script inlined, so that it opens
# from a shared folder, an email attachment (file://) or any web server and fetches
# nothing. `--test-hooks` builds the test page instead (faults on demand: never give
# that one to anybody).
#
# Needs Rust (rustup), python3, and wasm-bindgen's command-line tool at the version of the
# wasm-bindgen crate in Cargo.lock, which this script installs with `cargo install` when
# it is missing (once; it takes several minutes).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: bash web/build.sh OUT_DIR [--test-hooks]}"
features=()
hooks=()
if [[ "${2:-}" == "--test-hooks" ]]; then
    features=(--features test-hooks)
    hooks=(--test-hooks)
fi

version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]]; then
    echo "installing wasm-bindgen-cli $version (once)" >&2
    # --locked where the registry has every locked version; else the newest that fit.
    cargo install wasm-bindgen-cli --version "$version" --locked \
        || cargo install wasm-bindgen-cli --version "$version"
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown

cd "$root"
cargo build --locked --release -p bridger-web --target wasm32-unknown-unknown "${features[@]}"
glue="$(mktemp -d)"
trap 'rm -rf "$glue"' EXIT
wasm-bindgen --target no-modules --no-typescript --out-dir "$glue" \
    target/wasm32-unknown-unknown/release/bridger_web.wasm
mkdir -p "$out"
python3 web/inline.py web/page "$glue/bridger_web.js" "$glue/bridger_web_bg.wasm" \
    "$out/bridger.html" "${hooks[@]}"
echo "wrote $out/bridger.html ($(wc -c < "$out/bridger.html") bytes)"
