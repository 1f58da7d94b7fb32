"""``parley host`` with its projector window on a real X display: the facilitator console, used for real.

A student's device asks to join over a WebSocket; the request shows on the console in the X server's
screen; the teacher lets it in with the keyboard (A), makes a bot stand in with the mouse, and pauses
the timer (P). Keys and clicks are real X events (xdotool), so this tests what a teacher's hands do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.net.room import Room
from game.ui import palette
from game.ui.xvfb import VirtualScreen
from tests.conftest import ROOT, compiled
from tests.net.realhost import Host, send, start_host, state_where, until
from tests.realwindow.conftest import in_ci

pytestmark = [pytest.mark.realwindow, pytest.mark.timeout(120)]
SHOT = Path(os.environ.get("PARLEY_HOST_SHOT", "/tmp/parley-host-window.png"))
"""Where the screenshot of the console with a request on it is kept (to look at)."""


@pytest.fixture
def xdotool() -> str:
    path = shutil.which("xdotool")
    if path is None:
        if in_ci():
            pytest.fail("no xdotool: CI must install it (apt-get install -y xdotool)")
        pytest.skip("no xdotool (apt-get install -y xdotool)")
    return path


@pytest.fixture
def host(xscreen: VirtualScreen, tmp_path: Path) -> Iterator[Host]:
    started = start_host("scenarios/tutorial.yaml", "--journal", str(tmp_path / "room.jsonl"), "--timer", "300",
                         display=xscreen.env())  # fmt: skip
    yield started
    started.stop()


def wait_for(check: Callable[[], object], what: str, limit: float = 20.0) -> object:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the X screen never showed {what}")


def window_origin(screen: pygame.Surface) -> tuple[int, int] | None:
    """Where the window is: the top left of its dark header bar (at least a window's width of it)."""
    mask = pygame.mask.from_threshold(screen, palette.HEADER, (1, 1, 1, 255))
    rects = [r for r in mask.get_bounding_rects() if r.width >= 1200 and r.height >= 40]
    return rects[0].topleft if rects else None


def expected_buttons(tmp: Path) -> dict[str, pygame.Rect]:
    """The console's buttons as the window lays them out (same scenario, timer and request, drawn here)."""
    from game.net.projector import Projector

    pygame.font.init()
    room = Room.new(compiled(ROOT / "scenarios" / "tutorial.yaml"), 1, {}, None, phase_seconds=300)
    request = room.ask("upland", "Blue team", "pc1")
    projector = Projector("http://127.0.0.1:1/", room.updates, room)
    projector.step([], pygame.Surface((1280, 720)))
    return {a.id.replace(request.id, "REQUEST"): rect for a, rect in projector.buttons}


def test_the_teacher_lets_a_student_in_and_acts_from_the_projector_window(
    xscreen: VirtualScreen, host: Host, xdotool: str, tmp_path: Path
) -> None:
    buttons = expected_buttons(tmp_path)
    origin = wait_for(lambda: window_origin(xscreen.grab()), "the projector window")
    assert isinstance(origin, tuple)
    ox, oy = origin

    def shown(action: str) -> bool:
        rect = buttons[action].move(ox, oy)
        screen = xscreen.grab(rect)
        return tuple(screen.get_at((1, rect.height // 2)))[:3] == palette.ACCENT  # the button's blue edge

    def x(*args: str) -> None:
        subprocess.run([xdotool, *args], env=xscreen.env(), check=True, timeout=10)

    wait_for(lambda: shown("bot:lowland"), "the console's seat buttons")
    assert not shown("approve:REQUEST")
    with host.socket() as student:
        send(student, type="request", seat="upland", name="Blue team")
        until(student, "asked")
        wait_for(lambda: shown("approve:REQUEST"), "the request on the console")
        pygame.image.save(xscreen.grab(pygame.Rect(ox, oy, 1280, 720)), str(SHOT))

        x("mousemove", str(ox + 640), str(oy + 300))  # without a window manager the focus follows the pointer
        x("key", "a")
        welcome = until(student, "welcome")
        assert welcome["seat"] == "upland" and len(welcome["token"]) >= 40
        assert state_where(student, lambda b: b["me"]["id"] == "upland")

        bot = buttons["bot:lowland"].move(ox, oy)
        x("mousemove", str(bot.centerx), str(bot.centery))
        x("click", "1")
        assert state_where(student, lambda b: any(a["id"] == "lowland" and a["bot"] for a in b["actors"]))

        x("mousemove", str(ox + 640), str(oy + 300))
        x("key", "p")
        timer = until(student, "timer")
        assert timer["paused"] is True and 0 < timer["timer"] <= 300
        time.sleep(0.5)  # a few frames: the console now offers to resume the timer
        pygame.image.save(xscreen.grab(pygame.Rect(ox, oy, 1280, 720)), str(SHOT.with_name(SHOT.stem + "-after.png")))
