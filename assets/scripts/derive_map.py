#!/usr/bin/env python3
"""Derive assets/map.geojson from the Natural Earth / GeoNames extracts in shared/data/geo.

Usage (from the repository root):
    pip install shapely==2.1.1
    python3 assets/scripts/derive_map.py ../shared/data/geo assets/map.geojson

What it does, and why:
  * Countries are clipped to the map window and simplified *as a coverage*
    (shapely.coverage_simplify), so neighbouring borders stay shared and no gaps or
    overlaps appear. Tolerance 0.02 (degrees, as sqrt of removed triangle area).
  * Regions (Nakhchivan, Syunik, Nagorno-Karabakh, recaptured areas) are dissolves of
    Natural Earth admin-1 units, simplified with Douglas-Peucker at 0.01 degrees.
  * The Black Sea is not in the extracts (it is the gap between countries): it is the
    part of a mask rectangle not covered by the simplified countries that contains
    34 E, 43 N, so its shore is exactly the drawn coastline.
  * Routes are schematic polylines through named GeoNames places or border points; the
    article names their ends, not their roads (every route says so in its `note`).
  * Everything else (names, aliases, summaries, status) is the hand-written table below.
Output is deterministic: features in table order, coordinates rounded to 4 decimals.
"""
import json
import sys

import shapely
from shapely.geometry import box, mapping, shape, Point, MultiPolygon, Polygon
from shapely.ops import unary_union

GEO = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geo"
OUT = sys.argv[2] if len(sys.argv) > 2 else "assets/map.geojson"

# The data window: wide enough for Ankara and Tehran, and for zooming out a little.
WINDOW = box(26.0, 29.0, 63.0, 48.0)


def load(name):
    with open(f"{GEO}/{name}.geojson", encoding="utf-8") as f:
        return json.load(f)["features"]


countries = load("countries")
admin1 = load("admin1")
water = load("water")
places = {p["properties"]["name"]: p for p in load("places")}


def country_geom(name):
    for f in countries:
        if f["properties"]["name"] == name:
            return shape(f["geometry"])
    raise SystemExit(f"no country {name}")


def admin_union(names, iso_a3="AZE"):
    parts = [shape(f["geometry"]) for f in admin1
             if f["properties"]["name"] in names and f["properties"]["iso_a3"] == iso_a3]
    if len(parts) != len(names):
        raise SystemExit(f"admin-1 lookup: wanted {names}, got {len(parts)}")
    return unary_union(parts)


def admin_named(name):
    for f in admin1:
        if f["properties"]["name"] == name:
            return shape(f["geometry"])
    raise SystemExit(f"no admin-1 {name}")


def place(name):
    return tuple(places[name]["geometry"]["coordinates"])


def as_multi(g):
    if isinstance(g, Polygon):
        return MultiPolygon([g])
    if isinstance(g, MultiPolygon):
        return g
    polys = [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]
    return MultiPolygon(polys)


# --- Countries: the six the article is about, then muted neighbours for context ---------
MAIN = {
    "Iran": ("iran", ["Islamic Republic of Iran", "Persia"],
             "Carried out border drills on 1 October and accused Azerbaijan of hosting Israeli forces; the article asks whether it and Turkey will polarise the region."),
    "Azerbaijan": ("azerbaijan", ["Republic of Azerbaijan", "Azerbaijan Republic"],
                   "Iran’s neighbour in the crisis: drilled with Turkey and Pakistan, accused Iran of colluding with Armenia, and agreed on 13 October to talk."),
    "Armenia": ("armenia", ["Republic of Armenia", "Hayastan"],
                "Iran’s trade link to Russia, opposed to the Zangezur Corridor, cautiously normalising ties with Turkey and sceptical of the 3+3 format."),
    "Georgia": ("georgia", ["Sakartvelo"],
                "One of the three Caucasian states in Russia’s proposed 3+3 format, and the most sceptical of it."),
    "Turkey": ("turkey", ["Türkiye", "Turkiye"],
               "Azerbaijan’s ally and Iran’s rival in the South Caucasus; its drills with Azerbaijan and Pakistan set off the standoff."),
    "Russia": ("russia", ["Russian Federation"],
               "Proposes the 3+3 format to keep the Caucasus from a new conflict; a big neighbour and guarantor of peace in Nagorno-Karabakh."),
}
# Neighbours in view that the article never names as a place on the map; an `actor` links
# a polygon to the off-map actor it stands for, so a click on it selects that actor.
# Afghanistan and Pakistan lie mostly beyond the frame: their off-map markers point at
# where they are. Iraq stands for the "northern Iraq" the article names.
CONTEXT_ACTOR = {"Afghanistan": "afghanistan", "Pakistan": "pakistan", "Iraq": "northern-iraq"}
# Actors that lie wholly on the map are drawn once, as their polygon (not also as an
# off-map marker): id, aliases, summary, demonyms.
ON_MAP_ACTORS = {
    "Israel": ("israel", [], "Accused by Iran of having forces at the Iran–Azerbaijan border; its security cooperation with Azerbaijan worries Iranian officials.", ["Israeli"]),
    "Syria": ("syria", [], "One of the places where Iran and Turkey remain at loggerheads.", []),
}

