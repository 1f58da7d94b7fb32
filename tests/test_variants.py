"""Lesson variants: a scenario cut to fit a class period (format field `variants:`, `--variant`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.engine import compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import check_text, load_scenario, load_scenario_text
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


# --- a variant's overrides: start values, track states, flags, objective points ----------------------


def _with_short_overrides(text: str, overrides: str) -> str:
    """The scenario text with the short variant's overrides replaced by ``overrides`` (YAML lines of a variant)."""
    start = text.index("    # The short game compresses")
    end = text.index("  - id: full", start)
    return text[:start] + overrides + text[end:]


def test_a_variant_overrides_start_values_track_states_flags_and_points() -> None:
    text = _with_short_overrides(
        SUMMIT.read_text(encoding="utf-8"),
        "    tracks:\n      satellite: ready\n    flags:\n      treaty_signed: true\n"
        "    start:\n      world.scrutiny: 45\n      north_korea.food: 20\n      allies.unity: 56\n"
        "    points:\n      allies.secure: 4\n",
    )
    scenario = load_scenario(SUMMIT)
    short = apply_variant(load_scenario_text(text, "summit.yaml"), "short")
    north_korea = next(a for a in short.actors if a.id == "north_korea")
    allies = next(a for a in short.actors if a.id == "allies")
    assert next(t for t in short.tracks if t.id == "satellite").initial == "ready"
    assert next(f for f in short.flags if f.id == "treaty_signed").initial is True
    assert next(v for v in short.world if v.id == "scrutiny").start == 45
    assert next(v for v in north_korea.variables if v.id == "food").start == 20
    assert next(v for v in allies.variables if v.id == "unity").start == 56
    assert next(o for o in allies.objectives if o.id == "secure").points == 4
    # everything else, and the scenario as written, stays as it was
    assert next(v for v in north_korea.variables if v.id == "fuel").start == 34
    assert next(o for o in allies.objectives if o.id == "united").points == 1
    full = apply_variant(scenario, "full")
    assert full.actors == scenario.actors and full.tracks == scenario.tracks and full.world == scenario.world
    assert next(t for t in scenario.tracks if t.id == "satellite").initial == "rebuilding"
    compiled = compile_scenario(short)
    game = play_game(compiled, 1, make_players(dict.fromkeys(compiled.actors, "random"), 1), record=False).game
    assert game.state["result"] is not None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ("    start:\n      allies.unty: 50\n",
         "variant 'short' sets the start of unknown variable 'allies.unty'; did you mean 'allies.unity'?"),
        ("    start:\n      allies.unity: 120\n",
         "variant 'short' starts 'allies.unity' at 120, outside its bounds 0..100"),
        ("    tracks:\n      satelite: ready\n",
         "variant 'short' sets the start of unknown track 'satelite'; did you mean 'satellite'?"),
        ("    tracks:\n      tension: brnk\n", "track 'tension' has no state 'brnk'; did you mean 'brink'?"),
        ("    flags:\n      treaty_sined: true\n",
         "variant 'short' sets unknown flag 'treaty_sined'; did you mean 'treaty_signed'?"),
        ("    points:\n      allies.secur: 4\n",
         "variant 'short' gives points to unknown objective 'allies.secur'; did you mean 'allies.secure'?"),
    ],
)
def test_a_variant_override_naming_nothing_is_an_error_at_its_line(overrides: str, message: str) -> None:
    text = SUMMIT.read_text(encoding="utf-8")
    edited = _with_short_overrides(text, overrides)
    expected_line = edited.split("\n").index(overrides.split("\n")[1]) + 1
    found = [d for d in check_text(edited, "summit.yaml") if d.severity == "error"]
    assert [d.message for d in found] == [message]
    assert found[0].line == expected_line, (found[0].line, expected_line)


def test_the_authoring_guides_variant_example_is_the_shipped_short_variant() -> None:
    """docs/authoring.md's worked example of variant overrides is what scenarios/pyongyang_summit.yaml declares."""
    import re

    from game.scenario.yaml_safe import parse_yaml

    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml pyongyang\n(.*?)```", doc, re.S)
    example, _ = parse_yaml(block)
    shipped = {v.id: v for v in load_scenario(SUMMIT).variants}
    for variant in example["variants"]:
        declared = shipped[variant["id"]].model_dump(exclude_defaults=True)
        assert {k: declared.get(k) for k in variant} == variant, variant["id"]
