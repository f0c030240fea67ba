#!/usr/bin/env bash
# The byte-identical check (README, "Byte-identical across the split"): runs a bridger
# binary on the sample returns and a generated year, and prints "sha256  name" for every
# output (workbooks, chase list, demo files, and what each command printed with its exit
# code). Two binaries that should write the same bytes give the same list:
#   bash benches/same-bytes.sh target/release/bridger /tmp/after > after.sha
# Run from the repository root.
set -u
bin=$(realpath "$1"); out=$2; root=$(pwd)
rm -rf "$out"; mkdir -p "$out"; cd "$out"
ln -s "$root/fixtures" fixtures
r=fixtures/returns
"$bin" collate $r --out A.xlsx --chase A.csv --today 2016-08-01 > collate.txt; echo "exit $?" >> collate.txt
"$bin" collate $r --out A2.xlsx --today 2016-08-01 --format json > collate.json; echo "exit $?" >> collate.json
"$bin" demo Y --quarters 4 --incidents 300 --seed 1 --late-share 0.1 > demo.txt; echo "exit $?" >> demo.txt
"$bin" collate Y --out B.xlsx --today 2017-06-30 > collate-Y.txt; echo "exit $?" >> collate-Y.txt
for f in norfolk essex lancashire; do
  "$bin" validate $r/$f-2016-17-Q1.xlsx --report C-$f.xlsx > validate-$f.txt; echo "exit $?" >> validate-$f.txt
done
"$bin" template build --out T.xlsx > template.txt; echo "exit $?" >> template.txt
"$bin" validate $r > validate.txt; echo "exit $?" >> validate.txt
"$bin" validate $r --format json > validate.json; echo "exit $?" >> validate.json
"$bin" links $r > links.txt; echo "exit $?" >> links.txt
"$bin" links $r --format json > links.json; echo "exit $?" >> links.json
rm fixtures
find . -type f | sort | xargs sha256sum
