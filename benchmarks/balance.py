"""Measure a scenario's balance by playing many seeded games with bots in every seat.

Usage::

    python benchmarks/balance.py SCENARIO [-n 500] [--players heuristic|random] [--jobs N] [--first-seed 1]
                                 [--variant ID]

``--variant`` plays a lesson variant the scenario declares (e.g. ``short``) instead of the whole scenario.

Games use seeds first_seed .. first_seed+n-1. The table shows:

- win share per actor: each game's win is shared among the actors with the highest score, so a
  tie among k actors counts 1/k of a win for each (the shares add up to 100%);
- move usage: the share of games in which each move was chosen at least once (by anyone);
- events fired, track states reached and endings reached: in how many games.

Targets (exit code 1 if one is missed):

- heuristic bots: every actor wins 15-35% of games; every move is chosen in at least 2% of games;
  every event fires, every track state and every ending is reached at least once;
- random bots: every actor wins more than 5% and no actor more than 60% of games (a novice class
  plays much like random bots: every team must keep a chance).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine import CompiledScenario, Game, compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from game.scenario.variants import VariantError, apply_variant

WIN_LOW, WIN_HIGH = 0.15, 0.35
"""Heuristic bots: every actor's win share must lie in this range."""
RANDOM_WIN_LOW, RANDOM_WIN_HIGH = 0.05, 0.60
"""Random bots: every actor's win share must exceed the first and may not exceed the second."""
MOVE_MIN = 0.02
"""Heuristic bots: every move must be chosen in at least this share of games."""


@dataclass(frozen=True)
class GameSummary:
    """What one finished game contributes to the tally."""

    seed: int
    winners: tuple[str, ...]
    scores: dict[str, int]
    moves: frozenset[str]
    """Move ids chosen at least once (passes excluded)."""
    events: frozenset[str]
    track_states: frozenset[tuple[str, str]]
    """(track id, state) pairs the game was in at some point."""
    ending: str
    turns: int


@dataclass
class Tally:
    """Counts over many games."""

    games: int = 0
    wins: Counter[str] = field(default_factory=Counter)
    """Shared wins: a tie among k actors adds 1/k to each."""
    score_sum: Counter[str] = field(default_factory=Counter)
    ties: int = 0
    moves: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    track_states: Counter[tuple[str, str]] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    turns: int = 0

    def add(self, game: GameSummary) -> None:
        """Count one game."""
        self.games += 1
        for actor in game.winners:
            self.wins[actor] += 1.0 / len(game.winners)  # type: ignore[assignment]
        if len(game.winners) > 1:
            self.ties += 1
        for actor, score in game.scores.items():
            self.score_sum[actor] += score
        self.moves.update(game.moves)
        self.events.update(game.events)
        self.track_states.update(game.track_states)
        self.endings[game.ending] += 1
        self.turns += game.turns


def summarise(game: Game) -> GameSummary:
    """The tally's view of a finished game."""
    state = game.state
    result = state["result"]
    assert result is not None, "the game is not over"
    moves = frozenset(d["move"] for d in game.decisions if d["kind"] == "move" and d["move"] != "pass")
    states = {(tid, machine.track.initial) for tid, machine in game.compiled.tracks.items()}
    states |= {(e["track"], e["dest"]) for e in state["log"] if e["kind"] == "track"}
    return GameSummary(
        seed=game.seed,
        winners=tuple(result["winners"]),
        scores=dict(result["scores"]),
        moves=moves,
        events=frozenset(state["fired"]),
        track_states=frozenset(states),
        ending=result["ending"],
        turns=int(result["turn"]),
    )


_COMPILED: CompiledScenario | None = None


def load(path: str, variant: str | None = None) -> CompiledScenario:
    """The scenario at ``path``, compiled as lesson ``variant`` (None: as written)."""
    return compile_scenario(apply_variant(load_scenario(path), variant))


def _init_worker(path: str, variant: str | None = None) -> None:
    global _COMPILED
    _COMPILED = load(path, variant)


def _play(args: tuple[int, str]) -> GameSummary:
    seed, kind = args
    assert _COMPILED is not None
    players = make_players(dict.fromkeys(_COMPILED.actors, kind), seed)
    return summarise(play_game(_COMPILED, seed, players, record=False).game)


