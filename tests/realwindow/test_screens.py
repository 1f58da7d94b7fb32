"""What the X server shows is what the app drew, on every screen, windowed and full screen."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from tests.realwindow.conftest import Tour

pytestmark = pytest.mark.realwindow

SCREENS = ("title", "board", "deal", "pause", "board-public", "summary", "debrief-results", "debrief-hidden-moves",
           "debrief-charts", "debrief-discussion")  # fmt: skip


def pixels(path: object) -> np.ndarray:
    """An image file as a (width, height, 3) array."""
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(np.int16)


def check(tour: Tour, name: str, size: tuple[int, int]) -> None:
    record = tour.records.get(name)
    assert record is not None, f"the tour did not reach {name}: {sorted(tour.records)}\n{tour.output}"
    assert tuple(record["window"][2:]) == size
    drawn = pixels(tour.folder / f"{name}.app.png")
    shown = pixels(tour.folder / f"{name}.x11.png")
    assert drawn.shape == shown.shape == (*size, 3)
    differ = int((np.abs(drawn - shown).max(axis=2) > 0).sum())
    assert differ == 0, f"{name}: {differ} of {size[0] * size[1]} pixels on the X screen differ from what the app drew"
    packed = (shown[..., 0].astype(np.int32) << 16) | (shown[..., 1].astype(np.int32) << 8) | shown[..., 2]
    values, counts = np.unique(packed, return_counts=True)
    assert len(values) >= 100, f"{name}: only {len(values)} colours on the X screen (a blank or black window?)"
    commonest = int(counts.max())
    assert commonest < 0.9 * size[0] * size[1], f"{name}: one colour covers {commonest} pixels"


@pytest.mark.parametrize("name", SCREENS)
def test_window_1280x720_shows_what_was_drawn(windowed_tour: Tour, name: str) -> None:
    check(windowed_tour, name, (1280, 720))


@pytest.mark.parametrize("name", SCREENS)
def test_full_screen_1920x1080_shows_what_was_drawn(fullscreen_tour: Tour, name: str) -> None:
    check(fullscreen_tour, name, (1920, 1080))


def test_the_window_sits_where_sdl_put_it(windowed_tour: Tour) -> None:
    x, y, width, height = windowed_tour.records["title"]["window"]
    assert (width, height) == (1280, 720)
    assert 0 <= x <= 1920 - width and 0 <= y <= 1080 - height
