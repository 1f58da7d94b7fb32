"""The projector window's drawing (dummy video driver): QR code, seats, public board, no claim codes."""

from __future__ import annotations

import os

import pytest

from game.engine import CompiledScenario
from game.net.room import Room

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
pygame = pytest.importorskip("pygame")

from game.net.projector import Projector, qr_matrix  # noqa: E402


def test_the_qr_code_is_a_square_with_its_quiet_zone() -> None:
    matrix = qr_matrix("http://192.0.2.10:8000/")
    assert len(matrix) == len(matrix[0]) >= 21 + 8
    assert not any(matrix[0]) and not any(row[0] for row in matrix)  # the quiet zone is light
    assert matrix[4][4] and matrix[4][10]  # the finder pattern's dark corner and edge


def test_the_projector_draws_the_public_snapshot(tutorial: CompiledScenario, monkeypatch: pytest.MonkeyPatch) -> None:
    room = Room.new(tutorial, 1, {"lowland": "heuristic"}, None, phase_seconds=90)
    room.set_connected("upland", True)
    drawn: list[str] = []
    projector = Projector("http://192.0.2.10:8000/", room.updates)
    pygame.font.init()  # never pygame.quit() here: other tests keep fonts loaded for the whole session
    surface = pygame.Surface((1280, 720))
    from game.ui import drawing

    real = drawing.text

    def spy(surface: object, words: str, *args: object, **kwargs: object) -> object:
        drawn.append(words)
        return real(surface, words, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drawing, "text", spy)
    projector.drain()
    projector.draw(surface)
    shown = "\n".join(drawn)
    assert "http://192.0.2.10:8000/" in shown
    assert "Upland: deciding" in shown and "Lowland: bot" in shown
    assert "time left 1:30" in shown or "time left 1:29" in shown
    assert "reservoir" not in shown.lower()  # Upland's private variable
    for seat in room.seats.values():
        assert seat.code not in shown
