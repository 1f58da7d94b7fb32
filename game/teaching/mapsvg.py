"""An inline SVG map of a scenario's places, drawn on Natural Earth country outlines shipped in assets/.

Equirectangular projection of the box around the places (with a margin), so the file needs no
projection library; the outlines come from ``assets/map/world-110m.json`` (Natural Earth, public
domain, built by ``benchmarks/make_world_outline.py``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from typing import Any

from game.paths import assets_dir
from game.scenario.models import Place

WIDTH = 640


@lru_cache(maxsize=1)
def outlines() -> list[dict[str, Any]]:
    """The shipped country outlines: ``[{"name": ..., "rings": [[[lon, lat], ...], ...]}, ...]``."""
    text = (assets_dir() / "map" / "world-110m.json").read_text(encoding="utf-8")
    countries: list[dict[str, Any]] = json.loads(text)["countries"]
    return countries


def _box(places: list[Place]) -> tuple[float, float, float, float]:
    lons, lats = [p.lon for p in places], [p.lat for p in places]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(4.0, (east - west) * 0.25)
    pad_y = max(3.0, (north - south) * 0.25)
    west, east = max(-180.0, west - pad_x), min(180.0, east + pad_x)
    south, north = max(-85.0, south - pad_y), min(85.0, north + pad_y)
    if (east - west) < 1.6 * (north - south):  # keep a landscape page-width map
        extra = (1.6 * (north - south) - (east - west)) / 2
        west, east = max(-180.0, west - extra), min(180.0, east + extra)
    return west, east, south, north


def map_svg(places: list[Place], title: str) -> str:
    """The map as an ``<svg>`` element (empty string when there are no places)."""
    if not places:
        return ""
    west, east, south, north = _box(places)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * scale, 1), round((north - lat) * scale, 1)

    paths = []
    for country in outlines():
        parts = []
        for ring in country["rings"]:
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            points = " ".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring))
            parts.append(f"M{points}Z")
        if parts:
            paths.append(f'<path d="{" ".join(parts)}"><title>{escape(country["name"])}</title></path>')
    marks = []
    for number, place in enumerate(places, start=1):
        x, y = xy(place.lon, place.lat)
        anchor = "end" if x > WIDTH * 0.8 else "start"
        dx = -6 if anchor == "end" else 6
        marks.append(
            f'<circle cx="{x}" cy="{y}" r="3.5"/><text x="{x + dx}" y="{y - 4}" text-anchor="{anchor}">'
            f"{number}. {escape(place.name)}</text>"
        )
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect width="{WIDTH}" height="{height}" class="sea"/><g class="land">{"".join(paths)}</g>'
        f'<g class="places">{"".join(marks)}</g></svg>'
    )
