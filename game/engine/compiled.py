"""A validated scenario compiled into fast runtime tables and machines.

Compiling happens once per scenario (per process); many games share it.
Every condition becomes a :class:`~game.engine.expressions.Condition`,
every effect a primitive :class:`Op` with ``self``/``target`` resolved, and
every track a table of transitions read once from its ``transitions`` machine.
Nothing in it changes during play, so games on several threads can share one.
No string from the scenario reaches ``transitions`` as a callback: conditions
are passed as callables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from transitions import Machine

from game.engine.decisions import PASS
from game.engine.decisions import Move as MoveDecision
from game.engine.effects import all_effects, compile_special, is_special, timed_flags
from game.engine.expressions import Condition, compile_amount, compile_condition, scenario_names
from game.engine.phases import PhaseFlow
from game.engine.projection import ProjectionPlan, Rule
from game.engine.wording import in_sentence, proper_words
from game.scenario.models import RESERVED_TRIGGERS as RESERVED_TRIGGERS
from game.scenario.models import WORLD as WORLD
from game.scenario.models import (
    Actor,
    ChangeEffect,
    Effect,
    Ending,
    Event,
    FlagEffect,
    Move,
    Objective,
    PerActor,
    Scenario,
    ScoreEffect,
    SetEffect,
    Track,
    TriggerEffect,
    Variable,
)
from game.scenario.models import resolve_owner as resolve_owner
from game.scenario.models import resolve_ref as resolve_ref

# WORLD and RESERVED_TRIGGERS are the format's (game.scenario.models); scenario_names is the expression
# compiler's (game.engine.expressions). They are imported here for the modules that read them from here.


class ScenarioInvalid(ValueError):
    """The engine was given a scenario model that does not pass the cross-reference checks."""


@dataclass(frozen=True, slots=True)
class Op:
    """One primitive effect: kind is change, set, trigger, flag or score."""

    kind: str
    key: str
    """Variable reference, track id, flag id or actor id."""
    value: Any
    """Amount, new value, trigger name, flag value or points."""


@dataclass(frozen=True)
class BoundMove:
    """A move bound to one actor and (optionally) one target."""

    move: Move
    actor: str
    target: str | None
    condition: Condition | None
    cost: tuple[tuple[str, int], ...]
    effects: tuple[Op, ...]
    offer: tuple[Op, ...]
    ask: tuple[Op, ...]
    detection: float | Condition
    on_detect: tuple[Op, ...]
    bot_when: Condition | None
    decision: MoveDecision
    """The decision that makes this move (built once, shared)."""
    text: str
    """The log line with {actor} and {target} filled in."""
    resolve_ops: tuple[Op, ...]
    """Everything that happens when it resolves: pay the cost, then offer, ask and effects."""
    move_id: str = ""
    """The move id (as :attr:`id`, without the property's cost)."""
    uses_key: str = ""
    """``actor.move``: the key of its count in the state's ``uses``."""
    uses_limit: int | None = None
    """How many times per game it may be made (None: no limit)."""
    resolve_vars_only: bool = False
    """True when :attr:`resolve_ops` change only variables (a preview need not copy tracks, flags, scores)."""
    detect_vars_only: bool = False
    """The same for :attr:`on_detect`."""
    parties: tuple[str, ...] = ()
    """A deal among several parties: every counterparty, in file order (each must accept; empty otherwise)."""
    public_ops: tuple[Op, ...] = ()
    """What resolves in the open: :attr:`resolve_ops` without the secret half (equal to it when there is none)."""
    secret_ops: tuple[Op, ...] = ()
    """The deal's secret half (its effects apply after the public ones, logged for the parties only)."""
    party_ops: tuple[Op, ...] = ()
    """A deal among several parties: every party's terms as ops, in file order (part of :attr:`public_ops`)."""
    secret_text: str = ""
    """The secret half's log line (empty when the deal has no secret half)."""
    id: str = field(init=False)
    """The move id (read from :attr:`move` once: the engine reads it on every order)."""
    is_deal: bool = field(init=False)
    """True when the target must accept it."""
    covert: bool = field(init=False)
    """True when others learn of it only if detected."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.move.id)
        object.__setattr__(self, "is_deal", self.move.kind == "deal")
        object.__setattr__(self, "covert", self.move.visibility == "covert")

    @property
    def counterparties(self) -> tuple[str, ...]:
        """Who must accept the deal: its target, or its parties (empty for an action)."""
        if self.parties:
            return self.parties
        return (self.target,) if self.target is not None and self.is_deal else ()


LegalCheck = tuple[
    MoveDecision, str, "str | None", str, "int | None", tuple[tuple[str, int, int], ...], "CodeType | None"
]
"""A bound move as plain data for the legality check: its decision, move id, target, ``uses`` key, uses per game,
cost as (variable, amount, the variable's minimum), and its condition's code."""


def fill_log(template: str, names: dict[str, str], actor: str, target: str | None) -> str:
    """A log template with {actor} and {target} replaced by display names (nothing else is expanded)."""
    text = template.replace("{actor}", names[actor])
    return text.replace("{target}", names[target]) if target is not None else text


@dataclass(frozen=True)
class UpkeepRule:
    """A compiled per-turn need."""

    actor: str
    op: Op
    reason: str
    condition: Condition | None
    line: tuple[str, str] = ("", "")
    """Its log line around the change: ``("Upland: money ", " (the dam loan is due)")``."""


@dataclass(frozen=True)
class CompiledObjective:
    """An objective with its condition compiled."""

    actor: str
    objective: Objective
    condition: Condition
    key: str = field(init=False)
    """``actor.objective`` – unique across the scenario."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.actor}.{self.objective.id}")


@dataclass(frozen=True)
class CompiledEvent:
    """An event with its condition and effects compiled."""

    event: Event
    condition: Condition | None
    effects: tuple[Op, ...]


@dataclass(frozen=True)
class CompiledEnding:
    """An ending with its condition and effects compiled."""

    ending: Ending
    condition: Condition
    """For an ending reached only by an ``end`` effect: ``false`` (it is in neither list of endings checked)."""
    effects: tuple[Op, ...]


class _TrackModel:
    """The object a track machine drives while its tables are built; no game ever touches it."""

    state: str
    trigger: Any


_Step = tuple[str, tuple[tuple[Condition, bool], ...]]
"""One transition as data: its destination and its (condition, expected result) checks."""


def track_machine(track: Track, conditions: Sequence[Condition | None], model: object) -> Machine:
    """The ``transitions`` machine of a track, driving ``model`` (conditions are callables, never names)."""
    machine = Machine(
        model=model,
        states=list(track.states),
        initial=track.initial,
        auto_transitions=False,
        ignore_invalid_triggers=True,
        send_event=False,
    )
    for transition, condition in zip(track.transitions, conditions, strict=True):
        sources = transition.source if isinstance(transition.source, list) else [transition.source]
        machine.add_transition(
            transition.trigger, list(sources), transition.dest, conditions=[condition] if condition else None
        )
    return machine


class TrackMachine:
    """One track's transitions as immutable tables, read from its ``transitions`` machine once.

    Like :class:`~game.engine.phases.PhaseFlow`, the machine is the single source of the rules:
    :meth:`fire` walks the machine's own transitions for (state, trigger) in declared order and
    takes the first whose conditions hold, which is what the machine's trigger does, without
    a shared model that games would write to (so games sharing a compiled scenario can run on
    threads). The tests check that both always agree.
    """

    def __init__(self, track: Track, conditions: Sequence[Condition | None]) -> None:
        self.track = track
        self.states = tuple(track.states)
        self.index = {state: i for i, state in enumerate(self.states)}
        self.conditions = tuple(conditions)
        machine = track_machine(track, self.conditions, _TrackModel())
        table: dict[tuple[str, str], tuple[_Step, ...]] = {}
        for trigger, event in machine.events.items():
            for source, transitions in event.transitions.items():
                steps: list[_Step] = []
                for transition in transitions:
                    checks: list[tuple[Condition, bool]] = []
                    for check in transition.conditions:
                        if not isinstance(check.func, Condition):
                            raise TypeError(f"track conditions must be compiled conditions, not {check.func!r}")
                        checks.append((check.func, bool(check.target)))
                    steps.append((str(transition.dest or source), tuple(checks)))
                table[(str(source), str(trigger))] = tuple(steps)
        self._table = table
        self.move_lines = {
            (a, b): f"{track.name}: {self.label(a)} → {self.label(b)}"
            for a in self.states
            for b in self.states
            if a != b
        }
        """(old state, new state) -> the log line of the move, e.g. "Relations: tense → neutral"."""
        self.triggers = frozenset(t.trigger for t in track.transitions)
        self.triggers_from: dict[str, frozenset[str]] = {
            state: frozenset(t for (source, t) in table if source == state) for state in self.states
        }

    def fire(self, current: str, trigger: str, namespace: dict[str, Any]) -> str:
        """The state reached from ``current`` by ``trigger`` (``current`` if no transition fits)."""
        for dest, checks in self._table.get((current, trigger), ()):
            for condition, target in checks:
                if eval(condition.code, namespace) != target:
                    break
            else:
                return dest
        return current

    def steps(self, state: str, trigger: str) -> tuple[_Step, ...]:
        """The transitions :meth:`fire` walks from ``state`` on ``trigger``, in order: (destination, checks)."""
        return self._table.get((state, trigger), ())

    def direct(self, trigger: str) -> dict[str, str]:
        """The states from which ``trigger`` leads somewhere without a condition to check, with where it leads
        (a state with no transition for it stays where it is): :meth:`fire` from them needs no namespace."""
        direct: dict[str, str] = {}
        for state in self.states:
            steps = self._table.get((state, trigger), ())
            if not steps:
                direct[state] = state
            elif not steps[0][1]:
                direct[state] = steps[0][0]
        return direct

    def machine(self, model: object) -> Machine:
        """A new ``transitions`` machine of this track driving ``model`` (for diagrams and cross-checks)."""
        return track_machine(self.track, self.conditions, model)

    def label(self, state: str) -> str:
        """Display label of a state."""
        return self.track.labels.get(state, state.replace("_", " "))


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]  # fmt: skip


