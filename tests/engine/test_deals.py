"""Deals among several parties and a deal's secret half (docs/authoring.md, "Deals among several parties").

The scenario is ``tests/scenarios/deals/grain_deal.yaml``: the UN proposes one deal to Ukraine, Russia and
Türkiye; Egypt is not a party. The deal's secret half (a side letter on Russia's ammonia) is for the insiders.
"""

from __future__ import annotations

import json
import random

import jsonschema
import pytest

from game.classroom.briefings import actor_page
from game.classroom.story import timeline
from game.cli.main import main
from game.engine import FACILITATOR, PASS, PUBLIC, Answer, CompiledScenario, Game, Move, Viewer, compile_scenario, view
from game.engine.view import sees_secret_terms
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario_text
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import ROOT, compiled

GRAIN = ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml"
PARTIES = ["ukraine", "russia", "turkiye"]
SECRET = "the UN will press for Russian ammonia exports through Odesa"


@pytest.fixture(scope="module")
def grain() -> CompiledScenario:
    return compiled(GRAIN)


def proposed(grain: CompiledScenario) -> Game:
    """A game in the responses phase: the UN has proposed the grain initiative, everyone else passed."""
    game = Game(grain, seed=1)
    game.advance()
    game.submit(Move("un", "grain_initiative"))
    for actor in ("ukraine", "russia", "turkiye", "egypt"):
        game.submit(Move(actor, PASS))
    game.advance()
    return game


def answer(game: Game, answers: dict[str, bool]) -> None:
    for party, accept in answers.items():
        (proposal,) = game.open_proposals(party)
        game.submit(Answer(party, proposal["id"], accept))
    game.advance()


def turn_entries(game: Game, kind: str) -> list[dict[str, object]]:
    return [e for e in game.state["log"] if e["kind"] == kind and e["turn"] == 1]


def test_every_party_is_asked_once(grain: CompiledScenario) -> None:
    game = proposed(grain)
    assert game.awaiting() == PARTIES
    proposals = game.state["proposals"]
    assert [p["id"] for p in proposals] == [f"t1.un.0.{p}" for p in PARTIES]
    assert {p["deal"] for p in proposals} == {"t1.un.0"}
    assert all(p["parties"] == PARTIES and p["from"] == "un" for p in proposals)


def test_the_deal_takes_effect_when_every_party_accepts(grain: CompiledScenario) -> None:
    game = proposed(grain)
    before = dict(game.state["vars"])
    answer(game, dict.fromkeys(PARTIES, True))
    values = game.state["vars"]
    assert values["ukraine.grain"] == before["ukraine.grain"] - 30
    assert values["ukraine.income"] == before["ukraine.income"] + 25
    assert values["russia.exports"] == before["russia.exports"] - 5 + 20
    assert values["turkiye.prestige"] == before["turkiye.prestige"] + 15
    assert values["russia.ammonia"] == before["russia.ammonia"] + 10  # the secret half
    assert game.state["flags"]["corridor"]
    (deal,) = turn_entries(game, "deal")
    assert deal["parties"] == PARTIES and deal.get("visible_to") is None
    assert "russia.ammonia" not in deal["changes"] and "un.favours" not in deal["changes"]
    (secret,) = turn_entries(game, "secret")
    assert secret["visible_to"] == ["un", *PARTIES]
    assert secret["changes"] == {"russia.ammonia": 10, "un.favours": -5}
    assert SECRET in str(secret["text"])


@pytest.mark.parametrize("no", PARTIES)
def test_one_no_stops_the_deal_and_nothing_changes_hands(grain: CompiledScenario, no: str) -> None:
    game = proposed(grain)
    before = dict(game.state["vars"])
    answer(game, {p: p != no for p in PARTIES})
    assert not game.state["flags"]["corridor"]
    assert not turn_entries(game, "deal") and not turn_entries(game, "secret")
    (rejected,) = turn_entries(game, "rejected")
    name = grain.actor_names[no]
    assert str(rejected["text"]).startswith(f"{name} rejected the proposal") and "every party" in str(rejected["text"])
    assert all(game.state["vars"][ref] == before[ref] for ref in before if not ref.startswith("egypt."))


