"""What a viewer may see: the one rule, applied in one function, :func:`view`.

A viewer is named explicitly (:class:`Viewer`): an actor's seat (``Viewer.seat("russia")``), the
public (:data:`PUBLIC`: the projector, the room, ``parley run``'s account) or the facilitator
(:data:`FACILITATOR`: everything). Every screen and the narrator render from a :class:`View`, never
from ``game.state``; network messages are to be built from it too.

The rule (documented in docs/rules.md, "What each viewer sees"):

- the facilitator sees everything; once the game is over, so does everybody (the debrief);
- the public sees public variables, flags, scores, public log entries (news, public moves and deals
  with their answers, detected covert moves, public upkeep, objectives that give nothing away,
  the ending) and the tracks as those entries moved them;
- an actor sees what the public sees, plus its own private variables, its own orders, the proposals
  it is party to, its own objectives, and the log entries it is party to (its covert moves and
  their fate, secret deals made with it, answers to its proposals, its private upkeep); a deal's secret
  half (a ``secret`` entry, and its terms: :func:`sees_secret_terms`) only the deal's insiders see: its
  proposer and every party that must accept it;
- a track change caused by an entry the viewer may not see (an undetected covert move) is withheld
  from that viewer: its tracks stay where it last saw them until the move is detected (then the
  change shows) or the game ends. A later change it may see is told from the state it knew;
- anything derived from a hidden value is hidden with it: an objective (and its scoring) whose
  condition reads a private variable the viewer may not see, a variable change on an entry, and a
  bot's reason that names such a variable.

The track rule relies on how the engine logs effects (``Game._apply`` right after ``Game._log`` of
the entry whose effects they are): a ``track`` entry is caused by the nearest earlier entry of
another kind, and a ``detected`` entry follows the covert move it detects and that move's track
changes. ``tests/engine/test_view.py`` checks this over many games.
"""

from __future__ import annotations

import enum
import weakref
from dataclasses import dataclass, field
from typing import Any

from game.engine.compiled import BoundMove, CompiledObjective, CompiledScenario
from game.engine.deals import insiders
from game.engine.expressions import new_namespace
from game.engine.game import Game
from game.engine.wording import in_sentence


class ViewerKind(enum.Enum):
    """Who looks at a view."""

    ACTOR = "actor"
    PUBLIC = "public"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class Viewer:
    """An actor's seat, the public, or the facilitator (build a seat's with :meth:`seat`)."""

    kind: ViewerKind
    actor: str | None = None
    """The seat's actor id (only for :attr:`ViewerKind.ACTOR`)."""

    def __post_init__(self) -> None:
        if (self.kind is ViewerKind.ACTOR) != (self.actor is not None):
            raise ValueError("an actor viewer names its actor, and only an actor viewer does")

    @staticmethod
    def seat(actor: str) -> Viewer:
        """The viewer of ``actor``'s seat."""
        return Viewer(ViewerKind.ACTOR, actor)

    @property
    def is_public(self) -> bool:
        """True for the public (the projector)."""
        return self.kind is ViewerKind.PUBLIC

    @property
    def is_facilitator(self) -> bool:
        """True for the facilitator."""
        return self.kind is ViewerKind.FACILITATOR

    @property
    def key(self) -> str:
        """A short name: the actor id, "public" or "facilitator"."""
        return self.actor if self.actor is not None else self.kind.value


PUBLIC = Viewer(ViewerKind.PUBLIC)
"""The room: the projector and the public account of a game."""
FACILITATOR = Viewer(ViewerKind.FACILITATOR)
"""The teacher: every actor's secrets at once."""


def is_public(entry: dict[str, Any]) -> bool:
    """True when the engine logged the entry for everybody (no ``visible_to`` list)."""
    return entry.get("visible_to") is None


