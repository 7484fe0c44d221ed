#!/usr/bin/env python3
"""Error analysis of `aras new` on the GeoWebNews development half.

    bash tools/eval-geowebnews.sh OUT && python3 tools/gwn_errors.py OUT [--list CAUSE] [--docs 0,2]

Reads OUT/brat/N.ann and OUT/geocode.jsonl (written by tools/eval-geowebnews.sh), the
gold in ../shared/data/geowebnews-dev and the embedded gazetteer's name index, and
prints false negatives, false positives and geocoding errors grouped by cause, with the
most frequent surfaces of each cause. With OUT/report/N.txt (the `aras new` atlas report,
written by the eval script when ARAS_REPORTS=1) a name the tagger left out is given the
reason the report gives. Standard library only."""

import argparse
import collections
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazlib  # noqa: E402

TOPONYM = {"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier", "Metonymic",
           "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym", "Homonym", "Language"}
HERE = os.path.dirname(os.path.abspath(__file__))


def find_data():
    for d in ["../shared/data/geowebnews-dev", "../../shared/data/geowebnews-dev",
              "/work/shared/data/geowebnews-dev"]:
        p = os.path.join(HERE, "..", d) if not d.startswith("/") else d
        if os.path.isdir(p):
            return p
    sys.exit("GeoWebNews data not found")


def read_ann(path):
    ents, adj = {}, set()
    if not os.path.exists(path):
        return []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if line.startswith("T") and len(parts) >= 2:
            f = parts[1].split()
            if len(f) >= 3 and ";" not in parts[1]:
                ents[parts[0]] = (f[0], int(f[1]), int(f[2]), parts[2] if len(parts) > 2 else "")
        elif line.startswith("A") and len(parts) >= 2:
            f = parts[1].split()
            if len(f) == 3 and f[0] == "Modifier_Type" and f[2] == "Adjective":
                adj.add(f[1])
    return [(t, s, e, x, k in adj) for k, (t, s, e, x) in ents.items()]


def km(a, b):
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def lookup(index, surface):
    k = gazlib.name_key(surface)
    hits = index.get(k) or index.get(k.replace(".", "")) or []
    if not hits and k.endswith("s"):
        hits = [h for h in index.get(k[:-1], []) if h[1] == "demonym"]
    return hits


def left_out_reasons(out, doc):
    path = os.path.join(out, "report", doc + ".txt")
    reasons = {}
    if not os.path.exists(path):
        return reasons
    on = False
    for line in open(path, encoding="utf-8"):
        if line.startswith("left out"):
            on = True
            continue
        m = re.match(r"\s+“(.*)”: (.*)", line)
        if on and m:
            reasons.setdefault(m.group(1), m.group(2))
        elif on and not line.startswith(" "):
            on = False
    return reasons


def fn_cause(g, text, preds, nontop, index, reasons):
    typ, s, e, surf, adj = g
    over = [p for p in preds if p[0] < e and s < p[1]]
    if over:
        p = over[0]
        ps = text[p[0]:p[1]]
        if ps.lower().startswith("the ") and not surf.lower().startswith("the "):
            return "boundary: predicted with 'the'", f"{surf} / {ps}"
        if surf.lower().startswith("the "):
            return "boundary: gold includes 'the'", f"{surf} / {ps}"
        return ("boundary: predicted longer" if p[1] - p[0] > e - s else "boundary: predicted shorter"), f"{surf} / {ps}"
    if surf[:1].islower():
        return "lower-case", surf
    if surf.lower().startswith("the "):
        return "starts with 'the', missed", surf
    inside_org = any(a <= s and e <= b and (a, b) != (s, e) for a, b in nontop)
    hits = lookup(index, surf)
    if not hits:
        kind = "demonym/adjective/language" if typ in ("Demonym", "Language") or adj else "name"
        where = ", inside an organisation name" if inside_org else ""
        return f"not in gazetteer ({kind}{where})", surf
    if surf in reasons:
        r = reasons[surf]
        r = re.sub(r"“.*?”", "“…”", r)
        return f"left out: {r}", surf
    return "in gazetteer, not tagged" + (" (inside organisation name)" if inside_org else ""), surf


