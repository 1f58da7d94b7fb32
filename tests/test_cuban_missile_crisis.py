"""The second complete scenario, "Thirteen Days: the Cuban Missile Crisis (October 1962)".

Default run (fast): the file validates; it has the content issue 5 asks for; its core mechanics
work as designed (deals only under pressure, the secret Jupiter trade, the false alarm, the
invasion); 200 seeded games per bot kind play to the end within every bound; and a balance smoke
check: with heuristic bots in every seat each of the four actors wins a fair share of games.

``pytest -m slow tests/test_cuban_missile_crisis.py`` adds the full balance targets measured by
``benchmarks/balance.py`` over 500 seeded games (heuristic and random bots).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from game.engine import PASS, Answer, CompiledScenario, Game, Move, Phase
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import check_file, load_scenario
from game.scenario.models import Scenario
from tests.conftest import ROOT, compiled

SCENARIO = ROOT / "scenarios" / "cuban_missile_crisis.yaml"
FAST_GAMES = 200
SMOKE_GAMES = 100
FULL_GAMES = 500
ACTORS = ("usa", "ussr", "cuba", "un")


def _load_script(name: str) -> ModuleType:
    """Import a script from benchmarks/ (not a package) by path, once per session."""
    module_name = f"benchmarks_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and worker processes look the module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.fixture(scope="module")
def crisis() -> CompiledScenario:
    return compiled(SCENARIO)


# --- the file -----------------------------------------------------------------------------------


def test_scenario_validates_without_any_diagnostic() -> None:
    assert check_file(SCENARIO) == []
    assert SCENARIO.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=schema.json"


def test_content_the_issue_asks_for(scenario: Scenario, crisis: CompiledScenario) -> None:
    assert tuple(a.id for a in scenario.actors) == ACTORS
    for actor in scenario.actors:
        moves = {b.move.id: b.move for b in crisis.bound_moves[actor.id]}
        assert len(moves) >= 6, f"{actor.id} has {len(moves)} moves"
        assert any(m.kind == "deal" for m in moves.values()), f"{actor.id} has no deal"
        assert any(m.visibility == "covert" and m.detection and m.on_detect for m in moves.values()), actor.id
        assert actor.objectives and any(o.secret for o in actor.objectives), f"{actor.id}: public and secret aims"
        assert len(actor.briefing.basic) < len(actor.briefing.advanced)
        assert "Background:" in actor.briefing.advanced, f"{actor.id}: background facts are marked"
        assert actor.upkeep, f"{actor.id} has nothing that erodes every turn"
        assert actor.bot.values and actor.bot.track_values, f"{actor.id} has no bot hints"
    assert {"standoff", "missiles", "quarantine", "defcon"} <= {t.id for t in scenario.tracks}
    assert 6 <= scenario.meta.turns <= 7
    assert crisis.turn_labels[0] == "16–18 Oct 1962"
    assert {e.id for e in scenario.endings} >= {"settlement", "nuclear_war", "humiliation", "invasion"}
    assert len(scenario.debrief.questions) >= 6
    dates = {f.date: f.text for f in scenario.debrief.what_happened_next}
    assert {"1962-10-28", "1963-04", "1963-06-20", "1963-08-05"} <= set(dates)
    assert "Test Ban" in dates["1963-08-05"] and "hotline" in dates["1963-06-20"]


def test_the_historical_events_are_there_and_dated(scenario: Scenario) -> None:
    by_id = {e.id: e for e in scenario.events}
    scripted = {"u2_photos": 1, "gromyko_visit": 1, "tv_address": 3, "first_letter": 5, "second_letter": 5}
    for event_id, turn in scripted.items():
        assert by_id[event_id].turn == turn, event_id
        assert by_id[event_id].source == "background", event_id
    for event_id in ("u2_shot_down", "submarine_b59", "u2_strays", "quarantine_in_force", "withdrawal_announced"):
        assert by_id[event_id].source == "background", event_id
    assert any(e.chance is not None for e in scenario.events), "random events"


def test_every_news_item_says_where_it_comes_from(scenario: Scenario) -> None:
    """The news text ends with its provenance in brackets; its first word is the event's source."""
    for event in scenario.events:
        marker = re.search(r"\(([^()]*)\)\s*$", event.news)
        assert marker is not None, f"{event.id}: news must end with (background) or (fictional ...)"
        assert re.split(r"[\s,;]", marker.group(1))[0] == event.source, event.id


def test_log_lines_read_as_sentences(scenario: Scenario) -> None:
    """Log lines name the capitals and leaders, so they read well without "the" before a country."""
    for move in scenario.moves:
        text = move.log.replace("{target}", "Moscow")
        assert "{" not in text and "}" not in text, move.id
        assert not text.startswith(("United States", "Soviet Union")), move.id


# --- mechanics ------------------------------------------------------------------------------------