def sees_var(compiled: CompiledScenario, viewer: Viewer, ref: str) -> bool:
    """True when ``viewer`` may see the variable ``ref`` during play."""
    if viewer.is_facilitator or ref not in compiled.private_vars:
        return True
    return viewer.actor is not None and ref.startswith(viewer.actor + ".")


def _sees_objective(compiled: CompiledScenario, viewer: Viewer, objective: CompiledObjective) -> bool:
    if viewer.is_facilitator or viewer.actor == objective.actor:
        return True
    if objective.objective.secret:
        return False
    return all(sees_var(compiled, viewer, ref) for ref in objective.condition.variables)


def _hidden_labels(compiled: CompiledScenario, viewer: Viewer) -> tuple[str, ...]:
    """Lower-case labels of the private variables ``viewer`` may not see (to keep reasons from naming them)."""
    seen = {compiled.variables[r].label.lower() for r in compiled.variables if sees_var(compiled, viewer, r)}
    labels = {compiled.variables[r].label.lower() for r in compiled.private_vars if not sees_var(compiled, viewer, r)}
    return tuple(sorted(label for label in labels - seen))


def _names_hidden(text: str, hidden: tuple[str, ...]) -> bool:
    words = text.lower()
    return any(label in words or in_sentence(label).lower() in words for label in hidden)


@dataclass(frozen=True)
class View:
    """The game as one viewer may see it: plain data, safe to render, print or send."""

    viewer: Viewer
    compiled: CompiledScenario
    turn: int
    turn_label: str
    phase: str
    over: bool
    vars: dict[str, int]
    """The variables the viewer may see, in file order."""
    tracks: dict[str, str]
    """Each track's state as the viewer knows it."""
    flags: dict[str, bool]
    scores: dict[str, int]
    orders: dict[str, list[dict[str, Any]]]
    """This turn's orders the viewer may see (its own; every actor's for the facilitator)."""
    proposals: list[dict[str, Any]]
    """This turn's proposals the viewer is party to (with answers only once given)."""
    objectives: list[dict[str, Any]]
    """Objectives the viewer may see, with the turns on which they were met."""
    log: list[dict[str, Any]]
    """Log entries the viewer may see, as it may see them (hidden changes and reasons removed)."""
    history: list[dict[str, Any]]
    """End-of-turn snapshots as the viewer may see them."""
    result: dict[str, Any] | None
    """The result once the game is over; its ``cause`` (an ``end`` effect's event or move) when the viewer may
    know it."""
    flag_turns: dict[str, int] = field(default_factory=dict)
    """For each flag set for a number of turns: the turns it still holds after this one (0: it goes back at the
    start of the next turn)."""

    def name(self, actor: str) -> str:
        """An actor's display name."""
        return self.compiled.actor_names.get(actor, actor)


@dataclass(frozen=True)
class _Rule:
    """The parts of the rule that depend only on the scenario and the viewer (worked out once; holds no
    reference to the scenario, so the cache keyed by it lets it go)."""

    variables: frozenset[str]
    objectives: tuple[CompiledObjective, ...]
    objective_keys: frozenset[str]
    hidden: tuple[str, ...]


_RULES: weakref.WeakKeyDictionary[CompiledScenario, dict[tuple[Viewer, bool], _Rule]] = weakref.WeakKeyDictionary()
"""Each scenario's viewer rules, dropped with the scenario (a long-lived process loads many)."""


def _rule(compiled: CompiledScenario, viewer: Viewer, everything: bool) -> _Rule:
    rules = _RULES.get(compiled)
    if rules is None:
        rules = _RULES[compiled] = {}
    key = (viewer, everything)
    rule = rules.get(key)
    if rule is None:
        objectives = tuple(o for o in compiled.objectives if everything or _sees_objective(compiled, viewer, o))
        rule = _Rule(
            frozenset(r for r in compiled.variables if everything or sees_var(compiled, viewer, r)),
            objectives,
            frozenset(o.key for o in objectives),
            () if everything else _hidden_labels(compiled, viewer),
        )
        if len(rules) > 64:
            rules.clear()
        rules[key] = rule
    return rule


