"""Debrief charts: every variable on its own readable scale, every chart reachable at every size and scale."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.ui import drawing
from game.ui.app import App
from game.ui.screens.debrief import DebriefScreen
from tests.ui.conftest import ROOT, frame, press
from tests.ui.test_leaving_and_resizing import finished_game

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"


def test_each_variable_gets_its_own_axis() -> None:
    evidence, watch = [0, 2, 1, 3], [31, 45, 60, 71]
    low_e, high_e = drawing.axis_range(evidence)
    assert low_e == 0 and 3 <= high_e <= 4
    low_w, high_w = drawing.axis_range(watch)
    assert 25 <= low_w <= 31 and 71 <= high_w <= 76
    # On its own axis, evidence 0 -> 3 spans most of the plot's height (on watch's axis: a twentieth of it).
    assert (3 - 0) / (high_e - low_e) > 0.7


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1280, 720), 1.25), ((1280, 720), 1.5),
                                             ((1920, 1080), 1.0), ((1920, 1080), 1.5)])  # fmt: skip
def test_every_chart_is_drawn_whole_on_some_page(make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
                                                 size: tuple[int, int], scale: float) -> None:  # fmt: skip
    drawn: dict[str, bool] = {}
    real = drawing.small_multiples

    def record(surface: pygame.Surface, rect: pygame.Rect, title: str, *args: object) -> bool:
        whole = real(surface, rect, title, *args)  # type: ignore[arg-type]
        drawn[title] = drawn.get(title, False) or whole
        return whole

    monkeypatch.setattr(drawing, "small_multiples", record)
    app = make_app(size=size, scale=scale)
    debrief = DebriefScreen(app, finished_game(app, SUMMIT))
    app.go(debrief)
    press(app, pygame.K_3)
    for _ in range(8):
        press(app, pygame.K_PAGEDOWN)
        frame(app)
    groups = [title for title, _refs in debrief._groups()]
    assert sorted(drawn) == sorted(groups)
    assert all(drawn.values()), {t: w for t, w in drawn.items() if not w}
