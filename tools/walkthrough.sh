#!/usr/bin/env bash
# Remakes the README's "Make your own atlas" walkthrough screenshots (assets/make-1…6.png):
# `aras new assets/article.txt`, then the release app driven under Xvfb with xdotool, every
# control found by name (tests/window_author.rs, the_readme_walkthrough_…; tests/common/twin.rs).
# Needs Xvfb, xdotool, xclip and imagemagick. Usage: tools/walkthrough.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath "${1:-assets}")"
mkdir -p "$out"
cargo build --release
ARAS_WALKTHROUGH_OUT="$out" cargo test --test window_author \
  the_readme_walkthrough_makes_a_clean_atlas_from_a_draft_of_the_article -- --ignored --exact
ls -l "$out"/make-*.png