def view(game: Game, viewer: Viewer, *, reveal_at_end: bool = True) -> View:
    """What ``viewer`` may see of ``game`` now: the only place that decides it.

    ``reveal_at_end=False`` keeps the rule of play after the game is over (a public account of the last
    turn as the room saw it, with the hidden moves told separately).
    """
    compiled = game.compiled
    state = game.state
    everything = viewer.is_facilitator or (reveal_at_end and game.is_over())
    actor = viewer.actor
    rule = _rule(compiled, viewer, everything)
    seen_vars = rule.variables
    log, known_by_turn, tracks = _log_for(game, viewer, everything, rule.objective_keys, rule.hidden)
    history = []
    for snap in state["history"]:
        snap_vars = {ref: v for ref, v in snap["vars"].items() if ref in seen_vars}
        known = dict(snap["tracks"]) if everything else dict(known_by_turn.get(snap["turn"], snap["tracks"]))
        history.append({**snap, "vars": snap_vars, "tracks": known})
    if everything:
        orders = {a: [dict(o) for o in orders] for a, orders in state["orders"].items()}
        proposals = [dict(p) for p in state["proposals"]]
    elif actor is not None:
        orders = {actor: [dict(o) for o in state["orders"][actor]]}
        proposals = [dict(p) for p in state["proposals"] if actor in (p["from"], p["to"])]
    else:
        orders, proposals = {}, []
    return View(
        viewer=viewer,
        compiled=compiled,
        turn=state["turn"],
        turn_label=game.turn_label,
        phase=state["phase"],
        over=game.is_over(),
        vars={ref: v for ref, v in state["vars"].items() if ref in seen_vars},
        tracks=tracks,
        flags=dict(state["flags"]),
        scores=dict(state["scores"]),
        orders=orders,
        proposals=proposals,
        objectives=_objectives(game, viewer, rule.objectives, None if everything else tracks),
        log=log,
        history=history,
        result=_result(state["result"], viewer, everything),
        flag_turns={f: t["until"] - state["turn"] - 1 for f, t in state["timers"].items()} if "timers" in state else {},
    )


def _sees_entry(entry: dict[str, Any], viewer: Viewer) -> bool:
    audience = entry.get("visible_to")
    return audience is None or (viewer.actor is not None and viewer.actor in audience)


class _Walk:
    """The viewer's reading of a log, entry by entry: what it sees, and the tracks as it knows them."""

    __slots__ = ("by_turn", "cause_seen", "known", "last_turn", "out", "withheld")

    def __init__(self, compiled: CompiledScenario) -> None:
        self.known = {tid: machine.track.initial for tid, machine in compiled.tracks.items()}
        self.by_turn: dict[int, dict[str, str]] = {}
        self.out: list[dict[str, Any]] = []
        self.cause_seen = True
        """Whether the viewer sees the entry that caused the track entries that follow it."""
        self.withheld: list[dict[str, Any]] = []
        """Track entries of the current cause withheld from the viewer (shown if the cause is detected)."""
        self.last_turn: int | None = None

    def copy(self) -> _Walk:
        other = _Walk.__new__(_Walk)
        other.known, other.by_turn, other.out = dict(self.known), dict(self.by_turn), list(self.out)
        other.cause_seen, other.withheld, other.last_turn = self.cause_seen, list(self.withheld), self.last_turn
        return other

    def feed(self, entries: list[dict[str, Any]], compiled: CompiledScenario, viewer: Viewer, everything: bool,
             objectives: frozenset[str], hidden: tuple[str, ...]) -> None:  # fmt: skip
        known, out = self.known, self.out
        for entry in entries:
            if self.last_turn is not None and entry["turn"] != self.last_turn:
                self.by_turn[self.last_turn] = dict(known)
            self.last_turn = entry["turn"]
            kind = entry["kind"]
            if kind == "track":
                if everything or self.cause_seen:
                    _show_track(entry, known, compiled, out)
                else:
                    self.withheld.append(entry)
                continue
            withheld, self.withheld = self.withheld, []
            seen = everything or _sees_entry(entry, viewer)
            if seen and kind == "objective" and entry.get("objective") not in objectives:
                seen = False
            self.cause_seen = seen
            if seen:
                out.append(entry if everything else _redact(entry, compiled, viewer, hidden))
            if kind == "detected":
                for track_entry in withheld:  # the covert move is now known: so are the changes it made
                    _show_track(track_entry, known, compiled, out)