country_feats = []
for f in countries:
    g = shape(f["geometry"])
    if not g.intersects(WINDOW):
        continue
    country_feats.append((f["properties"]["name"], f["properties"], g.intersection(WINDOW)))

simplified = shapely.coverage_simplify([g for _, _, g in country_feats], 0.02)
country_simple = {n: as_multi(s) for (n, _, _), s in zip(country_feats, simplified)}
land = unary_union(list(country_simple.values()))

features = []


def emit(id_, kind, name, geom, aliases=(), summary=None, **props):
    p = {"id": id_, "kind": kind, "name": name, "aliases": list(aliases)}
    if summary:
        p["summary"] = summary
    p.update(props)
    features.append({"type": "Feature", "id": id_, "properties": p,
                     "geometry": None if geom is None else mapping(geom)})


# Words that stand for the state in the article: demonyms ("Iranian officials") and
# capitals used for governments ("Tehran was widely believed ..."). The reader highlights
# them as mentions of the country.
DEMONYMS = {"iran": ["Iranian"], "azerbaijan": ["Azerbaijani"], "armenia": ["Armenian"],
            "georgia": ["Georgian"], "turkey": ["Turkish"], "russia": ["Russian"]}
METONYMS = {"iran": ["Tehran"], "azerbaijan": ["Baku"], "armenia": ["Yerevan"],
            "turkey": ["Ankara"], "russia": ["Moscow"]}
for n, (id_, aliases, summary) in MAIN.items():
    emit(id_, "country", n, country_simple[n], aliases, summary,
         demonyms=DEMONYMS[id_], metonyms=METONYMS.get(id_, []),
         source="Natural Earth 4.1.0 Admin 0 (world-atlas 2.0.2), simplified")

for n, props, _ in country_feats:
    if n in MAIN:
        continue
    if n in ON_MAP_ACTORS:
        id_, aliases, summary, demonyms = ON_MAP_ACTORS[n]
        emit(id_, "country", n, country_simple[n], aliases, summary, demonyms=demonyms,
             source="Natural Earth 4.1.0 Admin 0 (world-atlas 2.0.2), simplified")
        continue
    extra = {"context": True,
             "source": "Natural Earth 4.1.0 Admin 0 (world-atlas 2.0.2), simplified"}
    if n in CONTEXT_ACTOR:
        extra["actor"] = CONTEXT_ACTOR[n]
    if props.get("disputed"):
        extra["disputed"] = True
    id_ = "ctx-" + n.lower().replace(" ", "-").replace(".", "")
    emit(id_, "country", n, country_simple[n], [], None, **extra)

# --- Regions ---------------------------------------------------------------------------
nakh = admin_named("Nakhchivan Autonomous Republic").simplify(0.01)
emit("nakhchivan", "region", "Nakhchivan Autonomous Republic", as_multi(nakh),
     ["Nakhchivan", "Nakhichevan", "Naxçıvan", "Nakhjavan", "Nakhchivan AR"],
     "Azerbaijan’s exclave, cut off from the mainland by Armenia’s Syunik province; the Zangezur Corridor would link the two.",
     part_of="azerbaijan",
     source="Natural Earth 5.x Admin 1, dissolve of the eight Nakhchivan AR units, simplified")
