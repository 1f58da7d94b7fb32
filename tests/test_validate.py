"""`parley validate`: source excerpts with a caret, hints, file order, JSON for tools, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.diagnostics import Diagnostic
from game.scenario.report import render
from tests.conftest import TUTORIAL

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
BAD = sorted((SCENARIOS / "bad").glob("*.yaml"))


def test_an_error_shows_its_line_and_a_caret_under_the_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = SCENARIOS / "bad" / "unknown_actor.yaml"
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    first, excerpt, caret = err[:3]
    assert first == f"{path.as_posix()}:27:22: error: unknown actor 'rusia'; did you mean 'russia'?"
    source = path.read_text(encoding="utf-8").splitlines()[26]
    assert excerpt == f"   27 | {source}"
    assert caret.index("^") == excerpt.index("| ") + 2 + 21
    assert excerpt[caret.index("^") :].startswith("rusia")


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_the_first_line_of_each_diagnostic_is_unchanged(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(SCENARIOS)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert main(["validate", f"bad/{path.name}"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("bad/")] == expected


def test_warnings_show_a_hint_and_do_not_fail(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SCENARIOS)
    assert main(["validate", "lint/unreachable_states.yaml"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("lint/unreachable_states.yaml:52:14: warning: no transition enters state 'broken'")
    assert out[1].startswith("   52 |") and out[2].endswith("^")
    assert out[3] == "      = hint: add a transition with 'dest: broken', or remove the state"
    assert out[-1] == "lint/unreachable_states.yaml: ok (3 warnings)"


def test_no_lint_reports_errors_only(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SCENARIOS)
    assert main(["validate", "--no-lint", "lint/unreachable_states.yaml"]) == 0
    assert capsys.readouterr().out.splitlines() == ["lint/unreachable_states.yaml: ok"]


def test_problems_come_in_line_order(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SCENARIOS)
    assert main(["validate", "--format", "json", "lint/unreachable_goals.yaml", "bad/several_errors.yaml"]) == 1
    found = json.loads(capsys.readouterr().out)
    for name in ("lint/unreachable_goals.yaml", "bad/several_errors.yaml"):
        positions = [(d["line"], d["column"]) for d in found if d["file"] == name]
        assert len(positions) >= 3 and positions == sorted(positions)


def test_json_format_for_tools(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SCENARIOS)
    code = main(["validate", "--format", "json", "lint/actor_without_moves.yaml", "bad/missing_key.yaml",
                 str(TUTORIAL)])  # fmt: skip
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    warning = {"file": "lint/actor_without_moves.yaml", "line": 49, "column": 9, "severity": "warning"}
    warning |= {"message": "actor 'china' has no moves: it can only pass"}
    warning |= {"hint": "add 'china' to the 'actors' list of a move"}
    warning |= {"code": "actor-without-moves", "suppressed": False}
    error = {"file": "bad/missing_key.yaml", "line": 25, "column": 5, "severity": "error"}
    error |= {"message": "missing required key 'log'", "hint": None, "code": None, "suppressed": False}
    assert json.loads(captured.out) == [warning, error]


def test_json_of_valid_files_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(TUTORIAL)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_excerpt_of_a_hostile_or_long_line_stays_on_one_line() -> None:
    lines = ["title: '\x1b[31mred' " + "x" * 300 + " here"]
    diagnostic = Diagnostic("f.yaml", 1, len(lines[0]) - 3, "error", "bad")
    first, excerpt, caret = render(diagnostic, lines)
    assert first == "f.yaml:1:320: error: bad"
    assert "\x1b" not in excerpt and "red" not in excerpt, "the start of a long line is cut off"
    assert len(excerpt) < 170
    assert excerpt[caret.index("^") :].startswith("here")
    _, excerpt, caret = render(Diagnostic("f.yaml", 1, 14, "error", "bad"), lines)
    assert "\x1b" not in excerpt and "\\x1b[31mred" in excerpt
    assert excerpt[caret.index("^") :].startswith("red")
    wide = Diagnostic("f.yaml", 1, 10, "error", "bad", hint="fix it")
    rendered = render(wide, ["name: 北京 x"])
    assert rendered[2].index("^") == rendered[1].index("| ") + 2 + 6 + 2 * 2 + 1
    assert rendered[3].endswith("= hint: fix it")


def test_no_excerpt_when_the_line_does_not_exist() -> None:
    assert render(Diagnostic("f.yaml", 9, 1, "error", "gone"), ["one line"]) == ["f.yaml:9:1: error: gone"]
    assert render(Diagnostic("f.yaml", 1, 1, "error", "unreadable"), None) == ["f.yaml:1:1: error: unreadable"]
