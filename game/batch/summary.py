"""One game played headless and boiled down to a compact, picklable summary.

A worker keeps no :class:`~game.engine.Game` after it has summarised it:
only the numbers the batch statistics and the balance lint need travel back
to the parent process. Games are played by the same driver as
:func:`game.runner.play_game`, so game ``i`` of a batch is exactly
``parley run SCENARIO --seed <its seed> --players <the same players>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from game.batch.probes import objective_probes
from game.engine import CompiledScenario, Decision, Game, Move, Phase
from game.engine.driver import Hooks, drive
from game.players import make_players


class GameRow(NamedTuple):
    """One game's line in ``games.csv``: what the parent process receives per game."""

    game: int
    """Position of the game in its batch (from 0)."""
    seed: int
    winners: tuple[str, ...]
    scores: tuple[int, ...]
    ending: str
    turns: int


@dataclass(frozen=True, slots=True)
class GameSummary:
    """What one game left behind, in a few hundred bytes."""

    index: int
    """Position of the game in its batch (from 0)."""
    seed: int
    """The game's own seed (see :func:`game.batch.seeds.game_seed`)."""
    winners: tuple[str, ...]
    """Actors with the highest score, in actor order (several on a tie)."""
    scores: tuple[int, ...]
    """Final score of every actor, in actor order."""
    ending: str
    """Id of the ending reached (``time_up`` when no ending matched)."""
    turns: int
    """Turns played (the turn on which the game ended)."""
    chosen: Mapping[str, int]
    """``actor.move`` -> turns in which the actor chose it (``actor.pass`` for passing)."""
    legal: Mapping[str, int]
    """``actor.move`` -> turns in which it was legal when the actor decided (``actor.pass`` too)."""
    events: tuple[str, ...]
    """Events that fired at least once, in scenario order."""
    track_states: tuple[str, ...]
    """``track.state`` for every state a track was in at some point (initial states included)."""
    objectives: tuple[str, ...]
    """``actor.objective`` for every objective met at least once."""
    deals: Mapping[str, tuple[int, int]]
    """``actor.move`` -> (accepted, rejected) proposals of that deal."""
    detected: Mapping[str, int]
    """``actor.move`` -> times the covert move was detected."""
    snapshots: tuple[tuple[int, ...], ...] | None = None
    """Every variable (in :attr:`CompiledScenario.variables` order) at the end of each turn, when asked for."""
    final: tuple[int, ...] = ()
    """Every variable (in :attr:`CompiledScenario.variables` order) when the game ended."""
    objective_values: tuple[float | None, ...] = ()
    """Per objective (in :attr:`CompiledScenario.objectives` order), the value its condition compares with its
    threshold at the end of the game (None when the condition is not one comparison with a number)."""
    failed: Mapping[str, int] = field(default_factory=dict)
    """``actor.move`` -> times the move was chosen but failed at resolution (no longer possible, or unaffordable)."""
    resolved: Mapping[str, int] = field(default_factory=dict)
    """``actor.move`` -> times the move (or accepted deal) took effect."""


_DIPLOMACY = Phase.DIPLOMACY.value


class _Counter(Hooks):
    """Counts, turn by turn, which moves were legal for each actor when it decided, and which it chose.

    Within a diplomacy phase no move becomes legal that was not legal before (orders and uses only
    grow; variables, tracks and flags do not change until resolution), so the moves legal at an
    actor's first decision of a turn are all the moves legal for it that turn: the game is asked
    once per actor and turn, and it remembers the list the bot has just asked for."""

    def __init__(self, actors: tuple[str, ...]) -> None:
        self.legal: dict[str, dict[str, int]] = {actor: {} for actor in actors}
        self.chosen: dict[str, dict[str, int]] = {actor: {} for actor in actors}
        self.turn_legal: dict[str, set[str]] = {actor: set() for actor in actors}
        self.turn_chosen: dict[str, set[str]] = {actor: set() for actor in actors}

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        if game.state["phase"] == _DIPLOMACY and isinstance(decision, Move):
            legal = self.turn_legal[actor]
            if not legal:
                legal.update([o.move for o in game.legal_decisions(actor) if isinstance(o, Move)])
            self.turn_chosen[actor].add(decision.move)

    def turn_assessed(self, game: Game, turn: int) -> None:
        _count_turn(self.turn_legal, self.legal)
        _count_turn(self.turn_chosen, self.chosen)


