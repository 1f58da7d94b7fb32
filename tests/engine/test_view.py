"""The one view rule (game/engine/view.py, docs/rules.md "What each viewer sees"), case by case."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game import narrate
from game.engine import FACILITATOR, PASS, PUBLIC, Answer, Game, Move, Viewer, view
from game.engine.compiled import Op
from game.engine.view import ViewerKind, is_public
from game.players import make_players
from tests.conftest import ROOT, compiled
from tests.engine.test_rules import BASE, build, start

SECRET_TIES: dict[str, Any] = {
    "id": "plot", "name": "Plot", "actors": ["a"], "targets": ["b"], "kind": "deal", "visibility": "covert",
    "detection": 0.0, "ask": [{"trigger": "ties.up"}], "log": "{actor} plots with {target}",
}  # fmt: skip
LOUD_TIES: dict[str, Any] = {**SECRET_TIES, "id": "loudplot", "detection": 1.0, "log": "{actor} plots loudly"}


def with_moves(*moves: dict[str, Any], **changes: Any) -> Game:
    data = copy.deepcopy(BASE)
    return start(build(moves=[*data["moves"], *moves], **changes))


def play_deal(game: Game, move: str, accept: bool = True) -> None:
    game.submit(Move("a", move, "b"))
    game.submit(Move("b", PASS))
    game.advance()
    game.submit(Answer("b", f"t{game.turn}.a.0", accept))
    game.advance()


def test_a_viewer_is_named_explicitly() -> None:
    assert Viewer.seat("a").actor == "a" and PUBLIC.is_public and FACILITATOR.is_facilitator
    with pytest.raises(ValueError):
        Viewer(ViewerKind.ACTOR)
    with pytest.raises(ValueError):
        Viewer(ViewerKind.PUBLIC, "a")


def test_the_public_sees_no_private_variable_order_or_proposal() -> None:
    game = with_moves(SECRET_TIES)
    game.submit(Move("a", "plot", "b"))
    room, aland, bland = view(game, PUBLIC), view(game, Viewer.seat("a")), view(game, Viewer.seat("b"))
    assert "a.plans" not in room.vars and "a.plans" not in bland.vars and "a.plans" in aland.vars
    assert room.orders == {} and room.proposals == []
    assert aland.orders == {"a": [{"move": "plot", "target": "b", "slot": 0}]}
    assert bland.orders == {"b": []} and [p["move"] for p in bland.proposals] == ["plot"]
    assert "a.plans" in view(game, FACILITATOR).vars


def test_a_covertly_caused_track_change_is_withheld_until_the_debrief() -> None:
    game = with_moves(SECRET_TIES)
    play_deal(game, "plot")
    assert game.state["tracks"]["ties"] == "warm"
    for viewer in (PUBLIC,):
        seen = view(game, viewer)
        assert seen.tracks["ties"] == "cold", "the room still sees the track where it last saw it move"
        assert not [e for e in seen.log if e["kind"] == "track"]
        assert seen.history[-1]["tracks"]["ties"] == "cold"
    for insider in ("a", "b"):
        seen = view(game, Viewer.seat(insider))
        assert seen.tracks["ties"] == "warm"
        assert [e["text"] for e in seen.log if e["kind"] == "track"] == ["Ties: cold → warm"]
    assert view(game, FACILITATOR).tracks["ties"] == "warm"
    # A later change the room may see is told from the state the room knew.
    game.submit(Move("a", "calm"))
    game.submit(Move("b", PASS))
    game.advance()
    cause = {"turn": game.turn, "phase": "resolution", "kind": "move", "text": "x"}
    game.state["log"].append(cause)
    game._apply((Op("trigger", "ties", "up"),), cause)
    seen = view(game, PUBLIC)
    assert seen.tracks["ties"] == "hot"
    assert seen.log[-1]["text"] == "Ties: cold → hot" and seen.log[-1]["source"] == "cold"


def test_a_detected_covert_deal_shows_its_track_change_to_everyone() -> None:
    game = with_moves(LOUD_TIES)
    play_deal(game, "loudplot")
    seen = view(game, PUBLIC)
    assert seen.tracks["ties"] == "warm"
    assert [e["kind"] for e in seen.log if e["turn"] == 1 and e["kind"] in ("deal", "detected", "track")] == [
        "detected", "track"]  # fmt: skip


def test_who_rejected_a_secret_deal_is_only_for_the_two_sides() -> None:
    game = with_moves(SECRET_TIES)
    play_deal(game, "plot", accept=False)
    rejected = [e for e in game.state["log"] if e["kind"] == "rejected"]
    assert rejected and not [e for e in view(game, PUBLIC).log if e["kind"] == "rejected"]
    assert [e for e in view(game, Viewer.seat("a")).log if e["kind"] == "rejected"]


def test_an_objective_reading_a_private_variable_is_hidden_with_its_scoring() -> None:
    actors = copy.deepcopy(BASE["actors"])
    actors[0]["objectives"].append({"id": "schemer", "text": "plans at 5 or more", "points": 1,
                                    "condition": "self.plans >= 5", "when": "each_turn"})  # fmt: skip
    game = with_moves(actors=actors)
    game.submit(Move("a", PASS))
    game.submit(Move("b", PASS))
    game.advance()
    assert any(e.get("objective") == "a.schemer" for e in game.state["log"])
    for viewer in (PUBLIC, Viewer.seat("b")):
        seen = view(game, viewer)
        assert "a.schemer" not in [o["key"] for o in seen.objectives]
        assert not [e for e in seen.log if e.get("objective") == "a.schemer"]
        assert seen.scores == game.state["scores"], "scores stay public"
    assert "a.schemer" in [o["key"] for o in view(game, Viewer.seat("a")).objectives]


def test_changes_and_reasons_that_name_a_hidden_value_are_removed() -> None:
    game = with_moves()
    game.submit(Move("a", "calm"), reason="plans below 9")  # one move per turn: Aland is done
    game.submit(Move("b", PASS))
    game.advance()
    entry = next(e for e in game.state["log"] if e["kind"] == "move" and e["actor"] == "a")
    assert entry["reason"] == "plans below 9"
    shown = next(e for e in view(game, PUBLIC).log if e["kind"] == "move" and e["actor"] == "a")
    assert "reason" not in shown
    assert next(e for e in view(game, Viewer.seat("a")).log if e.get("move") == "calm")["reason"] == "plans below 9"


def test_everything_is_revealed_once_the_game_is_over_but_the_account_of_play_keeps_the_rule() -> None:
    game = with_moves(SECRET_TIES)
    play_deal(game, "plot")
    while not game.is_over():
        for actor in game.awaiting():
            game.submit(Move(actor, PASS))
        game.advance()
    assert view(game, PUBLIC).tracks["ties"] == "warm"
    during_play = view(game, PUBLIC, reveal_at_end=False)
    assert during_play.tracks["ties"] == "cold" and "a.plans" not in during_play.vars
    account = "\n".join(narrate.turn_lines(game, 1))
    assert "plots with" not in account and "Ties" not in account
    assert "plots with" in "\n".join(narrate.result_lines(game))


@pytest.mark.parametrize("name", ["pyongyang_summit", "cuban_missile_crisis", "tutorial"])
def test_track_entries_follow_the_entry_whose_effects_made_them(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine invariant the view relies on, checked with an instrument on ``Game._apply`` over 40 games."""
    scenario = compiled(ROOT / "scenarios" / f"{name}.yaml")
    causes: dict[int, dict[str, Any] | None] = {}
    current: list[dict[str, Any] | None] = []
    apply, log_track = Game._apply, Game._log_track

    def traced_apply(game: Game, ops: Any, entry: dict[str, Any] | None) -> None:
        current.append(entry)
        try:
            apply(game, ops, entry)
        finally:
            current.pop()

    def traced_log_track(game: Game, track_id: str, source: str, dest: str) -> None:
        log_track(game, track_id, source, dest)
        causes[id(game.state["log"][-1])] = current[-1] if current else None

    monkeypatch.setattr(Game, "_apply", traced_apply)
    monkeypatch.setattr(Game, "_log_track", traced_log_track)
    checked = 0
    for seed in range(40):
        game = Game(scenario, seed)
        players = make_players({a: "random" for a in scenario.actors}, seed)
        game.advance()
        while not game.is_over():
            actor = game.awaiting()[0]
            game.submit(players[actor].decide(game, actor)[0])
            game.advance()
        entries = game.state["log"]
        for index, entry in enumerate(entries):
            if entry["kind"] != "track":
                continue
            before = next(e for e in reversed(entries[:index]) if e["kind"] != "track")
            assert causes[id(entry)] is before, (seed, entry)
            checked += 1
            if before.get("visible_to") is not None:
                after = entries[index + 1 :]
                follow = next((e for e in after if e["kind"] != "track"), None)
                detected = [e for e in entries if e["kind"] == "detected" and e["turn"] == before["turn"]
                            and (e.get("actor"), e.get("move"), e.get("target"))
                            == (before.get("actor"), before.get("move"), before.get("target"))]  # fmt: skip
                if detected:
                    assert follow is detected[0], "a detection follows the covert move and its track changes"
    assert checked > 40


def test_is_public_is_one_rule() -> None:
    assert is_public({"kind": "move"}) and not is_public({"kind": "move", "visible_to": ["a"]})
    import game.narrate as narrator
    import game.ui.describe as describe

    assert not hasattr(narrator, "is_public") or narrator.is_public is is_public
    assert not hasattr(describe, "is_public") or describe.is_public is is_public
