"""The article scenario "Summit in Pyongyang": content, mechanics, many games, and a golden playthrough.

Default run: the scenario validates; it has the content the issue asks for; its core mechanics
work as designed (upkeep, detection, evidence-gated sanctions, denial, the crisis ending); 500
seeded games per bot kind play to the end within every bound (about 30 s for both kinds on the
2-core machine); the golden playthrough matches; ``parley run`` tells the whole game.

``pytest -m slow tests/test_pyongyang_summit.py`` adds the balance targets measured by
``benchmarks/balance.py`` (500 games each with heuristic and with random bots, about 30 s).

Golden playthrough: ``tests/golden/pyongyang_summit_seed1.json`` holds seed 1 played by heuristic
bots in every seat: every decision with its reason, the state hash after every turn, the result
and the final state hash. After a deliberate change to the scenario, the engine or the bots,
regenerate it with ``python benchmarks/update_golden.py tests/golden/pyongyang_summit_seed1.json``
and read the diff before committing it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest

from game.engine import PASS, Answer, CompiledScenario, Game, Move, Phase
from game.players import make_players, parse_players
from game.runner import play_game, replay_decisions
from game.scenario.loader import check_file, load_scenario
from game.scenario.models import Scenario
from tests.conftest import ROOT, compiled

SCENARIO = ROOT / "scenarios" / "pyongyang_summit.yaml"
GOLDEN = ROOT / "tests" / "golden" / "pyongyang_summit_seed1.json"
GAMES = 500


def _load_script(name: str) -> ModuleType:
    """Import a script from benchmarks/ (not a package) by path."""
    module_name = f"benchmarks_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and worker processes look the module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.fixture(scope="module")
def summit() -> CompiledScenario:
    return compiled(SCENARIO)


# --- the file -----------------------------------------------------------------------------------


def test_scenario_validates_without_any_diagnostic() -> None:
    assert check_file(SCENARIO) == []
    assert SCENARIO.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=schema.json"


def test_content_the_issue_asks_for(scenario: Scenario, summit: CompiledScenario) -> None:
    playable = [a for a in scenario.actors if a.playable]
    assert {a.id for a in playable} >= {"russia", "north_korea", "usa", "allies"}
    for actor in playable:
        moves = [b.move for b in summit.bound_moves[actor.id]]
        ids = {m.id for m in moves}
        assert len(ids) >= 6, f"{actor.id} has {len(ids)} moves"
        assert any(m.kind == "deal" for m in moves), f"{actor.id} has no deal"
        covert = [m for m in moves if m.visibility == "covert" and m.detection and m.on_detect]
        assert covert, f"{actor.id} has no covert move with a detection chance"
        assert actor.briefing.basic and actor.briefing.advanced
        assert len(actor.briefing.basic) < len(actor.briefing.advanced)
    assert {"partnership", "sanctions", "national", "tension", "satellite"} <= {t.id for t in scenario.tracks}
    assert 6 <= scenario.meta.turns <= 8
    assert summit.turn_labels[0] == "June 2024"
    assert len(scenario.debrief.questions) >= 6
    dates = {f.date for f in scenario.debrief.what_happened_next}
    assert "2024-06-19" in dates


def test_article_events_are_scripted_and_marked(scenario: Scenario) -> None:
    by_id = {e.id: e for e in scenario.events}
    for event_id in ("g7_condemns", "parade_images", "rodong_sinmun", "limousine"):
        assert by_id[event_id].source == "article"
        assert by_id[event_id].turn == 1
    assert any(e.chance is not None for e in scenario.events), "random events"
    assert any(e.turn is not None for e in scenario.events if e.source != "article"), "scripted non-article events"


def test_every_news_item_says_where_it_comes_from(scenario: Scenario) -> None:
    """The news text ends with its provenance in brackets, matching the event's source field."""
    for event in scenario.events:
        marker = re.search(r"\(([^()]*)\)\s*$", event.news)
        assert marker is not None, f"{event.id}: news must end with (article), (background) or (fictional ...)"
        assert marker.group(1).split(";")[0].split(",")[0].strip() == event.source, event.id


