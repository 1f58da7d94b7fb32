"""Numbers: literals and data are bounded at load, and evaluating a condition is total (no overflow, no hang)."""

from __future__ import annotations

import time

import pytest

from game.engine.expressions import MAX_NUMBER, MAX_VALUE, ExpressionError, Names, compile_condition, new_namespace
from game.scenario.loader import check_text
from tests.hardening import big

NAMES = Names(frozenset({"a.x", "a.y"}), frozenset({"a", "world"}), {"t": ("low", "high")}, frozenset())


def _evaluate(text: str, x: float = 5, y: float = 0) -> object:
    condition = compile_condition(text, NAMES)
    return condition(new_namespace({"a.x": x, "a.y": y}, {"t": 0}, {}))  # type: ignore[dict-item]


@pytest.mark.parametrize("text", ["round(1e308 * 10)", "floor(1e999)", "ceil(1e999 - 1e999)", "a.x > 10000000000"])
def test_literals_outside_the_number_model_are_refused_at_load(text: str) -> None:
    with pytest.raises(ExpressionError, match="too large"):
        compile_condition(text, NAMES)


INTS = "*".join(["1000000000"] * 44)  # a 396-digit integer without saturation
FLOATS = "*".join(["1e9"] * 40)  # 1e360 (infinity) without saturation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"({INTS}) / 3 + 0.5", MAX_VALUE / 3 + 0.5),  # a 400-digit integer divided: saturates, no OverflowError
        (f"floor({FLOATS})", MAX_VALUE),
        (f"ceil({FLOATS} - {FLOATS})", 0),  # inf - inf would be NaN
        (f"round(-{FLOATS})", -MAX_VALUE),
        (f"round({FLOATS} * 10)", MAX_VALUE),
        ("round(a.x, -100000000)", 0),  # would hang computing 10**100000000
        ("round(a.x, 100000000)", 5),
        ("1 / (" + "*".join(["1e-9"] * 30) + ")", MAX_VALUE),
        ("a.x // (a.y * 0.0000001)", 0),
        ("a.x % 0", 0),
    ],
)
def test_evaluation_is_total_and_saturates(text: str, expected: float) -> None:
    start = time.process_time()
    assert _evaluate(text) == expected
    assert time.process_time() - start < 0.1


def test_scenario_numbers_are_bounded_at_load() -> None:
    huge = "9" * 5000
    long = "9" * 400
    text = big.scenario(2, [big.move("m", ["a0"])]).replace('"start": 50', f'"start": {long}', 1)
    messages = [d.message for d in check_text(text)]
    assert messages == [f"must be at most {MAX_NUMBER}, got {long[:40]}..."]
    text = big.scenario(2, [big.move("m", ["a0"])]).replace('"by": -1', f'"by": {huge}', 1)
    assert [d.message for d in check_text(text)] == [f"expected an integer, got '{huge[:40]}...'"]
