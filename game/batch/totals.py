"""Incremental totals of a batch: memory depends on the scenario, never on the number of games.

Each worker counts the games of its chunk (:meth:`Counts.add`) and sends the
counts back with one compact row per game; the parent merges them
(:meth:`Counts.merge`) and forgets them. Variable values per
turn are kept as histograms (variables are bounded integers), so medians and
10-90% bands are exact without keeping any game.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from game.batch import stats
from game.batch.summary import GameSummary
from game.engine import PASS, CompiledScenario


class Counts:
    """Counts over the games added so far; plain data, so workers can total their chunks and send them back.

    Counts of different chunks merge exactly (integers, fractions, histograms), so the totals of a
    batch do not depend on how it was split into chunks or on the order chunks finished.
    """

    def __init__(self, actors: tuple[str, ...]) -> None:
        self.actors = actors
        self.games = 0
        self.turns_played = 0
        """Sum of turns over games: every actor decides once per turn played."""
        self.credited_wins = {a: Fraction(0) for a in actors}
        """Actor -> wins, a tie among k actors crediting 1/k to each."""
        self.shared_wins = dict.fromkeys(actors, 0)
        """Actor -> games in which it had the highest score (alone or tied)."""
        self.ties = 0
        self.score_sum = dict.fromkeys(actors, 0)
        self.score_min: dict[str, int | None] = dict.fromkeys(actors, None)
        self.score_max: dict[str, int | None] = dict.fromkeys(actors, None)
        self.endings: Counter[str] = Counter()
        self.lengths: Counter[int] = Counter()
        self.chosen_turns: Counter[str] = Counter()
        self.legal_turns: Counter[str] = Counter()
        self.move_games: Counter[str] = Counter()
        """Move id -> games in which some actor chose it."""
        self.legal_games: Counter[str] = Counter()
        """Move id -> games in which it was legal for some actor."""
        self.event_games: Counter[str] = Counter()
        self.state_games: Counter[str] = Counter()
        self.objective_games: Counter[str] = Counter()
        self.deals_accepted: Counter[str] = Counter()
        self.deals_rejected: Counter[str] = Counter()
        self.detected: Counter[str] = Counter()
        self.histograms: list[list[Counter[int]]] = []
        """[turn - 1][variable index] -> value -> games (only when snapshots are collected)."""
        self.final_values: list[Counter[int]] = []
        """[variable index] -> final value -> games."""
        self.objective_values: list[Counter[float]] = []
        """[objective index] -> value its condition tests at the end of the game -> games."""
        self.failed: Counter[str] = Counter()
        """``actor.move`` -> times chosen and failed at resolution."""
        self.resolved: Counter[str] = Counter()
        """``actor.move`` -> times it took effect."""

    def add(self, summary: GameSummary) -> None:
        """Count one game."""
        self.games += 1
        self.turns_played += summary.turns
        share = Fraction(1, len(summary.winners)) if summary.winners else Fraction(0)
        for actor in summary.winners:
            self.credited_wins[actor] += share
            self.shared_wins[actor] += 1
        if len(summary.winners) > 1:
            self.ties += 1
        for actor, score in zip(self.actors, summary.scores, strict=True):
            self._score(actor, score, score, score)
        self.endings[summary.ending] += 1
        self.lengths[summary.turns] += 1
        self.chosen_turns.update(summary.chosen)
        self.legal_turns.update(summary.legal)
        self.move_games.update({key.split(".", 1)[1] for key in summary.chosen})
        self.legal_games.update({key.split(".", 1)[1] for key in summary.legal})
        self.event_games.update(summary.events)
        self.state_games.update(summary.track_states)
        self.objective_games.update(summary.objectives)
        for key, (accepted, rejected) in summary.deals.items():
            self.deals_accepted[key] += accepted
            self.deals_rejected[key] += rejected
        self.detected.update(summary.detected)
        self.failed.update(summary.failed)
        self.resolved.update(summary.resolved)
        _tally(self.final_values, summary.final)
        _tally(self.objective_values, summary.objective_values)
        if summary.snapshots is not None:
            for turn, values in enumerate(summary.snapshots):
                self._histograms(turn, len(values))
                for counter, value in zip(self.histograms[turn], values, strict=True):
                    counter[value] += 1

    def merge(self, other: Counts) -> None:
        """Add the counts of another chunk of the same batch."""
        self.games += other.games
        self.turns_played += other.turns_played
        for actor in self.actors:
            self.credited_wins[actor] += other.credited_wins[actor]
            self.shared_wins[actor] += other.shared_wins[actor]
            low, high = other.score_min[actor], other.score_max[actor]
            if low is not None and high is not None:
                self._score(actor, other.score_sum[actor], low, high)
        self.ties += other.ties
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))
        for mine_list, theirs_list in ((self.final_values, other.final_values),
                                       (self.objective_values, other.objective_values)):  # fmt: skip
            _merge_lists(mine_list, theirs_list)
        for turn, per_variable in enumerate(other.histograms):
            self._histograms(turn, len(per_variable))
            for mine, theirs in zip(self.histograms[turn], per_variable, strict=True):
                mine.update(theirs)

    def _score(self, actor: str, total: int, low: int, high: int) -> None:
        self.score_sum[actor] += total
        old_low, old_high = self.score_min[actor], self.score_max[actor]
        self.score_min[actor] = low if old_low is None else min(old_low, low)
        self.score_max[actor] = high if old_high is None else max(old_high, high)

    def _histograms(self, turn: int, variables: int) -> None:
        while len(self.histograms) <= turn:
            self.histograms.append([Counter() for _ in range(variables)])


_COUNTERS = (
    "endings", "lengths", "chosen_turns", "legal_turns", "move_games", "legal_games", "event_games", "state_games",
    "objective_games", "deals_accepted", "deals_rejected", "detected", "failed", "resolved",
)  # fmt: skip


def _tally(counters: list[Any], values: tuple[Any, ...]) -> None:
    """Count one game's values, one counter per position (None values are not counted)."""
    while len(counters) < len(values):
        counters.append(Counter())
    for counter, value in zip(counters, values, strict=False):
        if value is not None:
            counter[value] += 1