syunik = [f for f in admin1 if f["properties"]["iso_3166_2"] == "AM-SU"][0]
emit("syunik", "region", "Syunik Province", as_multi(shape(syunik["geometry"]).simplify(0.01)),
     ["Syunik", "Siunik", "Syunik province", "Syunik Marz"],
     "Armenia’s southern province between Nakhchivan and mainland Azerbaijan, through which the Zangezur Corridor would run.",
     part_of="armenia", source="Natural Earth 5.x Admin 1 unit AM-SU, simplified")
nk = admin_named("Former Nagorno-Karabakh AO (approximate, southern part)").simplify(0.01)
emit("nagorno-karabakh", "region", "Nagorno-Karabakh", as_multi(nk),
     ["Karabakh", "Artsakh", "Nagorno Karabakh", "Karabagh"],
     "The disputed region at the centre of the October 2020 war between Armenia and Azerbaijan; Russia is a guarantor of peace there.",
     part_of="azerbaijan", disputed=True,
     note="Approximate: the southern part of the former autonomous oblast (Khankendi/Stepanakert, Khojaly, Shusha, Khojavend units). The northern Mardakert/Aghdara area is missing from the source data.",
     source="Natural Earth 5.x Admin 1, dissolve of the former-NKAO group, simplified")
recaptured = admin_union(["Jabrayil", "Fuzuli", "Zangilan", "Qubadli", "Shusha District", "Shusha"]).simplify(0.01)
emit("recaptured", "region", "Territory recaptured by Azerbaijan in 2020", as_multi(recaptured),
     ["recaptured territory", "recaptured areas", "territory that was recaptured"],
     "Land Azerbaijan took in the October 2020 war; the Iranian truck drivers crossed it on their way to Armenia.",
     part_of="azerbaijan", changed="2020-10",
     before="Not under Azerbaijani control until the October 2020 war (the article calls it recaptured)",
     note="Approximate: whole districts of Jabrayil, Fuzuli, Zangilan, Qubadli and Shusha, where the fighting of autumn 2020 changed control. District lines are not front lines; areas handed over under the November 2020 ceasefire are not included.",
     source="Natural Earth 5.x Admin 1, dissolve of five district units, simplified")
emit("south-caucasus", "region", "South Caucasus", Point(44.9, 41.0),
     ["Caucasus", "the Caucasus", "Transcaucasia"],
     "Georgia, Armenia and Azerbaijan: the arena where the article weighs polarisation against integration.",
     label_only=True, demonyms=["Caucasian"])
emit("northern-iraq", "region", "Northern Iraq", Point(44.0, 36.6), ["northern Iraq", "Iraqi Kurdistan"],
     "Where Ankara claims Tehran supports the Kurdistan Workers Party.", label_only=True,
     country="ctx-iraq", note="A label in Iraq’s north; the article gives no boundary.")
emit("iran-azeris", "region", "Iran’s Azeri minority", Point(46.9, 37.9),
     ["Azeri ethnic minority", "Azeri population", "Azeris"],
     "Iran’s Azeri ethnic minority: Iranian circles fear the Turkey–Azerbaijan axis would foment unrest among it; Erdogan’s poem and jibe turned on it.",
     label_only=True, country="iran",
     source="Placement ours, not the article’s: Iran’s north-west around Tabriz, where most of Iran’s Azeris live (the article names no place)")

# --- Water -----------------------------------------------------------------------------
def water_feature(name):
    for f in water:
        if f["properties"]["name"] == name:
            return shape(f["geometry"])
    raise SystemExit(f"no water {name}")


caspian = water_feature("Caspian Sea").simplify(0.01)
emit("caspian-sea", "water", "Caspian Sea", as_multi(caspian), ["Caspian"],
     "The sea whose legal status Iran’s ratification of the Caspian convention would settle, complementing the 3+3 format.",
     source="world-atlas 2.0.2 land hole (Natural Earth 4.1.0), simplified")
mask = box(27.0, 40.5, 42.0, 47.6).difference(box(26.0, 40.0, 29.3, 41.12))
sea = mask.difference(land)
black = [p for p in as_multi(sea).geoms if p.contains(Point(34.0, 43.0))]
emit("black-sea", "water", "Black Sea", as_multi(black[0]), ["Euxine"], None, context=True,
     source="derived: the gap between the simplified Natural Earth countries in a mask rectangle")
