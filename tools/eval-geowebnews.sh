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
mkdir -p "$OUT/brat" "$OUT/brat-all"
# ARAS_REPORTS=1 also keeps each atlas report (for tools/gwn_errors.py's reasons).
[ "${ARAS_REPORTS:-0}" = 1 ] && mkdir -p "$OUT/report"
: > "$OUT/geocode-marked.jsonl"
start=$(date +%s.%N)
for f in "$DATA"/articles/*.txt; do
  n=$(basename "$f" .txt)
  # GeoWebNews' annotators saw the body only: the `TITLE: … LINK: URL` header was put
  # before it by the data set's converter (its README), and the peers were run without
  # it. Toponyms found in the header are kept in brat-all/ and geocode-all.jsonl and
  # scored second; the headline scores leave them out.
  head_end=$(python3 -c '
import sys
line = open(sys.argv[1], encoding="utf-8").read().split("\n")[0]
k = line.find(" LINK: ")
print(0 if not line.startswith("TITLE: ") or k < 0 else
      k + 7 + len(line[k + 7:].split(" ")[0]))' "$f")
  "$BIN" new "$f" --format brat > "$OUT/brat-all/$n.ann"
  H="$head_end" python3 -c '
import os, sys
for line in sys.stdin:
    if int(line.split("\t")[1].split()[1]) >= int(os.environ["H"]):
        sys.stdout.write(line)' < "$OUT/brat-all/$n.ann" > "$OUT/brat/$n.ann"
  "$BIN" new "$f" --format jsonl | N="$n" H="$head_end" python3 -c '
import json, os, sys
for line in sys.stdin:
    d = json.loads(line)
    print(("" if d["start"] >= int(os.environ["H"]) else "#") + json.dumps({"doc": os.environ["N"], **d}))' >> "$OUT/geocode-marked.jsonl"
  if [ "${ARAS_REPORTS:-0}" = 1 ]; then
    tmp=$(mktemp -d)
    "$BIN" new "$f" --out "$tmp/a" > "$OUT/report/$n.txt" || true
    rm -rf "$tmp"
  fi
done
end=$(date +%s.%N)
echo "aras new on $(ls "$DATA"/articles/*.txt | wc -l) articles (brat + jsonl) in $(echo "$end - $start" | bc) s; outputs in $OUT"
grep -v '^#' "$OUT/geocode-marked.jsonl" > "$OUT/geocode.jsonl" || true
sed 's/^#//' "$OUT/geocode-marked.jsonl" > "$OUT/geocode-all.jsonl"
rm "$OUT/geocode-marked.jsonl"
echo "== body (what GeoWebNews annotates; the header line left out)"
python3 "$TOOLS/score_geotag.py" "$OUT/brat"
python3 "$TOOLS/score_geocode.py" "$OUT/geocode.jsonl"
echo "== the whole file, header line included"
python3 "$TOOLS/score_geotag.py" "$OUT/brat-all"
python3 "$TOOLS/score_geocode.py" "$OUT/geocode-all.jsonl"