def _merge_lists(mine: list[Any], theirs: list[Any]) -> None:
    while len(mine) < len(theirs):
        mine.append(Counter())
    for counter, other in zip(mine, theirs, strict=False):
        counter.update(other)


class BatchTotals(Counts):
    """The counts of a whole batch, with the scenario they describe: statistics, summary and chart data."""

    def __init__(self, compiled: CompiledScenario, kinds: Mapping[str, str] | None = None) -> None:
        super().__init__(compiled.actors)
        self.compiled = compiled
        self.kinds: dict[str, str] = dict(kinds or {})
        """Actor -> bot kind that played it (for messages)."""

    # --- derived figures ---------------------------------------------------------

    def moves_of(self, actor: str) -> list[str]:
        """The actor's move ids in scenario order, then pass."""
        seen: list[str] = []
        for bound in self.compiled.bound_moves[actor]:
            if bound.id not in seen:
                seen.append(bound.id)
        return [*seen, PASS]

    def uses(self) -> list[stats.MoveUse]:
        """Use of every (actor, move), pass included."""
        moves = {actor: self.moves_of(actor) for actor in self.actors}
        return stats.move_use(self.actors, moves, self.chosen_turns, self.legal_turns, self.turns_played)

    def summary(self) -> dict[str, Any]:
        """Everything worth keeping, as JSON-ready data (deterministic: no times, no job counts)."""
        compiled = self.compiled
        games = self.games
        wins = [self.credited_wins[a] for a in self.actors]
        test = stats.chi_square_uniform([float(w) for w in wins])
        uses = self.uses()
        ending_ids = [e.ending.id for e in compiled.endings]
        if "time_up" not in ending_ids:
            ending_ids.append("time_up")
        ending_ids += sorted(set(self.endings) - set(ending_ids))
        track_states = [f"{tid}.{s}" for tid, machine in compiled.tracks.items() for s in machine.states]
        deal_keys = [f"{b.actor}.{b.id}" for a in self.actors for b in compiled.bound_moves[a] if b.is_deal]
        covert_keys = [f"{b.actor}.{b.id}" for a in self.actors for b in compiled.bound_moves[a] if b.covert]
        return {
            "scenario": compiled.meta.id,
            "games": games,
            "actors": list(self.actors),
            "wins": {a: _num(self.credited_wins[a]) for a in self.actors},
            "wins_shared": dict(self.shared_wins),
            "ties": self.ties,
            "win_rates": {a: _rate(self.credited_wins[a], games) for a in self.actors},
            "uniform_test": None
            if test is None
            else {"chi2": _round(test.statistic), "dof": test.dof, "p_value": _round(test.p_value)},
            "scores": {a: self._score_summary(a) for a in self.actors},
            "endings": {e: self.endings.get(e, 0) for e in _unique(ending_ids)},
            "game_lengths": {str(t): self.lengths[t] for t in sorted(self.lengths)},
            "mean_length": _round(sum(t * n for t, n in self.lengths.items()) / games) if games else None,
            "moves_chosen": {m: self.move_games.get(m, 0) for m in compiled.moves},
            "moves_legal": {m: self.legal_games.get(m, 0) for m in compiled.moves},
            "move_use": {a: {u.move: _use(u) for u in uses if u.actor == a} for a in self.actors},
            "dominant_moves": [
                {"actor": u.actor, "move": u.move, "rate_when_legal": _round(u.rate_when_legal), "legal_turns": u.legal}
                for u in stats.dominant_moves(uses)
            ],
            "events_fired": {e.event.id: self.event_games.get(e.event.id, 0) for e in compiled.events},
            "track_states_reached": {k: self.state_games.get(k, 0) for k in track_states},
            "objectives_met": {o.key: self.objective_games.get(o.key, 0) for o in compiled.objectives},
            "deals": {k: {"accepted": self.deals_accepted[k], "rejected": self.deals_rejected[k]} for k in deal_keys},
            "covert_detected": {k: self.detected[k] for k in covert_keys},
            "final_values": self.final_summary(),
            "objectives": self.objective_report(),
            "moves_failed": {
                k: {"failed": n, "took_effect": self.resolved.get(k, 0)} for k, n in sorted(self.failed.items())
            },
        }

    def final_summary(self) -> dict[str, dict[str, Any]]:
        """Owner (actor or world) -> variable -> the distribution of its value when the game ended."""
        result: dict[str, dict[str, Any]] = {}
        for ref, counts in zip(self.compiled.variables, self.final_values, strict=False):
            owner, name = ref.split(".", 1)
            result.setdefault(owner, {})[name] = _distribution(counts)
        return result

    def objective_report(self) -> dict[str, dict[str, Any]]:
        """Objective -> how often it was met and, for a comparison with a number, the tested value's distribution."""
        from game.batch.probes import objective_probes

        report: dict[str, dict[str, Any]] = {}
        probes = objective_probes(self.compiled)
        for index, (objective, probe) in enumerate(zip(self.compiled.objectives, probes, strict=True)):
            met = self.objective_games.get(objective.key, 0)
            entry: dict[str, Any] = {
                "condition": objective.objective.condition,
                "when": objective.objective.when,
                "met_games": met,
                "met_rate": _round(met / self.games) if self.games else None,
            }
            counts = self.objective_values[index] if index < len(self.objective_values) else Counter()
            if probe is not None and counts:
                entry["value"] = probe.value
                entry["op"] = probe.op
                entry["threshold"] = _num(Fraction(probe.threshold))
                entry["distribution"] = _distribution(counts)
            report[objective.key] = entry
        return report

    def _score_summary(self, actor: str) -> dict[str, Any]:
        mean = _round(self.score_sum[actor] / self.games) if self.games else None
        return {"mean": mean, "min": self.score_min[actor], "max": self.score_max[actor]}

    def bands(self) -> dict[str, list[tuple[float, float, float]]]:
        """Variable -> per turn (10%, median, 90%) over the games that reached that turn."""
        refs = list(self.compiled.variables)
        result: dict[str, list[tuple[float, float, float]]] = {ref: [] for ref in refs}
        for per_var in self.histograms:
            for ref, counts in zip(refs, per_var, strict=True):
                result[ref].append(
                    (stats.quantile_from_counts(counts, 0.1), stats.quantile_from_counts(counts, 0.5),
                     stats.quantile_from_counts(counts, 0.9))
                )  # fmt: skip
        return result