def test_two_noes_are_both_named(grain: CompiledScenario) -> None:
    game = proposed(grain)
    answer(game, {"ukraine": False, "russia": True, "turkiye": False})
    (rejected,) = turn_entries(game, "rejected")
    assert str(rejected["text"]).startswith("Ukraine and Türkiye rejected the proposal")


def test_the_secret_half_is_seen_by_the_insiders_only_until_the_debrief(grain: CompiledScenario) -> None:
    game = proposed(grain)
    answer(game, dict.fromkeys(PARTIES, True))

    def texts(viewer: Viewer) -> str:
        return " ".join(str(e["text"]) for e in view(game, viewer).log)

    for insider in ("un", *PARTIES):
        assert SECRET in texts(Viewer.seat(insider)), insider
    assert SECRET in texts(FACILITATOR)
    for outsider in (Viewer.seat("egypt"), PUBLIC):
        assert SECRET not in texts(outsider), outsider
        assert "Black Sea Grain Initiative" in texts(outsider)  # the public half is public
    bound = grain.bound_index[("un", "grain_initiative", None)]
    assert sees_secret_terms(Viewer.seat("russia"), bound, over=False)
    assert not sees_secret_terms(Viewer.seat("egypt"), bound, over=False)
    assert not sees_secret_terms(PUBLIC, bound, over=False)
    assert sees_secret_terms(PUBLIC, bound, over=True)
    while not game.is_over():
        for actor in game.awaiting():
            game.submit(Move(actor, PASS))
        game.advance()
    assert SECRET in texts(Viewer.seat("egypt")) and SECRET in texts(PUBLIC)  # the debrief reveals it


def test_answer_reasons_of_each_party_are_kept(grain: CompiledScenario) -> None:
    game = proposed(grain)
    for party in PARTIES:
        (proposal,) = game.open_proposals(party)
        game.submit(Answer(party, proposal["id"], True), reason=f"{party} agrees")
    game.advance()
    (deal,) = turn_entries(game, "deal")
    assert deal["answer_reasons"] == {p: f"{p} agrees" for p in PARTIES}


@pytest.mark.parametrize("seed", range(8))
def test_heuristic_bots_conclude_the_grain_deal(grain: CompiledScenario, seed: int) -> None:
    """Russia's own terms cost it (exports -5); only the whole deal pays it (+20 in the deal's effects): a bot
    that valued a party's own terms alone would reject it. Heuristic bots value it as made, so they sign."""
    players = make_players(dict.fromkeys(grain.actors, "heuristic"), seed)
    game = play_game(grain, seed, players, record=False).game
    deals = [e for e in game.state["log"] if e["kind"] == "deal"]
    assert deals and deals[0]["turn"] == 1, [e["text"] for e in game.state["log"] if e["kind"] == "rejected"]
    assert game.state["flags"]["corridor"]
    assert all("once every party signs" in reason for reason in deals[0]["answer_reasons"].values())


def test_random_bots_play_several_party_deals_to_the_end(grain: CompiledScenario) -> None:
    kinds = {"deal": 0, "rejected": 0}
    for seed in range(40):
        players = make_players(dict.fromkeys(grain.actors, "random"), seed)
        game = play_game(grain, seed, players, record=False).game
        assert game.is_over()
        for entry in game.state["log"]:
            if entry["kind"] in kinds and entry.get("move") == "grain_initiative":
                kinds[str(entry["kind"])] += 1
    assert kinds["deal"] and kinds["rejected"], kinds


