"""Real or fictional names: a scenario's ``aliases`` replace every real name in every text it shows.

:func:`apply_names` returns a new, validated :class:`~game.scenario.models.Scenario` whose texts
(names, briefings, news, log lines, labels, debrief, sources) use the fictional names; identifiers
and conditions are untouched, so a game plays exactly as with real names (same decisions, same
outcome) and only its words differ. The engine, the interface, the narration and the reports all
read their words from the scenario, so replacing them once here covers every screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from game.scenario.models import Scenario

NAME_MODES = ("real", "fictional")
"""The values of ``--names``."""

TEXT_KEYS = frozenset(
    {
        "name", "title", "summary", "text", "news", "description", "log", "reason", "label", "leaders", "basic",
        "advanced", "questions", "outlet", "turn_length", "first_turn_label", "turn_labels", "labels",
    }
)  # fmt: skip
"""Keys whose string values (or lists of strings, or mappings' values) are text shown to people."""


def replacer(scenario: Scenario) -> Callable[[str], str]:
    """A function that replaces each declared real name (whole words, longest first) by its fictional one."""
    return _replacer({alias.real: alias.fictional for alias in scenario.aliases})


def reverse_replacer(scenario: Scenario) -> Callable[[str], str]:
    """The other way: each fictional name back to its real one (the first declared, when several share it)."""
    table: dict[str, str] = {}
    for alias in scenario.aliases:
        table.setdefault(alias.fictional, alias.real)
    return _replacer(table)


def _replacer(table: dict[str, str]) -> Callable[[str], str]:
    if not table:
        return lambda text: text
    alternatives = "|".join(re.escape(name) for name in sorted(table, key=lambda n: (-len(n), n)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return lambda text: pattern.sub(lambda match: table[match.group(0)], text)


def translate(scenario: Scenario, recorded: str, wanted: str) -> Callable[[str], str]:
    """Turn text written with ``recorded`` names (a bot's recorded reason) into ``wanted`` names."""
    if recorded == wanted:
        return lambda text: text
    return replacer(scenario) if wanted == "fictional" else reverse_replacer(scenario)


def _walk(value: Any, key: str | None, parent: str | None, replace: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        if key == "labels":
            return {k: replace(v) if isinstance(v, str) else v for k, v in value.items()}
        return {k: _walk(v, k, key, replace) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(item, key, parent, replace) for item in value]
    if isinstance(value, str) and (key in TEXT_KEYS or (key == "source" and parent == "what_happened_next")):
        return replace(value)
    return value


def apply_names(scenario: Scenario, names: str) -> Scenario:
    """The scenario with ``names`` (``real``: unchanged; ``fictional``: every alias applied).

    With fictional names the sources keep their (replaced) titles but lose their web addresses,
    which spell the real names. ValueError when fictional names are asked of a scenario without aliases.
    """
    if names == "real":
        return scenario
    if names != "fictional":
        raise ValueError(f"names must be one of {', '.join(NAME_MODES)}, not {names!r}")
    if not scenario.aliases:
        raise ValueError("the scenario declares no fictional names (an `aliases:` list)")
    replace = replacer(scenario)
    data = scenario.model_dump(mode="python", exclude={"aliases"})
    data = _walk(data, None, None, replace)
    for source in data["meta"]["sources"]:
        source["url"] = None
    return Scenario.model_validate(data)


def real_names(scenario: Scenario) -> list[str]:
    """Every real name the scenario declares, for tests that check none survives."""
    return sorted({alias.real for alias in scenario.aliases})