_WALKS: weakref.WeakKeyDictionary[
    CompiledScenario, dict[tuple[Viewer, bool], list[tuple[dict[str, Any], int, _Walk]]]
] = weakref.WeakKeyDictionary()
"""Recent readings of logs, by scenario and viewer: a game's previews and later views resume from them
instead of reading the whole log again (the entries are never mutated, so a prefix read once stays valid).
Dropped with the scenario."""
_KEPT = 6


def _log_for(
    game: Game, viewer: Viewer, everything: bool, objectives: frozenset[str], hidden: tuple[str, ...]
) -> tuple[list[dict[str, Any]], dict[int, dict[str, str]], dict[str, str]]:
    """(the viewer's log, its known track states at the end of each turn, its known track states now)."""
    compiled = game.compiled
    log = game.state["log"]
    walks = _WALKS.get(compiled)
    if walks is None:
        walks = _WALKS[compiled] = {}
    key = (viewer, everything)
    kept = walks.get(key, [])
    walk, start, used = None, 0, None
    for item in kept:
        last, length, candidate = item
        if start < length <= len(log) and log[length - 1] is last:
            walk, start, used = candidate, length, item
    if used is not None and used is not kept[-1]:
        # The reading resumed from stays the most recent: a board's many move previews (each a game
        # one move ahead) resume from the game's own reading and must not push it out.
        kept = [*(item for item in kept if item is not used), used]
        walks[key] = kept
    walk = _Walk(compiled) if walk is None else walk.copy()
    walk.feed(log[start:], compiled, viewer, everything, objectives, hidden)
    if log and start != len(log):
        if len(walks) > 64:
            walks.clear()
        walks[key] = [*kept[-(_KEPT - 1):], (log[-1], len(log), walk.copy())]
    by_turn = dict(walk.by_turn)
    if walk.last_turn is not None:
        by_turn[walk.last_turn] = dict(walk.known)
    known = dict(game.state["tracks"]) if everything else dict(walk.known)
    return walk.out, by_turn, known


def _show_track(entry: dict[str, Any], known: dict[str, str], compiled: CompiledScenario,
                out: list[dict[str, Any]]) -> None:  # fmt: skip
    tid, source, dest = entry["track"], entry["source"], entry["dest"]
    before = known[tid]
    known[tid] = dest
    if before == source:
        out.append(entry)
    elif before != dest:
        machine = compiled.tracks[tid]
        text = f"{machine.track.name}: {machine.label(before)} \u2192 {machine.label(dest)}"
        out.append({**entry, "source": before, "text": text})


def _redact(entry: dict[str, Any], compiled: CompiledScenario, viewer: Viewer,
            hidden: tuple[str, ...]) -> dict[str, Any]:  # fmt: skip
    """The entry without what ``viewer`` may not see: others' private changes, reasons naming hidden values,
    and the cause of an ending when it is another actor's covert move nobody detected."""
    if "cause" in entry and not _sees_cause(entry["cause"], viewer):
        entry = {k: v for k, v in entry.items() if k != "cause"}
    changes = entry.get("changes")
    if changes is None and "reason" not in entry and "answer_reason" not in entry and "answer_reasons" not in entry:
        return entry
    out = dict(entry)
    if changes is not None:
        out["changes"] = {ref: d for ref, d in changes.items() if sees_var(compiled, viewer, ref)}
    for key, author in (("reason", entry.get("actor")), ("answer_reason", entry.get("target"))):
        text = entry.get(key)
        if text is not None and author != viewer.actor and _names_hidden(str(text), hidden):
            del out[key]
    reasons = entry.get("answer_reasons")
    if reasons is not None:  # a deal among several parties: each party's own reason, hidden as above
        out["answer_reasons"] = {party: text for party, text in reasons.items()
                                 if party == viewer.actor or not _names_hidden(str(text), hidden)}  # fmt: skip
    return out


