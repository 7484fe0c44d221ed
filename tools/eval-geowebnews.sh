#!/usr/bin/env bash
# Scores `aras new` on the GeoWebNews development half with the shared scorers:
# geotagging (exact-span F1) and geocoding (acc@161 km). Usage, from the repository:
#   cargo build --release && bash tools/eval-geowebnews.sh [OUTDIR]
# ARAS_BIN overrides the binary; GWN_DATA and GWN_TOOLS the data and scorer folders.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ARAS_BIN:-target/release/aras}
find_dir() { for d in "$@"; do [ -d "$d" ] && { echo "$d"; return; }; done; }
DATA=${GWN_DATA:-$(find_dir ../shared/data/geowebnews-dev ../../shared/data/geowebnews-dev /work/shared/data/geowebnews-dev)}
TOOLS=${GWN_TOOLS:-$(find_dir ../shared/tools/geoparse ../../shared/tools/geoparse /work/shared/tools/geoparse)}
if [ -z "${DATA:-}" ] || [ -z "${TOOLS:-}" ]; then
  echo "GeoWebNews data or scorers not found (set GWN_DATA and GWN_TOOLS)" >&2
  exit 2
fi
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT/brat"
# ARAS_REPORTS=1 also keeps each atlas report (for tools/gwn_errors.py's reasons).
[ "${ARAS_REPORTS:-0}" = 1 ] && mkdir -p "$OUT/report"
: > "$OUT/geocode.jsonl"
start=$(date +%s.%N)
for f in "$DATA"/articles/*.txt; do
  n=$(basename "$f" .txt)
  "$BIN" new "$f" --format brat > "$OUT/brat/$n.ann"
  "$BIN" new "$f" --format jsonl | N="$n" python3 -c '
import json, os, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"doc": os.environ["N"], **d}))' >> "$OUT/geocode.jsonl"
  if [ "${ARAS_REPORTS:-0}" = 1 ]; then
    tmp=$(mktemp -d)
    "$BIN" new "$f" --out "$tmp/a" > "$OUT/report/$n.txt" || true
    rm -rf "$tmp"
  fi
done
end=$(date +%s.%N)
echo "aras new on $(ls "$DATA"/articles/*.txt | wc -l) articles (brat + jsonl) in $(echo "$end - $start" | bc) s; outputs in $OUT"
python3 "$TOOLS/score_geotag.py" "$OUT/brat"
python3 "$TOOLS/score_geocode.py" "$OUT/geocode.jsonl"