def test_followups_beyond_the_article_are_labelled_background(scenario: Scenario) -> None:
    for followup in scenario.debrief.what_happened_next:
        assert "background" in followup.text.lower(), followup.date
        assert followup.source and followup.source.lower().startswith("background"), followup.date


# --- mechanics ------------------------------------------------------------------------------------


def _start(summit: CompiledScenario, seed: int = 1) -> Game:
    game = Game(summit, seed)
    game.advance()
    return game


def _play_turn(game: Game, orders: dict[str, list[Move]], accept: bool = True) -> None:
    """Submit the given orders (others pass), answer every proposal with ``accept``, run to the next turn."""
    for actor in game.compiled.actors:
        for move in orders.get(actor, []):
            game.submit(move)
        if actor in game.awaiting():
            game.submit(Move(actor, PASS))
    game.advance()
    if game.phase is Phase.RESPONSES:
        for actor in game.awaiting():
            for proposal in game.open_proposals(actor):
                game.submit(Answer(actor, proposal["id"], accept))
        game.advance()


def test_needs_run_down_every_month_unless_supplied(summit: CompiledScenario) -> None:
    game = _start(summit)
    values = game.state["vars"]
    munitions, food, fuel = values["russia.munitions"], values["north_korea.food"], values["north_korea.fuel"]
    _play_turn(game, {})
    assert values["russia.munitions"] == munitions - 10
    assert values["north_korea.food"] == food - 6 - 8, "upkeep, then July's floods on the Yalu (scripted, turn 2)"
    assert values["north_korea.fuel"] == fuel - 5
    fronts = []
    while not game.is_over():
        fronts.append(values["russia.front"])
        _play_turn(game, {})
    assert values["russia.munitions"] == 0
    assert fronts[-1] < fronts[0], "an unsupplied army loses ground"


def test_shells_for_food_supplies_both_sides(summit: CompiledScenario) -> None:
    game = _start(summit)
    values = game.state["vars"]
    before = dict(values)
    _play_turn(game, {"russia": [Move("russia", "shells_for_food", "north_korea")]})
    assert values["russia.munitions"] == before["russia.munitions"] + 15 - 10
    assert values["north_korea.food"] == before["north_korea.food"] + 12 - 6 - 8  # July's floods
    assert values["north_korea.arsenal"] == before["north_korea.arsenal"] - 15


def test_covert_transfers_are_sometimes_detected_and_detection_costs(summit: CompiledScenario) -> None:
    detected = hidden = 0
    for seed in range(40):
        game = _start(summit, seed)
        evidence = game.state["vars"]["world.evidence"]
        standing = game.state["vars"]["russia.standing"]
        _play_turn(game, {"russia": [Move("russia", "shells_for_food", "north_korea")]})
        entries = [e for e in game.state["log"] if e.get("move") == "shells_for_food"]
        if any(e["kind"] == "detected" for e in entries):
            detected += 1
            assert game.state["vars"]["world.evidence"] == evidence + 1
            assert game.state["vars"]["russia.standing"] < standing
        else:
            hidden += 1
            deal = next(e for e in entries if e["kind"] == "deal")
            assert deal["visible_to"] == ["russia", "north_korea"]
            assert game.state["vars"]["world.evidence"] == evidence
    assert detected and hidden


