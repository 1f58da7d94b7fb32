"""Scenario tests for authors: a shipped schema, decisions in any order within a turn, forced dice, placement help."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from game.authoring import suite_schema as schemas
from game.authoring.scenario_tests import load_tests, run_file
from game.cli.main import main
from game.engine import compile_scenario
from game.scenario.loader import load_scenario
from game.scenario.schema import DRAFT_07, NOT_IN_DRAFT_07, walk
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import ROOT, TUTORIAL

SCHEMA_FILE = ROOT / "scenarios" / "tests.schema.json"
TUTORIAL_TESTS = ROOT / "scenarios" / "tests" / "tutorial.yaml"
DOC_TESTS = ROOT / "docs" / "authoring.md"


def _run(tmp_path: Path, text: str) -> list[str]:
    """The failure lines of one test file run against the tutorial ([] when every test passes)."""
    path = tmp_path / "tutorial.tests.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_tests(path)
    if loaded.tests is None:
        return [d.format() for d in loaded.problems]
    compiled = compile_scenario(load_scenario(TUTORIAL))
    return [d.format().removeprefix(path.as_posix()) for r in run_file(compiled, loaded) for d in r.failures]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_shipped_test_schema_is_current_and_draft_07(tmp_path: Path) -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schemas.tests_schema_text(), (
        "scenarios/tests.schema.json is out of date: run `parley schema --tests -o scenarios/tests.schema.json`"
    )
    schema = schemas.tests_schema()
    assert schema["$schema"] == DRAFT_07
    assert {k for node in walk(schema) for k in node} & NOT_IN_DRAFT_07 == set()
    described = [(name, body) for node in walk(schema) for name, body in node.get("properties", {}).items()]
    assert described and all(body.get("description") for _, body in described)
    assert main(["schema", "--tests", "-o", str(tmp_path / "t.json")]) == 0
    assert (tmp_path / "t.json").read_text(encoding="utf-8") == schemas.tests_schema_text()


def test_shipped_and_documented_test_files_validate_and_carry_the_modeline(
    validator: jsonschema.Draft7Validator,
) -> None:
    text = TUTORIAL_TESTS.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../tests.schema.json"
    data, _ = parse_yaml(text)
    assert list(validator.iter_errors(data)) == []
    doc = DOC_TESTS.read_text(encoding="utf-8")
    block = doc[doc.index("```yaml\nscenario: kelp_bank") + len("```yaml\n") :]
    data, _ = parse_yaml(block[: block.index("```")])
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"tests": [{"name": "x", "expect": {"variables": {"a.b": "about 5"}}}]},
        {"tests": [{"name": "x", "expect": {"over": True}, "after_turn": 2}]},
        {"tests": [{"name": "x", "expect": [{"over": True}], "decisions": [{"actor": "A", "move": "m"}]}]},
        {"tests": []},
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(
    bad: dict[str, object], validator: jsonschema.Draft7Validator, tmp_path: Path
) -> None:
    assert not validator.is_valid(bad)
    path = tmp_path / "bad.tests.yaml"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert load_tests(path).tests is None


def test_one_check_or_a_list_both_validate(validator: jsonschema.Draft7Validator) -> None:
    assert validator.is_valid({"tests": [{"name": "x", "expect": {"over": True}}]})
    assert validator.is_valid(
        {"tests": [{"name": "x", "expect": [{"over": True}, {"after_turn": "end", "over": True}]}]}
    )


ACCEPTED_SALE = """\
tests:
  - name: an accepted sale
    seed: 1
    decisions:
{decisions}
    expect:
      variables: {{upland.reservoir: 50, lowland.water: 62, lowland.money: 48, upland.money: 56}}
