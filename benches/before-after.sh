#!/usr/bin/env bash
# Two release binaries side by side on the same data, round after round, in one session:
# the median wall and CPU seconds and the peak memory of each command, and the ratios.
#
#   bash benches/before-after.sh BEFORE_BINARY AFTER_BINARY DATA_DIR...
#
# Each DATA_DIR is a folder of returns (`bridger demo Q --incidents 2000 --seed 2016`, or
# `python3 benches/openpyxl_quarter.py Q`). For each one it runs `collate` (to a file in a
# temporary folder; no `--today`, which older releases lack), `links` and `links --format
# json` with each binary in turn, and the floor (`cargo bench --bench floor -- DIR OUT`,
# when FLOOR= names its binary) once a round. ROUNDS (default 5) sets the rounds; the medians are printed as a
# Markdown table. CPU is user + system seconds, the workers' included; peak memory is the
# largest resident set of any one process (`/usr/bin/time` %M). Needs GNU time.
set -euo pipefail
BEFORE=$1 AFTER=$2
shift 2
ROUNDS=${ROUNDS:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# run LABEL CMD...: appends "wall cpu peak_kb" to $TMP/LABEL.
run() {
  local label=$1
  shift
  local code=0
  /usr/bin/time -f '%e %U %S %M' -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err" || code=$?
  # Exit 1 is "problems in the input", a finished run; 2 or worse did not finish.
  if [ "$code" -ge 2 ]; then
    echo "($label did not finish: $(tail -1 "$TMP/err"))" >&2
    touch "$TMP/$label.failed"
  fi
  grep -v '^Command' "$TMP/t" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >> "$TMP/$label"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$1" '{print $c}' "$TMP/$2" | median; }

labels=()
for dir in "$@"; do
  name=$(basename "$dir")
  for r in $(seq "$ROUNDS"); do
    for which in before after; do
      bin=$BEFORE
      [ "$which" = after ] && bin=$AFTER
      run "$name|collate|$which" "$bin" collate "$dir" --out "$TMP/n-$which.xlsx"
      run "$name|links|$which" "$bin" links "$dir"
      run "$name|links --format json|$which" "$bin" links "$dir" --format json
    done
    if [ -n "${FLOOR:-}" ]; then
      run "$name|floor|after" "$FLOOR" "$dir" "$TMP/floor.xlsx"
    fi
    echo "$name: round $r of $ROUNDS" >&2
  done
  for what in collate links "links --format json" floor; do
    [ -f "$TMP/$name|$what|after" ] && labels+=("$name|$what")
  done
done

printf '| data | command | before s | after s | after / before | before CPU s | after CPU s | before MB | after MB | after / before |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for l in "${labels[@]}"; do
  aw=$(col 1 "$l|after") ac=$(col 2 "$l|after") am=$(col 3 "$l|after")
  if [ -f "$TMP/$l|before.failed" ]; then
    bw=failed bc=failed bm=0
  elif [ -f "$TMP/$l|before" ]; then
    bw=$(col 1 "$l|before") bc=$(col 2 "$l|before") bm=$(col 3 "$l|before")
  else
    bw=- bc=- bm=0
  fi
  awk -v l="$l" -v bw="$bw" -v aw="$aw" -v bc="$bc" -v ac="$ac" -v bm="$bm" -v am="$am" 'BEGIN {
    split(l, p, "|")
    rw = (bw == "-" || bw == "failed" || bw == 0) ? "-" : sprintf("%.2f", aw / bw)
    rm = (bm == 0) ? "-" : sprintf("%.2f", am / bm)
    bmm = (bm == 0) ? "-" : sprintf("%.0f", bm / 1024)
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %s |\n", p[1], p[2], bw, aw, rw, bc, ac, bmm, am / 1024, rm
  }'
done
