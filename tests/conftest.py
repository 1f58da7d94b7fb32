"""Shared test helpers: the shipped scenarios, compiled once per session."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from game.engine import CompiledScenario, compile_scenario
from game.paths import shipped_scenarios
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@functools.cache
def compiled(path: Path) -> CompiledScenario:
    """Load and compile a scenario once per test session."""
    return compile_scenario(load_scenario(path))


@pytest.fixture
def tutorial() -> CompiledScenario:
    """The compiled tutorial scenario."""
    return compiled(TUTORIAL)


SHIPPED = shipped_scenarios()
SHIPPED_IDS = [p.stem for p in SHIPPED]
