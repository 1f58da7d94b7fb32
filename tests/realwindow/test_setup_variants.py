"""The lesson choice on the setup screen, clicked in a real X11 window: the X server shows it, the game plays it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.xvfb import VirtualScreen
from tests.realwindow.conftest import ROOT

pytestmark = pytest.mark.realwindow


def test_the_short_lesson_chosen_in_a_real_window_is_played(xscreen: VirtualScreen, tmp_path: Path) -> None:
    env = {**xscreen.env(), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.realwindow.setup_variants", str(tmp_path),
                           str(xscreen.framebuffer)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["default"] == "full" and seen["chosen"] == "short"
    assert seen["selected"] == ["One lesson (45 minutes)"]
    assert seen["screen"] == "board" and seen["played"] == ["short", 4, 1]
    assert seen["same"] == {"setup-default": True, "setup-short": True, "board-short": True}, (
        "the X server's screen differs from what the app drew"
    )
