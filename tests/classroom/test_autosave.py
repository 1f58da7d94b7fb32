"""Autosave after every phase and exact resume: in process, through the screens, and after real kills."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.classroom.autosave import autosave_dir, autosave_file, read_autosave, write_autosave
from game.cli.main import main
from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.saves import SaveError
from game.ui.session import Session
from game.ui.start import first_screen
from tests.classroom.conftest import ARTICLE, ROOT, TUTORIAL
from tests.classroom.test_names import play_through_screens
from tests.conftest import compiled
from tests.ui.conftest import button, click


def _finish(session: Session) -> Session:
    while session.proceed().kind != "over":
        pass
    return session


def _bots_session(scenario: Path, seed: int) -> Session:
    game = compiled(scenario)
    return Session.start(game, str(scenario), "0" * 64, {a: "heuristic" for a in game.actors}, seed)


@pytest.mark.parametrize("stop", [1, 3, 5])
def test_resume_goes_on_exactly_as_the_interrupted_game(stop: int, tmp_path: Path) -> None:
    whole = _finish(_bots_session(ARTICLE, 4))
    session = _bots_session(ARTICLE, 4)
    while (step := session.proceed()).kind != "resolved" or step.turn != stop:
        pass
    write_autosave(session, tmp_path)
    resumed = read_autosave(tmp_path)
    assert resumed.game.state_hash() == session.game.state_hash()
    assert _finish(resumed).game.state_hash() == whole.game.state_hash()


def test_the_previous_autosave_is_kept_and_used_when_the_last_is_damaged(tmp_path: Path) -> None:
    session = _bots_session(TUTORIAL, 2)
    session.proceed()
    write_autosave(session, tmp_path)
    first = session.game.state_hash()
    session.proceed()
    write_autosave(session, tmp_path)
    assert read_autosave(tmp_path).game.state_hash() == session.game.state_hash()
    autosave_file(tmp_path).write_text('{"format": "parley-log", "ver', encoding="utf-8")
    assert read_autosave(tmp_path).game.state_hash() == first


def test_an_unknown_or_newer_version_fails_with_a_clear_message(tmp_path: Path) -> None:
    session = _bots_session(TUTORIAL, 2)
    session.proceed()
    path = write_autosave(session, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    document["version"] = 99
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SaveError, match=r"written by a newer Parley \(version 99; this one reads 2\): update Parley"):
        read_autosave(tmp_path)
    document["version"] = "one"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SaveError, match=r"version 'one' is not supported \(this Parley reads 2\)"):
        read_autosave(tmp_path)
    with pytest.raises(SaveError, match="no autosaved game"):
        read_autosave(tmp_path / "empty")


WRITER = """
import sys
from pathlib import Path
from game.classroom.autosave import write_autosave
from tests.classroom.test_autosave import _bots_session
folder = Path(sys.argv[1])
session = _bots_session(Path(sys.argv[2]), 3)
print("ready", flush=True)
while True:
    if session.proceed().kind == "over":
        session = _bots_session(Path(sys.argv[2]), 3)
    write_autosave(session, folder)
"""


@pytest.mark.parametrize("kills", [pytest.param(4, id="4"), pytest.param(40, id="40", marks=pytest.mark.slow)])
def test_killing_a_writing_process_never_leaves_an_unreadable_autosave(kills: int, tmp_path: Path) -> None:
    rng = random.Random(kills)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = 0
    for _ in range(kills):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(TUTORIAL)], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE)  # fmt: skip
        assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        done += 1
        session = read_autosave(tmp_path)  # always the previous or the new autosave, never a mixture
        assert session.game.decisions or session.game.turn == 1
    assert done == kills


def test_a_killed_game_resumes_exactly(tmp_path: Path) -> None:
    """A real `parley play` process, bots in every seat, is killed mid-game; the resumed game ends as the whole one."""
    whole = _finish(_bots_session(ARTICLE, 6))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    folder = autosave_dir(tmp_path / "saves")
    argv = [sys.executable, "-m", "game", "play", str(ARTICLE), "--all-bots", "--until-end", "--seed", "6",
            "--save-dir", str(tmp_path / "saves")]  # fmt: skip
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not autosave_file(folder).is_file():
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    session = read_autosave(folder)
    assert not session.game.is_over(), "killed too late to prove anything"
    assert _finish(session).game.state_hash() == whole.game.state_hash()


def test_continue_on_the_title_screen_and_play_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saves = tmp_path / "saves"
    app = App(Options(save_dir=saves, seed=5))
    entry = load_entry(TUTORIAL)
    assert entry.compiled is not None
    app.go(first_screen(app, entry, {"upland": "human", "lowland": "heuristic"}))
    for _ in range(12):  # setup, briefing, a board, a summary...: then the window is gone
        app.step([])
        app.screen.auto()
    assert app.flow is not None
    left = app.flow.session.game.state_hash()
    app.close()
    again = App(Options(save_dir=saves, seed=99))
    try:
        from game.ui.screens.title import TitleScreen

        again.go(TitleScreen(again))
        again.step([])
        click(again, button(again, "Continue the last game"))
        assert again.flow is not None and again.flow.session.game.state_hash() == left
        play_through_screens(again)
        assert again.flow.session.game.is_over()
    finally:
        again.close()
    assert main(["play", "--resume", "--save-dir", str(tmp_path / "nothing" / "saves")]) == 1
    assert main(["play", "--resume", str(TUTORIAL)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "no autosaved game in" in err[0] and "give no SCENARIO" in err[1]
    shot = tmp_path / "resumed.png"
    assert main(["play", "--resume", "--save-dir", str(saves), "--screenshot", str(shot)]) == 0
    assert shot.is_file()
