"""Real or fictional names: with `--names fictional` (or the setup toggle) no real name survives anywhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.classroom.names import apply_names, real_names, replacer
from game.cli.main import main
from game.scenario.loader import load_scenario
from game.scenario.models import Alias
from game.ui import drawing
from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.saves import read_save, write_save
from game.ui.screens.base import Screen
from game.ui.screens.board import BoardScreen
from game.ui.screens.deal import AnswerScreen
from game.ui.start import first_screen
from tests.classroom.conftest import ARTICLE, CUBA, logged_game

ALIASED = [ARTICLE, CUBA]


def survivors(scenario: Path, texts: list[str]) -> list[tuple[str, str]]:
    """(real name, text) for every real name found in a text: as a substring (4 letters or more), else as a word."""
    found = []
    joined = "\n".join(texts)
    for real in real_names(load_scenario(scenario)):
        pattern = re.escape(real) if len(real) >= 4 else rf"(?<![\w]){re.escape(real)}(?![\w])"
        match = re.search(pattern, joined)
        if match:
            found.append((real, joined[max(0, match.start() - 60) : match.end() + 30]))
    return found


def test_replacer_takes_whole_words_longest_first() -> None:
    scenario = load_scenario(ARTICLE).model_copy(
        update={
            "aliases": [
                Alias(real="Korea", fictional="K"),
                Alias(real="North Korea", fictional="NK"),
                Alias(real="US", fictional="Union"),
            ]
        }
    )
    replace = replacer(scenario)
    assert replace("North Korea's fuel; South Korea; US aid; USSR; BUS") == "NK's fuel; South K; Union aid; USSR; BUS"


def test_fictional_names_change_words_only(tmp_path: Path) -> None:
    real = load_scenario(ARTICLE)
    fictional = apply_names(real, "fictional")
    assert [a.id for a in fictional.actors] == [a.id for a in real.actors]
    assert [m.condition for m in fictional.moves] == [m.condition for m in real.moves]
    assert fictional.actors[0].name != real.actors[0].name
    assert all(s.url is None for s in fictional.meta.sources)
    assert apply_names(real, "real") is real
    # the same seed plays the same game: same decisions, same ending and scores
    real_log = logged_game(ARTICLE, 4, tmp_path)
    fictional_log = logged_game(ARTICLE, 4, tmp_path, "fictional")
    import json

    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (real_log, fictional_log))
    assert [(d["actor"], d.get("move"), d.get("accept")) for d in a["decisions"]] == [
        (d["actor"], d.get("move"), d.get("accept")) for d in b["decisions"]
    ]
    assert a["result"]["scores"] == b["result"]["scores"] and a["result"]["ending"] == b["result"]["ending"]
    assert b["names"] == "fictional" and "names" not in a
    assert main(["replay", str(fictional_log)]) == 0
    # a fictional game reported with the real names: the bots' recorded reasons are translated back
    assert main(["report", str(fictional_log), "--names", "real", "-o", str(tmp_path / "real.md")]) == 0
    back = (tmp_path / "real.md").read_text(encoding="utf-8")
    assert "Pyongyang" in back and "Hanmun" not in back


@pytest.mark.parametrize("scenario", ALIASED, ids=lambda p: p.stem)
def test_run_report_and_briefings_print_no_real_name(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = []
    for seed in (1, 2):
        log = tmp_path / f"{seed}.json"
        assert main(["run", str(scenario), "--seed", str(seed), "--names", "fictional", "--log", str(log)]) == 0
        texts.append(capsys.readouterr().out)
        for out in ("r.html", "r.md"):
            assert main(["report", str(log), "-o", str(tmp_path / out)]) == 0
            texts.append((tmp_path / out).read_text(encoding="utf-8"))
    real_log = logged_game(scenario, 3, tmp_path)
    assert main(["report", str(real_log), "--names", "fictional", "-o", str(tmp_path / "x.html")]) == 0
    texts.append((tmp_path / "x.html").read_text(encoding="utf-8"))
    assert main(["briefings", str(scenario), "--names", "fictional", "-o", str(tmp_path / "b.html")]) == 0
    texts.append((tmp_path / "b.html").read_text(encoding="utf-8"))
    assert survivors(scenario, texts) == []
    # and the check does find them with real names
    assert main(["briefings", str(scenario), "-o", str(tmp_path / "real.html")]) == 0
    assert survivors(scenario, [(tmp_path / "real.html").read_text(encoding="utf-8")])


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the interface draws or hands to a widget (labels, buttons, tooltips, text boxes)."""
    texts: list[str] = []

    def wrap(owner: Any, name: str, pick: Callable[..., list[str]]) -> None:
        original = getattr(owner, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            texts.extend(t for t in pick(*args, **kwargs) if isinstance(t, str))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)

    wrap(drawing, "text", lambda surface, words, *a, **k: [words])
    wrap(drawing, "paragraph", lambda surface, words, *a, **k: [words])
    wrap(Screen, "button", lambda self, rect, label, *a, **k: [label, k.get("tooltip")])
    wrap(Screen, "label", lambda self, rect, words, *a, **k: [words])
    wrap(Screen, "text_box", lambda self, rect, html, *a, **k: [html])
    yield texts