aras = water_feature("Aras").simplify(0.01)
emit("aras-river", "water", "Aras River", aras,
     ["Aras", "Araxes", "Araks", "Araz", "Arax", "Aras valley"],
     "The river along Iran’s border with Azerbaijan and Armenia; Erdogan’s poem lamented the division of Azeris along it.",
     source="GSHHG 2.3.6 / World Data Bank II river line, simplified")
kura = water_feature("Kura").simplify(0.01)
emit("kura-river", "water", "Kura", kura, ["Mtkvari", "Kür"], None, context=True,
     source="GSHHG 2.3.6 / World Data Bank II river line, simplified")
for lake, lid in [("Lake Sevan", "lake-sevan"), ("Lake Urmia", "lake-urmia"), ("Lake Van", "lake-van"),
                  ("Mingachevir Reservoir", "mingachevir")]:
    emit(lid, "water", lake, as_multi(water_feature(lake).simplify(0.005)), [], None, context=True,
         source="Natural Earth 1:10m Lakes, simplified")

# --- Places (GeoNames coordinates) ------------------------------------------------------
PLACES = [
    ("baku", "Baku", "Baku", [], "Azerbaijan’s capital: seat of the US and Israeli embassies targeted in the 2012 plots, and destination of the Turkish Airlines flights.", {"capital_of": "azerbaijan"}),
    ("tehran", "Tehran", "Tehran", [], "Iran’s capital, where Erdogan’s December 2020 poem sparked a fierce backlash.", {"capital_of": "iran"}),
    ("yerevan", "Yerevan", "Yerevan", ["Erevan"], None, {"capital_of": "armenia", "context": True}),
    ("tbilisi", "Tbilisi", "Tbilisi", [], None, {"capital_of": "georgia", "context": True}),
    ("ankara", "Ankara", "Ankara", [], None, {"capital_of": "turkey", "context": True}),
    ("moscow", "Moscow", "Moscow", ["Moskva"], "Russia’s capital, where Lavrov announced the 3+3 format while meeting Abdollahian.", {"capital_of": "russia", "offmap": True}),
    ("nakhchivan-city", "Nakhchivan", "Nakhchivan (city)", ["Naxçıvan city"], None, {"context": True, "country": "nakhchivan"}),
    ("tabriz", "Tabriz", "Tabriz", [], None, {"context": True, "country": "iran"}),
    ("stepanakert", "Stepanakert / Khankendi", "Stepanakert / Khankendi", ["Stepanakert", "Khankendi"], None, {"context": True, "country": "nagorno-karabakh"}),
    ("goris", "Goris", "Goris", [], None, {"context": True, "country": "syunik"}),
    ("kapan", "Kapan", "Kapan", [], None, {"context": True, "country": "syunik"}),
    ("meghri", "Meghri", "Meghri", [], None, {"context": True, "country": "syunik"}),
    ("ordubad", "Ordubad", "Ordubad", [], None, {"context": True, "country": "nakhchivan"}),
]
for id_, src, name, aliases, summary, extra in PLACES:
    rank = places[src]["properties"]["rank"]
    emit(id_, "place", name, Point(place(src)), aliases, summary, rank=rank,
         source="GeoNames (geonames.org), CC BY 4.0", **extra)

