#!/usr/bin/env bash
# Makes a draft of every GeoWebNews development article with `aras new` and checks it
# with `aras check`: a draft must always pass its own check. Usage, from the repository:
#   cargo build --release && bash tools/check-drafts.sh [OUTDIR]
# ARAS_BIN overrides the binary, GWN_DATA the data folder. Prints each failing article
# and its problems, then "N passed, N failed"; exits non-zero if any failed.
set -u
BIN=${ARAS_BIN:-target/release/aras}
DATA=${GWN_DATA:-/work/shared/data/geowebnews-dev}
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT"
pass=0
fail=0
for f in "$DATA"/articles/*.txt; do
  n=$(basename "$f" .txt)
  rm -rf "$OUT/$n"
  if ! "$BIN" new "$f" --out "$OUT/$n" > "$OUT/$n.new.txt" 2>&1; then
    echo "article $n: aras new failed:"; sed 's/^/  /' "$OUT/$n.new.txt"
    fail=$((fail + 1)); continue
  fi
  if "$BIN" check --atlas "$OUT/$n" > "$OUT/$n.check.txt" 2>&1; then
    pass=$((pass + 1))
  else
    echo "article $n: aras check failed:"; sed 's/^/  /' "$OUT/$n.check.txt"
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
