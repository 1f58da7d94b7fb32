"""docs/authoring.md, "Deals among several parties, and a deal's secret half": its excerpts are the grain scenario's
(tests/scenarios/deals/grain_deal.yaml) and its tests', and the errors and the bot's reason it quotes are real."""

from __future__ import annotations

import re

import pytest

from game.players import make_players
from game.runner import play_game
from game.scenario.loader import check_text
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import ROOT, compiled

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## Deals among several parties") : DOC.index("<!-- BEGIN GENERATED REFERENCE")]
GRAIN_PATH = ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml"
GRAIN = GRAIN_PATH.read_text(encoding="utf-8")
TESTS = (ROOT / "tests" / "scenarios" / "deals" / "tests" / "grain_deal.yaml").read_text(encoding="utf-8")


def blocks(info: str) -> list[str]:
    return re.findall(rf"```yaml {info}\n(.*?)```", SECTION, re.S)


def test_the_section_has_its_examples() -> None:
    assert len(blocks("grain")) == 1 and len(blocks("grain-tests")) == 1
    assert "```yaml\n" not in SECTION, "plain yaml blocks here would be read as steps of the tutorial"


@pytest.mark.parametrize("block", blocks("grain"), ids=lambda b: b[:20])
def test_each_excerpt_is_the_grain_scenarios(block: str) -> None:
    whole, _ = parse_yaml(GRAIN)
    part, _ = parse_yaml(block)
    assert isinstance(part, dict) and part
    for key, items in part.items():
        by_id = {item["id"]: item for item in whole[key]}
        for item in items:
            assert by_id[item["id"]] == item, f"{key}: {item['id']} differs from grain_deal.yaml"


def test_the_test_excerpt_is_the_grain_scenarios_test() -> None:
    (block,) = blocks("grain-tests")
    (item,) = parse_yaml(block)[0]
    whole, _ = parse_yaml(TESTS)
    assert {t["name"]: t for t in whole["tests"]}[item["name"]] == item


@pytest.mark.parametrize(("old", "new"), [("      - actor: ukraine\n", "      - actor: ukrane\n"),
                                          ("        gets: [{change: turkiye", "        get: [{change: turkiye")])
def test_the_quoted_errors_are_what_validate_prints(old: str, new: str) -> None:
    assert GRAIN.count(old) == 1
    [found] = [d.format() for d in check_text(GRAIN.replace(old, new), "grain_deal.yaml")]
    assert f"\n{found}\n" in SECTION


def test_the_quoted_reason_is_what_a_heuristic_bot_says() -> None:
    scenario = compiled(GRAIN_PATH)
    game = play_game(scenario, 1, make_players(dict.fromkeys(scenario.actors, "heuristic"), 1), record=False).game
    [deal] = [e for e in game.state["log"] if e["kind"] == "deal"]
    assert f"`{deal['answer_reasons']['russia']}`" in SECTION