"""


@pytest.mark.parametrize(
    "decisions",
    [
        ["{turn: 1, actor: upland, move: sell_water, target: lowland}", "{actor: lowland, accept: true}"],
        ["{turn: 1, actor: lowland, accept: true}", "{actor: upland, move: sell_water, target: lowland}"],
        ["{turn: 1, actor: lowland, accept: true}", "{turn: 1, actor: lowland, move: pass}",
         "{turn: 1, actor: upland, move: sell_water, target: lowland}"],
    ],
    ids=["moves first", "answer first", "answer, pass, move"],
)  # fmt: skip
def test_decisions_in_any_order_within_a_turn(tmp_path: Path, decisions: list[str]) -> None:
    listed = "\n".join(f"      - {d}" for d in decisions)
    assert _run(tmp_path, ACCEPTED_SALE.format(decisions=listed)) == []


def test_turns_out_of_order_name_the_order_expected(tmp_path: Path) -> None:
    listed = "      - {turn: 2, actor: upland, move: pass}\n      - {turn: 1, actor: lowland, move: pass}"
    [failure] = _run(tmp_path, ACCEPTED_SALE.format(decisions=listed))
    assert failure.startswith(":6:16: error: test 'an accepted sale': this decision is for turn 1 but comes after")
    assert "list the decisions turn by turn (within a turn, any order)" in failure


@pytest.mark.parametrize(
    ("where", "text", "words"),
    [
        ("test", "    after_turn: 2\n", "unknown key 'after_turn' here; did you mean to put it in a check?"),
        ("decision", "", "unknown key 'after_turn' here; did you mean to put it in a check?"),
        ("check", "      aftr_turn: 2\n", "unknown key 'aftr_turn'; did you mean 'after_turn'?"),
    ],
)
def test_a_misplaced_after_turn_says_where_it_goes(tmp_path: Path, where: str, text: str, words: str) -> None:
    decision = "{turn: 1, actor: upland, move: pass" + (", after_turn: 2}" if where == "decision" else "}")
    body = f"tests:\n  - name: x\n{text if where == 'test' else ''}    decisions:\n      - {decision}\n"
    body += "    expect:\n" + (text if where == "check" else "") + "      over: false\n"
    [problem] = _run(tmp_path, body)
    assert words in problem, problem


DIVERSION = """\
tests:
  - name: the diversion{detected}
    seed: {seed}
    decisions:
      - {{turn: 1, actor: upland, move: divert_river{forced}}}
    expect:
      variables: {{upland.standing: {standing}}}
      tracks: {{relations: {relations}}}