def test_un_sanctions_can_be_restored_but_never_tightened(summit: CompiledScenario) -> None:
    """Member states enforce the UN regime again with evidence; a new resolution is vetoed (no UN tightening)."""
    assert list(summit.tracks["sanctions"].states) == ["ignored", "leaky", "holding"]
    game = _start(summit)
    assert game.state["tracks"]["sanctions"] == "leaky", "the limousine news erodes the regime on turn 1"
    game.state["vars"]["world.evidence"] = 2
    _play_turn(game, {"usa": [Move("usa", "un_pressure")]})
    assert game.state["tracks"]["sanctions"] == "leaky", "no enforcement without evidence"
    game.state["vars"]["world.evidence"] = 6
    standing = game.state["vars"]["russia.standing"]
    _play_turn(game, {"usa": [Move("usa", "un_resolution")]})
    assert game.state["tracks"]["sanctions"] == "leaky", "the veto blocks UN action"
    assert game.state["vars"]["russia.standing"] < standing, "but the veto costs Russia standing"
    _play_turn(game, {"usa": [Move("usa", "un_pressure")]})
    assert game.state["tracks"]["sanctions"] == "holding"


def test_national_sanctions_widen_with_evidence_and_need_the_monitoring_team(summit: CompiledScenario) -> None:
    game = _start(summit)
    game.state["vars"]["world.evidence"] = 2
    _play_turn(game, {"allies": [Move("allies", "national_sanctions")]})
    assert game.state["tracks"]["national"] == "targeted"
    game.state["vars"]["world.evidence"] = 6
    _play_turn(game, {"usa": [Move("usa", "secondary_sanctions")], "allies": [Move("allies", "national_sanctions")]})
    assert game.state["tracks"]["national"] == "broad", "coordination needs the monitoring team"
    game.state["flags"]["monitoring_team"] = True
    _play_turn(game, {"allies": [Move("allies", "national_sanctions")]})
    assert game.state["tracks"]["national"] == "coordinated"


def test_a_denial_costs_credibility_and_leaves_the_evidence(summit: CompiledScenario) -> None:
    game = _start(summit, 2)  # a seed on which no report adds evidence in these months
    game.state["vars"]["world.evidence"] = 8
    standing, prestige = game.state["vars"]["russia.standing"], game.state["vars"]["north_korea.prestige"]
    _play_turn(game, {"russia": [Move("russia", "deny")]})
    assert game.state["vars"]["world.evidence"] == 8
    assert game.state["vars"]["russia.standing"] == standing - 2
    assert game.state["vars"]["north_korea.prestige"] == prestige + 3
    _play_turn(game, {"russia": [Move("russia", "deny")]})
    assert Move("russia", "deny") not in game.legal_decisions("russia")
    option = next(o for o in game.move_options("russia") if o.bound.id == "deny")
    assert "2 times per game" in option.reason


def test_troops_for_kursk_need_the_treaty_and_september(summit: CompiledScenario) -> None:
    game = _start(summit)
    troops = Move("russia", "request_troops", "north_korea")
    assert troops not in game.legal_decisions("russia")
    _play_turn(game, {"russia": [Move("russia", "sign_treaty", "north_korea")]})
    assert game.state["flags"]["treaty_signed"]
    for _ in range(2):  # months 2 and 3, the peninsula kept calm so no crisis ends the game first
        game.state["tracks"]["tension"] = "calm"
        game.state_changed()
        assert troops not in game.legal_decisions("russia")
        _play_turn(game, {})
    assert game.turn == 4 and not game.is_over()
    assert troops in game.legal_decisions("russia")


@pytest.mark.parametrize(("provoked", "ending"), [(True, "crisis_after_test"), (False, "peninsula_crisis")])
def test_a_crisis_at_the_brink_ends_the_game_early_and_names_its_cause(
    summit: CompiledScenario, provoked: bool, ending: str
) -> None:
    state = _start(summit).state
    state["tracks"]["tension"] = "brink"
    state["flags"]["provoked_by_pyongyang"] = provoked
    game = Game(summit, 1, state=state)
    _play_turn(game, {})
    assert game.is_over()
    assert game.state["result"]["ending"] == ending
    assert game.state["result"]["turn"] == 1


# --- many games -----------------------------------------------------------------------------------


