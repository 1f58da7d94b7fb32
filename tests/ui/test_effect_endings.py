"""The interface with the format's additions: a game an effect ends reaches the debrief, which says what caused it,
and the board says how long a timed flag still holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.engine import PUBLIC, view
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.flow import Flow
from game.ui.screens.board import BoardScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.session import Session
from tests.test_effects_docs import COMPLETE
from tests.ui.conftest import frame


def _session(tmp_path: Path, seed: int) -> Session:
    path = tmp_path / "grain_corridor.yaml"
    path.write_text(COMPLETE, encoding="utf-8")
    entry = load_entry(path)
    assert entry.compiled is not None
    return Session.start(entry.compiled, str(path), entry.sha256, dict.fromkeys(entry.compiled.actors, "random"), seed)


def test_the_debrief_says_what_ended_the_game(make_app: Callable[..., App], tmp_path: Path) -> None:
    session = _session(tmp_path, 7)  # seed 7: Russia leaves the deal in turn 5 (as `parley run --seed 7` shows)
    while session.proceed().kind != "over":
        session.new_turn()
    assert session.game.state["result"]["cause"]["id"] == "final_exit"
    app = make_app()
    debrief = DebriefScreen(app, Flow(app, session, briefed=True))
    app.go(debrief)
    frame(app)
    assert "Caused by a move: Russia leaves the grain deal for good." in debrief._results_html()


def test_the_board_says_how_long_a_timed_flag_holds(make_app: Callable[..., App], tmp_path: Path) -> None:
    session = _session(tmp_path, 1)
    game = session.game
    while not view(game, PUBLIC).flag_turns and not game.is_over():
        session.proceed()
        session.new_turn()
        if game.turn > 5:
            break
    flag_turns = view(game, PUBLIC).flag_turns
    assert flag_turns, "no timed flag was set in the first turns of seed 1"
    app = make_app()
    flow = Flow(app, session, briefed=True)
    board = BoardScreen(app, flow, None)
    app.go(board)
    frame(app)
    left = next(iter(flag_turns.values()))
    words = f"({left} more turn" if left else "(until the end of this turn)"
    assert words in board._news_html()
