"""The format's additions to effects: `end`, `if`, computed amounts, timed flags and per-actor names in shared moves."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game.engine import PASS, Game, Move, Phase, compile_scenario
from game.engine.compiled import CompiledScenario
from game.scenario.loader import check_text
from game.scenario.models import MAX_NUMBER, Scenario
from game.scenario.yaml_safe import parse_yaml

BASE: dict[str, Any] = {
    "format": 1,
    "meta": {"id": "grain", "title": "Grain", "summary": "s", "turns": 6},
    "world": [{"id": "exports", "label": "Exports", "start": 40}],
    "actors": [
        {"id": "russia", "name": "Russia", "colour": "#aa0000", "briefing": {"basic": "b", "advanced": "a"},
         "variables": [{"id": "grain_exports", "label": "Grain exports", "start": 30},
                       {"id": "leverage", "label": "Leverage", "start": 10}]},
        {"id": "ukraine", "name": "Ukraine", "colour": "#0000aa", "briefing": {"basic": "b", "advanced": "a"},
         "variables": [{"id": "grain", "label": "Grain", "start": 50}]},
    ],
    "flags": [{"id": "corridor", "label": "Corridor open"}, {"id": "talks", "label": "Talks"}],
    "moves": [
        {"id": "ship", "name": "Ship grain", "actors": ["russia", "ukraine"],
         "per_actor": {"cargo": {"russia": "grain_exports", "ukraine": "grain"}},
         "cost": {"self.cargo": 5}, "condition": "self.cargo >= 5",
         "effects": [{"change": "world.exports", "by_expr": "self.cargo / 10"}], "log": "{actor} ships"},
        {"id": "exit", "name": "Exit", "actors": ["russia"],
         "effects": [{"change": "self.leverage", "by": 1}, {"end": "collapse", "if": "world.exports < 100"},
                     {"change": "self.leverage", "by": 50}], "log": "{actor} exits"},
        {"id": "open", "name": "Open", "actors": ["ukraine"], "effects": [{"flag": "corridor", "turns": 2}],
         "log": "{actor} opens"},
        {"id": "seal", "name": "Seal", "actors": ["ukraine"], "effects": [{"flag": "corridor"}],
         "log": "{actor} seals"},
        {"id": "press", "name": "Press", "actors": ["russia"],
         "effects": [{"set": "self.leverage", "to_expr": "world.exports - 35"},
                     {"score": "self", "points_expr": "self.leverage * 2", "if": "self.leverage > 3"},
                     {"flag": "talks", "if": "self.leverage > 100"}], "log": "{actor} presses"},
    ],
    "events": [
        {"id": "blockade", "title": "Blockade", "news": "Ships stop.", "turn": 3,
         "effects": [{"end": "collapse", "if": "not flag.corridor"}]},
        {"id": "later", "title": "Later", "news": "Never seen after a collapse.", "turn": 3},
    ],
    "endings": [
        {"id": "collapse", "title": "Collapse", "text": "The deal is over.",
         "effects": [{"score": "ukraine", "points": 1}]},
        {"id": "boom", "title": "Boom", "text": "Exports boom.", "condition": "world.exports >= 100"},
    ],
}


def build(change: Any = None) -> CompiledScenario:
    data = copy.deepcopy(BASE)
    if change is not None:
        change(data)
    return compile_scenario(Scenario.model_validate(data, strict=True))


def play_turn(game: Game, orders: dict[str, list[str]]) -> None:
    """Advance to the diplomacy phase, give each actor its moves (then pass), and run the turn (up to the next
    turn's diplomacy phase: its news has happened)."""
    game.advance()
    assert game.phase is Phase.DIPLOMACY
    for actor in game.compiled.actors:
        for move in orders.get(actor, []):
            game.submit(Move(actor, move))
        if game.is_awaiting(actor):
            game.submit(Move(actor, PASS))
    game.advance()


def test_a_move_that_ends_the_game_ends_it_at_once_with_its_cause() -> None:
    game = Game(build(), 1)
    play_turn(game, {"russia": ["exit"], "ukraine": ["ship"]})
    assert game.is_over() and game.phase is Phase.DEBRIEF
    result = game.state["result"]
    assert result["ending"] == "collapse" and result["turn"] == 1
    assert result["cause"] == {"kind": "move", "id": "exit", "actor": "russia", "target": None, "text": "Russia exits"}
    assert game.state["vars"]["russia.leverage"] == 11, "effects after `end` in the same list do not happen"
    assert game.state["vars"]["ukraine.grain"] == 50, "orders after the ending move do not resolve"
    assert result["scores"]["ukraine"] == 1, "the ending's own effects apply"
    ending = [e for e in game.state["log"] if e["kind"] == "ending"]
    assert ending[0]["cause"]["id"] == "exit"


def test_an_event_that_ends_the_game_ends_it_in_the_news_phase() -> None:
    game = Game(build(), 1)
    play_turn(game, {})
    play_turn(game, {})
    assert game.is_over() and game.phase is Phase.DEBRIEF and game.turn == 3
    assert game.state["result"]["cause"] == {"kind": "event", "id": "blockade", "text": "Blockade"}
    assert "later" not in game.state["fired"], "events after the ending one are not checked"


def test_an_end_that_does_not_hold_lets_the_game_go_on() -> None:
    game = Game(build(), 1)
    play_turn(game, {})
    play_turn(game, {"ukraine": ["open"]})
    assert not game.is_over() and game.phase is Phase.DIPLOMACY and game.turn == 3
    assert game.state["fired"] == {"blockade": 1, "later": 1}


def test_amounts_are_computed_when_the_effect_applies_and_rounded() -> None:
    game = Game(build(), 1)
    play_turn(game, {"russia": ["ship", "press"][:1], "ukraine": ["ship"]})
    # russia: cargo 30 - 5 = 25 -> +2.5 -> 2 (round half to even); ukraine: 50 - 5 = 45 -> +4.5 -> 4
    assert game.state["vars"]["world.exports"] == 46
    assert game.state["vars"]["russia.grain_exports"] == 25 and game.state["vars"]["ukraine.grain"] == 45


@pytest.mark.parametrize(("text", "expected"), [("world.exports * 1000000000 * 1000", MAX_NUMBER),
                                               ("-world.exports * 1000000000", -MAX_NUMBER), ("1 / 0", 0),
                                               ("7 / 2", 4), ("5 / 2", 2)])  # fmt: skip
def test_an_amount_stays_in_the_number_model(text: str, expected: int) -> None:
    def change(data: dict[str, Any]) -> None:
        data["moves"][4]["effects"] = [{"score": "self", "points_expr": text}]

    game = Game(build(change), 1)
    play_turn(game, {"russia": ["press"]})
    assert game.state["scores"]["russia"] == expected


def test_if_sees_the_effects_before_it_in_the_same_list() -> None:
    game = Game(build(), 1)
    play_turn(game, {"russia": ["press"]})
    assert game.state["vars"]["russia.leverage"] == 5  # world.exports 40 - 35
    assert game.state["scores"]["russia"] == 10, "the score's `if` saw leverage 5 and its amount read it"
    assert game.state["flags"]["talks"] is False, "a condition that does not hold skips its effect"


def test_a_timed_flag_clears_itself_after_its_turns_without_news() -> None:
    game = Game(build(), 1)
    play_turn(game, {"ukraine": ["open"]})
    assert game.state["flags"]["corridor"] is True
    assert game.state["timers"] == {"corridor": {"until": 3, "then": False}}
    assert game.turn == 2, "set in turn 1 for 2 turns: it holds through turn 2"
    play_turn(game, {})  # turn 3's news: the corridor closes first, so the blockade ends the game
    assert game.state["flags"]["corridor"] is False and game.state["timers"] == {}
    assert game.is_over() and game.turn == 3
    kinds = [e["kind"] for e in game.state["log"] if e["turn"] == 3]
    assert kinds == ["event", "ending"], "the flag clears with no log entry of its own"


def test_setting_a_timed_flag_again_restarts_it_and_a_lasting_effect_cancels_the_timer() -> None:
    game = Game(build(), 1)
    play_turn(game, {"ukraine": ["open"]})
    play_turn(game, {"ukraine": ["open"]})
    assert game.state["timers"]["corridor"]["until"] == 4
    play_turn(game, {"ukraine": ["seal"]})
    assert game.state["timers"] == {} and game.state["flags"]["corridor"] is True
    for _ in range(2):
        play_turn(game, {})
    assert game.state["flags"]["corridor"] is True


def test_a_copy_keeps_its_own_timers() -> None:
    game = Game(build(), 1)
    play_turn(game, {"ukraine": ["open"]})
    other = game.copy()
    other.state["timers"]["corridor"]["until"] = 99
    assert game.state["timers"]["corridor"]["until"] == 3


def test_per_actor_names_bind_each_actor_to_its_own_variable() -> None:
    compiled = build()
    russia = compiled.bound_index[("russia", "ship", None)]
    ukraine = compiled.bound_index[("ukraine", "ship", None)]
    assert russia.cost == (("russia.grain_exports", 5),) and ukraine.cost == (("ukraine.grain", 5),)
    assert russia.condition is not None and russia.condition.variables == frozenset({"russia.grain_exports"})
    assert ukraine.condition is not None and ukraine.condition.variables == frozenset({"ukraine.grain"})


def test_format1_effects_compile_to_the_primitive_ops_they_always_were() -> None:
    compiled = build()
    seal = compiled.bound_index[("ukraine", "seal", None)]
    assert [op.kind for op in seal.effects] == ["flag_last"], "a lasting effect on a timed flag cancels its timer"
    plain = build(lambda d: d["moves"].__setitem__(2, {**d["moves"][2], "effects": [{"flag": "corridor"}]}))
    assert "timers" not in Game(plain, 1).state, "no timed flag: the state has no timers key"
    assert [op.kind for op in plain.bound_index[("ukraine", "seal", None)].effects] == ["flag"]


def test_the_same_seed_gives_the_same_game() -> None:
    from game.players import make_players
    from game.runner import play_game

    compiled = build()
    for kind in ("random", "heuristic", "lookahead"):
        hashes = {play_game(compiled, 5, make_players(dict.fromkeys(compiled.actors, kind), 5)).game.state_hash()
                  for _ in range(2)}  # fmt: skip
        assert len(hashes) == 1


# --- load errors: line, column and did-you-mean ----------------------------------------------------------

GOOD = """\
format: 1
meta: {id: g, title: G, summary: s, turns: 4}
world:
  - {id: exports, label: Exports, start: 40}
actors:
  - id: russia
    name: Russia
    colour: "#aa0000"
    briefing: {basic: b, advanced: a}
    variables:
      - {id: grain_exports, label: Grain exports, start: 30}
  - id: ukraine
    name: Ukraine
    colour: "#0000aa"
    briefing: {basic: b, advanced: a}
    variables:
      - {id: grain, label: Grain, start: 50}
flags:
  - {id: corridor, label: Corridor}
moves:
  - id: ship
    name: Ship
    actors: [russia, ukraine]
    per_actor:
      cargo: {russia: grain_exports, ukraine: grain}
    effects:
      - {change: self.cargo, by_expr: "-(world.exports // 10)", if: "world.exports > 10"}
      - {flag: corridor, turns: 2}
    log: "{actor} ships"
events:
  - id: exit
    title: Exit
    news: Russia leaves.
    turn: 3
    effects:
      - {end: collapse}
endings:
  - {id: collapse, title: Collapse, text: Over.}
"""


def test_the_example_loads_cleanly() -> None:
    assert check_text(GOOD, "g.yaml") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{end: collapse}", "{end: colapse}", "36:15: error: unknown ending 'colapse'; did you mean 'collapse'?"),
        ('if: "world.exports > 10"', 'if: "world.export > 10"',
         "27:70: error: unknown variable 'export' of world; did you mean 'exports'?"),
        ('if: "world.exports > 10"', 'iff: "world.exports > 10"',
         "27:65: error: unknown key 'iff'; did you mean 'if'?"),
        ('by_expr: "-(world.exports // 10)"', 'by_expr: "world.exports > 10"',
         "27:40: error: an amount must be a number, not a yes/no test: use A if TEST else B"),
        ('by_expr: "-(world.exports // 10)"', 'by: 3, by_expr: "1"',
         "27:46: error: give either 'by' (a number) or 'by_expr' (an expression), not both"),
        ('{change: self.cargo, by_expr: "-(world.exports // 10)", if: "world.exports > 10"}', "{change: self.cargo}",
         "27:9: error: missing required key 'by'"),
        ("ukraine: grain}", "ukraine: grian}", "25:47: error: ukraine has no variable 'grian'; did you mean 'grain'?"),
        ("ukraine: grain}", "ukriane: grain}", "25:38: error: 'ukriane' is not an actor or a target of this move; "
         "did you mean 'ukraine'?"),
        ("{flag: corridor, turns: 2}", "{flag: corridor, turns: 0}", "28:33: error: must be at least 1, got 0"),
        ("text: Over.}", "text: Over., effects: [{end: collapse}]}",
         "38:66: error: an ending's effects cannot end the game again: remove this `end`"),
        ("      - {end: collapse}\n", "      - {flag: corridor}\n",
         "38:10: error: ending 'collapse' has no condition and no effect ends the game with it (`end: collapse`): "
         "it can never happen; give it a condition"),
    ],
)
def test_errors_point_at_the_line_and_column(old: str, new: str, expected: str) -> None:
    assert GOOD.count(old) == 1
    found = [d.format() for d in check_text(GOOD.replace(old, new), "g.yaml")]
    assert found == [f"g.yaml:{expected}"]


