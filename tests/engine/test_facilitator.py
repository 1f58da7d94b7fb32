"""What each viewer sees of the facilitator's actions: a private number set is its owner's secret, a track set
is seen by everybody (the engine's view decides both)."""

from __future__ import annotations

from game.engine import FACILITATOR, PUBLIC, CompiledScenario, Game, Viewer, facilitator, view
from game.ui import describe


def _started(compiled: CompiledScenario) -> Game:
    game = Game(compiled, 1)
    game.advance()
    return game


def test_a_private_number_set_is_told_to_its_owner_only(tutorial: CompiledScenario) -> None:
    game = _started(tutorial)
    facilitator.set_variable(game, "upland.reservoir", 77)
    secret = "Facilitator: Reservoir of Upland set to 77"
    for viewer in (PUBLIC, Viewer.seat("lowland")):
        texts = [e["text"] for e in view(game, viewer).log]
        assert secret not in texts and "upland.reservoir" not in view(game, viewer).vars
        assert "Facilitator: a number only Upland sees was set" in texts  # that the teacher acted is public
    for viewer in (Viewer.seat("upland"), FACILITATOR):
        assert secret in [e["text"] for e in view(game, viewer).log]
        assert view(game, viewer).vars["upland.reservoir"] == 77


def test_a_public_number_set_is_told_to_everybody(tutorial: CompiledScenario) -> None:
    game = _started(tutorial)
    facilitator.set_variable(game, "lowland.water", 12)
    for viewer in (PUBLIC, Viewer.seat("upland"), Viewer.seat("lowland")):
        assert "Facilitator: Water of Lowland set to 12" in [e["text"] for e in view(game, viewer).log]
        assert view(game, viewer).vars["lowland.water"] == 12


def test_a_track_set_is_seen_by_every_viewer(tutorial: CompiledScenario) -> None:
    game = _started(tutorial)
    facilitator.set_track(game, "relations", "treaty")
    for viewer in (PUBLIC, Viewer.seat("upland"), Viewer.seat("lowland"), FACILITATOR):
        assert view(game, viewer).tracks["relations"] == "treaty"
    facilitator.set_track(game, "relations", "treaty")  # already there: no second track line
    assert sum(e["kind"] == "track" for e in game.state["log"]) == 1


def test_after_a_private_set_other_seats_still_see_a_moves_track_preview(tutorial: CompiledScenario) -> None:
    game = _started(tutorial)
    option = next(o for o in game.move_options("lowland") if o.bound.id == "buy_water")
    before = describe.card_text(game, option, "lowland").effects
    facilitator.set_variable(game, "upland.reservoir", 77)
    option = next(o for o in game.move_options("lowland") if o.bound.id == "buy_water")
    assert "relations" in before and describe.card_text(game, option, "lowland").effects == before
