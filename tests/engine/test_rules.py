"""The rules of docs/rules.md, one behaviour per test, on small hand-built scenarios."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game.engine import PASS, Answer, Game, IllegalDecision, Move, Phase, actor_view, compile_scenario
from game.engine.compiled import CompiledScenario
from game.scenario.models import Scenario

BASE: dict[str, Any] = {
    "format": 1,
    "meta": {"id": "t", "title": "T", "summary": "s", "turns": 3},
    "world": [{"id": "tension", "label": "Tension", "start": 50}],
    "actors": [
        {
            "id": "a",
            "name": "Aland",
            "colour": "#112233",
            "briefing": {"basic": "b", "advanced": "a"},
            "variables": [
                {"id": "gold", "label": "Gold", "start": 20},
                {"id": "plans", "label": "Plans", "start": 5, "visibility": "private"},
            ],
            "upkeep": [{"change": "self.gold", "by": -2, "reason": "costs"}],
            "objectives": [{"id": "rich", "text": "rich", "points": 3, "condition": "self.gold >= 30"}],
        },
        {
            "id": "b",
            "name": "Bland",
            "colour": "#445566",
            "briefing": {"basic": "b", "advanced": "a"},
            "variables": [{"id": "grain", "label": "Grain", "start": 10}],
        },
    ],
    "tracks": [
        {
            "id": "ties",
            "name": "Ties",
            "states": ["cold", "warm", "hot"],
            "initial": "cold",
            "transitions": [
                {"trigger": "up", "source": "cold", "dest": "warm"},
                {"trigger": "up", "source": "warm", "dest": "hot", "condition": "world.tension < 40"},
            ],
        }
    ],
    "flags": [{"id": "caught", "label": "Caught"}],
    "moves": [
        {"id": "mine", "name": "Mine", "actors": ["a"], "cost": {"self.plans": 5},
         "effects": [{"change": "self.gold", "by": 90}], "log": "{actor} mines"},
        {"id": "spy", "name": "Spy", "actors": ["a"], "visibility": "covert", "detection": 1.0,
         "effects": [{"change": "self.plans", "by": 1}], "on_detect": [{"flag": "caught"}], "log": "{actor} spies"},
        {"id": "hide", "name": "Hide", "actors": ["a"], "visibility": "covert", "detection": 0.0,
         "effects": [{"change": "self.plans", "by": 1}], "log": "{actor} hides"},
        {"id": "trade", "name": "Trade", "actors": ["a"], "targets": ["b"], "kind": "deal",
         "offer": [{"change": "self.gold", "by": -5}, {"change": "target.grain", "by": 5}],
         "ask": [{"trigger": "ties.up"}], "log": "{actor} trades with {target}"},
        {"id": "calm", "name": "Calm", "actors": ["a", "b"], "uses_per_game": 1,
         "effects": [{"change": "world.tension", "by": -20}], "log": "{actor} calms"},
        {"id": "late", "name": "Late", "actors": ["b"], "condition": "turn >= 2", "effects": [], "log": "late"},
    ],
    "events": [{"id": "boom", "title": "Boom", "news": "boom", "turn": 2, "effects": [{"change": "b.grain", "by": 3}]}],
    "endings": [{"id": "hot", "title": "Hot", "text": "hot", "condition": "track.ties == 'hot'"}],
}  # fmt: skip


def build(**changes: Any) -> CompiledScenario:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return compile_scenario(Scenario.model_validate(data))


def start(compiled: CompiledScenario, seed: int = 1) -> Game:
    game = Game(compiled, seed)
    game.advance()
    return game


def finish_diplomacy(game: Game) -> None:
    for actor in game.awaiting():
        game.submit(Move(actor, PASS))


def test_game_starts_in_diplomacy_of_turn_one() -> None:
    game = start(build())
    assert game.phase is Phase.DIPLOMACY and game.turn == 1
    assert game.awaiting() == ["a", "b"]


def test_unaffordable_move_is_unavailable_with_reason() -> None:
    game = start(build())
    game.state["vars"]["a.plans"] = 4
    option = next(o for o in game.move_options("a") if o.bound.id == "mine")
    assert not option.available
    assert option.reason == "costs 5 plans (has 4)"
    with pytest.raises(IllegalDecision, match="not available: costs 5 plans"):
        game.submit(Move("a", "mine"))


def test_condition_and_phase_gate_moves() -> None:
    game = start(build())
    assert Move("b", "late") not in game.legal_decisions("b")
    with pytest.raises(IllegalDecision, match="requires the turn at least 2"):
        game.submit(Move("b", "late"))


def test_unknown_and_foreign_moves_are_refused_in_words() -> None:
    game = start(build())
    with pytest.raises(IllegalDecision, match="has no move 'fly'"):
        game.submit(Move("a", "fly"))
    with pytest.raises(IllegalDecision, match="Bland cannot make the move 'Mine'"):
        game.submit(Move("b", "mine"))
    with pytest.raises(IllegalDecision, match="needs a target"):
        game.submit(Move("a", "trade"))
    with pytest.raises(IllegalDecision, match="unknown actor"):
        game.submit(Move("zz", PASS))


def test_cost_and_effects_apply_at_resolution_with_clamping() -> None:
    game = start(build())
    game.submit(Move("a", "mine"))
    assert game.state["vars"]["a.gold"] == 20, "nothing happens before resolution"
    game.submit(Move("b", PASS))
    game.advance()
    assert game.state["vars"]["a.plans"] == 0
    assert game.state["vars"]["a.gold"] == 98, "20 + 90 clamped to 100, minus upkeep 2"


def test_detected_covert_move_is_public_and_applies_on_detect() -> None:
    game = start(build())
    game.submit(Move("a", "spy"))
    game.submit(Move("b", PASS))
    game.advance()
    assert game.state["flags"]["caught"] is True
    b_texts = [e["text"] for e in actor_view(game, "b").log]
    assert "Detected: Aland spies" in b_texts
    assert "Aland spies" not in b_texts, "the covert move itself stays private; its detection is public"


def test_undetected_covert_move_is_hidden_until_the_debrief() -> None:
    game = start(build())
    game.submit(Move("a", "hide"))
    game.submit(Move("b", PASS))
    game.advance()
    assert "Aland hides" in [e["text"] for e in actor_view(game, "a").log]
    assert "Aland hides" not in [e["text"] for e in actor_view(game, "b").log]
    while not game.is_over():
        finish_diplomacy(game)
        game.advance()
    assert "Aland hides" in [e["text"] for e in actor_view(game, "b").log]


def test_private_variables_are_hidden_from_others() -> None:
    game = start(build())
    assert "a.plans" in actor_view(game, "a").vars
    assert "a.plans" not in actor_view(game, "b").vars
    assert "a.gold" in actor_view(game, "b").vars


def test_deal_applies_only_when_accepted() -> None:
    for accept in (True, False):
        game = start(build())
        game.submit(Move("a", "trade", "b"))
        game.submit(Move("b", PASS))
        game.advance()
        assert game.phase is Phase.RESPONSES
        assert game.awaiting() == ["b"]
        proposal = game.open_proposals("b")[0]
        assert game.legal_decisions("b") == [Answer("b", proposal["id"], True), Answer("b", proposal["id"], False)]
        game.submit(Answer("b", proposal["id"], accept))
        game.advance()
        assert game.state["vars"]["b.grain"] == (15 if accept else 10) + 3, "the deal, then the turn-2 event"
        assert game.state["tracks"]["ties"] == ("warm" if accept else "cold")


def test_track_transition_condition_is_respected() -> None:
    game = start(build())
    game.state["tracks"]["ties"] = "warm"
    game.state_changed()
    game.submit(Move("a", "trade", "b"))
    game.submit(Move("b", PASS))
    game.advance()
    game.submit(Answer("b", game.open_proposals("b")[0]["id"], True))
    game.advance()
    assert game.state["tracks"]["ties"] == "warm", "tension 50 is not below 40"


def test_any_turn_ending_ends_the_game_early() -> None:
    game = start(build())
    game.state["tracks"]["ties"] = "warm"
    game.state["vars"]["world.tension"] = 10
    game.state_changed()
    game.submit(Move("a", "trade", "b"))
    game.submit(Move("b", PASS))
    game.advance()
    game.submit(Answer("b", game.open_proposals("b")[0]["id"], True))
    game.advance()
    assert game.is_over() and game.phase is Phase.DEBRIEF
    assert game.state["result"]["ending"] == "hot" and game.state["result"]["turn"] == 1


def test_uses_per_game_limits_a_move() -> None:
    game = start(build())
    game.submit(Move("a", "calm"))
    finish_diplomacy(game)
    game.advance()
    assert Move("a", "calm") not in game.legal_decisions("a")
    assert Move("b", "calm") in game.legal_decisions("b"), "the limit is per actor"


def test_events_upkeep_objectives_and_time_up() -> None:
    game = start(build())
    while not game.is_over():
        finish_diplomacy(game)
        game.advance()
    state = game.state
    assert state["fired"] == {"boom": 1}
    assert state["vars"]["b.grain"] == 13
    assert state["vars"]["a.gold"] == 14, "three turns of upkeep -2"
    assert state["result"]["ending"] == "time_up"
    assert state["result"]["winners"] == ["a", "b"], "a tie is shared"


def test_end_objective_scores_points() -> None:
    game = start(build())
    game.submit(Move("a", "mine"))
    game.submit(Move("b", PASS))
    game.advance()
    while not game.is_over():
        finish_diplomacy(game)
        game.advance()
    assert game.state["scores"] == {"a": 3, "b": 0}
    assert game.state["result"]["winners"] == ["a"]


def test_no_decisions_after_the_end() -> None:
    game = start(build())
    while not game.is_over():
        finish_diplomacy(game)
        game.advance()
    with pytest.raises(IllegalDecision, match="over"):
        game.submit(Move("a", PASS))


def test_copy_is_independent_and_same_hash() -> None:
    game = start(build())
    other = game.copy()
    assert other.state_hash() == game.state_hash()
    other.submit(Move("a", "mine"))
    assert game.state["orders"]["a"] == []
    assert other.state_hash() != game.state_hash()


def test_actions_per_turn_allows_several_moves() -> None:
    data = copy.deepcopy(BASE)
    data["meta"]["actions_per_turn"] = 2
    game = start(compile_scenario(Scenario.model_validate(data)))
    game.submit(Move("a", "spy"))
    assert "a" in game.awaiting()
    game.submit(Move("a", "hide"))
    assert "a" not in game.awaiting()


def test_same_decisions_in_other_submission_order_resolve_the_same() -> None:
    """Simultaneous orders: the order in which actors submit does not change the outcome."""
    first, second = start(build()), start(build())
    first.submit(Move("a", "calm"))
    first.submit(Move("b", "calm"))
    second.submit(Move("b", "calm"))
    second.submit(Move("a", "calm"))
    first.advance()
    second.advance()
    assert first.state["vars"] == second.state["vars"]
    assert [e["text"] for e in first.state["log"]] == [e["text"] for e in second.state["log"]]


def test_conditions_are_explained_in_words() -> None:
    from game.engine.explain import explain_condition

    compiled = build()
    assert explain_condition("self.gold < 30 and not flag.caught", compiled, "a") == (
        "Aland's gold below 30 and not (Caught)"
    )
    assert explain_condition("track.ties >= 'warm' or world.tension > 10", compiled) == (
        "Ties at least warm or Tension above 10"
    )
    assert explain_condition("min(a.gold, 3) > 1", compiled) == "min(a.gold, 3) > 1", "no plain form: the text"