# --- Off-map actors: a point at a representative true location --------------------------
OFFMAP = [
    ("pakistan", "Pakistan", (69.3, 30.4), ["Pakistani"], "Joined the trilateral drills that set off the standoff; Iran hinted at its assistance to the Taliban."),
    ("afghanistan", "Afghanistan", (66.0, 34.0), ["Afghan"], "Where Iran and Pakistan are not wholly aligned, and whose spillover Russia wants to manage with Iran and Turkey."),
    ("panjshir", "Panjshir Valley", (69.6, 35.4), ["Panjshir", "Panjsher"], "Target of the Taliban’s September offensive, in which Iran alluded to foreign interference."),
    ("europe", "Europe", (15.0, 50.0), [], "The alleged destination of the drug trafficking Aliyev accused Iran and Armenia of colluding on."),
    ("central-asia", "Central Asia", (66.0, 42.0), [], "Where Russia’s security concerns lead it to cooperate with Iran and Turkey."),
    ("west-asia", "West Asia", (44.0, 31.0), ["Middle East"], "A destination of Iran’s duty-free trade through Armenia."),
    ("united-states", "United States", (-77.04, 38.9), ["US", "USA", "United States of America"], "Its embassy in Baku was a target of the Iran-backed plots foiled in 2012."),
]
OFFMAP_DEMONYMS = {"pakistan": ["Pakistani"], "afghanistan": ["Afghan"]}
OFFMAP_METONYMS = {"pakistan": ["Islamabad"]}
for id_, name, xy, aliases, summary in OFFMAP:
    aliases = [a for a in aliases if a not in OFFMAP_DEMONYMS.get(id_, [])]
    extra = {}
    if id_ in OFFMAP_DEMONYMS:
        extra["demonyms"] = OFFMAP_DEMONYMS[id_]
    if id_ in OFFMAP_METONYMS:
        extra["metonyms"] = OFFMAP_METONYMS[id_]
    emit(id_, "offmap", name, Point(xy), aliases, summary, offmap=True, **extra,
         note="Point is a representative location for an edge marker, not a boundary.")

# --- People, attached to where they act ------------------------------------------------
PEOPLE = [
    ("aliyev", "Ilham Aliyev", ["Aliyev", "President Aliyev"], "baku", "President of Azerbaijan; slammed Iran’s drills and accused Iran of colluding with Armenia on drug trafficking."),
    ("erdogan", "Recep Tayyip Erdogan", ["Erdogan", "Erdoğan"], "ankara", "President of Turkey; his December 2020 poem and his jibe about Iran’s Azeris angered Tehran."),
    ("lavrov", "Sergei Lavrov", ["Lavrov"], "moscow", "Russia’s Foreign Minister; announced the 3+3 format on 6 October."),
    ("abdollahian", "Hossein Amir Abdollahian", ["Abdollahian", "Amir-Abdollahian"], "tehran", "Iran’s Foreign Minister; agreed with Bayramov to resolve the crisis through dialogue and met Lavrov in Moscow."),
    ("bayramov", "Jeyhun Bayramov", ["Bayramov"], "baku", "Azerbaijan’s Foreign Minister; agreed with Abdollahian on 13 October to resolve the crisis through dialogue."),
    ("shamkhani", "Ali Shamkhani", ["Shamkhani"], "tehran", "Secretary of Iran’s Supreme National Security Council; rebuked Erdogan, calling Iran a ‘paradise of tribes’."),
    ("pashinyan", "Nikol Pashinyan", ["Pashinyan"], "yerevan", "Named in the article as Armenia’s President; with Erdogan, supports a normalisation of ties with Turkey."),
    ("rouhani", "Hassan Rouhani", ["Rouhani", "Rohani"], "tehran", "Iran’s president from 2013; relations with Azerbaijan thawed after his election and settled into cold peace in his second term."),
]
for id_, name, aliases, at, summary in PEOPLE:
    emit(id_, "person", name, None, aliases, summary, at=at)

