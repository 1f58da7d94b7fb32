"""Scenario tests written in YAML: given a seed and some decisions, expect variables, tracks, flags, scores, an ending.

A test file sits beside its scenario (``NAME.tests.yaml``) or in the ``tests`` folder
next to it (``tests/NAME*.yaml``)::

    scenario: tutorial              # optional: the meta.id the tests are for
    tests:
      - name: a water sale moves water and money
        seed: 1
        decisions:                  # applied in order; unlisted seats pass (see `others`)
          - {turn: 1, actor: upland, move: sell_water, target: lowland}
          - {actor: lowland, accept: true}
        expect:                     # checked once the last decision's turn has been assessed
          variables: {lowland.water: 57, upland.money: ">= 50"}
          tracks: {relations: friendly}

A decision is a move (``move`` is a move id or ``pass``, ``target`` if it has one) or an
answer (``accept: true|false``; it answers every open proposal to the actor, or only the
ones of ``deal:`` MOVE and ``proposer:`` ACTOR). A decision without ``turn`` is on the turn of
the decision before it; within a turn decisions may come in any order (moves are made first,
then answers), and turns must not go back. ``detected: true|false`` on a covert move forces
its detection roll (the number is still drawn, so the other rolls of the seed are unchanged);
``events: {ID: [turns]}`` on a test forces a random event's roll to succeed on those turns only.
Seats with nothing listed are played by ``others``: ``pass`` (default:
pass every move and reject every proposal), ``random`` or ``heuristic`` (bots seeded from
the test's seed). ``expect`` is one check or a list of checks; ``after_turn: N`` (or
``end``) moves a check to the end of a later turn (or of the game).

The file is read with the same safe YAML reader as scenarios, and validated with
pydantic models that forbid unknown keys; every problem and every failed expectation is
a :class:`~game.scenario.diagnostics.Diagnostic` pointing at its line.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from game.engine import PASS, Answer, CompiledScenario, Decision, Game, IllegalDecision, Move, Phase
from game.engine.driver import decide_waiting
from game.engine.expressions import suggest
from game.files import FileProblem, read_limited
from game.players import make_players
from game.players.base import Player
from game.scenario.diagnostics import DataPath, Diagnostic
from game.scenario.models import IDENT_PATTERN
from game.scenario.yaml_safe import MAX_BYTES, SourceMap, YamlError, parse_yaml

Ident = Annotated[str, Field(pattern=IDENT_PATTERN, max_length=40)]
Comparison = Annotated[str, Field(pattern=r"^\s*(==|!=|<=|>=|<|>)\s*-?\d+\s*$")]
Expected = int | Comparison
TIME_UP = "time_up"
"""The ending id the engine records when the turns run out and no time_up ending holds."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScriptedDecision(_Strict):
    """One decision of a test: a move (or pass), or an answer to proposals."""

    turn: int | None = Field(default=None, ge=1, description="The turn it is made on (default: the current turn).")
    actor: Ident = Field(description="Who decides.")
    move: Ident | None = Field(default=None, description="A move id, or pass.")
    target: Ident | None = Field(default=None, description="The move's target.")
    accept: bool | None = Field(default=None, description="Answer proposals: true accepts, false rejects.")
    deal: Ident | None = Field(default=None, description="Answer only proposals of this move.")
    proposer: Ident | None = Field(default=None, description="Answer only proposals from this actor.")
    detected: bool | None = Field(
        default=None,
        description="Covert moves: force the detection roll (true: detected, false: not), whatever the seed.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ScriptedDecision:
        if (self.move is None) == (self.accept is None):
            raise ValueError("a decision needs either 'move' (a move id or pass) or 'accept' (true or false)")
        if self.move is not None and (self.deal is not None or self.proposer is not None):
            raise ValueError("'deal' and 'proposer' choose which proposals an answer ('accept') is for")
        if self.detected is not None and self.move is None:
            raise ValueError("'detected' forces the detection of a covert move: it goes with 'move'")
        if self.accept is not None and self.target is not None:
            raise ValueError("an answer has no 'target': use 'proposer' to choose the proposal")
        return self


class Check(_Strict):
    """What must hold at one point of the game."""

    after_turn: int | Literal["end"] | None = Field(
        default=None,
        description="Check when this turn has been assessed, or at the end (default: the last decision's turn).",
    )
    variables: dict[str, Expected] = Field(default_factory=dict, description="OWNER.ID -> value or '>= N'.")
    tracks: dict[str, Ident] = Field(default_factory=dict, description="Track id -> state.")
    flags: dict[str, bool] = Field(default_factory=dict, description="Flag id -> true or false.")
    scores: dict[str, Expected] = Field(default_factory=dict, description="Actor id -> score or '>= N'.")
    ending: Ident | None = Field(default=None, description="The ending reached (time_up: none held).")
    over: bool | None = Field(default=None, description="Whether the game is over.")

    @model_validator(mode="after")
    def _not_empty(self) -> Check:
        if not (self.variables or self.tracks or self.flags or self.scores or self.ending or self.over is not None):
            raise ValueError("a check needs at least one of variables, tracks, flags, scores, ending, over")
        return self


class ScenarioTest(_Strict):
    """One test: a seed, decisions, and the checks that must hold."""

    name: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="What the test shows.")
    seed: int = Field(default=1, description="The game's seed.")
    others: Literal["pass", "random", "heuristic"] = Field(default="pass", description="Who plays unlisted decisions.")
    decisions: list[ScriptedDecision] = Field(
        default_factory=list,
        description="Decisions, turn by turn (a decision without 'turn' is on the turn of the one before); within "
        "a turn in any order: moves are made first, then answers.",
    )
    expect: list[Check] = Field(
        min_length=1, description="One check or a list of checks; each may say when it runs with 'after_turn'."
    )
    events: dict[Ident, list[Annotated[int, Field(ge=1)]]] = Field(
        default_factory=dict,
        description="Random events (with a chance) forced: event id -> the turns its dice roll succeeds on (on "
        "every other turn it fails); its turns, condition and repeat rules still apply.",
    )

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value


