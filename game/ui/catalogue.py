"""The scenarios the title screen offers: loaded with the project's loader, or with the reason they fail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.classroom.names import apply_names
from game.engine import CompiledScenario, ScenarioInvalid, compile_scenario
from game.paths import shipped_scenarios
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import check_file, load_scenario_file
from game.scenario.models import Scenario
from game.scenario.variants import apply_variant, default_variant, find_variant, variant_length


@dataclass(frozen=True)
class VariantChoice:
    """One lesson variant as the setup screen offers it."""

    id: str | None
    """The variant's id; None for the scenario as written."""
    title: str
    length: str
    """"4 turns, 1 move a turn, about 45 minutes"."""
    turns: str
    """"4 turns, 1 move a turn" (the length without the minutes, for a narrow screen)."""
    description: str = ""


@dataclass(frozen=True)
class Entry:
    """One scenario file: compiled when it loads, else the diagnostics that say why not."""

    path: Path
    compiled: CompiledScenario | None
    sha256: str
    problems: tuple[str, ...]
    """Lines as ``parley validate`` prints them (empty when the scenario loads)."""
    names: str = "real"
    """``real`` or ``fictional``: the names its texts use (see :mod:`game.classroom.names`)."""
    has_aliases: bool = False
    """True when the scenario declares fictional names, so the setup screen can offer them."""
    variant: str | None = None
    """The lesson variant :attr:`compiled` plays (None: the scenario as written)."""
    variants: tuple[VariantChoice, ...] = ()
    """What the setup screen offers: the declared variants (and the scenario as written if none is the default)."""

    @property
    def title(self) -> str:
        """The scenario's title, or the file name when it does not load."""
        return self.compiled.meta.title if self.compiled is not None else self.path.name


def load_entry(path: Path, names: str = "real", variant: str | None = None) -> Entry:
    """Load and compile one scenario file (with fictional names if asked and declared) as lesson ``variant``
    (None: the variant marked default, else the scenario as written); never raises for a bad file.

    A ``variant`` the file does not declare raises :class:`~game.scenario.variants.VariantError` (the
    caller's mistake, not the file's)."""
    try:
        scenario, digest = load_scenario_file(path)
    except ScenarioError:
        return Entry(path, None, "", diagnostics(path))
    return entry_of(path, scenario, digest, names, variant)


def entry_of(path: Path, scenario: Scenario, digest: str, names: str = "real", variant: str | None = None) -> Entry:
    """:func:`load_entry` of a scenario already loaded from ``path`` (its bytes' SHA-256 ``digest``): the
    scenario as written, before names and variant."""
    has_aliases = bool(scenario.aliases)
    try:
        if names == "fictional" and has_aliases:
            scenario = apply_names(scenario, names)
        chosen = find_variant(scenario, variant) if variant is not None else default_variant(scenario)
        choices = _choices(scenario)
        compiled = compile_scenario(apply_variant(scenario, chosen.id if chosen is not None else None))
    except ScenarioError:
        return Entry(path, None, "", diagnostics(path))
    except ScenarioInvalid as exc:
        return Entry(path, None, "", (f"{path}: error: {exc}",))
    used = names if has_aliases else "real"
    return Entry(path, compiled, digest, (), used, has_aliases, chosen.id if chosen is not None else None, choices)


def _choices(scenario: Scenario) -> tuple[VariantChoice, ...]:
    """The declared variants, after the scenario as written when no variant is the default (nothing to offer
    without variants)."""
    if not scenario.variants:
        return ()
    declared = tuple(
        VariantChoice(
            v.id, v.title, variant_length(scenario, v), variant_length(scenario, v, minutes=False), v.description
        )
        for v in scenario.variants
    )
    if default_variant(scenario) is not None:
        return declared
    whole = variant_length(scenario, None)
    return (VariantChoice(None, "The whole scenario", whole, whole), *declared)


def diagnostics(path: Path) -> tuple[str, ...]:
    """The same lines ``parley validate`` prints for the file."""
    found = check_file(path)
    return tuple(d.format() for d in found) or (f"{path}: error: the scenario cannot be loaded",)


def scan(extra: Path | None = None, names: str = "real") -> list[Entry]:
    """The shipped scenarios (the article scenario first), plus ``extra`` if given and not among them."""
    paths = shipped_scenarios()
    if extra is not None and all(extra.resolve() != p.resolve() for p in paths):
        paths = [extra, *paths]
    return [load_entry(p, names) for p in paths]