def _distribution(counts: Counter[Any]) -> dict[str, Any]:
    """Median, 10 % and 90 % quantiles, mean, min and max of counted values."""
    if not counts:
        return {"median": None, "p10": None, "p90": None, "mean": None, "min": None, "max": None}
    total = sum(counts.values())
    return {
        "median": _round(stats.quantile_from_counts(counts, 0.5)),
        "p10": _round(stats.quantile_from_counts(counts, 0.1)),
        "p90": _round(stats.quantile_from_counts(counts, 0.9)),
        "mean": _round(sum(value * n for value, n in counts.items()) / total),
        "min": _round(min(counts)),
        "max": _round(max(counts)),
    }


def _use(use: stats.MoveUse) -> dict[str, Any]:
    return {
        "chosen_turns": use.chosen,
        "legal_turns": use.legal,
        "rate": _round(use.rate),
        "rate_when_legal": _round(use.rate_when_legal),
    }


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _round(value: float) -> float:
    return round(float(value), 6)


def _num(value: Fraction) -> float | int:
    return int(value) if value.denominator == 1 else _round(float(value))


def _rate(wins: Fraction, games: int) -> dict[str, Any]:
    low, high = stats.wilson(float(wins), games)
    return {"rate": _round(float(wins) / games) if games else None, "ci95": [_round(low), _round(high)]}
