#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the other, one
# process at a time, and prints each one's executions and coverage. Crashes, OOMs and
# timeouts are saved under artifacts/TARGET/ and fuzzing goes on (fork mode), so a known
# defect does not stop the run. Needs nightly and cargo-fuzz; see ../FUZZING.md.
#
#   fuzz/run.sh 600                 # ten minutes per target
#   fuzz/run.sh 900 zip_parts       # one target
set -euo pipefail
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
cd "$(dirname "$0")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(whole_file zip_parts cell_readers)
fi
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: $secs s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
    -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    >"logs/$t.log" 2>&1 || true
  # The last progress line: executions, coverage (cov: edges, ft: features), corpus,
  # and the OOMs/timeouts/crashes seen.
  grep -E '^#[0-9]+: cov:' "logs/$t.log" | tail -1 || tail -5 "logs/$t.log"
  echo "   artifacts: $(ls "artifacts/$t" | wc -l) (in fuzz/artifacts/$t)"
done
