"""The interface monkey in a real X11 window: random clicks, keys and resizes; no exception, valid state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.xvfb import VirtualScreen
from tests.realwindow.conftest import ROOT

pytestmark = pytest.mark.realwindow

EVENTS = int(os.environ.get("PARLEY_MONKEY", "2000"))
"""Events per run (``PARLEY_MONKEY=20000`` for the long run)."""
PEAK_MIB = 450
"""Memory the whole run may reach: about 280 MiB measured (2,000 events); a new theme per scale change kept
alive, or each restarted app's garbage frozen for good, reached 840 MiB (2,000 events) and 4.3 GiB (20,000)."""


def test_random_events_in_a_real_window_raise_nothing(xscreen: VirtualScreen, tmp_path: Path) -> None:
    env = {**xscreen.env(), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.realwindow.monkey", str(EVENTS), "7", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["events"] == EVENTS
    assert counts["screens"] >= 4, counts
    assert counts["peak_rss_mib"] < PEAK_MIB, counts
