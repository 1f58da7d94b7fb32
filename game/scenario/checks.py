"""Cross-reference checks of a scenario that passed its shape (pydantic) validation.

Pydantic checks each value on its own; these checks look across the file:
ids are unique, every actor, variable, track, state, trigger and flag that is
named exists, every condition compiles for every actor and target it can be
bound to, numbers are within their bounds, and move options fit together.

Each problem names a data path (``("moves", 3, "condition")``) so the loader
can point at the line and column it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from game.engine.expressions import (
    ExpressionError,
    Names,
    compile_amount,
    compile_condition,
    scenario_names,
    suggest,
)
from game.scenario.deal_checks import check_deal_terms
from game.scenario.diagnostics import DataPath
from game.scenario.models import (
    AMOUNT_KEYS,
    PASS,
    RESERVED_TRIGGERS,
    WORLD,
    Actor,
    ChangeEffect,
    Effect,
    EndEffect,
    FlagEffect,
    Move,
    PerActor,
    Scenario,
    ScoreEffect,
    SetEffect,
    Track,
    TriggerEffect,
    Variable,
    Variant,
    resolve_ref,
)

RESERVED_MOVES = frozenset({PASS})
"""Move ids the engine's decisions use themselves: a move may not take them."""

RESERVED_OWNERS = frozenset({WORLD, "self", "target", "track", "flag", "turn", "turns"})
"""Names a condition gives a meaning of their own: no actor may take them as its id."""

MAX_BINDINGS = 5000
"""Most ways the moves of one scenario can be made (each actor with each target of each move).

Every binding is compiled and listed for bots and players, so this bounds the work of loading and
of listing legal moves; a scenario over it is refused at once."""

_AMOUNT_KINDS: dict[type, str] = {ChangeEffect: "change", SetEffect: "set", ScoreEffect: "score"}
"""The effects with an amount, by the key of :data:`~game.scenario.models.AMOUNT_KEYS`."""
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_VAR_REF = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    """One cross-reference problem."""

    path: DataPath
    """Where in the data."""
    message: str
    """What is wrong and how to fix it."""
    offset: tuple[int, int] | None = None
    """0-based (line, column) inside the string at ``path``, e.g. inside a condition."""
    at_key: bool = False
    """The problem is the mapping key at ``path`` rather than its value."""


@dataclass(frozen=True)
class _Scope:
    """Which actors ``self`` and ``target`` can stand for at a place in the file."""

    actors: tuple[str, ...] = ()
    """The actors ``self`` is bound to (every one is checked)."""
    targets: tuple[str, ...] = ()
    """The actors ``target`` is bound to (every one is checked)."""
    self_ok: bool = False
    """``self`` may be used here (a move, or inside an actor)."""
    target_ok: bool = False
    """``target`` may be used here (a move with targets)."""
    bindings: tuple[tuple[str | None, str | None], ...] = ((None, None),)
    """(self, target) pairs a condition here is compiled with."""
    per_actor: PerActor | None = None
    """A move's shared names for each actor's own variables (``Move.per_actor``)."""
    ending: bool = False
    """The effects of an ending (an ``end`` effect cannot stand there)."""


def check_references(scenario: Scenario) -> list[tuple[DataPath, str]]:
    """Every cross-reference problem of ``scenario`` as (data path, message)."""
    return [(p.path, p.message) for p in find_problems(scenario)]


def find_problems(scenario: Scenario) -> list[Problem]:
    """Every cross-reference problem of ``scenario``, with positions inside strings where known."""
    return _Checker(scenario).run()


