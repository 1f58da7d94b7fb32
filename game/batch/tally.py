"""A chunk of batch games counted as they are played, at a few microseconds a game.

:func:`~game.batch.summary.play_summarized` boils one game down to a :class:`~game.batch.summary.GameSummary`
and :meth:`Counts.add <game.batch.totals.Counts.add>` counts it: clear, and the reference for what a batch
counts, but a random-bot game takes well under a millisecond and that path added a third to it. A
:class:`ChunkTally` counts the same things for a whole chunk with less work per game:

- the game is played quiet (:attr:`Game.quiet <game.engine.game.Game.quiet>`: the same rules and the same
  outcome, but no log text is written, a fifth of a random-bot game), and the tally, as the game's
  :attr:`~game.engine.game.Game.observer`, is told how each order resolved and where the tracks went;
- while a game is played it keeps, per turn, each actor's legal moves at its first decision (the
  index of that list, memoised by the identities of the compiled scenario's own decision objects) and the
  moves chosen;
- when the game ends it appends plain tuples and keys to flat lists (a few list appends, no dicts per game);
- :meth:`ChunkTally.counts` turns the flat lists into one :class:`~game.batch.totals.Counts` with
  ``collections.Counter`` (which counts in C) and builds each ``actor.move`` key once per chunk.

The tests check that both paths give equal counts for every shipped scenario and bot kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from game.batch.probes import objective_probes
from game.batch.summary import GameRow
from game.batch.totals import Counts
from game.engine import BoundMove, CompiledScenario, Decision, Game, Move
from game.engine.driver import Hooks, drive
from game.players import make_players


class ChunkTally(Hooks):
    """Plays and counts games of one scenario; the driver's hooks see every decision and every turn's end."""

    def __init__(self, compiled: CompiledScenario, snapshots: bool = False) -> None:
        self.compiled = compiled
        self.snapshots = snapshots
        self.refs = tuple(compiled.variables)
        self.objective_keys = tuple(o.key for o in compiled.objectives)
        self.event_ids = tuple(e.event.id for e in compiled.events)
        self.probes = tuple(p.condition if p is not None else None for p in objective_probes(compiled))
        self.initial_states = tuple(f"{tid}.{m.track.initial}" for tid, m in compiled.tracks.items())
        self._names: dict[str, dict[str, str]] = {}
        """actor -> move id -> ``actor.move``, and track -> state -> ``track.state``: keys built once."""
        self._key_of: dict[int, str] = {}
        """Identity of each of the compiled scenario's decision objects -> its ``actor.move`` key."""
        own = [b.decision for bound in compiled.bound_moves.values() for b in bound]
        own += compiled.pass_decisions.values()
        for decision in own:
            self._key_of[id(decision)] = self._key(decision.actor, decision.move)
        for tid, machine in compiled.tracks.items():
            for state in machine.states:
                self._key(tid, state)
        self._legal_memo: dict[tuple[int, ...], int] = {}
        """Identities of a legal list's decisions -> its index in :attr:`_legal_sets` (only lists of the compiled
        scenario's own decisions, which live as long as it does, are memoised)."""
        self._legal_sets: list[tuple[tuple[str, ...], dict[str, None]]] = []
        """Distinct legal lists seen: their ``actor.move`` keys and their move ids (each once)."""
        bounds = [b for bound in compiled.bound_moves.values() for b in bound]
        self._bound_keys = {id(b): self._key(b.actor, b.move_id) for b in bounds}
        """Identity of each bound move of the compiled scenario -> its ``actor.move`` key."""
        self.rows: list[GameRow] = []
        # per turn and per game, while a game is played
        self._deciding: set[str] = set()
        self._turn_chosen: dict[str, None] = {}
        """``actor.move`` chosen this turn (a dict as an ordered set: nothing depends on string hashing)."""
        self._game_chosen: list[str] = []
        self._game_legal: list[int] = []
        """Per actor and turn of the game, the index of its legal list in :attr:`_legal_sets`."""
        # flat lists over the chunk
        self.winners: list[tuple[str, ...]] = []
        self.scores: list[tuple[int, ...]] = []
        self.endings: list[str] = []
        self.lengths: list[int] = []
        self.chosen: list[str] = []
        self.legal: list[int] = []
        self.chosen_moves: list[str] = []
        self.legal_moves: list[str] = []
        self.events: list[str] = []
        self.states: list[str] = []
        self.objectives: list[str] = []
        self.accepted: list[str] = []
        self.rejected: list[str] = []
        self.detected: list[str] = []
        self.failed: list[str] = []
        self.took_effect: list[str] = []
        self._outcomes = {
            "move": self.took_effect, "deal": self.accepted, "rejected": self.rejected, "failed": self.failed,
            "detected": self.detected,
        }  # fmt: skip
        """Each resolution kind (as the log names it) -> the list its ``actor.move`` keys go to."""
        self._reached: dict[str, None] = {}
        """``track.state`` reached in the game being played (initial states included)."""
        self.finals: list[tuple[int, ...]] = []
        self.objective_values: list[tuple[float | None, ...]] = []
        self.histories: list[tuple[tuple[int, ...], ...]] = []

    def _key(self, owner: str, name: str) -> str:
        """``owner.name``, built once."""
        names = self._names.setdefault(owner, {})
        key = names.get(name)
        if key is None:
            key = names[name] = f"{owner}.{name}"
        return key

    # --- the driver's hooks --------------------------------------------------------------------

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        if decision.__class__ is not Move:  # answers to proposals are not counted
            return
        key = self._key_of.get(id(decision)) or self._key(actor, decision.move)  # type: ignore[union-attr]
        self._turn_chosen[key] = None
        if actor not in self._deciding:  # the first decision of the turn: every move legal this turn is legal now
            self._deciding.add(actor)
            legal = game.legal_decisions(actor)
            known = tuple(map(id, legal))
            index = self._legal_memo.get(known)
            if index is None:
                moves = [d for d in legal if isinstance(d, Move)]
                index = len(self._legal_sets)
                keys = tuple(dict.fromkeys(self._key(actor, d.move) for d in moves))
                self._legal_sets.append((keys, dict.fromkeys(d.move for d in moves)))
                if all(i in self._key_of for i in known):
                    self._legal_memo[known] = index
            self._game_legal.append(index)

    def turn_assessed(self, game: Game, turn: int) -> None:
        self._game_chosen.extend(self._turn_chosen)
        self._turn_chosen.clear()
        self._deciding.clear()

    # --- games ---------------------------------------------------------------------------------

    # --- what the quiet game tells in place of its log ----------------------------------------

    def resolved(self, bound: BoundMove, kind: str) -> None:
        key = self._bound_keys.get(id(bound)) or self._key(bound.actor, bound.move_id)
        self._outcomes[kind].append(key)

    def track_moved(self, track: str, source: str, dest: str) -> None:
        self._reached[self._key(track, dest)] = None

    # --- games ---------------------------------------------------------------------------------

    def play(self, kinds: Mapping[str, str], index: int, seed: int) -> None:
        """Play game ``index`` with ``seed`` and the bots in ``kinds``, and count it.

        The game is played quiet (:attr:`Game.quiet`: the same rules, no log text to write) with this tally
        as its observer, which is told what the log would have recorded; the counts are the same."""
        game = Game(self.compiled, seed)
        game.quiet = True
        game.observer = self
        drive(game, make_players(dict(kinds), seed), self)
        self._count(game, index)

    def _count(self, game: Game, index: int) -> None:
        state = game.state
        result = state["result"]
        compiled = self.compiled
        winners = tuple(result["winners"])
        scores = tuple(result["scores"][actor] for actor in compiled.actors)
        self.rows.append(GameRow(index, game.seed, winners, scores, result["ending"], result["turn"]))
        self.winners.append(winners)
        self.scores.append(scores)
        self.endings.append(result["ending"])
        self.lengths.append(result["turn"])
        chosen, legal = self._game_chosen, self._game_legal
        self.chosen.extend(chosen)
        self.legal.extend(legal)
        self.chosen_moves.extend(dict.fromkeys([key.split(".", 1)[1] for key in dict.fromkeys(chosen)]))
        moves: dict[str, None] = {}
        sets = self._legal_sets
        for list_index in legal:
            moves.update(sets[list_index][1])
        self.legal_moves.extend(moves)
        chosen.clear()
        legal.clear()
        fired = state["fired"]
        self.events.extend([event for event in self.event_ids if event in fired])
        met = state["met"]
        self.objectives.extend([key for key in self.objective_keys if key in met])
        reached = self._reached
        reached.update(dict.fromkeys(self.initial_states))
        self.states.extend(reached)
        reached.clear()
        values = state["vars"]
        self.finals.append(tuple(map(values.__getitem__, self.refs)))
        self.objective_values.append(tuple(None if p is None else float(game.evaluate(p)) for p in self.probes))
        if self.snapshots:
            self.histories.append(tuple(tuple(map(snap["vars"].__getitem__, self.refs)) for snap in state["history"]))

    # --- the chunk's counts --------------------------------------------------------------------

    def counts(self) -> Counts:
        """The counts of every game played so far (equal to :meth:`Counts.add` of each game's summary)."""
        counts = Counts(self.compiled.actors)
        actors = counts.actors
        counts.games = len(self.rows)
        counts.turns_played = sum(self.lengths)
        for winners, n in Counter(self.winners).items():
            share = Fraction(n, len(winners)) if winners else Fraction(0)
            for actor in winners:
                counts.credited_wins[actor] += share
                counts.shared_wins[actor] += n
            if len(winners) > 1:
                counts.ties += n
        if self.scores:
            for actor, column in zip(actors, zip(*self.scores, strict=True), strict=True):
                counts.score_sum[actor] = sum(column)
                counts.score_min[actor] = min(column)
                counts.score_max[actor] = max(column)
        counts.endings = Counter(self.endings)
        counts.lengths = Counter(self.lengths)
        counts.chosen_turns = Counter(self.chosen)
        legal_turns: Counter[str] = Counter()
        for list_index, n in Counter(self.legal).items():
            for key in self._legal_sets[list_index][0]:
                legal_turns[key] += n
        counts.legal_turns = legal_turns
        counts.move_games = Counter(self.chosen_moves)
        counts.legal_games = Counter(self.legal_moves)
        counts.event_games = Counter(self.events)
        counts.state_games = Counter(self.states)
        counts.objective_games = Counter(self.objectives)
        counts.deals_accepted = Counter(self.accepted)
        counts.deals_rejected = Counter(self.rejected)
        for key in [*counts.deals_accepted, *counts.deals_rejected]:  # Counts.add adds 0 for the other
            counts.deals_accepted[key] += 0
            counts.deals_rejected[key] += 0
        counts.detected = Counter(self.detected)
        counts.failed = Counter(self.failed)
        counts.resolved = Counter(self.took_effect) + Counter(self.accepted)
        counts.final_values = _columns(self.finals)
        counts.objective_values = _columns(self.objective_values)
        if self.snapshots:
            by_turn: dict[int, list[tuple[int, ...]]] = {}
            for history in self.histories:
                for turn, values in enumerate(history):
                    by_turn.setdefault(turn, []).append(values)
            counts.histograms = [_columns(by_turn[turn]) for turn in range(len(by_turn))]
        return counts


def _columns(rows: list[tuple[Any, ...]]) -> list[Counter[Any]]:
    """One counter per position of the rows (None values are not counted), as :func:`totals._tally` keeps them."""
    width = max((len(r) for r in rows), default=0)
    columns: list[Counter[Any]] = []
    for position in range(width):
        column = Counter(r[position] for r in rows if position < len(r))
        column.pop(None, None)
        columns.append(column)
    return columns
