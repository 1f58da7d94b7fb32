"""Static lint: warnings about parts of a valid scenario that can never matter.

A scenario that loads can still hold dead parts. Each rule here is a proof
from the file alone, never a guess from played games (``parley analyze`` does
that); a warning does not stop the scenario from loading or playing.

- a variable that nothing reads or changes;
- a move that can never be made (its condition can never hold given the
  variables' bounds, or its cost is more than the variable can ever hold);
- a track state that no transition enters, or that cannot be reached from the
  initial state through triggers that some effect fires;
- an objective that can never be met, an ending that can never happen (its
  condition can never hold, or an earlier ending always takes its place);
- an actor with no moves;
- a debrief with no questions or no "what happened next".

Conditions are judged by :mod:`game.authoring.intervals`: variables range over
their ``min..max`` (or stay at ``start`` when nothing changes them), flags over
the values effects give them, tracks over their reachable states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.authoring.board_fit import CODE as BOARD_CODE
from game.authoring.board_fit import board_cuts
from game.authoring.deal_lint import CODE as SECRET_CODE
from game.authoring.deal_lint import deal_ops, secret_half_warnings
from game.authoring.intervals import Facts, Verdict, outcomes
from game.authoring.suppress import is_suppressed
from game.engine.compiled import WORLD, BoundMove, CompiledScenario, Op, ScenarioInvalid, resolve_ref
from game.engine.effects import expressions_in, shapes
from game.engine.expressions import compile_condition
from game.scenario.diagnostics import DataPath, Diagnostic
from game.scenario.loader import Checked, check_text, inspect_file
from game.scenario.models import Scenario, Track, TrackTransition
from game.scenario.tracks import entered_states, reachable_states
from game.scenario.yaml_safe import SourceMap, YamlError, parse_yaml

__all__ = ["LintWarning", "check_and_lint", "inspect_and_lint", "lint", "lint_checked", "lint_text"]


@dataclass(frozen=True)
class LintWarning:
    """One lint finding, placed by its data path."""

    path: DataPath
    message: str
    hint: str | None = None
    at_key: bool = False
    """Point at the mapping key at ``path`` rather than its value."""
    code: str = ""
    """The rule's code, e.g. ``unused-variable``; ``# parley: ignore[CODE]`` on the line marks it as intended."""


def lint(scenario: Scenario) -> list[LintWarning]:
    """Every lint warning of a scenario that passed the loader's checks (none if it does not compile)."""
    try:
        compiled = CompiledScenario(scenario)
    except ScenarioInvalid:
        return []
    warnings = _Linter(scenario, compiled).run()
    for cut in board_cuts(scenario):
        message = f"the {cut.what} is too long for the board at 100 %: it shows as '{cut.shown}'"
        hint = "shorten it (the board cuts long labels with …; the full text shows on hover and in the log)"
        warnings.append(LintWarning(cut.path, message, hint, code=BOARD_CODE))
    return warnings


def lint_text(text: str, filename: str = "<string>") -> list[Diagnostic]:
    """Lint warnings of scenario YAML given as text ([] when it has errors: the loader reports those)."""
    if any(d.severity == "error" for d in check_text(text, filename)):
        return []
    return lint_checked(text, filename)


def check_and_lint(path: str | Path) -> list[Diagnostic]:
    """The loader's diagnostics of a file, and when it has no errors, the lint warnings too; sorted by position."""
    return inspect_and_lint(path).diagnostics


def inspect_and_lint(path: str | Path) -> Checked:
    """:func:`~game.scenario.loader.inspect_file` with the lint warnings added (the file is read and parsed once)."""
    checked = inspect_file(path)
    diagnostics = checked.diagnostics
    if checked.scenario is None or checked.source is None or any(d.severity == "error" for d in diagnostics):
        return checked
    name = Path(path).as_posix()
    warnings = [_diagnostic(w, checked.source, name) for w in lint(checked.scenario)]
    return checked._replace(diagnostics=sorted([*diagnostics, *warnings], key=Diagnostic.sort_key))


