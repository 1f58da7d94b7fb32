"""Simulation-based lint: what many played games say about a scenario.

:func:`find_findings` reads the totals of two batches of the same scenario:

- an *explore* batch (random bots), which wanders into every corner the rules allow, and
- a *play* batch (bots that play to win, heuristic by default), which shows what sensible
  players actually do.

Coverage findings (never legal, never fired, never entered, never met, never reached) use
both batches together; behaviour findings (never chosen, dominant move or actor, deals
never accepted, moves chosen that never take effect) use the play batch, except the
dominant-actor check, which runs on both.

Severities: ``error`` – content the rules can never reach (a move never legal, a track
state never entered): almost certainly a bug in the scenario, and ``parley analyze``
exits 1; ``warning`` – content that never happened in these games or a balance problem;
``info`` – worth a look. A "never" is evidence from N games, not a proof: the message
says how many games it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from game.batch import stats
from game.batch.totals import BatchTotals
from game.scenario.diagnostics import DataPath

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
DOMINANT_ACTOR_SHARE = 0.6
"""An actor winning more than this share of games dominates the scenario."""
DEAL_MIN_PROPOSALS = 10
"""A deal proposed at least this often and never accepted is reported."""
FAILED_MIN_CHOICES = 5
"""A move chosen and failed at least this often, and never taking effect, is reported."""


@dataclass(frozen=True)
class Finding:
    """One thing the games revealed about the scenario."""

    severity: Level
    kind: str
    """A stable code, e.g. ``move-never-legal``."""
    subject: str
    """What it is about, e.g. ``sell_water`` or ``relations.treaty``."""
    message: str
    path: DataPath = field(default=())
    """Where the subject is written in the scenario data (for FILE:LINE:COL)."""

    def to_json(self, line: int | None = None, column: int | None = None) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        data: dict[str, Any] = {"severity": self.severity, "kind": self.kind, "subject": self.subject}
        data["message"] = self.message
        if line is not None:
            data["line"], data["column"] = line, column
        return data


def find_findings(explore: BatchTotals, play: BatchTotals | None = None) -> list[Finding]:
    """Every finding, errors first, then in scenario order."""
    passes = [explore] if play is None else [explore, play]
    behaviour = play if play is not None else explore
    games = sum(t.games for t in passes)
    basis = " + ".join(_describe(t) for t in passes)
    findings = _coverage(passes, games, basis) + _behaviour(behaviour)
    for totals in passes:
        findings += _dominant_actors(totals)
    order = {level: i for i, level in enumerate(LEVELS)}
    return sorted(findings, key=lambda f: order[f.severity])


def _describe(totals: BatchTotals) -> str:
    kinds = sorted(set(totals.kinds.values())) if totals.kinds else []
    return f"{totals.games} games ({'/'.join(kinds) or 'bots'})"


def _sum(passes: Sequence[BatchTotals], attribute: str, key: str) -> int:
    return sum(int(getattr(t, attribute).get(key, 0)) for t in passes)


def _coverage(passes: Sequence[BatchTotals], games: int, basis: str) -> list[Finding]:
    compiled = passes[0].compiled
    scenario = compiled.scenario
    findings: list[Finding] = []
    for index, move in enumerate(scenario.moves):
        path: DataPath = ("moves", index, "id")
        if _sum(passes, "legal_games", move.id) == 0:
            findings.append(
                Finding("error", "move-never-legal", move.id, f"move '{move.id}' was never legal in {basis}", path)
            )
            continue
        for actor in move.actors:
            if len(move.actors) > 1 and _sum(passes, "legal_turns", f"{actor}.{move.id}") == 0:
                findings.append(
                    Finding(
                        "warning",
                        "move-never-legal-for",
                        f"{actor}.{move.id}",
                        f"move '{move.id}' was never legal for {actor} in {basis}",
                        path,
                    )
                )
    for index, event in enumerate(scenario.events):
        if _sum(passes, "event_games", event.id) == 0:
            findings.append(
                Finding(
                    "warning",
                    "event-never-fired",
                    event.id,
                    f"event '{event.id}' never fired in {basis}",
                    ("events", index, "id"),
                )
            )
    for t_index, track in enumerate(scenario.tracks):
        for s_index, state in enumerate(track.states):
            key = f"{track.id}.{state}"
            if _sum(passes, "state_games", key) == 0:
                findings.append(
                    Finding(
                        "error",
                        "state-never-entered",
                        key,
                        f"track '{track.id}' never entered state '{state}' in {basis}",
                        ("tracks", t_index, "states", s_index),
                    )
                )
    for a_index, model in enumerate(scenario.actors):
        for o_index, objective in enumerate(model.objectives):
            key = f"{model.id}.{objective.id}"
            if _sum(passes, "objective_games", key) == 0:
                findings.append(
                    Finding(
                        "warning",
                        "objective-never-met",
                        key,
                        f"objective '{key}' was never met in {basis}",
                        ("actors", a_index, "objectives", o_index, "id"),
                    )
                )
    for index, ending in enumerate(scenario.endings):
        if sum(t.endings.get(ending.id, 0) for t in passes) == 0:
            findings.append(
                Finding(
                    "warning",
                    "ending-never-reached",
                    ending.id,
                    f"ending '{ending.id}' was never reached in {basis}",
                    ("endings", index, "id"),
                )
            )
    return findings


def _behaviour(totals: BatchTotals) -> list[Finding]:
    compiled = totals.compiled
    scenario = compiled.scenario
    basis = _describe(totals)
    move_index = {m.id: i for i, m in enumerate(scenario.moves)}
    findings: list[Finding] = []
    for move in scenario.moves:
        path: DataPath = ("moves", move_index[move.id], "id")
        legal = totals.legal_games.get(move.id, 0)
        if legal and totals.move_games.get(move.id, 0) == 0:
            turns = sum(totals.legal_turns.get(f"{a}.{move.id}", 0) for a in move.actors)
            findings.append(
                Finding(
                    "warning",
                    "move-never-chosen",
                    move.id,
                    f"move '{move.id}' was legal in {turns} turns of {legal} games but never chosen in {basis}",
                    path,
                )
            )
    for use in stats.dominant_moves(totals.uses()):
        findings.append(
            Finding(
                "warning",
                "dominant-move",
                f"{use.actor}.{use.move}",
                f"{use.actor} chose '{use.move}' in {use.rate_when_legal:.0%} of the {use.legal} turns "
                f"where it was legal ({basis})",
                ("moves", move_index[use.move], "id"),
            )
        )
    seen: set[str] = set()
    for actor in compiled.actors:
        for bound in compiled.bound_moves[actor]:
            key = f"{actor}.{bound.id}"
            if key in seen:
                continue
            seen.add(key)
            path = ("moves", move_index[bound.id], "id")
            accepted, rejected = totals.deals_accepted.get(key, 0), totals.deals_rejected.get(key, 0)
            if bound.is_deal and accepted == 0 and rejected >= DEAL_MIN_PROPOSALS:
                findings.append(
                    Finding(
                        "warning",
                        "deal-never-accepted",
                        key,
                        f"{actor}'s deal '{bound.id}' was proposed {rejected} times and rejected every time ({basis})",
                        path,
                    )
                )
            failed, worked = totals.failed.get(key, 0), totals.resolved.get(key, 0)
            if failed >= FAILED_MIN_CHOICES and worked == 0:
                findings.append(
                    Finding(
                        "warning",
                        "move-never-takes-effect",
                        key,
                        f"{actor} chose '{bound.id}' {failed} times and it failed every time at resolution "
                        f"(no longer possible or unaffordable once earlier moves resolved; {basis})",
                        path,
                    )
                )
    return findings


def _dominant_actors(totals: BatchTotals) -> list[Finding]:
    if not totals.games:
        return []
    basis = _describe(totals)
    findings = []
    for index, actor in enumerate(totals.actors):
        share = float(totals.credited_wins[actor]) / totals.games
        if share > DOMINANT_ACTOR_SHARE:
            low, high = stats.wilson(float(totals.credited_wins[actor]), totals.games)
            findings.append(
                Finding(
                    "warning",
                    "dominant-actor",
                    actor,
                    f"{actor} wins {share:.0%} of {basis} (95% CI {low:.0%}–{high:.0%})",
                    ("actors", index, "id"),
                )
            )
    if not findings:
        test = stats.chi_square_uniform([float(totals.credited_wins[a]) for a in totals.actors])
        if test is not None and test.p_value < 0.001:
            best = max(totals.actors, key=lambda a: totals.credited_wins[a])
            findings.append(
                Finding(
                    "info",
                    "uneven-wins",
                    best,
                    f"wins are not evenly split in {basis} (χ² p = {test.p_value:.2g}); {best} wins most often",
                )
            )
    return findings
