"""Balance reports that explain: objectives and the value they test, final values, failed moves, sweeps, ignores."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from game.batch.lint import find_findings
from game.batch.probes import probe
from game.batch.run import play_batch
from game.batch.seeds import game_seed
from game.batch.sweep import SweepError, apply_sweep, parse_sweep, replace_number
from game.engine import compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario, load_scenario_text
from tests.batch.test_batch import parley
from tests.conftest import TUTORIAL

CONTESTED = Path(__file__).parent / "contested.yaml"


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_objective_report_and_final_values_match_the_games_played_one_by_one() -> None:
    compiled = compile_scenario(load_scenario(TUTORIAL))
    kinds = dict.fromkeys(compiled.actors, "random")
    totals = play_batch(compiled, kinds, 5, 60)
    waters, met = [], 0
    for index in range(60):
        seed = game_seed(5, index)
        game = play_game(compiled, seed, make_players(kinds, seed)).game
        waters.append(game.state["vars"]["lowland.water"])
        met += "lowland.irrigated" in game.state["met"]
    summary = totals.summary()
    report = summary["objectives"]["lowland.irrigated"]
    assert report["met_games"] == met and report["met_rate"] == round(met / 60, 6)
    assert (report["value"], report["op"], report["threshold"]) == ("self.water", ">=", 50)
    assert report["distribution"]["median"] == statistics.median(waters)
    assert report["distribution"]["min"] == min(waters) and report["distribution"]["max"] == max(waters)
    final = summary["final_values"]["lowland"]["water"]
    assert final["median"] == statistics.median(waters) and final["mean"] == round(statistics.mean(waters), 6)
    assert "distribution" not in summary["objectives"]["lowland.peace"], "a track comparison has no number to test"


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("self.water >= 50", ("self.water", ">=", 50.0)),
        ("40 < self.money", ("self.money", ">", 40.0)),
        ("self.money - self.standing >= -5", ("self.money - self.standing", ">=", -5.0)),
        ("self.water >= 50 and self.money > 3", None),
        ("track.relations >= 'friendly'", None),
    ],
)
def test_what_an_objective_tests(condition: str, expected: tuple[str, str, float] | None) -> None:
    compiled = compile_scenario(load_scenario(TUTORIAL))
    found = probe(condition, compiled, "upland" if "money" in condition else "lowland")
    assert (found and (found.value, found.op, found.threshold)) == expected


def test_moves_that_never_take_effect_and_deals_always_rejected() -> None:
    compiled = compile_scenario(load_scenario(CONTESTED))
    explore = play_batch(compiled, dict.fromkeys(compiled.actors, "random"), 1, 30)
    play = play_batch(compiled, dict.fromkeys(compiled.actors, "heuristic"), 2, 30)
    assert play.failed["west.host_talks"] == 30 and play.resolved["west.host_talks"] == 0
    assert play.resolved["east.host_talks"] == 30
    findings = {(f.kind, f.subject): f for f in find_findings(explore, play)}
    failing = findings["move-never-takes-effect", "west.host_talks"]
    assert failing.severity == "warning" and "30 times and it failed every time" in failing.message
    assert ("move-never-takes-effect", "east.host_talks") not in findings
    assert findings["deal-never-accepted", "east.lopsided"].severity == "warning"
    assert play.summary()["moves_failed"]["west.host_talks"] == {"failed": 30, "took_effect": 0}


def test_a_warning_marked_as_intended_is_reported_as_suppressed(tmp_path: Path) -> None:
    marked = tmp_path / "contested.yaml"
    marked.write_text(
        CONTESTED.read_text(encoding="utf-8").replace(
            "  - id: host_talks\n", "  - id: host_talks  # parley: ignore[move-never-takes-effect, dominant-move]\n"
        ),
        encoding="utf-8",
    )
    result = parley("analyze", str(marked), "-n", "20", "--jobs", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    line = _line_of(marked, "id: host_talks")
    lines = result.stdout.splitlines()
    here = [text for text in lines if text.startswith(f"{marked}:{line}:")]
    assert any("warning (suppressed):" in text and "[move-never-takes-effect]" in text for text in here), lines
    assert not any("warning:" in text for text in here)
    assert "east's deal 'lopsided'" in result.stdout and "warning: east's deal" in result.stdout
    assert "3 suppressed" in lines[-1], lines[-1]
    document = json.loads(parley("analyze", str(marked), "-n", "20", "--jobs", "1", "--format", "json").stdout)
    hushed = {f["kind"] for f in document["findings"] if f["suppressed"]}
    assert hushed == {"move-never-takes-effect", "dominant-move"} and document["counts"]["suppressed"] == 3


def test_analyze_prints_the_objective_report() -> None:
    result = parley("analyze", str(CONTESTED), "-n", "20", "--jobs", "1", "--quiet")
    assert "  east.famous: met in 100 % of games; median 73 against 60 (self.prestige >= 60 at the end" in result.stdout
    assert "  west.famous: met in 0 % of games; median 54 against 60" in result.stdout


def test_sweep_specifications() -> None:
    assert parse_sweep("actors.lowland.objectives.fed.condition=50:80:10").values == (50, 60, 70, 80)
    assert parse_sweep("moves.x.detection=0.1:0.3:0.1").values == pytest.approx((0.1, 0.2, 0.3))
    assert replace_number("self.water >= 70", 55, "x") == "self.water >= 55"
    assert replace_number("self.water >= -5", 3, "x") == "self.water >= 3"
    assert replace_number("(self.water\n >= 70)", 9, "x") == "(self.water\n >= 9)"
    for text, words in [
        ("a.b=1:2", "PATH=LO:HI:STEP"),
        ("a.b=1:x:1", "must be numbers"),
        ("a.b=1:2:0", "more than 0"),
        ("a.b=5:2:1", "below LO"),
        ("a.b=0:1000:1", "at most 50"),
    ]:
        with pytest.raises(SweepError, match=words):
            parse_sweep(text)
    scenario = load_scenario(TUTORIAL)
    for text, words in [
        ("actors.lowland.objectives.fed.condtion=1:2:1", "did you mean 'condition'"),
        ("actors.lowland.objectives.irigated.condition=1:2:1", "did you mean 'irrigated'"),
        ("actors.lowland.variables.water.start=90:110:20", "start 110 is outside the range"),
        ("actors.lowland.name=1:2:1", "not a number or a condition"),
    ]:
        with pytest.raises(SweepError, match=words):
            sweep = parse_sweep(text)
            for value in sweep.values:
                apply_sweep(scenario, sweep, value)
    with pytest.raises(SweepError, match="has 2 numbers"):
        replace_number("self.water >= 50 and self.money > 3", 1, "x")


def test_sweep_plays_a_batch_per_value_same_as_editing_the_file(tmp_path: Path) -> None:
    result = parley("analyze", str(TUTORIAL), "-n", "12", "--jobs", "1", "--players", "random", "--format", "json",
                    "--sweep", "actors.lowland.objectives.irrigated.condition=40:60:20")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [r["value"] for r in rows] == [40, 60]
    for row in rows:
        text = TUTORIAL.read_text(encoding="utf-8")
        edited = text.replace('condition: "self.water >= 50"', f'condition: "self.water >= {row["value"]}"', 1)
        assert edited != text
        compiled = compile_scenario(load_scenario_text(edited))
        totals = play_batch(compiled, dict.fromkeys(compiled.actors, "random"), 1, 12)
        assert row["win_shares"] == {a: round(float(totals.credited_wins[a]) / 12, 6) for a in compiled.actors}
    table = parley("analyze", str(TUTORIAL), "-n", "5", "--jobs", "1", "--players", "random", "--quiet",
                   "--sweep", "actors.lowland.objectives.irrigated.condition=40:60:20")  # fmt: skip
    assert "win shares by actors.lowland.objectives.irrigated.condition" in table.stdout
    wrong = parley("analyze", str(TUTORIAL), "--sweep", "actors.nobody.start=1:2:1")
    assert wrong.returncode == 2 and wrong.stderr.startswith("--sweep: actors.nobody: no item with id 'nobody'")
    assert "Traceback" not in wrong.stderr
