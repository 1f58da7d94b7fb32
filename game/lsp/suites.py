"""Scenario test files in the editor: their scenario, their diagnostics, completion and go-to-definition.

A test file (``NAME.tests.yaml`` beside a scenario, or ``tests/NAME*.yaml`` next to it) is checked
against its scenario as ``parley test`` does: shape problems, unknown ids with "did you mean", and
the failures of the tests themselves (they are played, which takes milliseconds). Completion offers
what fits the key under the cursor (actors for ``actor``, moves for ``move``, variables under
``variables:``, states for a track, endings for ``ending``), and go-to-definition jumps to the id in
the scenario file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.authoring.scenario_tests import TIME_UP, load_tests_text, run_file
from game.engine import PASS, compile_scenario
from game.lsp.index import Completion, ScenarioIndex, Symbol, build_index, word_at
from game.scenario.diagnostics import DataPath, Diagnostic, ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.yaml_safe import YamlError, parse_yaml

__all__ = ["SuiteContext", "is_suite", "scenario_for", "suite_context"]

_KINDS_BY_KEY = {
    "actor": ("actor",), "target": ("actor",), "proposer": ("actor",),
    "move": ("move", PASS), "deal": ("move",), "ending": ("ending", TIME_UP),
}  # fmt: skip
_KINDS_BY_SECTION = {"variables": "variable", "tracks": "track", "flags": "flag", "scores": "actor"}


def is_suite(data: object) -> bool:
    """Whether parsed YAML looks like a test file (a ``tests`` list, no scenario keys)."""
    return isinstance(data, dict) and "tests" in data and not {"format", "meta", "actors", "moves"} & set(data)


def scenario_for(test_file: Path) -> Path | None:
    """The scenario a test file belongs to: ``NAME.tests.yaml`` -> ``NAME.yaml``; ``tests/NAME_x.yaml`` -> the
    scenario in the folder above whose name is the longest prefix of ``NAME_x``."""
    name = test_file.name
    if name.endswith(".tests.yaml"):
        candidate = test_file.with_name(name.removesuffix(".tests.yaml") + ".yaml")
        return candidate if candidate.is_file() else None
    if test_file.parent.name != "tests":
        return None
    stem = name.removesuffix(".yaml")
    folder = test_file.parent.parent
    found = [p for p in folder.glob("*.yaml") if stem.startswith(p.name.removesuffix(".yaml"))]
    return max(found, key=lambda p: len(p.name)) if found else None


@dataclass
class SuiteContext:
    """A test file's scenario, read once per change."""

    scenario_path: Path
    scenario: ScenarioIndex

    def complete(self, path: DataPath, line_text: str, column: int) -> list[Completion]:
        """Ids that fit the key at ``path`` of the test file."""
        keys = [step for step in path if isinstance(step, str)]
        last = keys[-1] if keys else ""
        parent = keys[-2] if len(keys) >= 2 else ""
        symbols = self.scenario.symbols
        section, entry = (last, None) if last in _KINDS_BY_SECTION else (parent, last) if parent in _KINDS_BY_SECTION \
            else (None, None)  # fmt: skip
        if section is not None:
            if section == "tracks" and entry is not None and not _in_key(line_text, column):
                return [_item(s, s.name.split(".", 1)[1]) for (k, n), s in symbols.items()
                        if k == "state" and n.startswith(f"{entry}.")]  # fmt: skip
            kind = _KINDS_BY_SECTION[section]
            return [_item(s, s.name) for (k, _), s in symbols.items() if k == kind]
        wanted = _KINDS_BY_KEY.get(last, ())
        found = [_item(s, s.name) for (k, _), s in symbols.items() if k in wanted]
        found += [Completion(extra, "keyword", extra, extra) for extra in wanted[1:]]
        return found

    def resolve(self, line_text: str, column: int) -> Symbol | None:
        """The scenario's definition of the id under the cursor."""
        word = word_at(line_text, column)
        if word is None:
            return None
        for kind in ("variable", "move", "actor", "track", "flag", "ending", "event"):
            found = self.scenario.symbols.get((kind, word))
            if found is not None:
                return found
        states = [s for (k, n), s in self.scenario.symbols.items() if k == "state" and n.endswith(f".{word}")]
        return states[0] if states else None


def _in_key(line_text: str, column: int) -> bool:
    """Whether the cursor is before the ':' of a ``key: value`` pair on its line (inside ``{...}`` too)."""
    before = line_text[:column]
    last = max(before.rfind("{"), before.rfind(","))
    return ":" not in before[last + 1 :]


def _item(symbol: Symbol, label: str) -> Completion:
    return Completion(label, symbol.kind, symbol.detail, symbol.doc)


def suite_context(test_file: Path) -> SuiteContext | None:
    """The scenario of a test file, indexed (None when it cannot be found or read)."""
    scenario = scenario_for(test_file)
    if scenario is None:
        return None
    try:
        index = build_index(scenario.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    return SuiteContext(scenario, index) if index is not None else None


def suite_diagnostics(text: str, test_file: Path) -> list[Diagnostic]:
    """What ``parley test`` would say about this test file (as typed), against its scenario on disk."""
    loaded = load_tests_text(text, test_file)
    if loaded.tests is None:
        return loaded.problems
    scenario = scenario_for(test_file)
    if scenario is None:
        return []
    try:
        compiled = compile_scenario(load_scenario(scenario))
    except ScenarioError:
        return []
    return [failure for result in run_file(compiled, loaded) for failure in result.failures]


def parse_suite(text: str) -> object:
    """The parsed data of a test file (None when its YAML cannot be read)."""
    try:
        return parse_yaml(text)[0]
    except YamlError:
        return None
