"""The debrief's Report and What if… buttons, driven through the real screens (headless)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.whatif import WhatIfScreen
from game.ui.start import first_screen
from tests.classroom.conftest import TUTORIAL
from tests.classroom.test_names import play_through_screens
from tests.ui.conftest import button, click


@pytest.fixture
def debrief(tmp_path: Path) -> Iterator[App]:
    app = App(Options(save_dir=tmp_path / "saves", seed=5))
    entry = load_entry(TUTORIAL)
    assert entry.compiled is not None
    app.go(first_screen(app, entry, {a: "heuristic" for a in entry.compiled.actors}))
    play_through_screens(app)
    assert isinstance(app.screen, DebriefScreen)
    app.finished, app.running = False, True  # the debrief has shown every tab; now a teacher clicks on
    yield app
    app.close()


def test_report_button_writes_html_and_markdown(debrief: App, tmp_path: Path) -> None:
    click(debrief, button(debrief, "Report"))
    reports = tmp_path / "saves" / "reports"
    html = (reports / "tutorial-seed5-report.html").read_text(encoding="utf-8")
    md = (reports / "tutorial-seed5-report.md").read_text(encoding="utf-8")
    assert "<svg " in html and "## Timeline" in md and "bot (heuristic)" in md
    assert "Report written" in debrief.notice


def test_what_if_button_forks_plays_out_and_saves(debrief: App, tmp_path: Path) -> None:
    click(debrief, button(debrief, "What if"))
    screen = debrief.screen
    assert isinstance(screen, WhatIfScreen)
    click(debrief, button(debrief, "Turn 1 of"))
    assert screen.turn == 2
    click(debrief, button(debrief, "Move: "))
    assert screen.move_index == 1
    click(debrief, button(debrief, "Play it out"))
    outcome = screen.outcome
    assert outcome is not None and outcome.turn == 2 and outcome.forked.is_over()
    chosen = screen.choices()[1]
    made = next(d for d in screen.record.game.decisions if d["turn"] == 2 and d["actor"] == screen.actor)
    assert all((m.move, m.target) != (made["move"], made.get("target")) for m in screen.choices())
    assert outcome.was != outcome.changed_to
    moves = [d for d in outcome.forked.decisions if d["turn"] == 2 and d["actor"] == screen.actor]
    assert moves[0]["move"] == chosen.move
    click(debrief, button(debrief, "Save the comparison"))
    saved = list((tmp_path / "saves" / "reports").glob("tutorial-whatif-t2-*.html"))
    assert len(saved) == 1 and "as played" in saved[0].read_text(encoding="utf-8")
    click(debrief, button(debrief, "Back to the debrief"))
    assert isinstance(debrief.screen, DebriefScreen)
