"""Reads assets/gazetteer/world.gaz (format in assets/gazetteer/PROVENANCE.md) for the
evaluation tools: places (id, name, kind, country, lon, lat, population) and the name
index, keyed as src/gazetteer/normalize.rs keys names. Standard library only."""

import unicodedata
import zlib

KINDS = ["country", "region", "city", "sea", "lake", "river", "mountains", "physical", "continent"]
MATCH = ["name", "alt", "demonym"]
APOSTROPHES = "'’ʼ`´‘"
FOLD = {"ı": "i", "ə": "e", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h",
        "æ": "ae", "œ": "oe", "þ": "th", "ς": "σ", "ي": "ی", "ى": "ی", "ك": "ک"}


def name_key(s):
    out, pending = [], False
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


class _R:
    def __init__(self, b):
        self.b, self.p = b, 0

    def u8(self):
        v = self.b[self.p]
        self.p += 1
        return v

    def var(self):
        v, shift = 0, 0
        while True:
            c = self.u8()
            v |= (c & 0x7F) << shift
            shift += 7
            if not c & 0x80:
                return v

    def svar(self):
        v = self.var()
        return (v >> 1) ^ -(v & 1)

    def s(self):
        n = self.var()
        v = self.b[self.p:self.p + n].decode("utf-8")
        self.p += n
        return v


def load(path):
    """(places, index): places a list of dicts, index {key: [(place_index, match)]}."""
    raw = open(path, "rb").read()
    assert raw[:8] == b"ARASGAZ\0", path
    r = _R(zlib.decompress(raw[9:]))
    sources = [r.s() for _ in range(r.var())]
    places = []
    for _ in range(r.var()):
        p = {"id": r.s(), "name": r.s(), "kind": KINDS[r.u8()], "country": r.s()}
        p["lon"], p["lat"] = r.svar() * 1e-5, r.svar() * 1e-5
        p["population"], p["importance"] = r.var(), r.u8() / 255
        p["capital_of"], p["source"] = r.s(), sources[r.var()]
        if r.u8():
            for _ in range(4):
                r.svar()
            n = r.var()
            r.p += n
        places.append(p)
    index = {}
    for _ in range(r.var()):
        k = r.s()
        index[k] = [(r.var(), MATCH[r.u8()]) for _ in range(r.var())]
    return places, index