"""


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_a_forced_detection_holds_whatever_the_seed(tmp_path: Path, seed: int) -> None:
    caught = DIVERSION.format(detected=" is detected", seed=seed, forced=", detected: true", standing=30,
                              relations="tense")  # fmt: skip
    assert _run(tmp_path, caught) == []
    unseen = DIVERSION.format(detected=" stays hidden", seed=seed, forced=", detected: false", standing=50,
                              relations="neutral")  # fmt: skip
    assert _run(tmp_path, unseen) == []


def test_a_forced_roll_still_draws_its_number() -> None:
    """Forcing a roll draws the number anyway, so the rolls after it in the phase are the ones of the seed."""
    from game.authoring.scenario_tests import _ForcedGame

    compiled = compile_scenario(load_scenario(TUTORIAL))
    plain, forced = _ForcedGame(compiled, 7), _ForcedGame(compiled, 7)
    forced.forced[("detect", "upland", "divert_river", 1)] = True
    assert forced._roll(("detect", "upland", "divert_river"), 0.0) is True
    assert plain._roll(("detect", "upland", "divert_river"), 0.0) is False
    assert forced.rng.getstate() == plain.rng.getstate()


def test_detected_only_goes_with_a_covert_move(tmp_path: Path) -> None:
    body = "tests:\n  - name: x\n    decisions:\n      - {turn: 1, actor: lowland, move: dig_wells, detected: true}\n"
    body += "    expect: {over: false}\n"
    [problem] = _run(tmp_path, body)
    assert "move 'dig_wells' is not covert: only a covert move has a detection roll to force" in problem
    body = "tests:\n  - name: x\n    decisions:\n      - {turn: 1, actor: lowland, accept: true, detected: true}\n"
    body += "    expect: {over: false}\n"
    [problem] = _run(tmp_path, body)
    assert "'detected' forces the detection of a covert move: it goes with 'move'" in problem


def test_parley_test_runs_a_file_using_the_new_features(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = Path(shutil.copy(TUTORIAL, tmp_path / "tutorial.yaml"))
    listed = (
        "      - {turn: 1, actor: lowland, accept: true}\n      - {actor: upland, move: sell_water, target: lowland}"
    )
    (tmp_path / "tutorial.tests.yaml").write_text(ACCEPTED_SALE.format(decisions=listed), encoding="utf-8")
    assert main(["test", str(scenario)]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out


def test_the_documented_forced_detection_works_on_the_tutorial_scenario(tmp_path: Path) -> None:
    from tests.test_authoring_docs import SCENARIO

    doc = DOC_TESTS.read_text(encoding="utf-8")
    line = next(x.strip() for x in doc.splitlines() if "detected: true}" in x)
    compiled = compile_scenario(load_scenario_from(tmp_path, SCENARIO))
    tensions = []
    for forced in ("true", "false"):
        path = tmp_path / f"kelp_{forced}.tests.yaml"
        decision = line.removeprefix("- ").replace("detected: true", f"detected: {forced}")
        path.write_text(f"tests:\n  - name: x\n    decisions:\n      - {decision}\n    expect: {{over: false}}\n")
        loaded = load_tests(path)
        assert loaded.tests is not None
        [result] = run_file(compiled, loaded)
        assert result.passed, result.failures
        from game.authoring.scenario_tests import _Runner

        runner = _Runner(compiled, loaded.tests.tests[0])
        runner.run(("tests", 0))
        detected = [e for e in runner.game.state["log"] if e["kind"] == "detected"]
        tensions.append(len(detected))
    assert tensions == [1, 0]


def load_scenario_from(folder: Path, text: str) -> object:
    path = folder / "kelp_bank.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


DROUGHT = """\
tests:
  - name: the drought comes when the test says
    seed: {seed}
    events: {{drought: [{turns}]}}
    expect:
      - {{after_turn: 2, flags: {{drought: {on2}}}}}
      - {{after_turn: 3, flags: {{drought: {on3}}}}}
"""


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_random_event_fires_on_the_turns_a_test_forces(tmp_path: Path, seed: int) -> None:
    assert _run(tmp_path, DROUGHT.format(seed=seed, turns="2", on2="true", on3="true")) == []
    assert _run(tmp_path, DROUGHT.format(seed=seed, turns="3", on2="false", on3="true")) == []
    assert _run(tmp_path, DROUGHT.format(seed=seed, turns="", on2="false", on3="false")) == []


def test_only_a_random_event_can_be_forced(tmp_path: Path) -> None:
    [unknown] = _run(
        tmp_path, DROUGHT.format(seed=1, turns="2", on2="true", on3="true").replace("{drought: [", "{drougt: [")
    )
    assert "unknown event 'drougt'; did you mean 'drought'?" in unknown
    body = "tests:\n  - name: x\n    events: {spring_floods: [1]}\n    expect: {over: false}\n"
    [fixed] = _run(tmp_path, body)
    assert "event 'spring_floods' has no chance: there is no dice roll to force" in fixed


def test_the_documented_forced_event_works_on_the_tutorial_scenario(tmp_path: Path) -> None:
    from game.authoring.scenario_tests import _Runner
    from tests.test_authoring_docs import SCENARIO

    doc = DOC_TESTS.read_text(encoding="utf-8")
    assert "`events: {storm: [3]}`" in doc
    compiled = compile_scenario(load_scenario_from(tmp_path, SCENARIO))
    for seed in range(1, 6):
        path = tmp_path / "storm.tests.yaml"
        path.write_text(f"tests:\n  - name: x\n    seed: {seed}\n    events: {{storm: [3]}}\n"
                        "    expect: {after_turn: end, over: true}\n")  # fmt: skip
        loaded = load_tests(path)
        assert loaded.tests is not None
        runner = _Runner(compiled, loaded.tests.tests[0])
        runner.run(("tests", 0))
        fired = [e["turn"] for e in runner.game.state["log"] if e["kind"] == "event" and e.get("event") == "storm"]
        assert fired == [3], seed