def turn_labels(scenario: Scenario) -> tuple[str, ...]:
    """A label for every turn: explicit labels, months counted from "June 2024", or "Turn N"."""
    meta = scenario.meta
    if meta.turn_labels:
        labels = list(meta.turn_labels)
        labels += [f"Turn {n}" for n in range(len(labels) + 1, meta.turns + 1)]
        return tuple(labels[: meta.turns])
    match = re.fullmatch(r"(\w+) (\d{4})", meta.first_turn_label.strip())
    if match and match.group(1) in _MONTHS and meta.turn_length.strip().lower() in ("one month", "1 month", "a month"):
        month, year = _MONTHS.index(match.group(1)), int(match.group(2))
        return tuple(f"{_MONTHS[(month + n) % 12]} {year + (month + n) // 12}" for n in range(meta.turns))
    if meta.turns == 1 or meta.first_turn_label == "Turn 1":
        return tuple(f"Turn {n}" for n in range(1, meta.turns + 1))
    return (meta.first_turn_label, *(f"Turn {n}" for n in range(2, meta.turns + 1)))


def compile_effect(
    effect: Effect, self_actor: str | None, target: str | None, per_actor: PerActor | None = None
) -> Op:
    """One scenario effect as a primitive op, pronouns resolved (for effects with an addition of format 1, see
    :mod:`game.engine.effects`)."""
    if isinstance(effect, ChangeEffect):
        return Op("change", resolve_ref(effect.change, self_actor, target, per_actor), effect.by)
    if isinstance(effect, SetEffect):
        return Op("set", resolve_ref(effect.set, self_actor, target, per_actor), effect.to)
    if isinstance(effect, TriggerEffect):
        track, trigger = effect.trigger.split(".", 1)
        return Op("trigger", track, trigger)
    if isinstance(effect, FlagEffect):
        return Op("flag", effect.flag, effect.value)
    if isinstance(effect, ScoreEffect):
        return Op("score", resolve_owner(effect.score, self_actor, target), effect.points)
    raise TypeError(f"unknown effect {effect!r}")


