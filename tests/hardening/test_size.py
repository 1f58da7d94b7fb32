"""Size: large but legal-looking files are refused at once by documented limits, or checked in near-linear time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game.authoring.lint import inspect_and_lint
from game.scenario.checks import MAX_BINDINGS
from game.scenario.models import MAX_ACTORS, MAX_MOVES, MAX_STATES
from tests.hardening import big

BUDGET = 1.0
"""CPU seconds a file may take to validate (the issue's bound for a 1 MB scenario)."""


def _validate(tmp_path: Path, text: str) -> tuple[list[str], float]:
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.process_time()
    checked = inspect_and_lint(path)
    return [d.format() for d in checked.diagnostics if d.severity == "error"], time.process_time() - start


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: big.everyone_targets_everyone(500), f"has too many entries: at most {MAX_ACTORS}"),
        (lambda: big.everyone_targets_everyone(300, 40), f"has too many entries: at most {MAX_ACTORS}"),
        (lambda: big.everyone_targets_everyone(64, 2), f"at most {MAX_BINDINGS} are allowed"),
        (lambda: big.long_track(5000), f"has too many entries: at most {MAX_STATES}"),
        (lambda: big.many_moves(5000), f"has too many entries: at most {MAX_MOVES}"),
    ],
    ids=["500-actors-all-targets", "300-actors-40-moves", "bindings", "5000-states", "5000-moves"],
)
def test_oversized_scenarios_are_refused_at_once_with_the_limit(
    tmp_path: Path, make: Callable[[], str], expected: str
) -> None:
    errors, seconds = _validate(tmp_path, make())
    assert errors and any(expected in e for e in errors), errors[:3]
    assert seconds < BUDGET, f"took {seconds:.2f} s"


def test_a_legal_scenario_of_nearly_a_megabyte_validates_within_a_second(tmp_path: Path) -> None:
    text = big.legal_megabyte()
    assert 700_000 < len(text.encode()) <= 1024 * 1024
    errors, seconds = _validate(tmp_path, text)
    assert errors == []
    assert seconds < BUDGET, f"took {seconds:.2f} s"


def test_checks_at_the_limits_scale_linearly(tmp_path: Path) -> None:
    """A track of MAX_STATES states and MAX_MOVES moves: within the limits, still fast (no quadratic walk)."""
    for text in (big.long_track(MAX_STATES), big.many_moves(MAX_MOVES)):
        errors, seconds = _validate(tmp_path, text)
        assert errors == []
        assert seconds < BUDGET / 2, f"took {seconds:.2f} s"