def _sees_cause(cause: dict[str, Any], viewer: Viewer) -> bool:
    """Whether the viewer may know what ended the game (a covert move's cause is its actor's until the debrief)."""
    return not cause.get("covert") or viewer.actor in (cause.get("actor"), cause.get("target"))


def _result(result: dict[str, Any] | None, viewer: Viewer, everything: bool) -> dict[str, Any] | None:
    if result is None or everything or "cause" not in result or _sees_cause(result["cause"], viewer):
        return result
    return {k: v for k, v in result.items() if k != "cause"}


def sees_secret_terms(viewer: Viewer, bound: BoundMove, over: bool) -> bool:
    """True when ``viewer`` may read the secret half of the deal ``bound`` (its terms, before or after it is made):
    the deal's insiders (its proposer and every party that must accept), the facilitator, and everybody once the
    game is over (the debrief). Screens and messages that describe a deal's terms ask this; the log's ``secret``
    entries follow the same rule through their ``visible_to``."""
    if viewer.is_facilitator or over:
        return True
    return viewer.actor is not None and viewer.actor in insiders(bound)


def _objectives(game: Game, viewer: Viewer, objectives: tuple[CompiledObjective, ...],
                tracks: dict[str, str] | None) -> list[dict[str, Any]]:  # fmt: skip
    """The objectives as plain data, each with whether it holds now in the state as ``viewer`` knows it
    (``tracks``; None: the real state), or None when that needs a value the viewer may not see."""
    namespace: dict[str, Any] | None = None
    visible = _rule(game.compiled, viewer, False).variables
    found = []
    for objective in objectives:
        condition = objective.condition
        met_now: bool | None
        if tracks is None:
            met_now = bool(game.evaluate(condition))
        elif not condition.variables <= visible:
            met_now = None
        elif tracks == game.state["tracks"]:  # nothing withheld: the game's own namespace gives the same answer
            met_now = bool(game.evaluate(condition))
        else:
            if namespace is None:
                machines = game.compiled.tracks
                index = {tid: machines[tid].index[state] for tid, state in tracks.items()}
                namespace = new_namespace(game.state["vars"], index, game.state["flags"])
                namespace["turn"], namespace["turns"] = game.turn, game.compiled.turns
            met_now = bool(condition(namespace))
        found.append(_objective(game, objective, met_now))
    return found


def _objective(game: Game, objective: CompiledObjective, met_now: bool | None) -> dict[str, Any]:
    """An objective as plain data, with the turns on which it was met and whether it holds now."""
    o = objective.objective
    return {"key": objective.key, "actor": objective.actor, "text": o.text, "points": o.points, "when": o.when,
            "secret": o.secret, "met": list(game.state["met"].get(objective.key, [])),
            "met_now": met_now}  # fmt: skip


def changed_unseen(before: Game, after: Game, viewer: Viewer) -> int:
    """How many variables differ between two states of one game that ``viewer`` may not see."""
    compiled = before.compiled
    old, new = before.state["vars"], after.state["vars"]
    return sum(1 for ref, value in new.items() if value != old[ref] and not sees_var(compiled, viewer, ref))


def actor_view(game: Game, actor: str) -> View:
    """The view of ``actor``'s seat."""
    return view(game, Viewer.seat(actor))


def facilitator_view(game: Game) -> View:
    """The facilitator's view: everything."""
    return view(game, FACILITATOR)
