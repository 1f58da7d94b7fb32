"""Fuzzing with hypothesis: mutated shipped scenarios and random conditions never raise anything but our errors.

The default run tries a few dozen cases per test; ``pytest -m slow`` (or ``PARLEY_FUZZ=N``) tries thousands.
"""

from __future__ import annotations

import copy
import math
import os
import random
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import compile_scenario
from game.engine.compiled import ScenarioInvalid
from game.engine.expressions import MAX_VALUE, ExpressionError, Names, compile_condition, new_namespace
from game.players import make_players
from game.runner import play_game
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import check_file, load_scenario_text
from game.scenario.yaml_safe import parse_yaml
from tests.conftest import SHIPPED

EXAMPLES = int(os.environ.get("PARLEY_FUZZ", "40"))
SLOW_EXAMPLES = int(os.environ.get("PARLEY_FUZZ_SLOW", "1500"))
BUDGET = 1.0
"""CPU seconds one case may take."""

TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in SHIPPED}
DATA = {name: parse_yaml(text)[0] for name, text in TEXTS.items()}
ODD_VALUES: list[Any] = [
    None, 0, -1, 10**9, -(10**9) - 1, 10**400, 1e300, 0.5, True, "", "x", "a" * 5000, "\x1b[31m", "\ud7ff",
    [], {}, [1, [2, [3]]], {"a": {"b": {}}}, "self.food", "track.x", "1:30", "no",
]  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def _strings(data: Any) -> list[tuple[Any, ...]]:
    return [p for p in _paths(data) if p and isinstance(_parent(data, p)[p[-1]], str)]


def mutate(data: Any, rng: random.Random, times: int) -> Any:
    """Delete, duplicate or rename keys, change types, swap references: ``times`` random edits."""
    for _ in range(times):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent, key = _parent(data, path), path[-1]
        action = rng.randrange(5)
        if action == 0:  # delete
            del parent[key]
        elif action == 1 and isinstance(parent, dict):  # rename
            parent[f"{key}{rng.choice(['s', '_', 'X', ''])}x"] = parent.pop(key)
        elif action == 1 and isinstance(parent, list):  # duplicate an entry
            parent.insert(key, parent[key])
        elif action == 2:  # change type
            parent[key] = rng.choice(ODD_VALUES)
        elif action == 3:  # swap two references
            strings = _strings(data)
            if len(strings) >= 2:
                a, b = rng.sample(strings, 2)
                pa, pb = _parent(data, a), _parent(data, b)
                pa[a[-1]], pb[b[-1]] = pb[b[-1]], pa[a[-1]]
        else:  # copy a value from elsewhere
            other = rng.choice(paths)
            parent[key] = copy.deepcopy(_parent(data, other)[other[-1]])  # no shared structure: no alias
    return data


