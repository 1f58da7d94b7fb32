"""The scenario's answering hint (``bot.accept``): a two-party deal that pays its target only once another party
signs a deal of its own is rejected by the one-step heuristic bot ("rejected: best value now"), and accepted when
the author says, with ``bot: {accept: POINTS}``, what signing is worth."""

from __future__ import annotations

import random

import pytest

from game.engine import PASS, Answer, Game, Move, compile_scenario
from game.players.heuristic import HeuristicBot, _accept_hint
from game.players.valuation import POINT_VALUE
from game.scenario.loader import check_text, load_scenario_text
from tests.test_deal_docs import SECTION

SCENARIO = """
format: 1
meta: {id: two_signatures, title: Two signatures, summary: A corridor needs two separate signatures., turns: 2}
actors:
  - id: un
    name: UN
    colour: "#4b92db"
    briefing: {basic: B, advanced: A}
  - id: russia
    name: Russia
    colour: "#cc0000"
    briefing: {basic: B, advanced: A}
    variables:
      - {id: exports, label: Export access, start: 20}
    objectives:
      - {id: corridor, text: The corridor opens, points: 3, condition: "flag.russia_signed and flag.ukraine_signed"}
  - id: ukraine
    name: Ukraine
    colour: "#ffd500"
    briefing: {basic: B, advanced: A}
    variables:
      - {id: grain, label: Grain, start: 80}
flags:
  - {id: russia_signed, label: Russia signed}
  - {id: ukraine_signed, label: Ukraine signed}
moves:
  - id: russian_memorandum
    name: The Russian memorandum
    actors: [un]
    targets: [russia]
    kind: deal
    ask: [{change: target.exports, by: -5}]
    effects: [{flag: russia_signed}]
    log: "{actor} proposes the memorandum to {target}"
    bot: {accept: HINT, reason: "the corridor needs both signatures"}
"""


def answer_of_russia(hint: float) -> tuple[bool, str]:
    compiled = compile_scenario(load_scenario_text(SCENARIO.replace("HINT", str(hint)), "two.yaml"))
    game = Game(compiled, 1)
    game.advance()
    game.submit(Move("un", "russian_memorandum", "russia"))
    game.submit(Move("russia", PASS))
    game.submit(Move("ukraine", PASS))
    game.advance()
    decision, reason = HeuristicBot(random.Random(1)).decide(game, "russia")
    assert isinstance(decision, Answer) and reason is not None
    return decision.accept, reason


def test_without_the_hint_the_one_step_bot_rejects_a_deal_that_pays_only_with_a_second_signature() -> None:
    accept, reason = answer_of_russia(0)
    assert not accept and reason.startswith("rejected: best value now")


def test_the_accept_hint_lets_the_bot_sign_and_says_why() -> None:
    accept, reason = answer_of_russia(1)
    assert accept and reason.startswith("accepted: the corridor needs both signatures"), reason


def test_the_reason_is_the_one_the_authoring_guide_quotes() -> None:
    _, reason = answer_of_russia(1)
    assert f"`{reason}`" in " ".join(SECTION.split())


def test_accept_is_only_for_deals() -> None:
    text = SCENARIO.replace("HINT", "1").replace("    kind: deal\n", "").replace("    targets: [russia]\n", "")
    text = text.replace("    ask: [{change: target.exports, by: -5}]\n", "").replace(" to {target}", "")
    found = [d.message for d in check_text(text, "two.yaml")]
    assert found == ["only a deal is answered: 'accept' is the hint for a bot answering a deal; use 'bonus' for a move"]


@pytest.mark.parametrize(("when", "likely"), [("russia.exports >= 10", True), ("russia.exports >= 50", False)])
def test_a_proposers_score_weighs_the_hint_while_its_condition_holds(when: str, likely: bool) -> None:
    """The proposer scores the deal as likely accepted exactly when the target's gain plus the hint (counted only while
    ``bot.when`` holds) is positive: the sum the target's own answer is worked out from (without the hint: -5 < 0)."""
    text = SCENARIO.replace("bot: {accept: HINT,", f'bot: {{accept: 1, when: "{when}",')
    compiled = compile_scenario(load_scenario_text(text, "two.yaml"))
    game = Game(compiled, 1)
    game.advance()
    bot = HeuristicBot(random.Random(1))
    move = Move("un", "russian_memorandum", "russia")
    assert move in game.legal_decisions("un")
    _, notes = bot._score(game, move, bot._memo(game), game.trial())
    assert notes is not None and notes[0] is likely  # (likely accepted, chance of detection, numbers after)
    bound = game.bound("un", "russian_memorandum", "russia")
    assert _accept_hint(game, bound) == (POINT_VALUE if likely else 0.0)
