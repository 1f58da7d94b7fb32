"""A hosted room plays a lesson variant: journaled with the room, kept on resume, a mismatch refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main
from game.engine import compile_scenario
from game.net.journal import JournalError
from game.net.room import Room
from game.scenario.loader import load_scenario
from game.scenario.variants import apply_variant
from tests.conftest import ROOT

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"


def test_a_room_plays_the_variant_and_keeps_it_on_resume(tmp_path: Path) -> None:
    scenario = load_scenario(SUMMIT)
    short = compile_scenario(apply_variant(scenario, "short"))
    path = tmp_path / "room.jsonl"
    room = Room.new(short, 3, {}, path, variant="short")
    assert room.game.compiled.meta.turns == 4
    room.close()
    header = json.loads(path.read_text().splitlines()[0])
    assert header["scenario"]["variant"] == "short"
    again = Room.resume(short, path, "", variant="short")
    assert again.variant == "short" and again.game.compiled.meta.turns == 4
    again.close()
    with pytest.raises(JournalError, match="started as 'short', not 'the whole game'"):
        Room.resume(compile_scenario(scenario), path, "")


def test_a_room_without_a_variant_journals_none(tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    Room.new(compile_scenario(load_scenario(SUMMIT)), 3, {}, path).close()
    assert "variant" not in json.loads(path.read_text().splitlines()[0])["scenario"]
    with pytest.raises(JournalError, match="started as 'the whole game', not 'short'"):
        Room.resume(compile_scenario(apply_variant(load_scenario(SUMMIT), "short")), path, "", variant="short")


def test_host_refuses_an_unknown_variant_and_a_changed_one_on_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(SUMMIT), "--headless", "--bind", "127.0.0.1", "--port", "0"]
    assert main(["host", *args, "--variant", "long", "--journal", str(tmp_path / "a.jsonl")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no lesson variant 'long'" in err[0], err
    path = tmp_path / "room.jsonl"
    Room.new(compile_scenario(apply_variant(load_scenario(SUMMIT), "short")), 3, {}, path, variant="short").close()
    assert main(["host", *args, "--resume", str(path), "--variant", "full"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "was started as short; resume it without --variant" in err[0], err


def test_a_real_host_resumes_as_the_variant_it_was_started_with(tmp_path: Path) -> None:
    """`parley host --variant short`, stopped, then `--resume` with no --variant: the short game again."""
    from tests.net.realhost import start_host

    journal = tmp_path / "room.jsonl"
    first = start_host(str(SUMMIT), "--variant", "short", "--journal", str(journal))
    first.stop()
    assert any("lesson variant short: 4 turns, 1 move(s) a turn" in line for line in first.lines), first.lines
    again = start_host(str(SUMMIT), "--resume", str(journal))
    again.stop()
    assert any("lesson variant short: 4 turns" in line for line in again.lines), again.lines
