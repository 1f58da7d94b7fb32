"""Labels too long for the board: which names the board cuts with "…" at 100 % text size.

The board (:mod:`game.ui.screens.board`) gives each label a fixed width in the default
1280×720 window and shortens what does not fit with an ellipsis (:func:`game.ui.drawing.fit_words` at a
word boundary, or :func:`game.ui.drawing.fit`).
This module repeats the board's layout arithmetic for that window at 100 % and measures
each label with the same font, so ``parley validate`` can warn before a student sees
"Offer a grain corri…". Checked: move card titles (the name, and "» Target" for a move
with targets), actor names above their dashboards, variable labels beside their meters,
track names and track state labels in the ladders.

Labels are measured with the glyph widths of :mod:`game.authoring.text_width` (measured with pygame once
and shipped as a table, so a check does not load pygame); pygame's own fonts only for a character or a
font the table does not have.
tests/ui/test_board_fit.py checks the predictions against what the real board cuts (its card titles and
the labels it offers in full on hover).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from game.authoring.text_width import drop_dead_fonts, font
from game.scenario.diagnostics import DataPath
from game.scenario.models import Scenario
from game.ui.text_fit import ELLIPSIS, fit, fit_words, meter_fits_bar, meter_layout, wrap

WINDOW = (1280, 720)
"""The default window size, where the check is made."""
CODE = "label-too-long"


class _Row:
    """A meter row's box, as wide as a column (what :func:`~game.ui.text_fit.meter_fits_bar` reads)."""

    def __init__(self, width: int) -> None:
        self.width = width


@dataclass(frozen=True)
class Cut:
    """A label the board shortens."""

    path: DataPath
    what: str
    label: str
    shown: str
    """What the board shows instead."""


def _fit(text: str, size: int, bold: bool, width: int, words: bool = True) -> str:
    """``text`` as the board shows it in ``width``: cut at a word (card titles, meters) or anywhere (titles)."""
    return (fit_words if words else fit)(text, font(size, bold), width)


def board_cuts(scenario: Scenario) -> list[Cut]:
    """Every label of ``scenario`` the board would shorten at 100 % in a 1280×720 window."""
    drop_dead_fonts()
    return _cuts(scenario)


def _cuts(scenario: Scenario) -> list[Cut]:
    width, height = WINDOW
    m, top = 12, 64
    cards_w = min(max(360, int(width * 0.3)), int(width * 0.36))
    left_w = width - m - cards_w - 2 * m
    cuts: list[Cut] = []
    names = {a.id: a.name for a in scenario.actors}
    for i, move in enumerate(scenario.moves):
        titles = [move.name] + [f"{move.name} » {names.get(t, t)}" for t in move.targets]
        for title in titles:
            shown = _fit(f"9  {title}", 16, True, cards_w - 24)
            if shown != f"9  {title}":
                cuts.append(Cut(("moves", i, "name"), f"move '{move.id}' on its card", title, shown[3:]))
                break
    tracks = len(scenario.tracks)
    t_cols = 1 if tracks <= 2 else 2
    t_rows = math.ceil(tracks / t_cols)
    tracks_h = t_rows * 62 + (2 * m if t_rows else 0)
    middle_h = height - m - tracks_h - top - (m if t_rows else 0)
    count = len(scenario.actors) + (1 if scenario.world else 0)
    dash_w = int(left_w * (0.66 if count > 3 else 0.56))
    cols = 1 if count <= 3 else 2
    rows = math.ceil(count / cols)
    card_w = (dash_w - 8 * (cols - 1)) // cols
    card_h = (middle_h - 8 * (rows - 1)) // rows
    inner_w, inner_h = card_w - 20, card_h - 10
    name_font = font(17, True)
    title_h = name_font.get_linesize()
    score_w = name_font.size("100 pts")[0]
    for i, actor in enumerate(scenario.actors):
        title = actor.name  # as the other players see it (its own player also reads " (you)")
        shown = _fit(title, 17, True, inner_w - title_h - score_w - 8, words=False)
        if shown != title:
            cuts.append(Cut(("actors", i, "name"), f"actor '{actor.id}' above its dashboard", actor.name, shown))
        cuts += _meters(actor.variables, ("actors", i, "variables"), inner_w, inner_h - title_h - 2)
    cuts += _meters(scenario.world, ("world",), inner_w, inner_h - title_h - 2)
    ladder_w = (left_w - 12 * (t_cols - 1)) // t_cols
    for i, track in enumerate(scenario.tracks):
        shown = _fit(f"{track.name}  (moved down)", 15, True, ladder_w, words=False)
        if not shown.startswith(track.name):
            cuts.append(Cut(("tracks", i, "name"), f"track '{track.id}' above its ladder", track.name, shown))
        cuts += _states(i, track.states, dict(track.labels), ladder_w, 54 - font(15, True).get_linesize() - 2)
    return cuts


def _meter_layout(width: int, height: int, labels: list[str]) -> tuple[int, int, int]:
    """(font size, columns, row height) as the board chooses them at 100 % (:func:`game.ui.drawing.meter_layout`)."""
    return meter_layout(width, height, labels, lambda size: font(size, False))


def _meters(variables: Any, path: DataPath, width: int, height: int) -> list[Cut]:
    """The meter labels the board shortens, as :func:`game.ui.drawing.meter` lays out one row."""
    if not variables:
        return []
    labels = [v.label + (" (private)" if v.visibility == "private" else "") for v in variables]
    size, cols, _row_h = _meter_layout(width, height, labels)
    meter_font = font(size, False)
    col_w = (width - 10 * (cols - 1)) // cols
    bars = all(meter_fits_bar(_Row(col_w), label, meter_font) for label in labels)
    value_w = meter_font.size("100!")[0] + 4
    trend_w = meter_font.size("+100")[0] + meter_font.get_height()
    cuts = []
    for j, (variable, label) in enumerate(zip(variables, labels, strict=True)):
        wanted = meter_font.size(label)[0] + 8
        label_w = max(int(col_w * 0.3), min(wanted, int(col_w * 0.5), col_w - value_w - trend_w - 60))
        bar_w = col_w - label_w - value_w - trend_w - 12
        if not bars or bar_w < 24 or (label_w < wanted and col_w - wanted - value_w - trend_w - 12 < 48):
            label_w = col_w - value_w - trend_w - 8
        shown = fit_words(label, meter_font, label_w - 6)
        if shown != label:
            what = f"variable '{variable.id}' beside its meter"
            cuts.append(Cut((*path, j, "label"), what, variable.label, shown))
    return cuts


def _states(index: int, states: list[str], labels: dict[str, str], width: int, height: int) -> list[Cut]:
    state_font = font(13, False)
    box_w = round((width - 4 * (len(states) - 1)) / len(states))
    lines = max(1, (height - 4) // state_font.get_linesize())
    cuts = []
    for j, state in enumerate(states):
        label = labels.get(state, state)
        wrapped = wrap(label, state_font, box_w - 8, lines)
        if " ".join(wrapped).replace(ELLIPSIS, "").split() != label.split():
            path: DataPath = ("tracks", index, "labels", state) if state in labels else ("tracks", index, "states", j)
            cuts.append(Cut(path, f"state '{state}' in its ladder", label, " ".join(wrapped)))
    return cuts