def test_the_per_actor_name_is_checked_for_every_actor() -> None:
    text = GOOD.replace("    per_actor:\n      cargo: {russia: grain_exports, ukraine: grain}\n",
                        "    per_actor:\n      cargo: {russia: grain_exports}\n")  # fmt: skip
    found = [d.message for d in check_text(text, "g.yaml")]
    assert found == ["ukraine (self) has no variable 'cargo'"]


def test_the_example_is_a_mapping() -> None:
    data, _ = parse_yaml(GOOD)
    assert isinstance(data, dict)


def test_an_undetected_covert_move_that_ends_the_game_is_its_actors_secret_until_the_debrief() -> None:
    from game.engine import FACILITATOR, Viewer, view

    def change(data: dict[str, Any]) -> None:
        data["moves"][1].update(visibility="covert", detection=0.0)

    game = Game(build(change), 1)
    play_turn(game, {"russia": ["exit"]})
    assert game.state["result"]["cause"]["covert"] is True
    ukraine = view(game, Viewer.seat("ukraine"), reveal_at_end=False)
    assert ukraine.result is not None and "cause" not in ukraine.result
    assert all("cause" not in e for e in ukraine.log if e["kind"] == "ending")
    russia = view(game, Viewer.seat("russia"), reveal_at_end=False)
    assert russia.result is not None and russia.result["cause"]["id"] == "exit"
    debrief = view(game, Viewer.seat("ukraine"))
    assert debrief.result is not None and debrief.result["cause"]["id"] == "exit"
    assert view(game, FACILITATOR).result == game.state["result"]


