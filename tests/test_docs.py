"""The documentation's examples work."""

from __future__ import annotations

import re

from game.engine import compile_scenario
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario.loader import load_scenario_text
from tests.conftest import ROOT


def test_scenario_format_example_loads_and_plays() -> None:
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    scenario = compile_scenario(load_scenario_text(block.group(1), "docs/scenario-format.md"))
    for kind in ("random", "heuristic"):
        played = play_game(scenario, 1, make_players(parse_players(kind, scenario.actors), 1))
        assert played.game.is_over()


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && parley play" in readme
    assert "pip install '.[test]' && pytest" in readme
