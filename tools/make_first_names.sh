#!/usr/bin/env bash
# Writes src/geoparse/first_names.txt: the US Census 1990 given names (male and female,
# 5,163 distinct names, lower case, sorted) that the PyPI package `names` 0.3.0 (MIT) ships as
# names/dist.male.first and names/dist.female.first. The tagger uses it to tell a given
# name from a place ("his father Zachary", "yellow lab, Levi"). Needs python3 with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
python3 -m pip download --quiet --no-deps --no-binary :all: -d "$WORK" names==0.3.0
tar xzf "$WORK/names-0.3.0.tar.gz" -C "$WORK"
cat "$WORK"/names-0.3.0/names/dist.male.first "$WORK"/names-0.3.0/names/dist.female.first |
  awk '{print tolower($1)}' | LC_ALL=C sort -u > src/geoparse/first_names.txt
rm -rf "$WORK"
wc -l src/geoparse/first_names.txt