def test_the_view_says_how_long_a_timed_flag_still_holds() -> None:
    from game.engine import PUBLIC, view

    game = Game(build(), 1)
    game.advance()
    game.submit(Move("ukraine", "open"))
    assert view(game, PUBLIC).flag_turns == {}, "set when the move resolves, not when it is chosen"
    play_turn(game, {})
    assert game.turn == 2 and view(game, PUBLIC).flag_turns == {"corridor": 0}, "turn 2 is its last"
    from game.ui.describe import lasting

    assert lasting(view(game, PUBLIC), "corridor") == " (until the end of this turn)"
    assert lasting(view(game, PUBLIC), "talks") == ""
    assert view(Game(build(), 1), PUBLIC).flag_turns == {}


def test_the_linter_sees_what_the_additions_read_and_write() -> None:
    from game.authoring.lint import lint_text

    text = GOOD.replace("  - {id: exports, label: Exports, start: 40}\n",
                        "  - {id: exports, label: Exports, start: 40}\n  - {id: price, label: Price, start: 4}\n")
    text = text.replace('by_expr: "-(world.exports // 10)"', 'by_expr: "-(world.exports // world.price)"')
    grain = "      - {id: grain, label: Grain, start: 50}\n"
    objective = "    objectives:\n      - {id: open, text: Keep it open, points: 1, condition: flag.corridor}\n"
    text = text.replace(grain, grain + objective)
    assert check_text(text, "g.yaml") == []
    codes = {d.code for d in lint_text(text, "g.yaml")}
    assert not codes & {"unused-variable", "objective-never-met"}, codes


