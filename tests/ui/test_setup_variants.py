"""The setup screen offers a scenario's lesson variants; the game, its saves and its autosave keep the one chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.classroom.autosave import autosave_dir, autosave_file, read_autosave
from game.cli.main import main
from game.logfile import read_log
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.flow import Flow
from game.ui.saves import read_save, write_save
from game.ui.screens.setup import SetupScreen
from game.ui.start import first_screen
from tests.ui.conftest import ROOT, TUTORIAL, button, click, frame

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"
SHORT, FULL = "One lesson (45 minutes)", "Two lessons (2 x 45 minutes)"


def _setup(make_app: Callable[..., App], path: Path = SUMMIT, variant: str | None = None, **options: object) -> App:
    app = make_app(seed=2, **options)
    entry = load_entry(path, variant=variant)
    assert entry.compiled is not None
    app.go(first_screen(app, entry, {a: "heuristic" for a in entry.compiled.actors}))
    frame(app)
    assert isinstance(app.screen, SetupScreen)
    return app


def _selected(app: App) -> list[str]:
    return [b.widget.text for b in app.screen.buttons if b.widget.is_selected]


def test_each_variant_is_offered_with_the_scenarios_default_chosen(make_app: Callable[..., App]) -> None:
    app = _setup(make_app)
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    assert [c.id for c in screen.entry.variants] == ["short", "full"]
    assert screen.entry.variant == "full", "the scenario marks full `default: true`"
    assert _selected(app) == [FULL]
    tip = button(app, SHORT).tool_tip_text  # type: ignore[attr-defined]
    assert tip.startswith("4 turns, 1 move a turn, about 45 minutes. Four months")
    chosen = screen.chosen_variant()
    assert chosen is not None and chosen.length == "7 turns, 2 moves a turn, about 90 minutes"


def test_choosing_the_short_lesson_plays_four_turns_of_one_move(make_app: Callable[..., App]) -> None:
    app = _setup(make_app)
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    click(app, button(app, "Bot: thoughtful"))  # a seat changed before the variant ...
    changed = dict(screen.seats)
    click(app, button(app, SHORT))
    assert screen.entry.variant == "short" and _selected(app) == [SHORT]
    assert screen.seats == changed, "... stays as it was"
    assert (screen.compiled.meta.turns, screen.compiled.meta.actions_per_turn) == (4, 1)
    click(app, button(app, "Start the game"))
    assert isinstance(app.flow, Flow)
    session = app.flow.session
    assert session.variant == "short" and session.compiled.meta.turns == 4
    assert session.document()["variant"] == "short"


def test_a_save_and_the_autosave_resume_the_variant(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = _setup(make_app, variant="short")
    click(app, button(app, "Start the game"))
    assert app.flow is not None
    for _ in range(200):
        if app.flow.session.game.turn > 1:
            break
        app.screen.auto()
        frame(app)
    assert app.flow.session.game.turn == 2
    session = app.flow.session
    saved = read_save(write_save(session, tmp_path / "saves"))
    assert saved.variant == "short" and saved.compiled.meta.turns == 4
    assert saved.game.state_hash() == session.game.state_hash()
    resumed = read_autosave(autosave_dir(tmp_path / "saves"))
    assert resumed.variant == "short" and resumed.compiled.meta.actions_per_turn == 1


def test_names_toggle_keeps_the_variant(make_app: Callable[..., App]) -> None:
    app = _setup(make_app, variant="short")
    click(app, button(app, "Names: real"))
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    assert screen.entry.names == "fictional" and screen.entry.variant == "short"


def test_without_a_default_the_whole_scenario_is_offered_first(make_app: Callable[..., App], tmp_path: Path) -> None:
    path = tmp_path / "summit.yaml"
    path.write_text(SUMMIT.read_text(encoding="utf-8").replace("    default: true\n", ""), encoding="utf-8")
    app = _setup(make_app, path)
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    assert [c.id for c in screen.entry.variants] == [None, "short", "full"]
    assert screen.entry.variant is None and _selected(app) == ["The whole scenario"]


def test_a_scenario_without_variants_offers_no_choice(make_app: Callable[..., App]) -> None:
    app = _setup(make_app, TUTORIAL)
    assert not _selected(app)
    assert not any("lesson" in b.widget.text.lower() for b in app.screen.buttons)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
def test_the_setup_buttons_never_overlap(make_app: Callable[..., App], size: tuple[int, int], scale: float) -> None:
    """Every button inside the window and clear of the others, at each supported size and text size."""
    app = _setup(make_app, size=size, scale=scale)
    rects = [b.widget.rect for b in app.screen.buttons]
    window = pygame.Rect(0, 0, *size)
    assert all(window.contains(r) for r in rects), [r for r in rects if not window.contains(r)]
    overlaps = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.colliderect(b)]
    assert not overlaps


def test_parley_play_variant_plays_it_through_the_screens(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    code = main(["play", str(SUMMIT), "--variant", "short", "--all-bots", "--until-end", "--seed", "4",
                 "--save-dir", str(saves)])  # fmt: skip
    assert code == 0
    log = read_log(autosave_file(autosave_dir(saves)))
    assert log.variant == "short" and 1 <= len(log.turns) <= 4


def test_parley_play_with_an_unknown_variant_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(SUMMIT), "--variant", "long"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["--variant: no lesson variant 'long' (this scenario declares: short, full)"]