# --- Organisations and formats ----------------------------------------------------------
ORGS = [
    ("three-plus-three", "3+3 format", ["3+3", "3 + 3 format", "3+3 platform"], "south-caucasus", "Russia’s proposed format of the three Caucasian states and their three big neighbours."),
    ("icj", "International Court of Justice", ["ICJ", "World Court"], "europe", "Where Armenia and Azerbaijan trade accusations."),
    ("pkk", "Kurdistan Workers Party", ["PKK", "Kurdistan Workers’ Party"], "northern-iraq", "Ankara claims Tehran supports it."),
    ("taliban", "Taliban", ["the Taliban"], "afghanistan", "Its September offensive on the Panjshir Valley drew Iranian hints of Pakistani assistance."),
    ("sahar-tv", "Azeri Sahar TV", ["Sahar TV"], "tehran", "A Shia website the Azerbaijani authorities blocked for ‘Iranian and religious propaganda’."),
    ("tehran-times", "Tehran Times", [], "tehran", "Panned Azerbaijan’s blocking of Shia websites as a ‘volatile move by the Azeri authorities’."),
    ("snsc", "Supreme National Security Council", ["SNSC", "Iran’s Supreme National Security Council"], "tehran", "Iran’s security council, whose Secretary Ali Shamkhani answered Erdogan."),
    ("caspian-convention", "Convention on the Legal Status of the Caspian Sea", ["Caspian convention"], "caspian-sea", "A convention calling for non-interference; Iran’s ratification would complement the 3+3 format."),
]
# Where an organisation is based, when the article does not say.
ORG_SOURCES = {
    "icj": "Placement ours, not the article’s: the Court sits in The Hague, in Europe",
    "sahar-tv": "Placement ours, not the article’s: Sahar is a service of Iran’s state broadcaster, based in Iran (the article says only that Azerbaijan blocked it)",
    "snsc": "Placement ours, not the article’s: Iran’s council, placed at the capital",
}
# Formats the article dates: drawn only from that day (its words: "On 6 October, … Lavrov
# announced plans to create a 3+3 format").
ORG_CHANGED = {"three-plus-three": "2021-10-06"}
for id_, name, aliases, at, summary in ORGS:
    extra = {"source": ORG_SOURCES[id_]} if id_ in ORG_SOURCES else {}
    if id_ in ORG_CHANGED:
        extra["changed"] = ORG_CHANGED[id_]
    emit(id_, "organisation", name, None, aliases, summary, at=at, **extra)

# --- Corridors and routes (schematic) ---------------------------------------------------
from shapely.geometry import LineString  # noqa: E402

# The crossing between Iran and Armenia: Norduz (Iran) and Agarak (Armenia), by Meghri,
# on the one stretch of the Aras where the two countries meet. Approximate positions.
NORDUZ = (46.2, 38.85)
AGARAK = (46.215, 38.885)
# Armenia's north–south road, schematic: Meghri, Kajaran, Sisian, Vayk, Yerevan.
ARMENIA_NS = [place("Meghri"), (46.15, 39.15), (46.03, 39.52), (45.33, 39.76), place("Yerevan")]
CROSSING_SOURCE = ("Schematic, ours: the Norduz–Agarak road crossing by Meghri (the only Iran–Armenia "
                   "crossing), then Armenia’s north–south road; the article names no roads")
