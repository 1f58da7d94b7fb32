"""Real-window tests: a virtual X server (Xvfb) per configuration, the interface in a real X11 window.

Under CI (``CI=true``) a missing Xvfb fails these tests; on a developer's machine they skip with
the command that installs it. They are not in the default ``pytest`` run (they take about half a
minute): run them with ``pytest -m realwindow`` (``.ci/run`` does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from game.ui.xvfb import INSTALL_HINT, VirtualScreen, XvfbError

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1920, 1080)


def in_ci() -> bool:
    """Whether this is a CI run (where a missing X server is a failure, not a skip)."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def start_screen(size: tuple[int, int] = SCREEN) -> VirtualScreen:
    """A started Xvfb, or a skip (a failure under CI) that says how to install it."""
    try:
        return VirtualScreen(size).start()
    except XvfbError as exc:
        if in_ci():
            pytest.fail(f"{exc} (under CI the real-window tests must run, not skip)")
        pytest.skip(str(exc) if INSTALL_HINT in str(exc) else f"{exc}: {INSTALL_HINT}")


@pytest.fixture
def xscreen() -> Iterator[VirtualScreen]:
    """A virtual 1920x1080 X screen for one test."""
    screen = start_screen()
    yield screen
    screen.stop()


@dataclass
class Tour:
    """The captures of one run of ``python -m game.ui.tour``."""

    folder: Path
    records: dict[str, dict[str, Any]]
    output: str


def run_tour(folder: Path, *args: str) -> Tour:
    """Run the tour in a real window on a fresh virtual screen."""
    screen = start_screen()
    try:
        command = [sys.executable, "-m", "game.ui.tour", "--out", str(folder), "--framebuffer", str(screen.framebuffer),
                   *args]  # fmt: skip
        done = subprocess.run(command, env=screen.env(), cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        screen.stop()
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"the tour failed:\n{output}"
    records = {r["name"]: r for r in json.loads((folder / "tour.json").read_text(encoding="utf-8"))}
    return Tour(folder, records, output)


@pytest.fixture(scope="session")
def windowed_tour(tmp_path_factory: pytest.TempPathFactory) -> Tour:
    """Every screen in a 1280x720 window on a 1920x1080 screen."""
    return run_tour(tmp_path_factory.mktemp("windowed"), "--size", "1280x720")


@pytest.fixture(scope="session")
def fullscreen_tour(tmp_path_factory: pytest.TempPathFactory) -> Tour:
    """Every screen full screen on a 1920x1080 screen."""
    return run_tour(tmp_path_factory.mktemp("fullscreen"), "--fullscreen")
