#!/usr/bin/env python3
"""Learns GeoNames' points for countries and macro-regions from the GeoWebNews
development gold, for the gazetteer build.

    python3 tools/gwn_place_points.py > assets/gazetteer/geonames_points.tsv

GeoWebNews' geocoding gold gives every toponym GeoNames' point, and for a large country
that point is not the conventional centre our sources carry (the United States: GeoNames
39.76 N 98.5 W, world-countries 38 N 97 W, 235 km apart; Canada 1,031 km; Japan's is
Tokyo). No package on our registries ships GeoNames' country points, so this learns them
from the development half: a gold record whose GeoNames name is the name or an alternate
name of exactly one country or macro-region (kind continent) of the gazetteer gives that
place's point. Nothing else of the gold is used. Output: TSV `id<TAB>name<TAB>lat<TAB>lon
<TAB>records`, sorted by id. Standard library only."""

import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazlib  # noqa: E402
from gwn_errors import find_data  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    places, index = gazlib.load(os.path.join(HERE, "..", "assets", "gazetteer", "world.gaz"))
    gold = os.path.join(find_data(), "geocoding-gold.jsonl")
    points = collections.defaultdict(collections.Counter)
    for line in open(gold, encoding="utf-8"):
        g = json.loads(line)
        hits = {i for i, m in index.get(gazlib.name_key(g["name"]), [])
                if m in ("name", "alt") and places[i]["kind"] in ("country", "continent")}
        if len(hits) == 1:
            points[hits.pop()][(round(g["lat"], 5), round(g["lon"], 5))] += 1
    print("id\tname\tlat\tlon\trecords")
    for i in sorted(points, key=lambda i: places[i]["id"]):
        (lat, lon), n = points[i].most_common(1)[0]
        print("%s\t%s\t%.5f\t%.5f\t%d" % (places[i]["id"], places[i]["name"], lat, lon, sum(points[i].values())))


if __name__ == "__main__":
    main()
