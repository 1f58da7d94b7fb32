"""Live reload without pygame: the file watcher, reloading, and replaying the game so far onto the new version."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.watch import FileWatcher, LiveScenario, Rejected, Reloaded, reload, replay_prefix
from game.engine import Game, compile_scenario
from game.players import make_players, parse_players
from game.runner import replay_decisions
from game.scenario.loader import check_file, load_scenario
from tests.conftest import ROOT, TUTORIAL


def save(path: Path, text: str) -> None:
    """Write like an editor does, with a modification time clearly later than the last one."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    later = max(before + 1_000_000_000, path.stat().st_mtime_ns)
    os.utime(path, ns=(later, later))


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return Path(shutil.copy(TUTORIAL, tmp_path / "tutorial.yaml"))


def played_decisions(path: Path, seed: int, turns: int) -> list[dict[str, object]]:
    """Decisions of heuristic bots for the first ``turns`` turns (and the first decision of the next)."""
    compiled = compile_scenario(load_scenario(path))
    game = Game(compiled, seed)
    game.advance()
    bots = make_players(parse_players("heuristic", compiled.actors), seed)
    while game.turn <= turns and not game.is_over():
        for actor in game.awaiting():
            while actor in game.awaiting():
                game.submit(*bots[actor].decide(game, actor))
        game.advance()
    actor = game.awaiting()[0]
    game.submit(*bots[actor].decide(game, actor))
    return game.decisions


def test_the_watcher_sees_each_content_change_once(scenario: Path) -> None:
    watcher = FileWatcher(scenario, interval=1.0)
    assert not watcher.due(0.4) and not watcher.due(0.4) and watcher.due(0.4)
    assert not watcher.due(0.5)
    assert not watcher.changed()
    save(scenario, scenario.read_text(encoding="utf-8"))
    assert not watcher.changed(), "a save that changes nothing is no change"
    save(scenario, scenario.read_text(encoding="utf-8") + "# edited\n")
    assert watcher.changed()
    assert not watcher.changed()
    scenario.unlink()
    assert not watcher.changed(), "a file that is gone for a moment (an editor saving) is no change"


def test_reload_without_a_game(scenario: Path) -> None:
    result = reload(scenario)
    assert isinstance(result, Reloaded) and result.played is None
    assert result.compiled.meta.id == "tutorial"
    assert result.summary("tutorial.yaml") == "tutorial.yaml reloaded"


def test_an_invalid_edit_is_rejected_with_the_validate_diagnostics(scenario: Path) -> None:
    save(scenario, scenario.read_text(encoding="utf-8").replace('    log: "{actor} digs new wells"\n', ""))
    result = reload(scenario, 1, [])
    assert isinstance(result, Rejected)
    assert result.lines() == [d.format() for d in check_file(scenario)]
    assert "missing required key 'log'" in result.lines()[0]


def test_an_edit_replays_the_decisions_so_far(scenario: Path) -> None:
    decisions = played_decisions(scenario, seed=5, turns=2)
    save(scenario, scenario.read_text(encoding="utf-8").replace("        by: -6\n", "        by: -9\n", 1))
    result = reload(scenario, 5, decisions)
    assert isinstance(result, Reloaded) and result.played is not None
    assert (result.replayed, result.dropped) == (len(decisions), 0)
    game = result.played.game
    assert game.decisions == decisions and game.turn == 3
    upkeep = next(e for e in game.state["log"] if e["kind"] == "upkeep" and e["actor"] == "upland")
    assert upkeep["changes"] == {"upland.money": -9}, "the new upkeep applies to the replayed turns"
    fresh = replay_decisions(result.compiled, 5, decisions, allow_unfinished=True).game
    assert game.state_hash() == fresh.state_hash()
    assert result.summary("t.yaml") == f"t.yaml reloaded: {len(decisions)} decisions replayed"


