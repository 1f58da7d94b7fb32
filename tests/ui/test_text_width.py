"""The board-fit lint's glyph table gives pygame's widths, and ``parley validate`` needs no pygame for them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.authoring import glyph_widths, text_width
from game.authoring.text_width import ALPHABET, FONTS, LIGATURES, TableFont, font, pygame_font, table_source
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from tests.conftest import ROOT


def test_the_shipped_table_is_what_pygame_measures_now() -> None:
    """Regenerate with ``python benchmarks/make_glyph_widths.py`` when this fails (another font or SDL_ttf)."""
    assert table_source() == Path(glyph_widths.__file__).read_text(encoding="utf-8")


def _labels(scenario: Scenario) -> list[str]:
    texts = [a.name for a in scenario.actors] + [m.name for m in scenario.moves] + [t.name for t in scenario.tracks]
    texts += [v.label for a in scenario.actors for v in a.variables] + [v.label for v in scenario.world]
    texts += [label for t in scenario.tracks for label in (*t.states, *dict(t.labels).values())]
    return texts


def _scenarios() -> list[Scenario]:
    found = []
    for path in sorted([*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("tests/scenarios/**/*.yaml")]):
        try:
            found.append(load_scenario(path))
        except Exception:  # files meant to fail, suites and the like
            continue
    return found


def _corpus() -> list[str]:
    """Every label of the shipped and test scenarios (as written and cut with an ellipsis), and random texts of
    the table's characters with many f, i, l and spaces (ligatures, word breaks)."""
    texts = [text for scenario in _scenarios() for text in _labels(scenario)]
    texts += [f"9  {text[:n]}…" for text in texts for n in (3, len(text) // 2)]
    rng = random.Random(10)
    letters = list(ALPHABET) + list("fffffffiiilll     ")
    texts += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 60))) for _ in range(1500)]
    return texts


CORPUS = _corpus()


@pytest.mark.parametrize(("size", "bold"), FONTS)
def test_table_widths_are_pygames(size: int, bold: bool) -> None:
    table, real = font(size, bold), pygame_font(size, bold)
    assert isinstance(table, TableFont)
    assert (table.get_height(), table.get_linesize()) == (real.get_height(), real.get_linesize())
    widths = [(text, table.size(text)[0], real.size(text)[0]) for text in CORPUS]
    wrong = [(text, mine, theirs) for text, mine, theirs in widths if mine != theirs]
    assert wrong == []
    assert any(ligature in text for text in CORPUS for ligature in LIGATURES)


def test_a_character_outside_the_table_is_measured_by_pygame() -> None:
    table, real = font(15, True), pygame_font(15, True)
    assert text_width.text_width("Ωmega", table.glyphs) is None
    for text in ("Ωmega", "Москва", "平壤 summit", "tab\there"):
        assert table.size(text)[0] == real.size(text)[0]


def test_another_font_file_is_measured_by_pygame(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_width, "_FONTS", {})
    monkeypatch.setitem(glyph_widths.FILE_SIZES, True, glyph_widths.FILE_SIZES[True] + 1)
    assert not isinstance(font(16, True), TableFont)
    assert isinstance(font(17, False), TableFont), "the regular file is the one measured"
    assert not isinstance(font(11, False), TableFont), "a size the table lacks"
