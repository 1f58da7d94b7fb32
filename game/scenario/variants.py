"""Lesson variants: the same scenario, cut to fit a class period.

A scenario may declare ``variants:`` (for example ``short`` for one 45-minute lesson and ``full``
for two). :func:`apply_variant` returns the scenario as that variant plays it: ``meta.turns`` and
``meta.actions_per_turn`` change (and explicit ``turn_labels`` are cut to the new length), and a
variant may override start values (``start``: variables by ``world.ID`` or ``ACTOR.ID``; ``tracks``:
a track's start state; ``flags``) and objectives' ``points``, so a shorter game can start further
into the story. These are plain data edits of the returned copy, checked by the loader (a name
that does not exist is an error), so the engine needs no knowledge of variants. Without a variant
the scenario is returned unchanged.

One variant may be marked ``default: true``: the setup screen of ``parley play`` chooses it unless
the teacher picks another. The command line (``run``, ``batch``) and a log or save that records no
variant play the scenario as written.
"""

from __future__ import annotations

from game.scenario.models import WORLD, Actor, Scenario, Variable, Variant


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
    changes: dict[str, object] = {"meta": meta.model_copy(update=update)}
    if variant.start:
        changes["world"] = _with_starts(scenario.world, WORLD, variant.start)
    if variant.start or variant.points:
        changes["actors"] = [_actor(actor, variant) for actor in scenario.actors]
    if variant.tracks:
        changes["tracks"] = [
            t.model_copy(update={"initial": variant.tracks[t.id]}) if t.id in variant.tracks else t
            for t in scenario.tracks
        ]
    if variant.flags:
        changes["flags"] = [
            f.model_copy(update={"initial": variant.flags[f.id]}) if f.id in variant.flags else f
            for f in scenario.flags
        ]
    return scenario.model_copy(update=changes)


def _with_starts(variables: list[Variable], owner: str, start: dict[str, int]) -> list[Variable]:
    """The variables of ``owner`` with the variant's start values."""
    return [
        v.model_copy(update={"start": start[f"{owner}.{v.id}"]}) if f"{owner}.{v.id}" in start else v
        for v in variables
    ]


def _actor(actor: Actor, variant: Variant) -> Actor:
    """The actor with the variant's start values and objective points."""
    objectives = [
        o.model_copy(update={"points": variant.points[f"{actor.id}.{o.id}"]})
        if f"{actor.id}.{o.id}" in variant.points
        else o
        for o in actor.objectives
    ]
    return actor.model_copy(
        update={"variables": _with_starts(actor.variables, actor.id, variant.start), "objectives": objectives}
    )
