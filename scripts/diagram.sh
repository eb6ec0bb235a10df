#!/usr/bin/env bash
# Draw docs/architecture.png from the example app's synthesized construct tree with
# cdk-dia. Needs Graphviz's `dot` (Debian/Ubuntu: apt-get install graphviz; macOS:
# brew install graphviz). Run it after changing the example app, and commit the image.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dot > /dev/null; then
  echo "Graphviz's dot is needed: apt-get install graphviz (or brew install graphviz)." >&2
  exit 1
fi
bash scripts/synth-example.sh > /dev/null
node_modules/.bin/cdk-dia --tree cdk.out/tree.json --target docs/architecture.png
# cdk-dia renders at 200 dpi (a 13,000-pixel, multi-megabyte image); redraw its graph at a
# size that reads on a screen and keeps the repository small.
sed 's/dpi = 200;/dpi = 60;/' docs/architecture.dot | dot -Tpng -o docs/architecture.png
rm docs/architecture.dot
echo "Wrote docs/architecture.png"