def test_a_scenario_with_the_additions_survives_a_dump() -> None:
    from game.scenario.loader import load_scenario_text

    scenario = load_scenario_text(GOOD)
    assert Scenario.model_validate_json(scenario.model_dump_json()) == scenario
    assert Scenario.model_validate(scenario.model_dump(mode="python"), strict=True) == scenario
    assert '"if":' in scenario.model_dump_json() and '"if_"' not in scenario.model_dump_json()


def test_a_facilitator_bringing_in_an_ending_event_ends_the_game() -> None:
    from game.engine.facilitator import inject_event

    def change(data: dict[str, Any]) -> None:
        data["events"][0]["effects"] = [{"end": "collapse"}]

    game = Game(build(change), 1)
    game.advance()
    inject_event(game, "blockade")
    assert game.is_over() and game.phase is Phase.DEBRIEF
    assert game.state["result"]["cause"] == {"kind": "event", "id": "blockade", "text": "Blockade"}


def test_the_editors_schema_takes_the_additions_and_wants_a_number_or_an_expression() -> None:
    import jsonschema

    from game.scenario.schema import scenario_schema

    validator = jsonschema.Draft7Validator(scenario_schema())
    data, _ = parse_yaml(GOOD)
    assert list(validator.iter_errors(data)) == []
    missing, _ = parse_yaml(GOOD.replace('by_expr: "-(world.exports // 10)", ', ""))
    assert list(validator.iter_errors(missing)) != []


