"""`parley guide`: the teacher's kit generated from a scenario file (HTML for print, Markdown)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.loader import load_scenario
from game.teaching import guide
from game.teaching.mapsvg import map_svg, outlines
from tests.conftest import ROOT

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_scenario_has_a_complete_guide(path: Path) -> None:
    scenario = load_scenario(path)
    text = guide.markdown(scenario)
    for heading in (
        "Learning objectives",
        "A lesson of 45 minutes",
        "Two lessons",
        "Debrief",
        "Assessment rubric",
        "Sources",
    ):
        assert f" {heading}" in text, heading
    for actor in scenario.actors:
        if actor.playable:
            assert f"Role sheet: {actor.name}" in text
    assert "what really happened?" in text, "a debrief question compares the ending with history"


@pytest.mark.parametrize("name", ["pyongyang_summit", "cuban_missile_crisis"])
def test_the_historical_guides_have_map_timeline_glossary_content_note_and_notes(name: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    assert scenario.teaching is not None
    page = guide.html(scenario)
    assert page.count("<circle") == len(scenario.teaching.places) >= 5
    assert "<path d=" in page, "country outlines drawn"
    for heading in ("Map", "Timeline before the game", "Glossary", "Content note"):
        assert f">{heading}</h2>" in page, heading
    assert all(d.notes for d in scenario.teaching.discussion) and len(scenario.teaching.discussion) >= 4


def test_the_html_is_self_contained_and_breaks_pages_for_print() -> None:
    page = guide.html(load_scenario(ROOT / "scenarios" / "pyongyang_summit.yaml"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "nothing loaded from outside"
    assert "<script" not in page and "@import" not in page
    assert "size: A4" in page and page.count("class=page") >= 5


def test_the_lesson_plans_follow_the_variants() -> None:
    text = guide.markdown(load_scenario(ROOT / "scenarios" / "pyongyang_summit.yaml"))
    short = text.split("### A lesson of 45 minutes")[1].split("###")[0]
    assert short.count("| Turn ") == 4, "the short variant has four turns"
    assert "June 2024" in short and "| 34-45 | Debrief" in short


def test_the_map_projects_places_inside_the_picture() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "pyongyang_summit.yaml")
    assert scenario.teaching is not None
    svg = map_svg(scenario.teaching.places, "map")
    width, height = (float(v) for v in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())  # type: ignore[union-attr]
    for x, y in re.findall(r'<circle cx="(\S+)" cy="(\S+)"', svg):
        assert 0 < float(x) < width and 0 < float(y) < height
    pyongyang = re.search(r'<circle cx="(\S+)" cy="(\S+)" r="3.5"/><text[^>]*>1\. Pyongyang', svg)
    tokyo = re.search(r'<circle cx="(\S+)" cy="(\S+)" r="3.5"/><text[^>]*>3\. Tokyo', svg)
    assert pyongyang and tokyo and float(tokyo.group(1)) > float(pyongyang.group(1)), "east is to the right"
    assert float(tokyo.group(2)) > float(pyongyang.group(2)), "south is further down"
    assert any(c["name"] == "North Korea" for c in outlines())


def test_parley_guide_writes_html_and_markdown(tmp_path: Path) -> None:
    for name in ("guide.html", "guide.md"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "guide",
                str(ROOT / "scenarios" / "tutorial.yaml"),
                "-o",
                str(tmp_path / name),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert (
            (tmp_path / name)
            .read_text(encoding="utf-8")
            .lstrip()
            .startswith("<!DOCTYPE html>" if name.endswith("html") else "#")
        )
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "guide",
            str(ROOT / "scenarios" / "tutorial.yaml"),
            "-o",
            str(tmp_path / "g.pdf"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "written as .html or .md" in bad.stderr and "Traceback" not in bad.stderr
