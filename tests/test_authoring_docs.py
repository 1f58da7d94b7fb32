"""docs/authoring.md: its generated reference is current, and its tutorial's scenario, tests and outputs are real."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from game.authoring.lint import lint_text
from game.cli.main import main
from game.engine import compile_scenario
from game.engine.expressions import FUNCTIONS
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario import models
from game.scenario.loader import check_text, load_scenario_text
from game.scenario.models import EFFECT_KEYS
from game.scenario.reference import BEGIN, END, current_section, reference_markdown, splice
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import ROOT

DOC = ROOT / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
TUTORIAL_PART = TEXT[: TEXT.index(BEGIN)]
BLOCKS = re.findall(r"```yaml\n(.*?)```", TUTORIAL_PART, re.S)
COMPLETE = TUTORIAL_PART[TUTORIAL_PART.index("## The complete scenario") :]
SCENARIO = re.findall(r"```yaml\n(.*?)```", COMPLETE, re.S)[0]
TESTS = next(b for b in BLOCKS if b.startswith("scenario: kelp_bank"))


def test_the_reference_is_up_to_date() -> None:
    assert current_section(TEXT) == reference_markdown(), (
        "docs/authoring.md's reference is out of date: run `parley schema --reference -o docs/authoring.md`"
    )


def test_the_reference_names_every_field_effect_and_function() -> None:
    reference = reference_markdown()
    for name in dir(models):
        cls = getattr(models, name)
        if isinstance(cls, type) and issubclass(cls, models.Strict) and cls is not models.Strict:
            for field in models.field_keys(cls):  # the key an author writes (`if`, not the attribute `if_`)
                assert f"| `{field}` |" in reference, f"{name}.{field} is missing from the reference"
    for key in EFFECT_KEYS:
        assert f"### Effect: {key}" in reference
    for function in FUNCTIONS:
        assert f"| `{function}(" in reference, f"{function}() is missing from the reference"


def test_schema_reference_command_rewrites_only_the_section(tmp_path: Path) -> None:
    stale = tmp_path / "authoring.md"
    stale.write_text(f"# Intro\n\nkept\n\n{BEGIN}\nold text\n{END}\n\n## After\n", encoding="utf-8")
    assert main(["schema", "--reference", "-o", str(stale)]) == 0
    text = stale.read_text(encoding="utf-8")
    assert text.startswith("# Intro\n\nkept\n\n" + BEGIN) and text.endswith(END + "\n\n## After\n")
    assert current_section(text) == reference_markdown()
    assert splice("no markers\n", "SECTION\n") == "no markers\n\nSECTION\n"


def test_the_complete_scenario_has_no_errors_or_warnings_and_plays() -> None:
    assert check_text(SCENARIO, "kelp_bank.yaml") == []
    assert lint_text(SCENARIO, "kelp_bank.yaml") == []
    compiled = compile_scenario(load_scenario_text(SCENARIO, "kelp_bank.yaml"))
    endings = set()
    for kind in ("random", "heuristic"):
        for seed in range(10):
            game = play_game(compiled, seed, make_players(parse_players(kind, compiled.actors), seed)).game
            endings.add(game.state["result"]["ending"])
    assert len(endings) >= 2


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item["id"]: item for item in items}


@pytest.mark.parametrize("block", [b for b in BLOCKS if b is not TESTS and b != SCENARIO], ids=lambda b: b[:20])
def test_each_step_shows_part_of_the_complete_scenario(block: str) -> None:
    """A step's excerpt is the same as the complete scenario's entries (matched by id in lists)."""
    whole, _ = parse_yaml(SCENARIO)
    part, _ = parse_yaml(block)
    assert isinstance(part, dict) and part
    for key, value in part.items():
        if isinstance(value, list):
            for item in value:
                assert _by_id(whole[key])[item["id"]] == item, f"{key}: {item['id']} differs from the complete file"
        else:
            assert whole[key] == value, f"{key} differs from the complete file"


def test_the_tutorial_tests_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kelp_bank.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "kelp_bank.tests.yaml").write_text(TESTS, encoding="utf-8")
    assert main(["test", str(tmp_path / "kelp_bank.yaml")]) == 0
    assert "3 passed, 0 failed" in capsys.readouterr().out


def _shown(prefix: str) -> str:
    """The first line of the doc's example output that starts with ``prefix``, without the file name."""
    line = next(line for line in TUTORIAL_PART.splitlines() if line.startswith(prefix))
    return line.removeprefix(prefix)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('condition: "flag.commission_talks"}', 'condition: "flag.comission_talks"}'),
        ('condition: "self.catch >= 45"}', 'condition: "self.catch >= 145"}'),
    ],
)
def test_the_example_diagnostics_are_what_validate_prints(old: str, new: str) -> None:
    assert SCENARIO.count(old) == 1
    edited = SCENARIO.replace(old, new)
    found = [d.format() for d in check_text(edited, "scenarios/kelp_bank.yaml") + lint_text(edited,
             "scenarios/kelp_bank.yaml")]  # fmt: skip
    assert len(found) == 1
    assert found[0].startswith("scenarios/kelp_bank.yaml:")
    assert _shown(found[0][: found[0].index(": ") + 2]) == found[0][found[0].index(": ") + 2 :]


def test_the_example_test_failure_is_what_parley_test_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kelp_bank.yaml").write_text(SCENARIO, encoding="utf-8")
    tests = tmp_path / "kelp_bank.tests.yaml"
    tests.write_text(TESTS.replace("variables: {world.fish_stock: 72}", "variables: {world.fish_stock: 70}", 1))
    assert main(["test", str(tmp_path / "kelp_bank.yaml")]) == 1
    printed = next(line for line in capsys.readouterr().err.splitlines() if ": error: " in line)
    assert printed.removeprefix(tests.as_posix()) == _shown("scenarios/kelp_bank.tests.yaml").strip()