def measure(path: str, seeds: Iterable[int], kind: str, jobs: int = 1, variant: str | None = None) -> Tally:
    """Play one game per seed with ``kind`` bots in every seat (the scenario as lesson ``variant``) and count."""
    tally = Tally()
    work = [(seed, kind) for seed in seeds]
    if jobs <= 1:
        _init_worker(path, variant)
        for item in work:
            tally.add(_play(item))
        return tally
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(path, variant)) as pool:
        for summary in pool.map(_play, work, chunksize=max(1, len(work) // (jobs * 8))):
            tally.add(summary)
    return tally


def misses(compiled: CompiledScenario, tally: Tally, kind: str) -> list[str]:
    """Every balance target the tally misses, in words (empty: all met)."""
    n = tally.games
    names = compiled.actor_names
    found: list[str] = []
    if kind == "random":
        for actor in compiled.actors:
            share = tally.wins[actor] / n
            if share > RANDOM_WIN_HIGH:
                found.append(f"{names[actor]} wins {share:.1%} of random games (at most {RANDOM_WIN_HIGH:.0%})")
            if share <= RANDOM_WIN_LOW:
                found.append(f"{names[actor]} wins {share:.1%} of random games (more than {RANDOM_WIN_LOW:.0%})")
        return found
    for actor in compiled.actors:
        share = tally.wins[actor] / n
        if not WIN_LOW <= share <= WIN_HIGH:
            found.append(f"{names[actor]} wins {share:.1%} of games (target {WIN_LOW:.0%}-{WIN_HIGH:.0%})")
    for move in compiled.moves:
        if tally.moves[move] / n < MOVE_MIN:
            found.append(f"move {move} chosen in {tally.moves[move] / n:.1%} of games (at least {MOVE_MIN:.0%})")
    for compiled_event in compiled.events:
        if tally.events[compiled_event.event.id] == 0:
            found.append(f"event {compiled_event.event.id} never fires")
    for tid, machine in compiled.tracks.items():
        for state in machine.states:
            if tally.track_states[(tid, state)] == 0:
                found.append(f"track {tid} never reaches {state}")
    for compiled_ending in compiled.endings:
        if tally.endings[compiled_ending.ending.id] == 0:
            found.append(f"ending {compiled_ending.ending.id} never reached")
    return found


def _pct(count: float, n: int) -> str:
    return f"{100.0 * count / n:5.1f}%"


def report(compiled: CompiledScenario, tally: Tally, kind: str) -> list[str]:
    """The table, as lines of text."""
    n = tally.games
    names = compiled.actor_names
    lines = [
        f"{compiled.meta.title}: {n} games of {compiled.meta.turns} turns at most, {kind} bots in every seat",
        f"average length {tally.turns / n:.2f} turns; ties for first place in {_pct(tally.ties, n).strip()} of games "
        "(a tie among k actors counts 1/k of a win each)",
        "",
        "win share per actor           wins   avg score",
    ]
    for actor in compiled.actors:
        lines.append(f"  {names[actor]:<26}{_pct(tally.wins[actor], n)}   {tally.score_sum[actor] / n:6.2f}")
    lines += ["", "move usage (share of games in which the move was chosen)"]
    for move in compiled.moves.values():
        who = "/".join(move.actors)
        lines.append(f"  {move.id:<22}{_pct(tally.moves[move.id], n)}   {who}")
    lines += ["", "events fired (games)"]
    for compiled_event in compiled.events:
        event = compiled_event.event
        lines.append(f"  {event.id:<22}{tally.events[event.id]:5d}   {_pct(tally.events[event.id], n)}")
    lines += ["", "track states reached (games)"]
    for tid, machine in compiled.tracks.items():
        parts = [f"{state} {tally.track_states[(tid, state)]}" for state in machine.states]
        lines.append(f"  {tid:<14}" + " · ".join(parts))
    lines += ["", "endings reached (games)"]
    ending_ids = [e.ending.id for e in compiled.endings] + [
        e for e in tally.endings if e not in {c.ending.id for c in compiled.endings}
    ]
    for ending in ending_ids:
        lines.append(f"  {ending:<22}{tally.endings[ending]:5d}   {_pct(tally.endings[ending], n)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and the missed targets; exit 1 if any target is missed."""
    parser = argparse.ArgumentParser(description="Measure a scenario's balance with bots in every seat.")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("-n", "--games", type=int, default=500, help="number of games (default 500)")
    parser.add_argument("--players", choices=("heuristic", "random"), default="heuristic", help="bot kind")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    parser.add_argument("--first-seed", type=int, default=1, help="seed of the first game (default 1)")
    parser.add_argument("--variant", metavar="ID", help="play a lesson variant the scenario declares (e.g. short)")
    args = parser.parse_args(argv)
    if args.games < 1:
        parser.error("-n must be at least 1")
    try:
        compiled = load(args.scenario, args.variant)
    except VariantError as exc:
        parser.error(f"--variant: {exc}")
    seeds = range(args.first_seed, args.first_seed + args.games)
    tally = measure(args.scenario, seeds, args.players, args.jobs, args.variant)
    print("\n".join(report(compiled, tally, args.players)))
    missed = misses(compiled, tally, args.players)
    print()
    if missed:
        print(f"{len(missed)} target(s) missed:")
        print("\n".join(f"  - {m}" for m in missed))
        return 1
    print("all balance targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