def test_a_two_party_proposal_keeps_its_format_one_shape(tutorial: CompiledScenario) -> None:
    """Format-1 deals are unchanged: one proposal, no ``deal`` or ``parties`` key."""
    rng = random.Random(3)
    for seed in range(30):
        game = Game(tutorial, seed)
        game.advance()
        while game.phase.value == "diplomacy":
            actor = game.awaiting()[0]
            game.submit(rng.choice(game.legal_decisions(actor)))
            game.advance()
        for proposal in game.state["proposals"]:
            assert set(proposal) <= {"id", "from", "to", "move", "answer", "reason"}


def test_the_grain_scenario_tests_pass(capsys: pytest.CaptureFixture[str]) -> None:
    """``parley test`` on the grain scenario (tests/scenarios/deals/tests/grain_deal.yaml)."""
    assert main(["test", str(GRAIN)]) == 0
    assert "3 passed, 0 failed" in capsys.readouterr().out


def test_the_report_reveals_the_secret_half_and_every_partys_answer(grain: CompiledScenario) -> None:
    players = make_players(dict.fromkeys(grain.actors, "heuristic"), 2)
    game = play_game(grain, 2, players, record=False).game
    moves = [m for turn in timeline(game) for m in turn.moves]
    (secret,) = [m for m in moves if m.text.startswith("Secret terms:")]
    assert SECRET in secret.text and "known only to UN, Ukraine, Russia, Türkiye" in secret.text
    assert "Ammonia pipeline +10" in secret.changes
    (deal,) = [m for m in moves if "Grain Initiative" in m.text]
    assert all(f"{name}: accepted" in deal.answer for name in ("Ukraine", "Russia", "Türkiye"))


def test_the_grain_scenario_passes_the_editors_schema() -> None:
    """Editors complete and check ``parties`` and ``secret`` from scenarios/schema.json (generated from the models)."""
    schema = json.loads((ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8"))
    data, _ = parse_yaml(GRAIN.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    bad = json.loads(json.dumps(data))
    bad["moves"][0]["parties"][0]["get"] = []
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_the_proposers_briefing_lists_every_partys_terms_and_the_secret_half(grain: CompiledScenario) -> None:
    un = actor_page(grain, "un")
    assert "if every party accepts" in un and "Russia gives: Russia: Export access -5, gets: nothing" in un
    assert SECRET in un
    assert all(SECRET not in actor_page(grain, a) for a in (*PARTIES, "egypt"))  # not their move: not their page


def test_a_covert_deal_among_several_parties_is_seen_by_its_insiders_only(grain: CompiledScenario) -> None:
    text = GRAIN.read_text(encoding="utf-8")
    start, end = text.index("    secret:\n"), text.index('    log: "{actor} proposes the Black Sea')
    covert = text[:start] + "    visibility: covert\n" + text[end:]
    scenario = compile_scenario(load_scenario_text(covert, "covert.yaml"))
    for answers in (dict.fromkeys(PARTIES, True), {"ukraine": True, "russia": False, "turkiye": True}):
        game = proposed(scenario)
        answer(game, answers)
        (entry,) = turn_entries(game, "deal" if all(answers.values()) else "rejected")
        assert entry["visible_to"] == ["un", *PARTIES]
        outsider = " ".join(str(e["text"]) for e in view(game, Viewer.seat("egypt")).log)
        assert "Grain Initiative" not in outsider
        assert "Grain Initiative" in " ".join(str(e["text"]) for e in view(game, Viewer.seat("turkiye")).log)


def test_bot_reasons_name_a_world_variable_once(grain: CompiledScenario) -> None:
    """A world variable labelled "World hunger" reads "-2 world hunger" in a reason, not "world world hunger"."""
    reasons = []
    for seed in (1, 2, 3):
        game = play_game(grain, seed, make_players(dict.fromkeys(grain.actors, "heuristic"), seed)).game
        reasons += [str(entry.get("reason", "")) for entry in game.state["log"]]
    assert any("world hunger" in reason for reason in reasons)
    assert not any("world world" in reason for reason in reasons)
