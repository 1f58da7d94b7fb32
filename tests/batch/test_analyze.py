"""`parley analyze` finds problems planted in a small scenario, points at their lines, and exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.batch.lint import find_findings
from game.batch.run import play_batch
from game.engine import compile_scenario
from game.scenario.loader import load_scenario
from tests.batch.test_batch import parley
from tests.conftest import TUTORIAL

PLANTED = Path(__file__).parent / "planted.yaml"


def _line_of(text: str) -> int:
    lines = PLANTED.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_analyze_finds_the_planted_problems_and_exits_1() -> None:
    result = parley("analyze", str(PLANTED), "-n", "30", "--jobs", "1")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    impossible = f"{PLANTED}:{_line_of('id: impossible')}:"
    ghost = f"{PLANTED}:{_line_of('states: [cold, warm, ghost]')}:"
    assert any(line.startswith(impossible) and "error: move 'impossible' was never legal" in line
               for line in out.splitlines()), out  # fmt: skip
    assert any(line.startswith(ghost) and "error: track 'mood' never entered state 'ghost'" in line
               for line in out.splitlines()), out  # fmt: skip
    assert "warning: event 'never_news' never fired" in out
    assert "2 errors" in out.splitlines()[-1]


def test_analyze_json() -> None:
    result = parley("analyze", str(PLANTED), "-n", "20", "--jobs", "2", "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    kinds = {(f["severity"], f["kind"], f["subject"]) for f in document["findings"]}
    assert ("error", "move-never-legal", "impossible") in kinds
    assert ("error", "state-never-entered", "mood.ghost") in kinds
    assert ("warning", "event-never-fired", "never_news") in kinds
    assert ("error", "move-never-legal", "trade") not in kinds
    assert document["counts"]["error"] == 2
    assert all("line" in f for f in document["findings"] if f["kind"] != "uneven-wins")


def test_a_clean_scenario_has_no_errors() -> None:
    compiled = compile_scenario(load_scenario(TUTORIAL))
    explore = play_batch(compiled, dict.fromkeys(compiled.actors, "random"), 1, 150)
    play = play_batch(compiled, dict.fromkeys(compiled.actors, "heuristic"), 2, 40)
    findings = find_findings(explore, play)
    assert [f for f in findings if f.severity == "error"] == []
    assert {f.kind for f in findings} <= {
        "event-never-fired", "move-never-chosen", "dominant-move", "dominant-actor", "uneven-wins",
        "objective-never-met", "ending-never-reached", "deal-never-accepted", "move-never-legal-for",
        "move-never-takes-effect",
    }  # fmt: skip


@pytest.mark.parametrize(("args", "words"), [(("--format", "xml"), "invalid choice"), (("-n", "-4"), "at least 1")])
def test_user_mistakes(args: tuple[str, ...], words: str) -> None:
    result = parley("analyze", str(PLANTED), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert words in result.stderr