def lint_checked(text: str, filename: str) -> list[Diagnostic]:
    """Lint text the loader has just checked without errors (so it is read once more, not checked again)."""
    try:
        data, source = parse_yaml(text)
        scenario = Scenario.model_validate(data, strict=True)
    except (YamlError, ValidationError):
        return []
    return [_diagnostic(w, source, filename) for w in lint(scenario)]


def _diagnostic(warning: LintWarning, source: SourceMap, filename: str) -> Diagnostic:
    span = source.key(warning.path) if warning.at_key else source.value(warning.path)
    suppressed = is_suppressed(source.lines, span.line, warning.code)
    return Diagnostic(
        filename, span.line, span.column, "warning", warning.message, warning.hint, warning.path,
        code=warning.code or None, suppressed=suppressed,
    )  # fmt: skip


# --- the rules -------------------------------------------------------------------------------


class _Linter:
    def __init__(self, scenario: Scenario, compiled: CompiledScenario) -> None:
        self.scenario = scenario
        self.compiled = compiled
        self.warnings: list[LintWarning] = []
        self.code = ""
        ops = self._all_ops()
        self.written = {op.key for op in ops if op.kind in ("change", "set")}
        self.written |= {ref for moves in compiled.bound_moves.values() for b in moves for ref, _ in b.cost}
        self.written |= {rule.op.key for rule in compiled.upkeep}
        self.fired = {(op.key, op.value) for op in ops if op.kind == "trigger"}
        flags: dict[str, set[bool]] = {f.id: {f.initial} for f in scenario.flags}
        for op in ops:
            if op.kind == "flag":
                flags[op.key].add(bool(op.value))
        variables = {}
        for ref, variable in compiled.variables.items():
            variables[ref] = (variable.min, variable.max) if ref in self.written else (variable.start, variable.start)
        tracks = {t.id: tuple(t.states) for t in scenario.tracks}
        everywhere = {t.id: frozenset(t.states) for t in scenario.tracks}
        frozen_flags = {k: frozenset(v) for k, v in flags.items()}
        self.loose = Facts(variables, frozen_flags, tracks, everywhere, compiled.turns)
        """Facts with every track state possible (to judge track transitions themselves)."""
        self.reachable = {t.id: reachable_states(t, self._usable(t)) for t in scenario.tracks}
        reached = {k: frozenset(v) for k, v in self.reachable.items()}
        self.facts = Facts(variables, frozen_flags, tracks, reached, compiled.turns)

    def warn(self, path: DataPath, message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        self.warnings.append(LintWarning(path, message, hint, at_key, self.code))

    def run(self) -> list[LintWarning]:
        rules = (
            ("unused-variable", self.unused_variables), ("unreachable-state", self.tracks),
            ("move-never-possible", self.moves), ("objective-never-met", self.objectives),
            ("ending-never-happens", self.endings), ("actor-without-moves", self.actors_without_moves),
            ("debrief-incomplete", self.debrief), (SECRET_CODE, self.secret_halves),
        )  # fmt: skip
        for code, rule in rules:
            self.code = code
            rule()
        return self.warnings

    def _all_ops(self) -> list[Op]:
        compiled = self.compiled
        ops: list[Op] = []
        for moves in compiled.bound_moves.values():
            for bound in moves:
                ops += [*bound.effects, *bound.offer, *bound.ask, *bound.on_detect, *deal_ops(bound)]
        for event in compiled.events:
            ops += event.effects
        for ending in compiled.endings:
            ops += ending.effects
        return list(shapes(ops))  # conditional, computed and timed effects by what they may write

    def _special_ops(self) -> list[Op]:
        compiled = self.compiled
        ops = [op for moves in compiled.bound_moves.values() for b in moves for op in (*b.resolve_ops, *b.on_detect)]
        ops += [op for event in compiled.events for op in event.effects]
        ops += [op for ending in compiled.endings for op in ending.effects]
        return ops

    def _usable(self, track: Track) -> Callable[[TrackTransition], bool]:
        return _usable_in(track.id, self.fired, self.loose)

    # --- variables -----------------------------------------------------------------------

    def _read(self) -> set[str]:
        compiled = self.compiled
        conditions = []
        for moves in compiled.bound_moves.values():
            for bound in moves:
                conditions += [bound.condition, bound.bot_when]
                if not isinstance(bound.detection, float):
                    conditions.append(bound.detection)
        conditions += [rule.condition for rule in compiled.upkeep]
        conditions += [o.condition for o in compiled.objectives]
        conditions += [e.condition for e in compiled.events]
        conditions += [e.condition for e in compiled.endings]
        conditions += list(expressions_in(self._special_ops()))
        read = {ref for c in conditions if c is not None for ref in c.variables}
        for track in self.scenario.tracks:
            for transition in track.transitions:
                if transition.condition is not None:
                    read |= compile_condition(transition.condition, compiled.names).variables
        for actor in self.scenario.actors:
            read |= {resolve_ref(ref, actor.id, None) for ref in actor.bot.values}
        return read

    def unused_variables(self) -> None:
        used = self._read() | self.written
        places: list[tuple[str, DataPath]] = [
            (f"{WORLD}.{v.id}", ("world", i, "id")) for i, v in enumerate(self.scenario.world)
        ]
        for i, actor in enumerate(self.scenario.actors):
            places += [
                (f"{actor.id}.{v.id}", ("actors", i, "variables", j, "id")) for j, v in enumerate(actor.variables)
            ]
        for ref, path in places:
            if ref not in used:
                self.warn(
                    path,
                    f"variable '{ref}' is never read or changed: no condition, effect, cost, upkeep, objective or "
                    "bot value uses it",
                    "use it in a move's effects or in a condition, or remove it",
                )

    # --- tracks --------------------------------------------------------------------------

    def tracks(self) -> None:
        for i, track in enumerate(self.scenario.tracks):
            entered = entered_states(track)
            reachable = self.reachable[track.id]
            for j, state in enumerate(track.states):
                path = ("tracks", i, "states", j)
                if state not in entered:
                    self.warn(
                        path,
                        f"no transition enters state '{state}' of track '{track.id}', and it is not the initial state",
                        f"add a transition with 'dest: {state}', or remove the state",
                    )
                elif state not in reachable:
                    message = f"state '{state}' of track '{track.id}' can never be reached from '{track.initial}'"
                    self.warn(path, message, self._why_unreached(track, state))

    def _why_unreached(self, track: Track, state: str) -> str:
        usable = self._usable(track)
        reasons = []
        for transition in track.transitions:
            if transition.dest != state:
                continue
            if (track.id, transition.trigger) not in self.fired:
                reasons.append(f"no effect fires '{track.id}.{transition.trigger}'")
            elif not usable(transition):
                reasons.append(f"the condition of '{transition.trigger}' can never hold")
            else:
                reasons.append(f"'{transition.trigger}' starts from states that are never reached")
        return "; ".join(dict.fromkeys(reasons))

    # --- moves ---------------------------------------------------------------------------

    def moves(self) -> None:
        compiled = self.compiled
        by_move: dict[str, list[BoundMove]] = {}
        for actor in compiled.actors:
            for bound in compiled.bound_moves[actor]:
                by_move.setdefault(bound.id, []).append(bound)
        for i, move in enumerate(self.scenario.moves):
            bindings = by_move.get(move.id, [])
            blocked: list[tuple[str, DataPath, str, bool]] = []
            for bound in bindings:
                who = bound.actor + (f" (target {bound.target})" if bound.target else "")
                for ref, amount in bound.cost:
                    low, high = compiled.bounds[ref]
                    if amount > high - low:
                        source = next(k for k in move.cost if resolve_ref(k, bound.actor, bound.target) == ref)
                        reason = (
                            f"its cost of {amount} {ref} is more than {ref} can ever hold above its minimum "
                            f"({low}..{high})"
                        )
                        blocked.append((who, ("moves", i, "cost", source), reason, True))
                        break
                else:
                    if move.condition is not None:
                        verdict = outcomes(move.condition, self.facts, bound.actor, bound.target)
                        if not verdict.can_true:
                            reason = "its condition can never hold" + _given(verdict, self.facts)
                            blocked.append((who, ("moves", i, "condition"), reason, False))
            if not blocked:
                continue
            _, path, reason, at_key = blocked[0]
            if len(blocked) == len(bindings):
                self.warn(path, f"move '{move.id}' can never be made: {reason}", _MOVE_HINT, at_key=at_key)
            else:
                names = ", ".join(dict.fromkeys(who for who, *_ in blocked))
                self.warn(path, f"move '{move.id}' can never be made by {names}: {reason}", _MOVE_HINT, at_key=at_key)

    # --- objectives and endings --------------------------------------------------------------

    def objectives(self) -> None:
        for i, actor in enumerate(self.scenario.actors):
            for j, objective in enumerate(actor.objectives):
                verdict = outcomes(objective.condition, self.facts, actor.id)
                if not verdict.can_true:
                    self.warn(
                        ("actors", i, "objectives", j, "condition"),
                        f"objective '{objective.id}' of {actor.id} can never be met: its condition can never hold"
                        + _given(verdict, self.facts),
                        "check the numbers and states it compares with; the bounds are the variables' min and max",
                    )

    def endings(self) -> None:
        always_now: str | None = None
        always_at_end: str | None = None
        for i, ending in enumerate(self.scenario.endings):
            path = ("endings", i, "condition")
            if ending.condition is None:  # reached only by an `end` effect
                continue
            verdict = outcomes(ending.condition, self.facts)
            shadow = always_now if ending.at == "any_turn" else always_now or always_at_end
            if not verdict.can_true:
                self.warn(
                    path,
                    f"ending '{ending.id}' can never happen: its condition can never hold"
                    + _given(verdict, self.facts),
                    "check the numbers and states it compares with",
                )
            elif shadow is not None:
                self.warn(
                    path,
                    f"ending '{ending.id}' can never happen: ending '{shadow}' comes first and always holds",
                    "endings are checked in file order; move this one up or narrow the condition of the other",
                )
            if not verdict.can_false:
                if ending.at == "any_turn":
                    always_now = always_now or ending.id
                else:
                    always_at_end = always_at_end or ending.id

    # --- actors and the debrief ----------------------------------------------------------------

    def secret_halves(self) -> None:
        for path, message, hint in secret_half_warnings(self.compiled):
            self.warn(path, message, hint, at_key=True)

    def actors_without_moves(self) -> None:
        for i, actor in enumerate(self.scenario.actors):
            if not self.compiled.bound_moves[actor.id]:
                self.warn(
                    ("actors", i, "id"),
                    f"actor '{actor.id}' has no moves: it can only pass",
                    f"add '{actor.id}' to the 'actors' list of a move",
                )

    def debrief(self) -> None:
        debrief = self.scenario.debrief
        if not debrief.questions:
            path: DataPath = ("debrief", "questions") if "questions" in debrief.model_fields_set else ("debrief",)
            self.warn(
                path,
                "the debrief has no questions for the class discussion",
                "add debrief.questions: a few questions about choices, needs and consequences",
                at_key=True,
            )
        if not debrief.what_happened_next:
            fields = debrief.model_fields_set
            path = ("debrief", "what_happened_next") if "what_happened_next" in fields else ("debrief",)
            self.warn(
                path,
                "the debrief does not say what happened next",
                "add debrief.what_happened_next: the real events after the scenario (date, text, source)",
                at_key=True,
            )


_MOVE_HINT = "the move stays greyed out; change its condition or cost, or the variables' bounds"


def _usable_in(track: str, fired: set[tuple[str, str]], facts: Facts) -> Callable[[TrackTransition], bool]:
    """Whether a transition can ever happen: some effect fires its trigger and its condition can hold."""

    def usable(transition: TrackTransition) -> bool:
        if (track, transition.trigger) not in fired:
            return False
        return transition.condition is None or outcomes(transition.condition, facts).can_true

    return usable


def _given(verdict: Verdict, facts: Facts) -> str:
    """`` (russia.munitions is 0..100)`` – the ranges the verdict rests on."""
    parts = [text for text in (facts.describe(name) for name in verdict.names) if text]
    return f" ({'; '.join(parts)})" if parts else ""
