#!/usr/bin/env bash
# The release files, in dist/:
#   bridger-VERSION-x86_64-pc-windows-gnu.zip         bridger.exe, the template, README, licence
#   bridger-VERSION-x86_64-unknown-linux-musl.tar.gz  the same with a static Linux binary
#   bridger-VERSION.html                              the browser page, when web/build.sh exists
#   SHA256SUMS                                        the SHA-256 of each
#
#   bash scripts/dist.sh VERSION
#
# VERSION must be Cargo.toml's (the binaries say that version); left out, it is that one.
# What it needs beyond Rust (the two Rust targets, MinGW, zip) is installed by
# scripts/setup-cross.sh when missing. The archives hold no time of their own: every file
# is dated at the last commit (SOURCE_DATE_EPOCH when set), owned by no one in particular,
# in name order, so that the same commit gives the same archives.
set -euo pipefail
cd "$(dirname "$0")/.."

crate_version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
version=${1:-$crate_version}
if [ "$version" != "$crate_version" ]; then
    echo "dist.sh: $version is not the version in Cargo.toml ($crate_version): set it there first, so that bridger --version agrees with the file names" >&2
    exit 2
fi

bash scripts/setup-cross.sh

windows=x86_64-pc-windows-gnu
linux=x86_64-unknown-linux-musl
cargo build --locked --release --target "$windows"
cargo build --locked --release --target "$linux"

linux_bin="target/$linux/release/bridger"
if ldd "$linux_bin" 2>&1 | grep -q -e '=>' -e 'ld-linux'; then
    echo "dist.sh: $linux_bin is linked dynamically; it must be static to run on any Linux" >&2
    exit 1
fi

epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
rm -rf dist
mkdir dist

# Windows: the files at the top of the zip, since Windows' "Extract All" makes the folder.
# The release profile keeps line tables for backtraces; the files shipped keep their
# symbols (function names in a backtrace) and lose the debug sections.
win_dir="$stage/windows"
mkdir "$win_dir"
x86_64-w64-mingw32-strip --strip-debug -o "$win_dir/bridger.exe" "target/$windows/release/bridger.exe"
cp template/annex-c.xlsx README.md "$win_dir/"
cp LICENSE "$win_dir/LICENSE.txt"
chmod 644 "$win_dir"/*
touch -d "@$epoch" "$win_dir"/*
win_zip="$PWD/dist/bridger-$version-$windows.zip"
(cd "$win_dir" && TZ=UTC zip -q -X -D "$win_zip" LICENSE.txt README.md annex-c.xlsx bridger.exe)

# Linux: one folder, as tar archives usually hold.
name="bridger-$version-$linux"
linux_dir="$stage/$name"
mkdir "$linux_dir"
strip --strip-debug -o "$linux_dir/bridger" "$linux_bin"
chmod 755 "$linux_dir/bridger"
install -m 644 template/annex-c.xlsx README.md LICENSE "$linux_dir/"
touch -d "@$epoch" "$linux_dir" "$linux_dir"/*
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    -C "$stage" -cf - "$name" | gzip -n -9 >"dist/$name.tar.gz"

# The browser page, once there is one: web/build.sh writes bridger.html into the folder
# it is given.
if [ -f web/build.sh ]; then
    bash web/build.sh "$stage/web"
    cp "$stage/web/bridger.html" "dist/bridger-$version.html"
fi

(cd dist && sha256sum -- * >"$stage/SHA256SUMS" && mv "$stage/SHA256SUMS" SHA256SUMS)
echo "dist.sh: wrote dist/ for bridger $version:"
(cd dist && ls -l)
