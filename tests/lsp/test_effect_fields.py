"""The editor knows the format's effect additions: `end` completes endings, `if` and the `*_expr` amounts are
expressions, a move's `per_actor` names complete after `self.` and lead to each actor's own variable."""

from __future__ import annotations

from game.lsp.index import ScenarioIndex, build_index
from tests.engine.test_effects import GOOD


def _index() -> tuple[ScenarioIndex, list[str]]:
    index = build_index(GOOD)
    assert index is not None
    return index, GOOD.splitlines()


def _at(lines: list[str], needle: str, occurrence: int = 0) -> tuple[int, int]:
    found = [(n, line.index(needle)) for n, line in enumerate(lines) if needle in line]
    return found[occurrence]


def test_end_completes_the_endings() -> None:
    index, lines = _index()
    line, column = _at(lines, "collapse}")
    labels = {c.label for c in index.complete(lines[line], line, column)}
    assert "collapse" in labels


def test_if_and_amounts_complete_as_expressions() -> None:
    index, lines = _index()
    for needle in ('world.exports > 10"', 'world.exports // 10'):
        line, column = _at(lines, needle)
        labels = {c.label for c in index.complete(lines[line], line, column)}
        assert {"world", "self", "turn", "min"} <= labels, needle


def test_self_completes_the_shared_names_and_they_lead_to_the_actors_variable() -> None:
    index, lines = _index()
    line, column = _at(lines, "self.cargo")
    column += len("self.")
    completions = {c.label: c for c in index.complete(lines[line], line, column)}
    assert "cargo" in completions and "russia.grain_exports" in completions["cargo"].detail
    location = index.definition(lines[line], line, column + 1)
    assert location is not None and "grain_exports" in lines[location.line]


def test_hover_describes_the_new_keys() -> None:
    index, lines = _index()
    line, column = _at(lines, "turns: 2")
    hover = index.hover(lines[line], line, column)
    assert hover is not None and hover.startswith("**turns**: For this many turns only")
    line, column = _at(lines, "if:")
    hover = index.hover(lines[line], line, column)
    assert hover is not None and hover.startswith("**if**: Only when this condition holds")


def test_a_per_actor_variable_leads_to_its_definition() -> None:
    index, lines = _index()
    line, _ = _at(lines, "ukraine: grain}")
    column = lines[line].index("grain}") + 1
    location = index.definition(lines[line], line, column)
    assert location is not None and "id: grain," in lines[location.line]
    column = lines[line].index("grain_exports") + 1
    location = index.definition(lines[line], line, column)
    assert location is not None and "id: grain_exports" in lines[location.line]
