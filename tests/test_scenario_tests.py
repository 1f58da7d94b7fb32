"""`parley test`: YAML scenario tests run, pass, and point at the line of every failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.authoring.scenario_tests import find_test_files, load_tests
from game.cli.main import main
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, SHIPPED, SHIPPED_IDS, TUTORIAL

TUTORIAL_TESTS = ROOT / "scenarios" / "tests" / "tutorial.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the tutorial in an empty folder (so only the tests a test writes are found)."""
    return Path(shutil.copy(TUTORIAL, tmp_path / "tutorial.yaml"))


def test_the_tutorial_tests_pass(capsys: pytest.CaptureFixture[str]) -> None:
    loaded = load_tests(TUTORIAL_TESTS)
    assert loaded.tests is not None and len(loaded.tests.tests) >= 4
    assert main(["test", str(TUTORIAL)]) == 0
    out = capsys.readouterr().out
    assert f"{len(loaded.tests.tests)} passed, 0 failed" in out
    assert "ok    an accepted water sale moves water and money, and warms relations" in out


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_every_shipped_scenario_passes_its_tests(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--quiet", str(path)]) == 0, capsys.readouterr().err


def test_no_tests_is_a_pass(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert find_test_files(scenario) == []
    assert main(["test", str(scenario)]) == 0
    assert "no tests" in capsys.readouterr().out


def test_test_files_are_found_beside_the_scenario_and_in_tests(scenario: Path) -> None:
    (scenario.parent / "tests").mkdir()
    beside = write(scenario.parent, "tutorial.tests.yaml", "tests: []\n")
    more = write(scenario.parent / "tests", "tutorial_more.yaml", "tests: []\n")
    first = write(scenario.parent / "tests", "tutorial.yaml", "tests: []\n")
    write(scenario.parent / "tests", "other.yaml", "tests: []\n")
    assert find_test_files(scenario) == [beside, first, more]


FAILING = """\
scenario: tutorial
tests:
  - name: wrong numbers
    seed: 1
    decisions:
      - {turn: 1, actor: upland, move: sell_water, target: lowland}
      - {actor: lowland, accept: true}
    expect:
      variables:
        lowland.water: 61
      flags: {talks_open: true}
  - name: wrong ending
    expect:
      after_turn: end
      ending: treaty_signed
  - name: not over yet
    expect: {ending: uneasy_peace}
  - name: an answer with nothing to answer
    decisions:
      - {turn: 2, actor: lowland, accept: true}
    expect: {over: false}
  - name: an illegal move
    decisions:
      - {turn: 1, actor: lowland, move: protest, target: upland}
    expect: {over: false}
  - name: a check before the last decision
    decisions:
      - {turn: 3, actor: upland, move: pass}
    expect: [{after_turn: 1, over: false}]
  - name: names the scenario does not have
    decisions:
      - {actor: uplnd, move: sell_waters}
    expect:
      variables: {upland.mony: 3}
      tracks: {relations: tens}
      ending: uneasy_pease
"""


def test_failures_point_at_their_lines(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tests = write(scenario.parent, "tutorial.tests.yaml", FAILING)
    assert main(["test", str(scenario)]) == 1
    captured = capsys.readouterr()
    name = tests.as_posix()
    errors = [line.removeprefix(name + ":") for line in captured.err.splitlines() if line.startswith(name)]
    # the engine words the reason a move is unavailable; only the start is ours
    errors = [e[: e.index("available: ") + 11] + "..." if "is not available: " in e else e for e in errors]
    assert errors == [
        "10:9: error: test 'wrong numbers': expected lowland.water == 61, got 62",
        "11:15: error: test 'wrong numbers': expected flag talks_open == true, got false",
        "15:15: error: test 'wrong ending': expected ending treaty_signed, got uneasy_peace on turn 5",
        "17:22: error: test 'not over yet': expected ending uneasy_peace, but the game is not over (turn 1)",
        "20:9: error: test 'an answer with nothing to answer': no proposal was made on turn 2, so lowland has nothing"
        " to answer",
        "24:9: error: test 'an illegal move': illegal decision on turn 1: 'Protest to the neighbours' is not "
        "available: ...",
        "29:27: error: test 'a check before the last decision': turn 1 is over before the last decision (turn 3)",
        "32:17: error: test 'names the scenario does not have': unknown actor 'uplnd'; did you mean 'upland'?",
        "32:30: error: test 'names the scenario does not have': unknown move 'sell_waters'; did you mean 'sell_water'?",
        "34:19: error: test 'names the scenario does not have': unknown variable 'upland.mony'; did you mean "
        "'upland.money'?",
        "35:16: error: test 'names the scenario does not have': track 'relations' has no state 'tens'; did you mean "
        "'tense'?",
        "36:15: error: test 'names the scenario does not have': unknown ending 'uneasy_pease'; did you mean "
        "'uneasy_peace'?",
    ]
    assert "FAIL  wrong numbers" in captured.err
    assert "0 passed, 7 failed" in captured.out
    assert "   10 |         lowland.water: 61" in captured.err, "the failing line is shown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tests:\n  - name: x\n    sed: 2\n    expect: {over: false}\n",
         "3:5: error: unknown key 'sed'; did you mean 'seed'?"),
        ("tests:\n  - name: x\n", "2:5: error: missing required key 'expect'"),
        ("tests:\n  - name: x\n    expect: {}\n",
         "3:13: error: a check needs at least one of variables, tracks, flags, scores, ending, over"),
        ("tests:\n  - name: x\n    decisions: [{actor: upland, move: pass, accept: true}]\n    expect: {over: false}\n",
         "3:17: error: a decision needs either 'move' (a move id or pass) or 'accept' (true or false)"),
        ("tests:\n  - name: x\n    expect: {variables: {upland.money: 'about 40'}}\n",
         "3:40: error: expected a number or a comparison such as '>= 40', got 'about 40'"),
        ("tests:\n  - name: x\n    seed: '3'\n    expect: {over: false}\n",
         "3:11: error: input should be a valid integer, got '3'"),
        ("- a list\n", "1:1: error: a test file is a mapping with the key 'tests' (a list of tests)"),
        ("tests: [\n",
         "2:1: error: invalid YAML: did not find expected node content (while parsing a flow node at line 2)"),
        ("tests:\n  - &a {name: x}\n", "2:5: error: YAML aliases and anchors are not allowed"),
    ],
)  # fmt: skip
def test_bad_test_files_are_one_line_per_problem(
    text: str, expected: str, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tests = write(scenario.parent, "tutorial.tests.yaml", text)
    assert main(["test", str(scenario)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"{tests.as_posix()}:{expected}"
    assert "Traceback" not in err


def test_tests_for_another_scenario_are_skipped(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        scenario.parent,
        "tutorial.tests.yaml",
        "scenario: pyongyang_summit\ntests:\n  - {name: x, expect: {over: true}}\n",
    )
    assert main(["test", str(scenario)]) == 0
    assert "skipped (its tests are for scenario 'pyongyang_summit')" in capsys.readouterr().out


def test_explicit_test_files_and_one_line_mistakes(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(scenario), str(TUTORIAL_TESTS)]) == 0
    assert main(["test", str(scenario), "nowhere.yaml"]) == 1
    assert capsys.readouterr().err.strip().endswith("nowhere.yaml: no such test file")
    assert main(["test", "no/such/scenario.yaml"]) == 1


def test_decisions_on_a_later_turn_complete_the_earlier_turns(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = """\
tests:
  - name: a later turn
    seed: 3
    decisions:
      - {turn: 3, actor: upland, move: sell_power}
    expect:
      variables: {upland.money: 42}
      scores: {upland: 3}
"""
    write(scenario.parent, "tutorial.tests.yaml", text)
    assert load_scenario(scenario).meta.id == "tutorial"
    assert main(["test", str(scenario)]) == 0, capsys.readouterr().err