@dataclass
class _Checker:
    scenario: Scenario
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        s = self.scenario
        self.names: Names = scenario_names(s)
        self.actor_ids = [a.id for a in s.actors]
        self.variables: dict[str, list[str]] = {WORLD: [v.id for v in s.world]}
        for actor in s.actors:
            self.variables.setdefault(actor.id, [v.id for v in actor.variables])
        self.tracks: dict[str, Track] = {}
        for track in s.tracks:
            self.tracks.setdefault(track.id, track)
        self.flags = {f.id for f in s.flags}
        self.states = {t.id: frozenset(t.states) for t in s.tracks}
        self.ending_ids = [e.id for e in s.endings]
        self.ends_named: set[str] = set()
        """Endings some ``end`` effect names."""
        self.unknown_end = False
        """An ``end`` effect names no ending (then no ending is said to be unreachable: the name may be a typo)."""

    def add(self, path: DataPath, message: str, offset: tuple[int, int] | None = None, *, at_key: bool = False) -> None:
        self.problems.append(Problem(path, message, offset, at_key))

    def run(self) -> list[Problem]:
        s = self.scenario
        self.unique_ids()
        self.meta()
        self.bounds(s.world, ("world",))
        for i, actor in enumerate(s.actors):
            self.actor(actor, ("actors", i))
        for i, track in enumerate(s.tracks):
            self.track(track, ("tracks", i))
        if self.binding_count() <= MAX_BINDINGS:
            for i, move in enumerate(s.moves):
                self.move(move, ("moves", i))
        for i, event in enumerate(s.events):
            path = ("events", i)
            for key in ("turn", "from_turn", "to_turn"):
                value = getattr(event, key)
                if value is not None and value > s.meta.turns:
                    self.add((*path, key), f"{key} {value} is after the last turn ({s.meta.turns})")
            if event.from_turn is not None and event.to_turn is not None and event.from_turn > event.to_turn:
                self.add((*path, "from_turn"), f"from_turn {event.from_turn} is after to_turn {event.to_turn}")
            self.condition(event.condition, (*path, "condition"), _Scope())
            self.effects(event.effects, (*path, "effects"), _Scope())
        for i, ending in enumerate(s.endings):
            self.condition(ending.condition, ("endings", i, "condition"), _Scope())
            self.effects(ending.effects, ("endings", i, "effects"), _Scope(ending=True))
        for i, ending in enumerate(s.endings):
            if ending.condition is None and ending.id not in self.ends_named and not self.unknown_end:
                message = (f"ending '{ending.id}' has no condition and no effect ends the game with it "
                           f"(`end: {ending.id}`): it can never happen; give it a condition")  # fmt: skip
                self.add(("endings", i, "id"), message)
        return self.problems

    # --- ids and metadata ----------------------------------------------------------

    def unique_ids(self) -> None:
        s = self.scenario
        self.unique([a.id for a in s.actors], ("actors",), "actor")
        for i, actor in enumerate(s.actors):
            if actor.id in RESERVED_OWNERS:
                message = f"'{actor.id}' cannot be an actor id: conditions use it for something else"
                self.add(("actors", i, "id"), message)
            self.unique([v.id for v in actor.variables], ("actors", i, "variables"), f"variable of {actor.id}")
            self.unique([o.id for o in actor.objectives], ("actors", i, "objectives"), f"objective of {actor.id}")
        self.unique([v.id for v in s.world], ("world",), "world variable")
        self.unique([t.id for t in s.tracks], ("tracks",), "track")
        for i, track in enumerate(s.tracks):
            seen: set[str] = set()
            for j, state in enumerate(track.states):
                if state in seen:
                    self.add(("tracks", i, "states", j), f"duplicate state '{state}' in track '{track.id}'")
                seen.add(state)
        self.unique([f.id for f in s.flags], ("flags",), "flag")
        self.unique([m.id for m in s.moves], ("moves",), "move")
        for i, move in enumerate(s.moves):
            if move.id in RESERVED_MOVES:
                self.add(("moves", i, "id"), f"'{move.id}' cannot be a move id: it is the decision to make no move")
        self.unique([e.id for e in s.events], ("events",), "event")
        self.unique([e.id for e in s.endings], ("endings",), "ending")

    def unique(self, ids: Sequence[str], path: DataPath, what: str) -> None:
        first: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident in first:
                self.add((*path, i, "id"), f"duplicate {what} id '{ident}' (also used by entry {first[ident] + 1})")
            first.setdefault(ident, i)

    def meta(self) -> None:
        meta = self.scenario.meta
        if meta.turn_labels is not None and len(meta.turn_labels) != meta.turns:
            count = len(meta.turn_labels)
            self.add(("meta", "turn_labels"), f"turn_labels has {count} labels but the game has {meta.turns} turns")
        self.unique([v.id for v in self.scenario.variants], ("variants",), "variant")
        for i, variant in enumerate(self.scenario.variants):
            if meta.turn_labels is not None and variant.turns is not None and variant.turns > meta.turns:
                self.add(("variants", i, "turns"), f"variant '{variant.id}' has {variant.turns} turns but turn_labels "
                         f"name only {meta.turns}")  # fmt: skip
            self.variant_overrides(i, variant)
        defaults = [i for i, v in enumerate(self.scenario.variants) if v.default]
        for i in defaults[1:]:
            first = self.scenario.variants[defaults[0]].id
            self.add(("variants", i, "default"), f"variant '{self.scenario.variants[i].id}' is a second default "
                     f"(the default is '{first}'): mark only one variant `default: true`")  # fmt: skip

    def variant_overrides(self, i: int, variant: Variant) -> None:
        """A variant's start values, track states, flags and points name things that exist."""
        s = self.scenario
        variables = {f"{WORLD}.{v.id}": v for v in s.world}
        variables.update({f"{a.id}.{v.id}": v for a in s.actors for v in a.variables})
        for key, value in variant.start.items():
            var = variables.get(key)
            if var is None:
                self.add(("variants", i, "start", key), f"variant '{variant.id}' sets the start of unknown variable "
                         f"'{key}'{suggest(key, variables)}", at_key=True)  # fmt: skip
            elif not var.min <= value <= var.max:
                self.add(("variants", i, "start", key), f"variant '{variant.id}' starts '{key}' at {value}, outside "
                         f"its bounds {var.min}..{var.max}")  # fmt: skip
        tracks = {t.id: t for t in s.tracks}
        for key, state in variant.tracks.items():
            track = tracks.get(key)
            if track is None:
                self.add(("variants", i, "tracks", key), f"variant '{variant.id}' sets the start of unknown track "
                         f"'{key}'{suggest(key, tracks)}", at_key=True)  # fmt: skip
            elif state not in track.states:
                self.add(("variants", i, "tracks", key), f"track '{key}' has no state '{state}'"
                         f"{suggest(state, track.states)}")  # fmt: skip
        flags = {f.id for f in s.flags}
        for key in variant.flags:
            if key not in flags:
                self.add(("variants", i, "flags", key), f"variant '{variant.id}' sets unknown flag '{key}'"
                         f"{suggest(key, flags)}", at_key=True)  # fmt: skip
        objectives = {f"{a.id}.{o.id}" for a in s.actors for o in a.objectives}
        for key in variant.points:
            if key not in objectives:
                self.add(("variants", i, "points", key), f"variant '{variant.id}' gives points to unknown objective "
                         f"'{key}'{suggest(key, objectives)}", at_key=True)  # fmt: skip

    def bounds(self, variables: Iterable[Variable], path: DataPath) -> None:
        for i, var in enumerate(variables):
            at = (*path, i)
            if var.min > var.max:
                key = "max" if "max" in var.model_fields_set else "min"
                self.add((*at, key), f"min {var.min} is greater than max {var.max} in variable '{var.id}'")
                continue
            if not var.min <= var.start <= var.max:
                self.add((*at, "start"), f"start {var.start} is outside the range {var.min}..{var.max} of '{var.id}'")
            if var.critical is not None and not var.min <= var.critical <= var.max:
                message = f"critical {var.critical} is outside the range {var.min}..{var.max} of '{var.id}'"
                self.add((*at, "critical"), message)

    # --- actors and tracks ---------------------------------------------------------

    def actor(self, actor: Actor, path: DataPath) -> None:
        self.bounds(actor.variables, (*path, "variables"))
        scope = _Scope(actors=(actor.id,), self_ok=True, bindings=((actor.id, None),))
        for j, upkeep in enumerate(actor.upkeep):
            self.var_ref(upkeep.change, (*path, "upkeep", j, "change"), scope)
            self.condition(upkeep.condition, (*path, "upkeep", j, "condition"), scope)
        for j, objective in enumerate(actor.objectives):
            self.condition(objective.condition, (*path, "objectives", j, "condition"), scope)
        for ref in actor.bot.values:
            self.var_ref(ref, (*path, "bot", "values", ref), scope, at_key=True)
        for track_id, values in actor.bot.track_values.items():
            at = (*path, "bot", "track_values", track_id)
            track = self.tracks.get(track_id)
            if track is None:
                self.add(at, f"unknown track '{track_id}'" + suggest(track_id, self.tracks), at_key=True)
                continue
            for state in values:
                self.state(track, state, (*at, state), at_key=True)

    def track(self, track: Track, path: DataPath) -> None:
        self.state(track, track.initial, (*path, "initial"))
        for state in track.labels:
            self.state(track, state, (*path, "labels", state), at_key=True)
        for j, transition in enumerate(track.transitions):
            at = (*path, "transitions", j)
            if transition.trigger in RESERVED_TRIGGERS:
                reserved = ", ".join(sorted(RESERVED_TRIGGERS))
                self.add((*at, "trigger"), f"'{transition.trigger}' cannot be a trigger name ({reserved} are reserved)")
            if isinstance(transition.source, list):
                for k, source in enumerate(transition.source):
                    self.state(track, source, (*at, "source", k))
            else:
                self.state(track, transition.source, (*at, "source"))
            self.state(track, transition.dest, (*at, "dest"))
            self.condition(transition.condition, (*at, "condition"), _Scope())

    def state(self, track: Track, state: str, path: DataPath, *, at_key: bool = False) -> None:
        if state not in self.states.get(track.id, track.states):
            self.add(path, f"track '{track.id}' has no state '{state}'" + suggest(state, track.states), at_key=at_key)

    # --- moves ---------------------------------------------------------------------

    def binding_count(self) -> int:
        """How many (actor, target) ways the moves can be made; one problem when over :data:`MAX_BINDINGS`."""
        total = 0
        for move in self.scenario.moves:
            actors, targets = set(move.actors), set(move.targets)
            total += len(actors) * len(targets) - len(actors & targets) if targets else len(actors)
        if total > MAX_BINDINGS:
            message = (f"the moves can be made in {total} ways (each actor with each target); "
                       f"at most {MAX_BINDINGS} are allowed: give moves fewer actors or targets")  # fmt: skip
            self.add(("moves",), message, at_key=True)
        return total

    def move(self, move: Move, path: DataPath) -> None:
        actors = self.known_actors(move.actors, (*path, "actors"))
        targets = self.known_actors(move.targets, (*path, "targets"))
        pairs: list[str | None] = [*targets] if targets else [None]
        bindings = tuple((a, t) for a in actors for t in pairs if t != a)
        if actors and targets and not bindings:
            self.add((*path, "targets"), "no actor of this move has a target: an actor cannot target itself")
        per_actor = self.per_actor(move, actors, targets, (*path, "per_actor"))
        scope = _Scope(tuple(actors), tuple(targets), self_ok=True, target_ok=bool(move.targets), bindings=bindings,
                       per_actor=per_actor)  # fmt: skip
        if move.kind == "deal" and not move.targets and not move.parties:
            self.add((*path, "kind"), "a deal needs targets: add 'targets: [ACTOR, ...]' (or 'parties:' for a deal "
                     "among several) or make it an action")  # fmt: skip
        for key in ("offer", "ask"):
            if key in move.model_fields_set and move.kind != "deal":
                message = f"only deals have '{key}': add 'kind: deal' or put these effects under 'effects'"
                self.add((*path, key), message)
        for key in ("detection", "on_detect"):
            if key in move.model_fields_set and move.visibility != "covert":
                self.add((*path, key), f"only covert moves can be detected: add 'visibility: covert' or remove '{key}'")
        if not isinstance(move.detection, str) and not 0.0 <= move.detection <= 1.0:
            self.add((*path, "detection"), f"detection {move.detection} is not a chance between 0 and 1")
        self.log_text(move, (*path, "log"))
        if per_actor is None:  # the shared names are wrong: what uses them would only repeat it
            return
        for ref in move.cost:
            self.var_ref(ref, (*path, "cost", ref), scope, at_key=True)
        self.cost_twice(move, path, bindings)
        for key in ("effects", "offer", "ask", "on_detect"):
            self.effects(getattr(move, key), (*path, key), scope)
        if bindings:
            self.condition(move.condition, (*path, "condition"), scope)
            if isinstance(move.detection, str):
                self.condition(move.detection, (*path, "detection"), scope)
            self.condition(move.bot.when, (*path, "bot", "when"), scope)
        party_scope = _Scope(tuple(actors), (), self_ok=True, bindings=tuple((a, None) for a in actors),
                             per_actor=per_actor)  # fmt: skip
        check_deal_terms(self, move, path, scope, party_scope)

    def cost_twice(self, move: Move, path: DataPath, bindings: Sequence[tuple[str, str | None]]) -> None:
        """A cost may name each variable once: two entries for one variable are each checked alone when a
        move is offered, so an actor holding 5 would be offered a cost of 5 + 5."""
        if len(move.cost) < 2:
            return
        for actor, target in bindings:
            seen: dict[str, str] = {}
            for ref in move.cost:
                if not _VAR_REF.match(ref):
                    continue
                resolved = resolve_ref(ref, actor, target, move.per_actor)
                if resolved in seen:
                    message = (f"the cost names {resolved} twice (as '{seen[resolved]}' and '{ref}' "
                               f"for actor {actor}): give it one entry with the total")  # fmt: skip
                    self.add((*path, "cost", ref), message, at_key=True)
                    return
                seen[resolved] = ref

    def per_actor(self, move: Move, actors: Sequence[str], targets: Sequence[str], path: DataPath) -> PerActor | None:
        """Check a move's shared names: each maps actors of the move to variables they have (None: a problem)."""
        before = len(self.problems)
        for name, mapping in move.per_actor.items():
            for actor, variable in mapping.items():
                if actor not in actors and actor not in targets:
                    known = [*actors, *targets]
                    message = f"'{actor}' is not an actor or a target of this move" + suggest(actor, known)
                    self.add((*path, name, actor), message, at_key=True)
                elif variable not in self.variables[actor]:
                    message = f"{actor} has no variable '{variable}'" + suggest(variable, self.variables[actor])
                    self.add((*path, name, actor), message)
        return move.per_actor if len(self.problems) == before else None

    def known_actors(self, ids: Sequence[str], path: DataPath) -> list[str]:
        known = []
        for i, ident in enumerate(ids):
            if ident in self.variables and ident != WORLD:
                known.append(ident)
            else:
                self.add((*path, i), f"unknown actor '{ident}'" + suggest(ident, self.actor_ids))
        return known

    def log_text(self, move: Move, path: DataPath) -> None:
        for match in _PLACEHOLDER.finditer(move.log):
            name = match.group(1)
            if name == "actor" or (name == "target" and move.targets):
                continue
            if name == "target":
                message = "'{target}' can only be used in a move that has targets"
            else:
                hint = suggest("{" + name + "}", ["{actor}", "{target}"]) or "; use {actor} or {target}"
                message = f"unknown placeholder '{{{name}}}' in the log text{hint}"
            self.add(path, message, (0, match.start()))

    # --- references ----------------------------------------------------------------

    def effects(self, effects: Sequence[Effect], path: DataPath, scope: _Scope) -> None:
        for i, effect in enumerate(effects):
            at = (*path, i)
            self.condition(effect.if_, (*at, "if"), scope)
            self.amount(effect, at, scope)
            if isinstance(effect, EndEffect):
                self.ends_named.add(effect.end)
                if scope.ending:
                    self.add((*at, "end"), "an ending's effects cannot end the game again: remove this `end`")
                elif effect.end not in self.ending_ids:
                    self.add((*at, "end"), f"unknown ending '{effect.end}'" + suggest(effect.end, self.ending_ids))
                    self.unknown_end = True
            elif isinstance(effect, ChangeEffect):
                self.var_ref(effect.change, (*at, "change"), scope)
            elif isinstance(effect, SetEffect):
                self.var_ref(effect.set, (*at, "set"), scope)
            elif isinstance(effect, TriggerEffect):
                self.trigger(effect.trigger, (*at, "trigger"))
            elif isinstance(effect, FlagEffect):
                if effect.flag not in self.flags:
                    self.add((*at, "flag"), f"unknown flag '{effect.flag}'" + suggest(effect.flag, self.flags))
            elif isinstance(effect, ScoreEffect):
                self.score(effect.score, (*at, "score"), scope)

    def amount(self, effect: Effect, at: DataPath, scope: _Scope) -> None:
        """An effect with an amount gives exactly one of the number and the expression; the expression compiles."""
        kind = _AMOUNT_KINDS.get(type(effect))
        if kind is None:
            return
        plain, expr = AMOUNT_KEYS[kind]
        number, text = getattr(effect, plain), getattr(effect, expr)
        if number is None and text is None:
            self.add(at, f"missing required key '{plain}'")
        elif number is not None and text is not None:
            self.add((*at, expr), f"give either '{plain}' (a number) or '{expr}' (an expression), not both")
        elif text is not None:
            self.condition(text, (*at, expr), scope, amount=True)

    def score(self, who: str, path: DataPath, scope: _Scope) -> None:
        if who == "self" and not scope.self_ok:
            self.add(path, "'self' can only be used inside an actor's move, upkeep or objective")
        elif who == "target" and not scope.target_ok:
            self.add(path, "'target' can only be used inside a move that has targets")
        elif who not in ("self", "target") and who not in self.actor_ids:
            pronouns = [p for p, ok in (("self", scope.self_ok), ("target", scope.target_ok)) if ok]
            self.add(path, f"unknown actor '{who}'" + suggest(who, self.actor_ids + pronouns))

    def trigger(self, ref: str, path: DataPath) -> None:
        track_id, trigger = ref.split(".", 1)
        track = self.tracks.get(track_id)
        if track is None:
            self.add(path, f"unknown track '{track_id}'" + suggest(track_id, self.tracks))
            return
        triggers = sorted({t.trigger for t in track.transitions})
        if trigger not in triggers:
            self.add(path, f"track '{track_id}' has no trigger '{trigger}'" + suggest(trigger, triggers))

    def var_ref(self, ref: str, path: DataPath, scope: _Scope, *, at_key: bool = False) -> None:
        if not _VAR_REF.match(ref):
            self.add(path, f"expected a variable such as self.food or world.tension, got '{ref}'", at_key=at_key)
            return
        owner, shared = ref.split(".", 1)
        if owner == "self" or owner == "target":
            allowed = scope.self_ok if owner == "self" else scope.target_ok
            if not allowed:
                where = "an actor's move, upkeep or objective" if owner == "self" else "a move that has targets"
                self.add(path, f"'{owner}' can only be used inside {where}", at_key=at_key)
                return
            for actor in scope.actors if owner == "self" else scope.targets:
                name = (scope.per_actor or {}).get(shared, {}).get(actor, shared)
                if name not in self.variables[actor]:
                    who = f"{actor} (self)" if owner == "self" else f"target {actor}"
                    message = f"{who} has no variable '{name}'" + suggest(name, self.variables[actor])
                    self.add(path, message, at_key=at_key)
                    return
            return
        name = shared
        if owner not in self.variables:
            choices = [*self.variables, *(p for p, ok in (("self", scope.self_ok), ("target", scope.target_ok)) if ok)]
            self.add(path, f"unknown actor '{owner}'" + suggest(owner, choices), at_key=at_key)
        elif name not in self.variables[owner]:
            message = f"unknown variable '{name}' of {owner}" + suggest(name, self.variables[owner])
            self.add(path, message, at_key=at_key)

    def _own(self, actor: str | None) -> frozenset[str]:
        return frozenset(self.variables.get(actor, ())) if actor is not None else frozenset({"\0none"})

    def condition(self, text: str | None, path: DataPath, scope: _Scope, *, amount: bool = False) -> None:
        """Compile ``text`` for every binding of the scope; report the first failure."""
        if text is None:
            return
        # Bindings whose actors have the same variables compile alike: check one of each kind.
        kinds: dict[tuple[object, ...], tuple[str | None, str | None]] = {}
        for self_actor, target in scope.bindings:
            key: tuple[object, ...] = (self._own(self_actor), self._own(target))
            if scope.per_actor:  # shared names map each actor its own way
                key = (*key, self_actor, target)
            kinds.setdefault(key, (self_actor, target))
        compile_text = compile_amount if amount else compile_condition
        for self_actor, target in kinds.values():
            try:
                compile_text(text, self.names.bind(self_actor, target).with_per_actor(scope.per_actor))
            except ExpressionError as exc:
                self.add(path, exc.message, (exc.line, exc.column))
                return