def _check(tmp_path: Path, raw: bytes) -> list[Diagnostic]:
    """Validate bytes as a file; assert the promises; return the diagnostics."""
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(raw)
    start = time.process_time()
    diagnostics = check_file(path)
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert "\n" not in diagnostic.format()
    if not any(d.severity == "error" for d in diagnostics):
        scenario = load_scenario_text(raw.decode("utf-8-sig"))
        try:
            compiled = compile_scenario(scenario)
        except ScenarioInvalid:  # the engine's own refusal of a checked scenario: still our error, one line
            compiled = None
        if compiled is not None:
            play_game(compiled, 1, make_players(dict.fromkeys(compiled.actors, "random"), 1), record=False)
    assert time.process_time() - start < BUDGET
    return diagnostics


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter; a value used twice is written twice, never as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
slow_fuzz = settings(max_examples=SLOW_EXAMPLES, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip


def _structural(tmp_path: Path, name: str, seed: int, times: int) -> None:
    rng = random.Random(seed)
    data = mutate(copy.deepcopy(DATA[name]), rng, times)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if rng.random() < 0.3:  # a duplicated line: a duplicate key or a doubled list entry
        lines = text.splitlines()
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
        text = "\n".join(lines)
    _check(tmp_path, text.encode("utf-8", "surrogatepass"))


def _textual(tmp_path: Path, name: str, seed: int, junk: bytes, text_junk: str) -> None:
    rng = random.Random(seed)
    raw = TEXTS[name].encode("utf-8")
    cut = rng.randrange(len(raw) + 1)
    choice = rng.randrange(3)
    if choice == 0:
        raw = raw[:cut]
    elif choice == 1:
        raw = raw[:cut] + junk + raw[cut:]
    else:
        raw = raw[:cut] + text_junk.encode("utf-8", "surrogatepass") + raw[cut:]
    _check(tmp_path, raw)


@fuzz
@given(name=st.sampled_from(sorted(DATA)), seed=st.integers(0, 2**32), times=st.integers(1, 6))
def test_structural_mutations_load_or_give_a_scenario_error(tmp_path: Path, name: str, seed: int, times: int) -> None:
    _structural(tmp_path, name, seed, times)


@fuzz
@given(name=st.sampled_from(sorted(TEXTS)), seed=st.integers(0, 2**32), junk=st.binary(max_size=40),
       text_junk=st.text(max_size=40))  # fmt: skip
def test_cut_and_garbled_files_give_a_scenario_error(
    tmp_path: Path, name: str, seed: int, junk: bytes, text_junk: str
) -> None:
    _textual(tmp_path, name, seed, junk, text_junk)


@pytest.mark.slow
@slow_fuzz
@given(name=st.sampled_from(sorted(DATA)), seed=st.integers(0, 2**32), times=st.integers(1, 12))
def test_structural_mutations_many(tmp_path: Path, name: str, seed: int, times: int) -> None:
    _structural(tmp_path, name, seed, times)


@pytest.mark.slow
@slow_fuzz
@given(name=st.sampled_from(sorted(TEXTS)), seed=st.integers(0, 2**32), junk=st.binary(max_size=200),
       text_junk=st.text(max_size=200))  # fmt: skip
def test_cut_and_garbled_files_many(tmp_path: Path, name: str, seed: int, junk: bytes, text_junk: str) -> None:
    _textual(tmp_path, name, seed, junk, text_junk)


# --- conditions -----------------------------------------------------------------------------------

NAMES = Names(frozenset({"a.x", "a.y", "world.z"}), frozenset({"a", "world"}), {"t": ("low", "mid", "high")},
              frozenset({"f"}))  # fmt: skip
NUMBERS = ["0", "1", "-1", "0.5", "1000000000", "999999999.999", "1e-300", "1e9", "0.0000001", "7", "1e10", "1e308"]
LEAVES = st.sampled_from([*NUMBERS, "a.x", "a.y", "world.z", "turn", "turns", "flag.f", "true", "false"])


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%", "<", ">=", "==", "and", "or"]),
                       children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")  # fmt: skip
    unary = st.tuples(st.sampled_from(["-", "not "]), children).map(lambda t: f"({t[0]}{t[1]})")
    one = st.tuples(st.sampled_from(["abs", "floor", "ceil", "round"]), children).map(lambda t: f"{t[0]}({t[1]})")
    two = st.tuples(st.sampled_from(["min", "max", "round"]), children, children).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})"
    )
    three = st.tuples(children, children, children).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})")
    ifexp = st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})")
    track = st.sampled_from(["track.t >= 'mid'", "track.t == 'low'"])
    return st.one_of(binary, unary, one, two, three, ifexp, track)


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=40)
EXTREMES = st.sampled_from([0, 1, -1, 10**9, -(10**9), 999_999_999, 3])


def _evaluate(text: str, x: int, y: int, z: int, turn: int) -> None:
    try:
        condition = compile_condition(text, NAMES)
    except ExpressionError:
        return
    namespace = new_namespace({"a.x": x, "a.y": y, "world.z": z}, {"t": 1}, {"f": True})
    namespace["turn"] = turn
    start = time.process_time()
    value = condition(namespace)
    assert time.process_time() - start < 0.05
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert not math.isnan(value) and abs(value) <= MAX_VALUE, (text, value)


@fuzz
@given(text=EXPRESSIONS, x=EXTREMES, y=EXTREMES, z=EXTREMES, turn=st.integers(1, 50))
def test_random_conditions_evaluate_totally(text: str, x: int, y: int, z: int, turn: int) -> None:
    _evaluate(text, x, y, z, turn)


@pytest.mark.slow
@slow_fuzz
@given(text=EXPRESSIONS, x=EXTREMES, y=EXTREMES, z=EXTREMES, turn=st.integers(1, 50))
def test_random_conditions_evaluate_totally_many(text: str, x: int, y: int, z: int, turn: int) -> None:
    _evaluate(text, x, y, z, turn)
