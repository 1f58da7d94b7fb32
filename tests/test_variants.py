"""Lesson variants: a scenario cut to fit a class period (format field `variants:`, `--variant`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.engine import compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import check_text, load_scenario
from game.scenario.variants import VariantError, apply_variant
from tests.conftest import ROOT

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"
CRISIS = ROOT / "scenarios" / "cuban_missile_crisis.yaml"


def test_the_short_variant_has_fewer_turns_and_one_move_a_turn() -> None:
    scenario = load_scenario(SUMMIT)
    short = apply_variant(scenario, "short")
    assert (short.meta.turns, short.meta.actions_per_turn) == (4, 1)
    assert (scenario.meta.turns, scenario.meta.actions_per_turn) == (7, 2), "the original is not changed"
    compiled = compile_scenario(short)
    game = play_game(compiled, 1, make_players(dict.fromkeys(compiled.actors, "heuristic"), 1), record=False).game
    assert game.state["result"]["turn"] <= 4
    moves = [d for d in game.decisions if d["kind"] == "move"]
    per_turn: dict[tuple[int, str], int] = {}
    for decision in moves:
        key = (decision["turn"], decision["actor"])
        per_turn[key] = per_turn.get(key, 0) + 1
    assert max(per_turn.values()) == 1


def test_turn_labels_are_cut_to_the_variant() -> None:
    short = apply_variant(load_scenario(CRISIS), "short")
    assert short.meta.turn_labels is not None and len(short.meta.turn_labels) == short.meta.turns == 5


def test_no_variant_and_the_full_variant_play_the_same_game() -> None:
    scenario = load_scenario(SUMMIT)
    assert apply_variant(scenario, None) is scenario
    hashes = []
    for variant in (None, "full"):
        compiled = compile_scenario(apply_variant(scenario, variant))
        players = make_players(dict.fromkeys(compiled.actors, "heuristic"), 3)
        hashes.append(play_game(compiled, 3, players, record=False).game.state_hash())
    assert hashes[0] == hashes[1]


def test_an_unknown_variant_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(VariantError, match=r"no lesson variant 'long' \(this scenario declares: short, full\)"):
        apply_variant(load_scenario(SUMMIT), "long")
    result = subprocess.run(
        [sys.executable, "-m", "game", "run", str(SUMMIT), "--variant", "long"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "no lesson variant 'long'" in result.stderr and "Traceback" not in result.stderr


def test_parley_run_and_batch_take_a_variant() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "game", "run", str(SUMMIT), "--variant", "short", "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "(turn 4)" in run.stdout or "(turn 3)" in run.stdout or "(turn 2)" in run.stdout or "(turn 1)" in run.stdout
    batch = subprocess.run(
        [sys.executable, "-m", "game", "batch", str(SUMMIT), "--variant", "short", "-n", "4", "--jobs", "1", "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert batch.returncode == 0, batch.stderr


def test_a_variant_longer_than_the_turn_labels_is_refused() -> None:
    text = CRISIS.read_text(encoding="utf-8").replace("    turns: 5\n    actions_per_turn: 1\n", "    turns: 9\n")
    messages = [d.message for d in check_text(text, "crisis.yaml")]
    assert any("variant 'short' has 9 turns" in m for m in messages), messages


def test_only_one_variant_may_be_the_default() -> None:
    text = SUMMIT.read_text(encoding="utf-8").replace("    actions_per_turn: 1\n    minutes: 45\n",
                                                      "    actions_per_turn: 1\n    minutes: 45\n    default: true\n")
    messages = [d.message for d in check_text(text, "summit.yaml")]
    assert "variant 'full' is a second default (the default is 'short'): mark only one variant `default: true`" in (
        messages
    ), messages
    assert not [d for d in check_text(SUMMIT.read_text(encoding="utf-8"), "summit.yaml") if d.severity == "error"]
