#!/usr/bin/env bash
# Reproduce src/vedette/web/static/vendor/ (and the test-only axe-core) from the npm registry.
# Pinned versions; files are copied from each package's published dist, with its licence.
# Usage: scripts/vendor_web_assets.sh   (needs npm; nothing is fetched at run time)
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/vedette/web/static/vendor
TEST_DEST=tests/web/vendor
PACKAGES=(htmx.org@2.0.11 uplot@1.6.32 leaflet@1.9.4 leaflet.markercluster@1.5.3
          world-atlas@2.0.2 topojson-client@3.1.0 axe-core@4.14.1)
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
    "${PACKAGES[@]}" >/dev/null)
M="$TMP/node_modules"
rm -rf "$DEST" && mkdir -p "$DEST/images" "$TEST_DEST"
cp "$M/htmx.org/dist/htmx.min.js" "$DEST/"
cp "$M/uplot/dist/uPlot.iife.min.js" "$M/uplot/dist/uPlot.min.css" "$DEST/"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$DEST/"
cp "$M/leaflet/dist/images/"*.png "$DEST/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$M/leaflet.markercluster/dist/MarkerCluster.css" \
   "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" "$DEST/"
cp "$M/world-atlas/countries-110m.json" "$DEST/"
cp "$M/topojson-client/dist/topojson-client.min.js" "$DEST/"
cp "$M/axe-core/axe.min.js" "$TEST_DEST/"
{
  echo "Third-party files in this folder, copied unchanged from their npm packages by"
  echo "scripts/vendor_web_assets.sh. Each package's licence follows."
  for spec in "${PACKAGES[@]}"; do
    name="${spec%@*}"
    [ "$name" = axe-core ] && continue
    version="$(node -p "require('$M/$name/package.json').version")"
    licence="$(node -p "require('$M/$name/package.json').license")"
    echo; echo "================================================================"
    echo "$name $version ($licence)"
    echo "================================================================"
    cat "$M/$name"/*LICEN[CS]E* 2>/dev/null || echo "(licence: $licence; no licence file shipped)"
  done
  echo; echo "world-atlas derives from Natural Earth (naturalearthdata.com), public domain."
} > "$DEST/LICENSES"
{
  version="$(node -p "require('$M/axe-core/package.json').version")"
  echo "axe-core $version (MPL-2.0), copied unchanged from its npm package by"
  echo "scripts/vendor_web_assets.sh; used only by the accessibility tests."
  echo; cat "$M/axe-core/LICENSE"
} > "$TEST_DEST/LICENSES"
echo "vendored into $DEST and $TEST_DEST"