def fp_cause(p, text, gold_all):
    s, e = p
    surf = text[s:e]
    same = [g for g in gold_all if g[1] == s and g[2] == e]
    if same:
        return f"annotated as {same[0][0]} (not a toponym)", surf
    over = [g for g in gold_all if g[1] < e and s < g[2]]
    tops = [g for g in over if g[0] in TOPONYM]
    if tops:
        return "boundary", f"{surf} / {text[tops[0][1]:tops[0][2]]}"
    if over:
        return f"inside/overlapping {over[0][0]}", surf
    return "not annotated", surf


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--list", help="print every item of the causes containing this text")
    ap.add_argument("--docs", help="comma-separated article ids")
    ap.add_argument("--top", type=int, default=8)
    a = ap.parse_args()
    data = find_data()
    _, index = gazlib.load(os.path.join(HERE, "..", "assets", "gazetteer", "world.gaz"))
    docs = sorted((f[:-4] for f in os.listdir(os.path.join(data, "articles")) if f.endswith(".txt")), key=int)
    if a.docs:
        docs = [d for d in docs if d in a.docs.split(",")]
    fn, fp = collections.defaultdict(list), collections.defaultdict(list)
    tp = 0
    for d in docs:
        text = open(os.path.join(data, "articles", d + ".txt"), encoding="utf-8").read()
        gold_all = read_ann(os.path.join(data, "articles", d + ".ann"))
        gold = [g for g in gold_all if g[0] in TOPONYM]
        nontop = [(g[1], g[2]) for g in gold_all if g[0] == "Non_Toponym"]
        preds = [(p[1], p[2]) for p in read_ann(os.path.join(a.out, "brat", d + ".ann"))]
        reasons = left_out_reasons(a.out, d)
        gspans = {(g[1], g[2]) for g in gold}
        for g in gold:
            if (g[1], g[2]) in gspans and (g[1], g[2]) in set(preds):
                tp += 1
            else:
                c, x = fn_cause(g, text, preds, nontop, index, reasons)
                fn[c].append((d, x))
        for p in preds:
            if p not in gspans:
                c, x = fp_cause(p, text, gold_all)
                fp[c].append((d, x))
    nfn, nfp = sum(map(len, fn.values())), sum(map(len, fp.values()))
    print(f"geotagging (exact): tp {tp}, false negatives {nfn}, false positives {nfp}")
    for title, table in (("FALSE NEGATIVES", fn), ("FALSE POSITIVES", fp)):
        print(f"\n{title} by cause")
        for c, items in sorted(table.items(), key=lambda kv: -len(kv[1])):
            top = collections.Counter(x for _, x in items).most_common(a.top)
            print(f"{len(items):5d}  {c}: " + "; ".join(f"{x}" + (f" ×{n}" if n > 1 else "") for x, n in top))
            if a.list and a.list in c:
                for d, x in items:
                    print(f"         {d}: {x}")
    geocode_errors(a, data, docs)


def geocode_errors(a, data, docs):
    path = os.path.join(a.out, "geocode.jsonl")
    if not os.path.exists(path):
        return
    places, index = gazlib.load(os.path.join(HERE, "..", "assets", "gazetteer", "world.gaz"))
    pred = {}
    for line in open(path):
        r = json.loads(line)
        pred[(r["doc"], r["start"], r["end"])] = (r["lat"], r["lon"])
    causes = collections.defaultdict(list)
    total = ok = 0
    for line in open(os.path.join(data, "geocoding-gold.jsonl")):
        g = json.loads(line)
        if g["doc"] not in docs:
            continue
        total += 1
        key = (g["doc"], g["start"], g["end"])
        gp = (g["lat"], g["lon"])
        if key not in pred:
            causes["not found (tagging)"].append((g["doc"], g["surface"]))
            continue
        dist = km(pred[key], gp)
        if dist <= 161:
            ok += 1
            continue
        cands = [places[i] for i, _ in lookup(index, g["surface"])]
        chosen = min(cands, key=lambda p: km((p["lat"], p["lon"]), pred[key]), default=None)
        best = min(cands, key=lambda p: km((p["lat"], p["lon"]), gp), default=None)
        label = f"{g['surface']} → {chosen['name'] + ' (' + chosen['kind'] + ', ' + chosen['country'] + ')' if chosen else '?'}"
        if best is None:
            c = "no candidate (name found by a head word or a longer span)"
        elif km((best["lat"], best["lon"]), gp) > 161:
            c = ("same place, our point over 161 km from GeoNames'" if best is chosen and best["kind"] in ("country", "region", "sea", "lake", "river", "continent")
                 else "gold place not in gazetteer")
            label += f" ({km((best['lat'], best['lon']), gp):.0f} km)"
        else:
            c = f"wrong candidate chosen ({chosen['kind'] if chosen else '?'} over {best['kind']})"
            label += f" [gold: {best['name']}, {best['kind']}, {best['country']}]"
        causes[c].append((g["doc"], label))
    print(f"\nGEOCODING: {ok}/{total} within 161 km = {100 * ok / max(total, 1):.2f}% of all gold")
    for c, items in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        top = collections.Counter(x for _, x in items).most_common(a.top)
        print(f"{len(items):5d}  {c}: " + "; ".join(f"{x}" + (f" ×{n}" if n > 1 else "") for x, n in top))
        if a.list and a.list in c:
            for d, x in items:
                print(f"         {d}: {x}")


if __name__ == "__main__":
    main()