def _check_bounds(game: Game) -> None:
    for ref, value in game.state["vars"].items():
        low, high = game.compiled.bounds[ref]
        assert low <= value <= high, f"{ref} = {value} outside [{low}, {high}] on turn {game.turn}"
    for tid, current in game.state["tracks"].items():
        assert current in game.compiled.tracks[tid].states


def _play_many(summit: CompiledScenario, kind: str, games: int) -> set[str]:
    endings = set()
    for seed in range(1, games + 1):
        players = make_players(parse_players(kind, summit.actors), seed)
        game = play_game(summit, seed, players, on_turn=_check_bounds, record=False).game
        result = game.state["result"]
        assert result is not None and result["winners"]
        assert 1 <= result["turn"] <= summit.turns
        endings.add(result["ending"])
    return endings


@pytest.mark.parametrize("kind", ["random", "heuristic"])
def test_500_seeded_games_play_to_the_end_within_bounds(summit: CompiledScenario, kind: str) -> None:
    endings = _play_many(summit, kind, GAMES)
    assert endings <= {e.ending.id for e in summit.endings}, "time_up without a fitting ending"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["heuristic", "random"])
def test_balance_targets_are_met(summit: CompiledScenario, kind: str) -> None:
    balance = _load_script("balance")
    tally = balance.measure(str(SCENARIO), range(1, GAMES + 1), kind, jobs=2)
    assert balance.misses(summit, tally, kind) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["heuristic", "random"])
def test_the_short_variant_meets_the_win_share_targets(kind: str) -> None:
    """Issue 14: the 45-minute game keeps every actor's win share in range (the move and ending targets are
    measured in the design note; in four or five one-move turns the heuristic bots leave some moves unplayed)."""
    balance = _load_script("balance")
    tally = balance.measure(str(SCENARIO), range(1, GAMES + 1), kind, jobs=2, variant="short")
    wins = [miss for miss in balance.misses(balance.load(str(SCENARIO), "short"), tally, kind) if " wins " in miss]
    assert wins == []


# --- golden playthrough ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _first_difference(expected: list[Any], actual: list[Any]) -> str:
    for number, (a, b) in enumerate(zip(expected, actual, strict=False), start=1):
        if a != b:
            return f"decision {number}: golden {a} != now {b}"
    return f"golden has {len(expected)} decisions, now {len(actual)}"


def test_golden_playthrough_seed_1(golden: dict[str, Any]) -> None:
    """Seed 1 with heuristic bots plays exactly as recorded (see the module docstring to regenerate)."""
    update = _load_script("update_golden")
    now = update.golden_document(SCENARIO, 1)
    hint = "; if the change is deliberate, run: python benchmarks/update_golden.py " + str(GOLDEN.relative_to(ROOT))
    assert now["decisions"] == golden["decisions"], _first_difference(golden["decisions"], now["decisions"]) + hint
    assert now["turn_hashes"] == golden["turn_hashes"], "same decisions, different turn states" + hint
    assert now["result"] == golden["result"]
    assert now["final_hash"] == golden["final_hash"]


def test_golden_decisions_replay_to_the_recorded_states(summit: CompiledScenario, golden: dict[str, Any]) -> None:
    """Event sourcing: the recorded decisions alone reproduce every turn's state, without the bots."""
    played = replay_decisions(summit, golden["seed"], golden["decisions"])
    assert [t.hash for t in played.turns] == golden["turn_hashes"]
    assert played.game.state_hash() == golden["final_hash"]


# --- the teacher's view ---------------------------------------------------------------------------


def test_parley_run_tells_the_whole_game() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "run", str(SCENARIO), "--seed", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Summit in Pyongyang (June 2024) — seed 1")
    assert "=== Turn 1 · June 2024 ===" in out
    assert "G7 condemns Moscow–Pyongyang military cooperation" in out
    assert "=== Result:" in out and "Winner" in out
    assert "Revealed at the debrief" in out
    assert "Traceback" not in result.stderr