class SuiteFile(_Strict):
    """A file of scenario tests."""

    scenario: Ident | None = Field(default=None, description="The scenario's meta.id (optional).")
    tests: list[ScenarioTest] = Field(min_length=1, description="The tests.")


# --- finding and reading test files ---------------------------------------------------------


def find_test_files(scenario: Path) -> list[Path]:
    """``NAME.tests.yaml`` beside the scenario, then ``tests/NAME*.yaml`` in its folder, by name."""
    stem = scenario.name.removesuffix(".yaml").removesuffix(".yml")
    found = [scenario.with_name(f"{stem}.tests.yaml")]
    folder = scenario.parent / "tests"
    if folder.is_dir():
        found += sorted(folder.glob(f"{stem}*.yaml"))
    return [p for p in found if p.is_file()]


@dataclass
class LoadedTests:
    """A test file read and validated (``tests`` is None when it has problems)."""

    path: Path
    name: str
    tests: SuiteFile | None
    source: SourceMap
    problems: list[Diagnostic]


def load_tests(path: Path) -> LoadedTests:
    """Read and validate a test file; problems point at their lines."""
    name = path.as_posix()
    source = SourceMap()
    try:
        data = read_limited(path, MAX_BYTES + 1, "test file")
    except FileProblem as exc:
        return LoadedTests(path, name, None, source, [_error(name, 1, 1, f"cannot read: {exc.reason}")])
    if len(data) > MAX_BYTES:
        return LoadedTests(path, name, None, source, [_error(name, 1, 1, "the file is too large")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return LoadedTests(path, name, None, source, [_error(name, 1, 1, "the file is not UTF-8 text")])
    return load_tests_text(text, path)


def load_tests_text(text: str, path: Path) -> LoadedTests:
    """Validate a test file given as text (an editor's unsaved buffer); ``path`` names it in the problems."""
    name = path.as_posix()
    source = SourceMap()
    try:
        parsed, source = parse_yaml(text)
    except YamlError as exc:
        return LoadedTests(path, name, None, source, [_error(name, exc.line, exc.column, exc.message)])
    if not isinstance(parsed, dict):
        problem = _error(name, 1, 1, "a test file is a mapping with the key 'tests' (a list of tests)")
        return LoadedTests(path, name, None, source, [problem])
    try:
        tests = SuiteFile.model_validate(parsed, strict=True)
    except ValidationError as exc:
        return LoadedTests(path, name, None, source, _pydantic_problems(exc, parsed, source, name))
    return LoadedTests(path, name, tests, source, [])


def _error(name: str, line: int, column: int, message: str, path: DataPath = ()) -> Diagnostic:
    return Diagnostic(name, line, column, "error", message, path=path)


_MODELS: dict[str, type[BaseModel]] = {"tests": ScenarioTest, "decisions": ScriptedDecision, "expect": Check}
_MISPLACED = {
    "after_turn": ("expect", "did you mean to put it in a check? 'after_turn' goes under expect, beside what it "
                   "checks: expect: {after_turn: 3, variables: {...}}"),
    "detected": ("decisions", "'detected' goes in a decision with a covert move: {actor: ..., move: ..., "
                 "detected: true}"),
}  # fmt: skip
"""Keys that belong somewhere else in a test: where they go."""


def _pydantic_problems(exc: ValidationError, data: Any, source: SourceMap, name: str) -> list[Diagnostic]:
    seen: set[DataPath] = set()
    problems = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        kind = error["type"]
        if kind == "missing":
            path = _existing(loc[:-1], data)
            message = f"missing required key '{loc[-1]}'"
            span = source.value(path)
        elif kind == "extra_forbidden":
            path = _existing(loc, data)
            model = _MODELS.get(next((str(s) for s in reversed(path[:-1]) if isinstance(s, str)), ""), SuiteFile)
            fields = list(model.model_fields) if len(path) > 1 else list(SuiteFile.model_fields)
            message = f"unknown key '{path[-1]}'" + suggest(str(path[-1]), fields)
            if path[-1] in _MISPLACED and model is not _MODELS.get(_MISPLACED[str(path[-1])][0]):
                message = f"unknown key '{path[-1]}' here; {_MISPLACED[str(path[-1])][1]}"
            span = source.key(path)
        elif any(step in ("variables", "scores") for step in loc[-3:-1]):
            path = _existing(loc, data)
            message = f"expected a number or a comparison such as '>= 40', got {error['input']!r}"
            span = source.value(path)
        else:
            path = _existing(loc, data)
            text = str(error["msg"]).removeprefix("Value error, ")
            message = text[:1].lower() + text[1:]
            if kind not in ("value_error", "too_short") and not isinstance(error["input"], dict | list):
                message += f", got {error['input']!r}"
            span = source.value(path)
        if path in seen:
            continue
        seen.add(path)
        problems.append(_error(name, span.line, span.column, message, path))
    return sorted(problems, key=Diagnostic.sort_key)


def _existing(loc: tuple[int | str, ...], data: Any) -> DataPath:
    """The part of an error location that exists in the data (union branch names are dropped)."""
    path: list[str | int] = []
    node = data
    for step in loc:
        in_dict = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_dict or in_list:
            node = node[step]
            path.append(step)
    return tuple(path)


# --- running ------------------------------------------------------------------------------


@dataclass
class CaseResult:
    """One test's outcome: passed when it has no failures."""

    name: str
    failures: list[Diagnostic] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No failure."""
        return not self.failures


class _Failed(Exception):
    def __init__(self, path: DataPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def run_file(compiled: CompiledScenario, loaded: LoadedTests) -> list[CaseResult]:
    """Run every test of a valid test file against the compiled scenario."""
    assert loaded.tests is not None
    results = []
    for index, test in enumerate(loaded.tests.tests):
        at: DataPath = ("tests", index)
        failures = [_Failed((*at, *path), message) for path, message in _references(compiled, test)]
        if not failures:
            try:
                failures += _Runner(compiled, test).run(at)
            except _Failed as failed:
                failures.append(failed)
        result = CaseResult(test.name)
        for failure in failures:
            path = _in_file(failure.path, loaded.source)
            span = loaded.source.key(path) if _is_key(path, loaded) else loaded.source.value(path)
            text = f"test '{test.name}': {failure.message}"
            result.failures.append(_error(loaded.name, span.line, span.column, text, path))
        results.append(result)
    return results


def _in_file(path: DataPath, source: SourceMap) -> DataPath:
    """The path as written: ``expect`` given as one mapping has no list index."""
    for i in range(len(path) - 1):
        if path[i] == "expect" and path[i + 1] == 0 and not source.exists(path[: i + 2]):
            return path[: i + 1] + path[i + 2 :]
    return path


def _is_key(path: DataPath, loaded: LoadedTests) -> bool:
    """Point at the key for an entry of variables/tracks/flags/scores (its name is what is wrong or checked)."""
    sections = ("variables", "tracks", "flags", "scores", "events")
    return len(path) >= 2 and path[-2] in sections and path in loaded.source.keys


def _references(compiled: CompiledScenario, test: ScenarioTest) -> list[tuple[DataPath, str]]:
    """Names in the test that the scenario does not have."""
    problems: list[tuple[DataPath, str]] = []
    actors = list(compiled.actors)
    for i, decision in enumerate(test.decisions):
        at: DataPath = ("decisions", i)
        for key in ("actor", "target", "proposer"):
            value = getattr(decision, key)
            if value is not None and value not in actors:
                problems.append(((*at, key), f"unknown actor '{value}'" + suggest(value, actors)))
        for key in ("move", "deal"):
            value = getattr(decision, key)
            if value is not None and value != PASS and value not in compiled.moves:
                problems.append(((*at, key), f"unknown move '{value}'" + suggest(value, compiled.moves)))
        move = compiled.moves.get(decision.move or "")
        if decision.detected is not None and (move is None or move.visibility != "covert"):
            what = f"move '{decision.move}' is not covert" if move is not None else "passing is not a covert move"
            problems.append(((*at, "detected"), f"{what}: only a covert move has a detection roll to force"))
    for event_id in test.events:
        event = next((e.event for e in compiled.events if e.event.id == event_id), None)
        if event is None:
            ids = [e.event.id for e in compiled.events]
            problems.append((("events", event_id), f"unknown event '{event_id}'" + suggest(event_id, ids)))
        elif event.chance is None:
            problems.append((("events", event_id), f"event '{event_id}' has no chance: there is no dice roll to force"))
    endings = [TIME_UP, *(e.ending.id for e in compiled.endings)]
    for j, check in enumerate(test.expect):
        at = ("expect", j)
        for ref in check.variables:
            if ref not in compiled.variables:
                problems.append(
                    ((*at, "variables", ref), f"unknown variable '{ref}'" + suggest(ref, compiled.variables))
                )
        for track_id, state in check.tracks.items():
            track = compiled.tracks.get(track_id)
            if track is None:
                problems.append(
                    ((*at, "tracks", track_id), f"unknown track '{track_id}'" + suggest(track_id, compiled.tracks))
                )
            elif state not in track.states:
                message = f"track '{track_id}' has no state '{state}'" + suggest(state, track.states)
                problems.append(((*at, "tracks", track_id), message))
        for flag in check.flags:
            if flag not in compiled.flag_ids:
                problems.append(((*at, "flags", flag), f"unknown flag '{flag}'" + suggest(flag, compiled.flag_ids)))
        for actor in check.scores:
            if actor not in actors:
                problems.append(((*at, "scores", actor), f"unknown actor '{actor}'" + suggest(actor, actors)))
        if check.ending is not None and check.ending not in endings:
            problems.append(((*at, "ending"), f"unknown ending '{check.ending}'" + suggest(check.ending, endings)))
    return problems


class _ForcedGame(Game):
    """A game whose named dice rolls a test may force (the number is still drawn, so later rolls are unchanged)."""

    def __init__(self, compiled: CompiledScenario, seed: int) -> None:
        super().__init__(compiled, seed)
        self.forced: dict[tuple[str | int, ...], bool] = {}
        """``(kind, *names, turn)`` -> the roll's result."""

    def _roll(self, what: tuple[str, ...], chance: float) -> bool:
        rolled = super()._roll(what, chance)
        return self.forced.get((*what, self.state["turn"]), rolled)


def _in_play_order(decisions: list[ScriptedDecision], at: DataPath) -> list[tuple[int, ScriptedDecision, int]]:
    """``(index, decision, turn)`` in the order the game takes them: by turn, and in a turn moves before answers.

    A decision without ``turn`` is on the turn of the decision before it (turn 1 for the first).
    Turns must not go back: the error names the order expected.
    """
    placed = []
    turn = 1
    for index, decision in enumerate(decisions):
        if decision.turn is not None:
            if decision.turn < turn:
                raise _Failed(
                    (*at, "decisions", index, "turn"),
                    f"this decision is for turn {decision.turn} but comes after one for turn {turn}: list the "
                    "decisions turn by turn (within a turn, any order)",
                )
            turn = decision.turn
        placed.append((turn, decision.accept is not None, index, decision))
    return [(index, decision, turn) for turn, _, index, decision in sorted(placed, key=lambda p: p[:3])]


class _Passive:
    """The ``others: pass`` player: passes every move and rejects every proposal."""

    name = "pass"

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """Pass, or reject the first open proposal."""
        if game.phase is Phase.RESPONSES:
            return Answer(actor, game.open_proposals(actor)[0]["id"], False), None
        return Move(actor, PASS), None


class _Runner:
    """Plays one test: the listed decisions in order, the ``others`` for everything else."""

    def __init__(self, compiled: CompiledScenario, test: ScenarioTest) -> None:
        self.test = test
        self.game = _ForcedGame(compiled, test.seed)
        for event_id, turns in test.events.items():
            for turn in range(1, compiled.turns + 1):
                self.game.forced[("event", event_id, turn)] = turn in turns
        self.game.advance()
        self.players: dict[str, Player] = (
            dict.fromkeys(compiled.actors, _Passive())
            if test.others == "pass"
            else make_players(dict.fromkeys(compiled.actors, test.others), test.seed)
        )

    def run(self, at: DataPath) -> list[_Failed]:
        """Make the decisions, then run the checks; return the expectations that failed."""
        failed: list[_Failed] = []
        last_turn = 1
        for i, decision, turn in _in_play_order(self.test.decisions, at):
            path = (*at, "decisions", i)
            if decision.detected is not None:
                assert decision.move is not None
                self.game.forced[("detect", decision.actor, decision.move, turn)] = decision.detected
            self.decide(decision, path, turn)
            last_turn = self.game.turn
        for j, check in enumerate(self.test.expect):
            path = (*at, "expect", j)
            target = last_turn if check.after_turn is None else check.after_turn
            if target != "end" and target < self.game.turn and not self.game.is_over():
                raise _Failed(
                    (*path, "after_turn"), f"turn {target} is over before the last decision (turn {self.game.turn})"
                )
            self.play_until(target)
            failed += self.check(check, path)
        return failed

    # --- moving the game on ---------------------------------------------------------------

    def fill(self) -> None:
        """Decide for every seat that is waiting, with the ``others`` rule (the driver's loop)."""
        decide_waiting(self.game, self.players)

    def step(self) -> None:
        """Complete the current phase's decisions and run the next phase."""
        self.fill()
        self.game.step()

    def play_until(self, turn: int | Literal["end"]) -> None:
        """Play on until ``turn`` has been assessed (or the game is over)."""
        game = self.game
        while not game.is_over():
            if turn != "end" and game.turn == turn and game.phase is Phase.ASSESSMENT:
                return
            if turn != "end" and game.turn > turn:
                return
            self.step()

    def reach(self, turn: int, phases: tuple[Phase, ...], path: DataPath) -> None:
        game = self.game
        if turn < game.turn:
            raise _Failed((*path, "turn"), f"the game is already on turn {game.turn}")
        while not (game.turn == turn and game.phase in phases):
            if game.is_over():
                raise _Failed(path, f"the game ended on turn {game.turn} before this decision")
            if game.turn > turn:
                raise _Failed(path, f"turn {turn} passed without a phase for this decision")
            self.step()

    # --- the listed decisions ---------------------------------------------------------------

    def decide(self, decision: ScriptedDecision, path: DataPath, turn: int) -> None:
        game = self.game
        try:
            if decision.move is not None:
                self.reach(turn, (Phase.DIPLOMACY,), path)
                game.submit(Move(decision.actor, decision.move, decision.target))
            else:
                self.answer(decision, turn, path)
        except IllegalDecision as exc:
            raise _Failed(path, f"illegal decision on turn {game.turn}: {exc}") from None

    def answer(self, decision: ScriptedDecision, turn: int, path: DataPath) -> None:
        game = self.game
        self.reach(turn, (Phase.DIPLOMACY, Phase.RESPONSES), path)
        if game.phase is Phase.DIPLOMACY:
            self.step()
            if not self.in_responses():
                raise _Failed(path, f"no proposal was made on turn {turn}, so {decision.actor} has nothing to answer")
        proposals = [
            p for p in game.open_proposals(decision.actor)
            if (decision.deal is None or p["move"] == decision.deal)
            and (decision.proposer is None or p["from"] == decision.proposer)
        ]  # fmt: skip
        if not proposals:
            raise _Failed(path, f"{decision.actor} has no open proposal to answer on turn {turn}")
        assert decision.accept is not None
        for proposal in proposals:
            game.submit(Answer(decision.actor, proposal["id"], decision.accept))

    def in_responses(self) -> bool:
        """The game waits for answers to proposals."""
        return self.game.phase is Phase.RESPONSES

    # --- checks -----------------------------------------------------------------------------

    def check(self, check: Check, path: DataPath) -> list[_Failed]:
        """Every expectation of ``check`` that does not hold."""
        state = self.game.state
        failed: list[_Failed | None] = []
        for ref, wanted in check.variables.items():
            failed.append(_compare(ref, wanted, state["vars"][ref], (*path, "variables", ref)))
        for actor, wanted in check.scores.items():
            failed.append(_compare(f"the score of {actor}", wanted, state["scores"][actor], (*path, "scores", actor)))
        for track, wanted_state in check.tracks.items():
            got = state["tracks"][track]
            if got != wanted_state:
                failed.append(_Failed((*path, "tracks", track), f"expected track {track} == {wanted_state}, got {got}"))
        for flag, wanted_flag in check.flags.items():
            got_flag = state["flags"][flag]
            if got_flag != wanted_flag:
                message = f"expected flag {flag} == {_yaml(wanted_flag)}, got {_yaml(got_flag)}"
                failed.append(_Failed((*path, "flags", flag), message))
        result = state["result"]
        if check.over is not None and (result is not None) != check.over:
            where = f"it ended on turn {result['turn']}" if result else f"it is on turn {self.game.turn}"
            message = f"expected the game {'' if check.over else 'not '}to be over, but {where}"
            failed.append(_Failed((*path, "over"), message))
        if check.ending is not None:
            if result is None:
                message = f"expected ending {check.ending}, but the game is not over (turn {self.game.turn})"
                failed.append(_Failed((*path, "ending"), message))
            elif result["ending"] != check.ending:
                message = f"expected ending {check.ending}, got {result['ending']} on turn {result['turn']}"
                failed.append(_Failed((*path, "ending"), message))
        return [f for f in failed if f is not None]


_OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
}  # fmt: skip


def _compare(what: str, wanted: int | str, got: int, path: DataPath) -> _Failed | None:
    if isinstance(wanted, int):
        op, number = "==", wanted
    else:
        match = re.fullmatch(r"\s*(==|!=|<=|>=|<|>)\s*(-?\d+)\s*", wanted)
        assert match is not None
        op, number = match.group(1), int(match.group(2))
    if _OPERATORS[op](got, number):
        return None
    return _Failed(path, f"expected {what} {op} {number}, got {got}")


def _yaml(value: bool) -> str:
    return "true" if value else "false"