def test_the_additions_work_in_a_deals_parties_terms_and_its_secret_half() -> None:
    from game.engine import Answer
    from game.scenario.loader import load_scenario_text
    from tests.conftest import ROOT

    text = (ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml").read_text(encoding="utf-8")
    text = text.replace("gives: [{change: russia.exports, by: -5}]",
                        'gives: [{change: russia.exports, by: -5, if: "world.hunger > 1000"}]')
    text = text.replace("        - {change: self.favours, by: -5}\n",
                        "        - {change: self.favours, by: -5}\n        - {end: signed}\n")
    ending = "endings:\n  - {id: signed, title: Signed, text: The corridor opens.}\n"
    text = text.replace("\ndebrief:", "\n" + ending + "debrief:")
    assert text.count("{end: signed}") == 1 and text.count('world.hunger > 1000') == 1
    compiled = compile_scenario(load_scenario_text(text))
    game = Game(compiled, 1)
    game.advance()
    before = dict(game.state["vars"])
    for actor in compiled.actors:
        if actor == "un":
            game.submit(Move("un", "grain_initiative"))
        elif game.is_awaiting(actor):
            game.submit(Move(actor, PASS))
    game.advance()
    while game.phase is Phase.RESPONSES:
        for actor in game.awaiting():
            for proposal in game.open_proposals(actor):
                game.submit(Answer(actor, proposal["id"], True))
        game.advance()
    assert game.is_over() and game.state["result"]["ending"] == "signed"
    assert game.state["result"]["cause"]["kind"] == "deal" and game.state["result"]["cause"]["id"] == "grain_initiative"
    assert game.state["vars"]["russia.exports"] == before["russia.exports"] + 20, "the party's `if` did not hold"
