"""Build assets/map/world-110m.json, the country outlines the teacher's guide draws its map with.

Usage::

    npm pack world-atlas && tar xzf world-atlas-2.0.2.tgz
    python benchmarks/make_world_outline.py package/countries-110m.json assets/map/world-110m.json

The source is Natural Earth's 1:110m admin-0 countries (public domain), as TopoJSON in the npm
package ``world-atlas`` 2.0.2 (ISC licence). This script decodes the TopoJSON arcs, rounds every
coordinate to 0.1 degree and drops repeated points, so the shipped file is small and plain JSON.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as absolute longitude/latitude points (undoing the quantisation and delta coding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One polygon ring from arc indexes (a negative index ~i is arc i reversed), rounded."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in arc:
            point = [round(lon, 1), round(lat, 1)]
            if not points or points[-1] != point:
                points.append(point)
    return points


def main(source: str, target: str) -> int:
    """Convert and write; print the size."""
    with open(source, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r, arcs) for polygon in polygons for r in polygon[:1]]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            countries.append({"name": geometry["properties"]["name"], "rings": rings})
    document = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via the npm package world-atlas 2.0.2; "
        "outer rings only, rounded to 0.1 degree by benchmarks/make_world_outline.py",
        "countries": countries,
    }
    text = json.dumps(document, separators=(",", ":"))
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    print(f"{target}: {len(countries)} countries, {len(text) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
