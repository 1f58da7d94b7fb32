"""Lesson variants: the same scenario, cut to fit a class period.

A scenario may declare ``variants:`` (for example ``short`` for one 45-minute lesson and ``full``
for two). :func:`apply_variant` returns the scenario as that variant plays it: only ``meta.turns``
and ``meta.actions_per_turn`` change (and explicit ``turn_labels`` are cut to the new length), so
the engine needs no knowledge of variants. Without a variant the scenario is returned unchanged.

One variant may be marked ``default: true``: the setup screen of ``parley play`` chooses it unless
the teacher picks another. The command line (``run``, ``batch``) and a log or save that records no
variant play the scenario as written.
"""

from __future__ import annotations

from game.scenario.models import Scenario, Variant


class VariantError(ValueError):
    """The variant asked for does not exist in the scenario."""


def find_variant(scenario: Scenario, variant_id: str) -> Variant:
    """The declared variant with this id, or a one-line error naming the ones that exist."""
    for variant in scenario.variants:
        if variant.id == variant_id:
            return variant
    known = ", ".join(v.id for v in scenario.variants) or "none"
    raise VariantError(f"no lesson variant {variant_id!r} (this scenario declares: {known})")


def default_variant(scenario: Scenario) -> Variant | None:
    """The variant marked ``default: true`` (None when none is)."""
    return next((v for v in scenario.variants if v.default), None)


def variant_length(scenario: Scenario, variant: Variant | None, minutes: bool = True) -> str:
    """ "4 turns, 1 move a turn, about 45 minutes": what a variant (or the whole scenario, for None) plays."""
    meta = scenario.meta
    turns = variant.turns if variant is not None and variant.turns is not None else meta.turns
    moves = variant.actions_per_turn if variant is not None and variant.actions_per_turn is not None else (
        meta.actions_per_turn)  # fmt: skip
    text = f"{turns} turn{'s' if turns != 1 else ''}, {moves} move{'s' if moves != 1 else ''} a turn"
    if minutes and variant is not None and variant.minutes is not None:
        text += f", about {variant.minutes} minutes"
    return text


def apply_variant(scenario: Scenario, variant_id: str | None) -> Scenario:
    """The scenario as the variant plays it (unchanged when ``variant_id`` is None)."""
    if variant_id is None:
        return scenario
    variant = find_variant(scenario, variant_id)
    meta = scenario.meta
    turns = variant.turns if variant.turns is not None else meta.turns
    update: dict[str, object] = {"turns": turns}
    if variant.actions_per_turn is not None:
        update["actions_per_turn"] = variant.actions_per_turn
    if meta.turn_labels is not None:
        update["turn_labels"] = meta.turn_labels[:turns]
    return scenario.model_copy(update={"meta": meta.model_copy(update=update)})