ROUTES = [
    ("zangezur-corridor", "Zangezur Corridor", ["Zangezur", "Zangezur corridor", "Syunik corridor"], "proposed", "both",
     [place("Nakhchivan"), place("Ordubad"), place("Meghri"), (46.3, 38.935), (46.4, 38.94), (46.51, 38.905),
      (46.6, 38.94), (46.655, 39.02), (46.74, 39.065), (46.86, 39.185), (47.0, 39.25), (47.6, 39.6), (48.5, 40.0)],
     "A proposed link from the Nakhchivan exclave to the rest of Azerbaijan through Armenia’s Syunik province; Armenia opposes it.",
     {"opposed_by": ["armenia"], "promoted_by": ["turkey", "azerbaijan"], "changed": "2020-11",
      "changed_source": "Not in the article, which dates only its traction, ‘since the October 2020 Nagorno-Karabakh War’: drawn from the ceasefire statement of 10 November 2020, whose point 9 provides for transport links across Armenia between mainland Azerbaijan and Nakhchivan",
      "via": ["azerbaijan", "nakhchivan", "armenia", "syunik", "recaptured"],
      "source": "Schematic, ours: along the north bank of the Aras from Nakhchivan through Meghri to mainland Azerbaijan"}),
    ("duty-free-trade", "Iran’s duty-free trade through Armenia", ["duty-free trade", "Iran–Armenia–Russia trade route"], "existing", "forward",
     [place("Tabriz"), NORDUZ, AGARAK, *ARMENIA_NS, place("Tbilisi"), (44.63, 42.75), (44.7, 44.5)],
     "Armenia was the lynchpin of Iran’s duty-free trade with Russia and West Asia.",
     {"via": ["iran", "armenia", "syunik", "georgia", "russia"],
      "source": CROSSING_SOURCE + "; north through Georgia to Russia at Upper Lars"}),
    ("thy-flights", "Turkish Airlines flights to Baku", ["Turkish Airlines", "THY flights", "overflights"], "existing", "forward",
     [(28.9784, 41.0082), (36.0, 40.6), (40.5, 40.6), (43.8, 40.8), (45.1, 40.95), (46.5, 40.6), place("Baku")],
     "Armenia now lets Turkish Airlines flights to Baku pass through its territory.",
     {"allowed_by": ["armenia"], "via": ["turkey", "armenia", "azerbaijan"], "changed": "2021-10",
      "changed_source": "Not in the article: contemporary reports (October 2021) that Armenia let Turkish Airlines’ Istanbul–Baku flights cross its airspace; month approximate",
      "source": "Not in the article: the service flies from Istanbul (contemporary reports); the path across Turkey and Armenia is schematic"}),
    ("truck-route", "Iranian truck drivers’ route", ["truck drivers", "drivers", "truck route"], "reported", "forward",
     [NORDUZ, AGARAK, place("Meghri"), place("Kapan"), (46.40, 39.40), place("Goris")],
     "Two Iranian drivers crossed territory Azerbaijan recaptured in 2020 on their way to Armenia; Azerbaijan detained and released them.",
     {"via": ["iran", "armenia", "syunik", "azerbaijan", "recaptured"], "changed": "2021-09",
      "changed_source": "Not in the article: contemporary reports of Azerbaijan detaining two Iranian drivers on the Goris–Kapan road in September 2021",
      "source": "Not in the article: contemporary reports put the drivers on the Goris–Kapan road, whose short stretches through Azerbaijani-held land are where they were stopped; schematic"}),
    ("drug-route", "Alleged drug-trafficking route to Europe", ["drug trafficking", "drug route", "drug-trafficking route"], "alleged", "forward",
     [place("Tabriz"), NORDUZ, AGARAK, *ARMENIA_NS, place("Tbilisi"), (41.7, 42.1), (36.0, 43.0), (29.0, 44.5)],
     "Aliyev accused Iran of colluding with Armenia on drug trafficking to Europe for over 30 years.",
     {"alleged_by": ["aliyev"], "via": ["iran", "armenia", "syunik", "georgia"],
      "source": CROSSING_SOURCE + "; then through Georgia and across the Black Sea towards Europe"}),
]
for id_, name, aliases, status, direction, pts, summary, extra in ROUTES:
    emit(id_, "corridor", name, LineString(pts), aliases, summary, status=status, direction=direction,
         note="Schematic line: the article names where the route runs, not its roads.", **extra)


def rnd(x):
    if isinstance(x, (list, tuple)):
        if x and isinstance(x[0], (int, float)):
            return [round(v, 4) for v in x]
        return [rnd(v) for v in x]
    return x


for f in features:
    if f["geometry"] is not None:
        f["geometry"]["coordinates"] = rnd(f["geometry"]["coordinates"])
        # Rounding may leave repeated points; drop consecutive duplicates but keep rings closed.
        def dedup(ring):
            out = [ring[0]]
            for p in ring[1:]:
                if p != out[-1]:
                    out.append(p)
            return out
        g = f["geometry"]
        if g["type"] == "MultiPolygon":
            g["coordinates"] = [[dedup(r) for r in poly] for poly in g["coordinates"]]
        elif g["type"] == "Polygon":
            g["type"] = "MultiPolygon"
            g["coordinates"] = [[dedup(r) for r in g["coordinates"]]]
        elif g["type"] == "LineString" and f["properties"]["kind"] == "water":
            g["type"] = "MultiLineString"
            g["coordinates"] = [dedup(g["coordinates"])]
        elif g["type"] == "MultiLineString":
            g["coordinates"] = [dedup(l) for l in g["coordinates"]]
        check = shape(g)
        if not check.is_valid:
            raise SystemExit(f"{f['id']}: invalid after rounding: {shapely.is_valid_reason(check)}")

with open(OUT, "w", encoding="utf-8") as f:
    # One feature per line: small diffs when an author edits one element.
    f.write('{"type":"FeatureCollection","features":[\n')
    f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":")) for ft in features))
    f.write("\n]}\n")
nverts = sum(len(shapely.get_coordinates(shape(f["geometry"]))) for f in features if f["geometry"])
print(f"wrote {OUT}: {len(features)} features, {nverts} vertices")