def compile_effects(effects: Iterable[Effect], self_actor: str | None, target: str | None) -> tuple[Op, ...]:
    """Several effects as ops."""
    return tuple(compile_effect(e, self_actor, target) for e in effects)


def party_ops(bound: BoundMove) -> tuple[Op, ...]:
    """A deal's parties' terms as ops, party by party in file order: what each gives, then what it gets (compiled
    with the rest of the move, additions such as ``if`` included)."""
    return bound.party_ops


class CompiledScenario:
    """Runtime tables for one scenario; immutable and shared by its games."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.flow = PhaseFlow()
        self.meta = scenario.meta
        self.turns = scenario.meta.turns
        self.turn_labels = turn_labels(scenario)
        self.actors: tuple[str, ...] = tuple(a.id for a in scenario.actors)
        self.actor_index = {a: i for i, a in enumerate(self.actors)}
        self.actor_models: dict[str, Actor] = {a.id: a for a in scenario.actors}
        self.actor_names = {a.id: a.name for a in scenario.actors}
        self.proper_words = proper_words(_prose(scenario))
        """Words the author capitalizes mid-sentence (Istanbul, Global South): labels keep them in sentences."""
        self.names = scenario_names(scenario)
        self.variables: dict[str, Variable] = {f"{WORLD}.{v.id}": v for v in scenario.world}
        for actor in scenario.actors:
            self.variables.update({f"{actor.id}.{v.id}": v for v in actor.variables})
        self.bounds = {ref: (v.min, v.max) for ref, v in self.variables.items()}
        self.var_words = {ref: in_sentence(v.label, self.proper_words) for ref, v in self.variables.items()}
        """Each variable's label as it reads inside a sentence (for log lines)."""
        self.private_vars = frozenset(ref for ref, v in self.variables.items() if v.visibility == "private")
        self.flag_ids = tuple(f.id for f in scenario.flags)
        self.timed_flags = timed_flags(all_effects(scenario))
        """Flags some effect sets for a number of turns (the state then keeps their timers)."""
        self.tracks = {t.id: self._track(t) for t in scenario.tracks}
        self.track_ids = tuple(self.tracks)
        self.moves: dict[str, Move] = {m.id: m for m in scenario.moves}
        bound_lists: dict[str, list[BoundMove]] = {a: [] for a in self.actors}
        self.bound_index: dict[tuple[str, str, str | None], BoundMove] = {}
        for move in scenario.moves:
            for actor_id in move.actors:
                targets: list[str | None] = list(move.targets) or [None]
                for target in targets:
                    if target == actor_id:
                        continue
                    bound = self._bind(move, actor_id, target)
                    bound_lists[actor_id].append(bound)
                    self.bound_index[(actor_id, move.id, target)] = bound
        self.bound_moves: dict[str, tuple[BoundMove, ...]] = {a: tuple(b) for a, b in bound_lists.items()}
        self.legal_checks: dict[str, tuple[LegalCheck, ...]] = {
            a: tuple(self._legal_check(b) for b in bound) for a, bound in self.bound_moves.items()
        }
        """Each actor's bound moves as the plain tuples :meth:`Game.legal_decisions` checks, in the same order."""
        self.pass_decisions = {actor: MoveDecision(actor, PASS) for actor in self.actors}
        self.condition_words: dict[tuple[str, str, str | None], str] = {}
        """Memo of move conditions in plain words (filled by the game on first use)."""
        self.upkeep = tuple(
            self._upkeep(a, u.change, u.by, u.reason, u.condition) for a in scenario.actors for u in a.upkeep
        )
        self.projection = ProjectionPlan([Rule(u.op.key, u.op.value, u.condition) for u in self.upkeep], self.bounds)
        """The upkeep of the remaining turns, for bots' projections (see :mod:`game.engine.projection`)."""
        self.objectives = tuple(
            CompiledObjective(a.id, o, self._required(o.condition, a.id)) for a in scenario.actors for o in a.objectives
        )
        self.events = tuple(
            CompiledEvent(e, self._cond(e.condition, None), self._effects(e.effects, None, None))
            for e in scenario.events
        )
        self.objective_lines = {
            o.key: f"{self.actor_names[o.actor]}: {o.objective.text} ({o.objective.points:+d})" for o in self.objectives
        }
        """Objective key -> its log line when met."""
        self.each_turn_objectives = tuple(o for o in self.objectives if o.objective.when == "each_turn")
        self.end_objectives = tuple(o for o in self.objectives if o.objective.when == "end")
        self.endings = tuple(
            CompiledEnding(e, self._required(e.condition or "false", None), self._effects(e.effects, None, None))
            for e in scenario.endings
        )
        self.ending_index = {e.ending.id: e for e in self.endings}
        self.any_turn_endings = tuple(e for e in self.endings if e.ending.at == "any_turn" and e.ending.condition)
        self.time_up_endings = tuple(e for e in self.endings if e.ending.at == "time_up" and e.ending.condition)

    def initial_values(self) -> dict[str, int]:
        """Every variable at its start value, in canonical (file) order."""
        return {ref: v.start for ref, v in self.variables.items()}

    def _cond(
        self, text: str | None, self_actor: str | None, target: str | None = None, per_actor: PerActor | None = None
    ) -> Condition | None:
        if text is None:
            return None
        return self._required(text, self_actor, target, per_actor)

    def _required(
        self, text: str, self_actor: str | None, target: str | None = None, per_actor: PerActor | None = None,
        amount: bool = False,
    ) -> Condition:  # fmt: skip
        names = self.names.bind(self_actor, target).with_per_actor(per_actor)
        try:
            return compile_amount(text, names) if amount else compile_condition(text, names)
        except ValueError as exc:
            raise ScenarioInvalid(f"{'amount' if amount else 'condition'} {text!r}: {exc}") from None

    def _effects(
        self, effects: Sequence[Effect], actor: str | None, target: str | None, per_actor: PerActor | None = None
    ) -> tuple[Op, ...]:
        """Effects as ops: format-1 effects as the primitive ops they always were, additions as special ops."""
        timed = self.timed_flags
        if not per_actor and not any(is_special(e, timed) for e in effects):
            return compile_effects(effects, actor, target)
        ops = []
        for effect in effects:
            if not is_special(effect, timed):
                ops.append(compile_effect(effect, actor, target, per_actor))
                continue
            ops.append(compile_special(
                effect, actor, target, per_actor,
                lambda text: self._required(text, actor, target, per_actor),
                lambda text: self._required(text, actor, target, per_actor, amount=True),
                timed, lambda e: compile_effect(e, actor, target, per_actor),
            ))  # fmt: skip
        return tuple(ops)

    def _track(self, track: Track) -> TrackMachine:
        bad = {t.trigger for t in track.transitions} & RESERVED_TRIGGERS
        if bad:
            raise ScenarioInvalid(f"track {track.id}: trigger name {sorted(bad)[0]!r} is reserved")
        return TrackMachine(track, [self._cond(t.condition, None) for t in track.transitions])

    def _upkeep(self, actor: Actor, change: str, by: int, reason: str, condition: str | None) -> UpkeepRule:
        ref = resolve_ref(change, actor.id, None)
        line = (f"{actor.name}: {self.var_words.get(ref, ref)} ", f" ({reason})")
        return UpkeepRule(actor.id, Op("change", ref, by), reason, self._cond(condition, actor.id), line)

    def _legal_check(self, bound: BoundMove) -> LegalCheck:
        cost = tuple((ref, amount, self.bounds[ref][0]) for ref, amount in bound.cost)
        code = None if bound.condition is None else bound.condition.code
        return (bound.decision, bound.move_id, bound.target, bound.uses_key, bound.uses_limit, cost, code)

    def _bind(self, move: Move, actor: str, target: str | None) -> BoundMove:
        detection: float | Condition
        local = move.per_actor or None
        if isinstance(move.detection, str):
            detection = self._required(move.detection, actor, target, local)
        else:
            detection = float(move.detection)
        terms = tuple(op for p in move.parties for op in self._effects([*p.gives, *p.gets], actor, None, local))
        public_ops = (
            tuple(Op("change", resolve_ref(ref, actor, target, local), -amount) for ref, amount in move.cost.items())
            + self._effects(move.offer, actor, target, local)
            + self._effects(move.ask, actor, target, local)
            + terms
            + self._effects(move.effects, actor, target, local)
        )
        secret = move.secret
        secret_ops = self._effects(secret.effects, actor, target, local) if secret is not None else ()
        resolve_ops = public_ops + secret_ops
        on_detect = self._effects(move.on_detect, actor, target, local)
        return BoundMove(
            move=move,
            actor=actor,
            target=target,
            condition=self._cond(move.condition, actor, target, local),
            cost=tuple((resolve_ref(ref, actor, target, local), amount) for ref, amount in move.cost.items()),
            effects=self._effects(move.effects, actor, target, local),
            offer=self._effects(move.offer, actor, target, local),
            ask=self._effects(move.ask, actor, target, local),
            detection=detection,
            on_detect=on_detect,
            bot_when=self._cond(move.bot.when, actor, target, local),
            decision=MoveDecision(actor, move.id, target),
            text=fill_log(move.log, self.actor_names, actor, target),
            move_id=move.id,
            uses_key=f"{actor}.{move.id}",
            uses_limit=move.uses_per_game,
            resolve_ops=resolve_ops,
            resolve_vars_only=all(op.kind in ("change", "set") for op in resolve_ops),
            detect_vars_only=all(op.kind in ("change", "set") for op in on_detect),
            parties=tuple(p.actor for p in move.parties),
            party_ops=terms,
            public_ops=public_ops,
            secret_ops=secret_ops,
            secret_text=fill_log(secret.log, self.actor_names, actor, target) if secret is not None else "",
        )


def _prose(scenario: Scenario) -> list[str]:
    """The author's sentences and labels, where proper nouns show their capitals."""
    texts = [scenario.meta.summary, *(e.news for e in scenario.events), *(e.title for e in scenario.events)]
    texts += [e.text for e in scenario.endings] + [m.description for m in scenario.moves]
    texts += [m.name for m in scenario.moves]
    texts += [f.text for f in scenario.debrief.what_happened_next] + list(scenario.debrief.questions)
    for actor in scenario.actors:
        texts += [actor.briefing.basic, actor.briefing.advanced, *(o.text for o in actor.objectives)]
        texts += [v.label for v in actor.variables] + [v.description for v in actor.variables]
    texts += [v.label for v in scenario.world] + [v.description for v in scenario.world]
    texts += [t.description for t in scenario.tracks] + [t.name for t in scenario.tracks]
    return texts