def test_decisions_that_no_longer_fit_are_dropped_from_the_first_misfit(scenario: Path) -> None:
    compiled = compile_scenario(load_scenario(scenario))
    game = Game(compiled, 2)
    game.advance()
    for turn_moves in ([("upland", "sell_power"), ("lowland", "dig_wells")], [("upland", "sell_power")]):
        for actor, move in turn_moves:
            game.submit(game.legal_decisions(actor)[[d.move for d in game.legal_decisions(actor)].index(move)])
        if game.awaiting() == ["lowland"]:
            game.submit(game.legal_decisions("lowland")[-1])
        game.advance()
    decisions = game.decisions
    assert [d["move"] for d in decisions] == ["sell_power", "dig_wells", "sell_power", "pass"]
    # sell_power now costs more reservoir than Upland has after the first sale: the second one misfits
    save(
        scenario,
        scenario.read_text(encoding="utf-8").replace("cost: {self.reservoir: 10}", "cost: {self.reservoir: 40}"),
    )
    result = reload(scenario, 2, decisions)
    assert isinstance(result, Reloaded) and result.played is not None
    assert (result.replayed, result.dropped) == (2, 2)
    assert result.reason.startswith("decision 3 (turn 2): ")
    assert result.played.game.turn == 2 and result.played.game.awaiting() == ["upland", "lowland"]
    assert "2 dropped (decision 3 (turn 2): " in result.summary("t.yaml")


def test_replay_prefix_keeps_everything_when_all_fit(scenario: Path) -> None:
    decisions = played_decisions(scenario, seed=1, turns=1)
    compiled = compile_scenario(load_scenario(scenario))
    played, fitted, reason = replay_prefix(compiled, 1, decisions)
    assert (fitted, reason) == (len(decisions), "")
    assert played.game.decisions == decisions


def test_live_scenario_polls_when_due(scenario: Path) -> None:
    live = LiveScenario(scenario, interval=1.0)
    text = scenario.read_text(encoding="utf-8")
    save(scenario, text.replace("Tutorial: The River Between Us", "Tutorial: The River, edited"))
    assert live.poll(0.5) is None, "not due yet"
    first = live.poll(0.5)
    assert isinstance(first, Reloaded) and first.compiled.meta.title == "Tutorial: The River, edited"
    assert live.poll(1.0) is None, "no change since"
    save(scenario, text.replace("format: 1", "format: 2"))
    assert isinstance(live.poll(1.0), Rejected)


def test_the_watcher_needs_no_pygame() -> None:
    code = "import sys; sys.modules['pygame'] = None; import game.authoring.watch; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return Path(shutil.copy(ARTICLE, tmp_path / "summit.yaml"))


def test_a_reload_keeps_the_names_and_the_lesson_variant_of_the_game(article: Path) -> None:
    result = reload(article, names="fictional", variant="short")
    assert isinstance(result, Reloaded)
    assert result.compiled.meta.turns == 4 and result.compiled.actor_names["russia"] == "Varonia"
    assert result.scenario is not None and result.scenario.meta.turns == 7, "the file as written, for the setup"
    whole = reload(article)
    assert isinstance(whole, Reloaded) and whole.compiled.meta.turns == 7
    assert whole.compiled.actor_names["russia"] == "Russia"


def test_an_edit_that_drops_the_games_variant_or_names_is_rejected_in_one_line(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    save(article, text.replace("  - id: short\n", "  - id: brief\n", 1))
    result = reload(article, variant="short")
    assert isinstance(result, Rejected) and len(result.lines()) == 1
    assert "lesson variant 'short', which the file no longer declares (declared: brief, full)" in result.lines()[0]
    assert result.lines()[0].startswith(f"{article.as_posix()}:1:1: error:")
    start, end = text.index("\naliases:\n"), text.index("\nvariants:\n")
    save(article, text[:start] + text[end:])
    result = reload(article, names="fictional")
    assert isinstance(result, Rejected) and len(result.lines()) == 1
    assert "declares no fictional names" in result.lines()[0]