def play_through_screens(app: App, limit: int = 4000) -> None:
    """Drive every screen until the debrief has shown all its tabs: human boards pick their first card
    once a turn and then pass, answers accept, every other screen does its main action."""
    picked: set[tuple[int, str]] = set()
    for _ in range(limit):
        app.step(pygame.event.get())
        screen = app.screen
        if app.finished:
            return
        if isinstance(screen, BoardScreen) and screen.viewer is not None:
            key = (screen.flow.session.game.turn, screen.viewer)
            press = pygame.K_0 if key in picked or not screen.cards else pygame.K_1
            picked.add(key)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=press, mod=0, unicode="", scancode=0))
        elif isinstance(screen, AnswerScreen):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0))
        else:
            screen.auto()
    raise AssertionError(f"the game did not end within {limit} frames (on {app.screen.name})")


@pytest.mark.parametrize("scenario", ALIASED, ids=lambda p: p.stem)
def test_a_whole_game_through_the_screens_shows_no_real_name(scenario: Path, shown: list[str], tmp_path: Path) -> None:
    app = App(Options(save_dir=tmp_path / "saves", seed=3))
    try:
        entry = load_entry(scenario)
        human = entry.compiled.actors[-1]  # type: ignore[union-attr]
        app.go(first_screen(app, entry, {a: "human" if a == human else "heuristic" for a in entry.compiled.actors}))  # type: ignore[union-attr]
        app.step([])
        assert app.screen.name == "setup"
        assert survivors(scenario, shown), "the setup screen shows the real names before the toggle"
        toggle = next(b.widget for b in app.screen.buttons if b.widget.text == "Names: real")
        toggle_action = next(b for b in app.screen.buttons if b.widget is toggle)
        shown.clear()
        toggle_action.action()
        app.step([])
        assert any(b.widget.text == "Names: fictional" for b in app.screen.buttons)
        play_through_screens(app)
        assert app.flow is not None
        session = app.flow.session
        assert session.game.is_over() and session.names == "fictional"
        fictional = load_entry(scenario, "fictional").compiled
        assert fictional is not None
        assert any(fictional.actor_models[human].briefing.basic[:60] in t for t in shown), "no briefing screen"
        assert any("Revealed now" in t for t in shown), "no debrief hidden-moves tab"
        assert len(set(shown)) > 50
        assert survivors(scenario, shown) == []
        # the save remembers the names and loads back with them
        save = write_save(session, tmp_path / "saves")
        assert read_save(save).names == "fictional"
        assert read_save(save).game.state_hash() == session.game.state_hash()
    finally:
        app.close()
