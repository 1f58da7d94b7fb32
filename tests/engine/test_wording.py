"""Labels in sentences keep the author's capitals: acronyms, and proper nouns the author capitalizes mid-sentence."""

from __future__ import annotations

import pytest

from game.engine import compile_scenario
from game.engine.wording import in_sentence, proper_words
from game.narrate import turn_lines
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario.loader import load_scenario_text
from game.ui.describe import var_label
from tests.conftest import TUTORIAL

TEXTS = ["Talks in Istanbul resumed.", "The Global South watches. Food is short; food prices rise.", "Trust fell."]


def test_proper_words_are_those_capitalized_mid_sentence_and_never_in_lower_case() -> None:
    assert proper_words(TEXTS) == {"Istanbul", "Global", "South"}


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Food stocks", "food stocks"),
        ("Istanbul talks", "Istanbul talks"),
        ("Global South support", "Global South support"),
        ("UN authority", "UN authority"),
        ("Trust in Istanbul", "trust in Istanbul"),
    ],
)
def test_in_sentence(label: str, shown: str) -> None:
    assert in_sentence(label, proper_words(TEXTS)) == shown


def test_the_narrator_and_the_board_keep_the_authors_capitals() -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    text = text.replace("        label: Standing", "        label: Global South support", 1)
    text = text.replace("        label: Standing", "        label: Istanbul talks", 1)
    text = text.replace("  summary: >-\n", "  summary: >-\n    Mediators in Istanbul and the Global South watch.\n", 1)
    assert text.count("Global South support") == 1 and text.count("Istanbul talks") == 1
    compiled = compile_scenario(load_scenario_text(text))
    told = []
    for seed in range(4):
        game = play_game(compiled, seed, make_players(parse_players("random", compiled.actors), seed)).game
        told += [line for turn in range(1, game.turn + 1) for line in turn_lines(game, turn)]
    story = "\n".join(told)
    assert "Global South support" in story or "Istanbul talks" in story, story
    assert "global South" not in story and "istanbul" not in story
    refs = {compiled.variables[r].label: r for r in compiled.variables}
    assert var_label(compiled, refs["Global South support"]) == "Upland Global South support"
    assert var_label(compiled, refs["Istanbul talks"], you="lowland") == "your Istanbul talks"
    assert var_label(compiled, "lowland.water", you="lowland") == "your water"
