"""Lesson variants: the same scenario, cut to fit a class period.

A scenario may declare ``variants:`` (for example ``short`` for one 45-minute lesson and ``full``
for two). :func:`apply_variant` returns the scenario as that variant plays it: only ``meta.turns``
and ``meta.actions_per_turn`` change (and explicit ``turn_labels`` are cut to the new length), so
the engine needs no knowledge of variants. Without a variant the scenario is returned unchanged.
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
