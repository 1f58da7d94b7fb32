"""docs/authoring.md, "More effects": the worked examples are parts of one complete scenario that loads cleanly,
plays, and prints what the section shows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from game.authoring.lint import lint_text
from game.cli.main import main
from game.engine import compile_scenario
from game.narrate import result_lines
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import check_text, load_scenario_text
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import ROOT

TEXT = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
SECTION = TEXT[TEXT.index("## More effects") :]
BLOCKS = re.findall(r"```yaml\n(.*?)```", SECTION, re.S)
COMPLETE = BLOCKS[-1]
SHOWN = re.findall(r"```text\n(.*?)```", SECTION, re.S)[0].splitlines()


def test_the_complete_example_has_no_errors_or_warnings() -> None:
    assert check_text(COMPLETE, "grain_corridor.yaml") == []
    assert lint_text(COMPLETE, "grain_corridor.yaml") == []


def test_the_complete_example_uses_each_addition() -> None:
    for needle in ("{end: collapse}", "if: ", "by_expr: ", "turns: 2}", "per_actor:"):
        assert needle in COMPLETE, needle


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item["id"]: item for item in items}


@pytest.mark.parametrize("block", BLOCKS[:-1], ids=lambda b: b.split("\n")[1].strip()[:30])
def test_each_example_is_part_of_the_complete_one(block: str) -> None:
    whole, _ = parse_yaml(COMPLETE)
    part, _ = parse_yaml(block)
    assert isinstance(whole, dict) and isinstance(part, dict) and part
    for key, items in part.items():
        for item in items:
            full = _by_id(whole[key])[item["id"]]
            assert {k: full[k] for k in item} == item, f"{key}: {item['id']} differs from the complete file"


def test_it_plays_every_ending_and_prints_the_cause_as_shown() -> None:
    compiled = compile_scenario(load_scenario_text(COMPLETE, "grain_corridor.yaml"))
    endings, printed = set(), []
    for seed in range(200):
        game = play_game(compiled, seed, make_players(dict.fromkeys(compiled.actors, "random"), seed)).game
        endings.add(game.state["result"]["ending"])
        printed.append(result_lines(game)[:2])
    assert endings == {"collapse", "fed", "short"}
    assert SHOWN in printed, "no game prints the result and cause the section shows"
    causes = {lines[1] for lines in printed}
    assert "Caused by the news: Mines drift into the shipping lanes." in causes, "the event's `end` never fired"


def test_a_scenario_test_can_expect_an_ending_an_effect_brings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "grain_corridor.yaml").write_text(COMPLETE, encoding="utf-8")
    (tmp_path / "grain_corridor.tests.yaml").write_text(SCENARIO_TESTS, encoding="utf-8")
    assert main(["test", str(tmp_path / "grain_corridor.yaml")]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out


SCENARIO_TESTS = """\
scenario: grain_corridor
tests:
  - name: suspending the corridor for two months, then leaving for good
    seed: 1
    decisions:
      - {turn: 1, actor: russia, move: suspend}
      - {turn: 3, actor: russia, move: final_exit}
      - {turn: 3, actor: ukraine, move: ship_grain}
    expect:
      ending: collapse
      flags: {suspended: false}
      variables: {ukraine.harvest: 70, world.shipped: 20}
"""