def _start(crisis: CompiledScenario, seed: int = 1, **changes: Any) -> Game:
    """A game in the diplomacy phase of turn 1, with ``changes`` applied to its plain state.

    Keys are ``vars__REF`` (dots as ``__``), ``tracks__ID``, ``flags__ID`` or ``turn``.
    """
    game = Game(crisis, seed)
    game.advance()
    state = game.state
    for key, value in changes.items():
        if key == "turn":
            state["turn"] = value
            continue
        section, name = key.split("__", 1)
        state[section][name.replace("__", ".")] = value
    return Game(crisis, seed, state=state)


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


def test_the_missile_sites_get_ready_unless_stopped(crisis: CompiledScenario) -> None:
    game = _start(crisis)
    values, tracks = game.state["vars"], game.state["tracks"]
    readiness = values["world.readiness"]
    _play_turn(game, {})
    assert values["world.readiness"] == readiness + 10
    while tracks["missiles"] == "arriving" and not game.is_over():
        _play_turn(game, {})
    assert tracks["missiles"] == "operational"
    assert "sites_operational" in game.state["fired"]


def test_deals_need_pressure_first(crisis: CompiledScenario) -> None:
    offer = Move("usa", "offer_pledge", "ussr")
    assert offer not in _start(crisis, tracks__standoff="confrontation").legal_decisions("usa")
    assert offer in _start(crisis, tracks__quarantine="enforced").legal_decisions("usa")
    assert offer in _start(crisis, tracks__standoff="brink").legal_decisions("usa")


def test_the_pledge_deal_settles_the_crisis(crisis: CompiledScenario) -> None:
    game = _start(crisis, tracks__standoff="confrontation", tracks__quarantine="enforced")
    values = game.state["vars"]
    security = values["cuba.security"]
    _play_turn(game, {"usa": [Move("usa", "offer_pledge", "ussr")]})
    assert game.state["tracks"]["missiles"] == "dismantling"
    assert game.state["tracks"]["standoff"] == "settled"
    assert game.state["tracks"]["quarantine"] == "lifted"
    assert game.state["flags"]["pledge"]
    assert values["cuba.security"] == security + 15, "no Mongoose upkeep once the pledge is given"


def test_a_rejected_offer_changes_nothing(crisis: CompiledScenario) -> None:
    game = _start(crisis, tracks__standoff="confrontation", tracks__quarantine="enforced")
    _play_turn(game, {"usa": [Move("usa", "offer_pledge", "ussr")]}, accept=False)
    assert game.state["tracks"]["missiles"] != "dismantling"
    assert not game.state["flags"]["pledge"]


def test_the_secret_jupiter_trade_is_sometimes_found_out(crisis: CompiledScenario) -> None:
    detected = hidden = 0
    for seed in range(1, 41):
        game = _start(crisis, seed, tracks__quarantine="enforced", flags__backchannel=True)
        allies = game.state["vars"]["usa.allies"]
        _play_turn(game, {"usa": [Move("usa", "secret_trade", "ussr")]})
        assert game.state["flags"]["jupiter_deal"] and game.state["flags"]["pledge"]
        entries = [e for e in game.state["log"] if e.get("move") == "secret_trade"]
        if any(e["kind"] == "detected" for e in entries):
            detected += 1
            assert game.state["flags"]["jupiter_public"]
            assert game.state["vars"]["usa.allies"] == allies - 20
        else:
            hidden += 1
            deal = next(e for e in entries if e["kind"] == "deal")
            assert deal["visible_to"] == ["usa", "ussr"], "Cuba and the UN do not see the secret trade"
            assert not game.state["flags"]["jupiter_public"]
    assert detected and hidden


def test_a_false_alarm_ends_in_nuclear_war_unless_the_danger_falls(crisis: CompiledScenario) -> None:
    alarm: dict[str, Any] = {"tracks__standoff": "confrontation", "tracks__defcon": "defcon2",
                             "vars__world__risk": 90, "flags__false_alarm": True}  # fmt: skip
    game = _start(crisis, **alarm)
    _play_turn(game, {})
    assert game.state["result"]["ending"] == "nuclear_war"
    assert game.state["tracks"]["defcon"] == "defcon1"
    ending = next(e for e in game.state["log"] if e["kind"] == "ending")
    assert ending["points"] == dict.fromkeys(ACTORS, -8), "nobody wins a nuclear war"

    game = _start(crisis, **alarm)
    _play_turn(game, {"usa": [Move("usa", "restraint")], "un": [Move("un", "standstill")]})
    assert not game.is_over()
    assert game.state["vars"]["world.risk"] < 85
    assert not game.state["flags"]["false_alarm"], "the next news clears the alarm"


def test_an_invasion_ends_the_game(crisis: CompiledScenario) -> None:
    game = _start(crisis, turn=4, tracks__standoff="brink", flags__air_strike=True)
    _play_turn(game, {"usa": [Move("usa", "invade")]})
    assert game.state["result"]["ending"] == "invasion"
    assert game.state["result"]["turn"] == 4