def play_summarized(
    compiled: CompiledScenario, kinds: Mapping[str, str], index: int, seed: int, snapshots: bool = False
) -> GameSummary:
    """Play game ``index`` with ``seed`` and the bots named in ``kinds``; return its summary.

    The game is played by the one driver (:func:`game.engine.driver.drive`), as ``parley run`` plays it,
    with hooks that count, turn by turn, which moves were legal for each actor and which it chose.
    """
    game = Game(compiled, seed)
    counter = _Counter(compiled.actors)
    drive(game, make_players(dict(kinds), seed), counter)
    return summarize(game, index, _keyed(counter.legal), _keyed(counter.chosen), snapshots)


def _count_turn(moves: dict[str, set[str]], counts: dict[str, dict[str, int]]) -> None:
    """Add one turn's moves to each actor's counts, and start the next turn."""
    for actor, ids in moves.items():
        if ids:
            mine = counts[actor]
            for move in ids:
                mine[move] = mine.get(move, 0) + 1
            ids.clear()


def _keyed(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """Per-actor counts as ``actor.move`` -> count."""
    return {f"{actor}.{move}": n for actor, moves in counts.items() for move, n in moves.items()}


def row(summary: GameSummary) -> GameRow:
    """The CSV row of a summarised game."""
    return GameRow(summary.index, summary.seed, summary.winners, summary.scores, summary.ending, summary.turns)


def summarize(
    game: Game, index: int, legal: Mapping[str, int], chosen: Mapping[str, int], snapshots: bool = False
) -> GameSummary:
    """The summary of a finished ``game``."""
    state = game.state
    result = state["result"]
    compiled = game.compiled
    reached = {f"{tid}.{machine.track.initial}" for tid, machine in compiled.tracks.items()}
    deals: dict[str, list[int]] = {}
    detected: dict[str, int] = {}
    failed: dict[str, int] = {}
    resolved: dict[str, int] = {}
    for entry in state["log"]:
        kind = entry["kind"]
        if kind in ("failed", "move", "deal") and "move" in entry:
            key = f"{entry['actor']}.{entry['move']}"
            tally = failed if kind == "failed" else resolved
            tally[key] = tally.get(key, 0) + 1
        if kind == "track":
            reached.add(f"{entry['track']}.{entry['dest']}")
        elif kind == "deal" or kind == "rejected":
            counts = deals.setdefault(f"{entry['actor']}.{entry['move']}", [0, 0])
            counts[0 if kind == "deal" else 1] += 1
        elif kind == "detected":
            key = f"{entry['actor']}.{entry['move']}"
            detected[key] = detected.get(key, 0) + 1
    track_order = [f"{tid}.{s}" for tid, machine in compiled.tracks.items() for s in machine.states]
    fired = state["fired"]
    snaps: tuple[tuple[int, ...], ...] | None = None
    if snapshots:
        refs = tuple(compiled.variables)
        snaps = tuple(tuple(snap["vars"][ref] for ref in refs) for snap in state["history"])
    return GameSummary(
        index=index,
        seed=game.seed,
        winners=tuple(result["winners"]),
        scores=tuple(result["scores"][actor] for actor in compiled.actors),
        ending=result["ending"],
        turns=result["turn"],
        chosen=dict(sorted(chosen.items())),
        legal=dict(sorted(legal.items())),
        events=tuple(e.event.id for e in compiled.events if e.event.id in fired),
        track_states=tuple(key for key in track_order if key in reached),
        objectives=tuple(o.key for o in compiled.objectives if o.key in state["met"]),
        deals={key: (a, r) for key, (a, r) in sorted(deals.items())},
        detected=dict(sorted(detected.items())),
        snapshots=snaps,
        final=tuple(state["vars"][ref] for ref in compiled.variables),
        objective_values=tuple(
            None if p is None else float(game.evaluate(p.condition)) for p in objective_probes(compiled)
        ),
        failed=dict(sorted(failed.items())),
        resolved=dict(sorted(resolved.items())),
    )
