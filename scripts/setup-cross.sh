#!/usr/bin/env bash
# What the release files (scripts/dist.sh) and the Windows checks under Wine
# (tests/wine/run.sh) need beyond Rust itself, on Debian or Ubuntu: the Rust targets for
# Windows and for a static Linux binary, MinGW to link bridger.exe, zip and unzip, and with
# --wine, Wine (64-bit).
#
#   bash scripts/setup-cross.sh [--wine]          installs what is missing
#   bash scripts/setup-cross.sh --check [--wine]  says what is missing, exit 2 if anything
#
# Debian packages are installed with apt-get, as root or through sudo. What is already
# there is left alone, so running it again costs a second.
set -euo pipefail

check=false
wine=false
for arg in "$@"; do
    case "$arg" in
    --check) check=true ;;
    --wine) wine=true ;;
    *)
        echo "setup-cross.sh: unknown option $arg (use --check, --wine)" >&2
        exit 2
        ;;
    esac
done

targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl)
packages=()
command -v x86_64-w64-mingw32-gcc >/dev/null || packages+=(gcc-mingw-w64-x86-64)
command -v zip >/dev/null || packages+=(zip)
command -v unzip >/dev/null || packages+=(unzip)
command -v strip >/dev/null || packages+=(binutils)
if $wine; then
    # Debian's wine runs 64-bit programs with wine64 alone: wine32 (i386) is not needed.
    command -v wine >/dev/null || packages+=(wine)
    [ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || packages+=(wine64)
fi
missing_targets=()
installed=$(rustup target list --installed)
for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$installed" || missing_targets+=("$t")
done

if [ ${#packages[@]} -eq 0 ] && [ ${#missing_targets[@]} -eq 0 ]; then
    exit 0
fi
if $check; then
    [ ${#packages[@]} -eq 0 ] || echo "missing Debian packages: ${packages[*]}" >&2
    [ ${#missing_targets[@]} -eq 0 ] || echo "missing Rust targets: ${missing_targets[*]}" >&2
    echo "install them with: bash scripts/setup-cross.sh$($wine && echo ' --wine')" >&2
    exit 2
fi

if [ ${#packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "setup-cross.sh: installing ${packages[*]} needs root, and there is no sudo: run it as root" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
for t in "${missing_targets[@]}"; do
    rustup target add "$t"
done