def test_inspection_is_possible_only_while_the_missiles_are_dismantled(crisis: CompiledScenario) -> None:
    inspect = Move("un", "inspection_deal", "cuba")
    assert inspect not in _start(crisis).legal_decisions("un")
    game = _start(crisis, tracks__missiles="dismantling", tracks__standoff="settled")
    assert inspect in game.legal_decisions("un")
    _play_turn(game, {"un": [inspect]})
    assert game.state["flags"]["inspection"] and game.state["tracks"]["missiles"] == "removed"
    refused = _start(crisis, tracks__missiles="removed", tracks__standoff="settled")
    assert inspect not in refused.legal_decisions("un")
    assert Move("cuba", "refuse_inspection") in refused.legal_decisions("cuba")


# --- many games -----------------------------------------------------------------------------------


def _bounds_problems(game: Game) -> list[str]:
    problems = []
    for ref, value in game.state["vars"].items():
        low, high = game.compiled.bounds[ref]
        if not low <= value <= high:
            problems.append(f"{ref} = {value} outside [{low}, {high}] on turn {game.turn}")
    for tid, current in game.state["tracks"].items():
        if current not in game.compiled.tracks[tid].states:
            problems.append(f"track {tid} in unknown state {current!r}")
    return problems


def _collect_problems(problems: list[str], game: Game) -> None:
    problems.extend(_bounds_problems(game))


def _play_many(crisis: CompiledScenario, kind: str, games: int) -> list[dict[str, Any]]:
    """Play seeds 1..games; return each result, with any out-of-bounds value found after a turn."""
    results = []
    for seed in range(1, games + 1):
        problems: list[str] = []
        players = make_players(dict.fromkeys(crisis.actors, kind), seed)
        collect = functools.partial(_collect_problems, problems)
        game = play_game(crisis, seed, players, on_turn=collect, record=False).game
        result = dict(game.state["result"] or {})
        result["problems"] = problems
        results.append(result)
    return results


@pytest.fixture(scope="module")
def heuristic_games(crisis: CompiledScenario) -> list[dict[str, Any]]:
    return _play_many(crisis, "heuristic", FAST_GAMES)


@pytest.fixture(scope="module")
def random_games(crisis: CompiledScenario) -> list[dict[str, Any]]:
    return _play_many(crisis, "random", FAST_GAMES)


@pytest.mark.parametrize("kind", ["heuristic", "random"])
def test_seeded_games_play_to_the_end_within_bounds(
    request: pytest.FixtureRequest, crisis: CompiledScenario, kind: str
) -> None:
    results = request.getfixturevalue(f"{kind}_games")
    assert len(results) == FAST_GAMES
    for seed, result in enumerate(results, start=1):
        assert result["problems"] == [], f"seed {seed}: {result['problems'][0]}"
        assert result["winners"], f"seed {seed} has no winner"
        assert 1 <= result["turn"] <= crisis.turns
        assert result["ending"] in {e.ending.id for e in crisis.endings}, f"seed {seed} ended {result['ending']}"


def test_balance_smoke_every_actor_wins_a_fair_share(heuristic_games: list[dict[str, Any]]) -> None:
    """Heuristic bots in every seat: each actor wins at least 5% of the first games (the target is 15-45%)."""
    wins: dict[str, float] = dict.fromkeys(ACTORS, 0.0)
    for result in heuristic_games[:SMOKE_GAMES]:
        for actor in result["winners"]:
            wins[actor] += 1 / len(result["winners"])
    for actor in ACTORS:
        assert wins[actor] / SMOKE_GAMES >= 0.05, f"{actor} wins {wins[actor]:.1f} of {SMOKE_GAMES} games"
    endings = Counter(r["ending"] for r in heuristic_games)
    assert endings["settlement"] > endings["missiles_stay"] > 0, "most crises end in a settlement, not all"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["heuristic", "random"])
def test_balance_targets_are_met(crisis: CompiledScenario, kind: str) -> None:
    balance = _load_script("balance")
    tally = balance.measure(str(SCENARIO), range(1, FULL_GAMES + 1), kind, jobs=2)
    assert balance.misses(crisis, tally, kind) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["heuristic", "random"])
def test_the_short_variant_meets_the_win_share_targets(kind: str) -> None:
    """Issue 14: the 45-minute game keeps every actor's win share in range (the move and ending targets are
    measured in the design note; in four or five one-move turns the heuristic bots leave some moves unplayed)."""
    balance = _load_script("balance")
    tally = balance.measure(str(SCENARIO), range(1, FULL_GAMES + 1), kind, jobs=2, variant="short")
    wins = [miss for miss in balance.misses(balance.load(str(SCENARIO), "short"), tally, kind) if " wins " in miss]
    assert wins == []


# --- the teacher's view ---------------------------------------------------------------------------


def test_parley_run_tells_the_whole_game() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "run", str(SCENARIO), "--seed", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Thirteen Days: the Cuban Missile Crisis (October 1962) — seed 1")
    assert "=== Turn 1 · 16–18 Oct 1962 ===" in out
    assert "U-2 photographs reveal missile sites in Cuba" in out
    assert "=== Result:" in out and "Winner" in out
    assert "Revealed at the debrief" in out
    assert "{actor}" not in out and "{target}" not in out
