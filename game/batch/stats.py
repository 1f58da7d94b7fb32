"""Statistics for batches of games, in plain Python (no scipy needed at run time).

- :func:`wilson` – the Wilson score interval for a proportion;
- :func:`chi_square_uniform` – Pearson's χ² test of counts against a uniform split,
  with the p-value from :func:`chi2_sf` (the regularized upper incomplete gamma
  function, computed by series or continued fraction as in *Numerical Recipes* §6.2);
- :func:`dominant_moves` – moves chosen in more than 90% of the turns where they were legal.

Wins and ties: when k actors tie for the highest score, each is credited 1/k of a
win, so credited wins add up to the number of games and the χ² test compares them
with games/actors. (An actor's *shared* wins, counted 1 per tie, are reported too.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal: a two-sided 95% interval."""
DOMINANT_SHARE = 0.9
"""A move chosen in more than this share of the turns where it is legal is dominant."""
DOMINANT_MIN_TURNS = 20
"""...provided it was legal in at least this many turns (fewer say nothing)."""


def wilson(successes: float, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials`` (fractional successes allowed)."""
    if trials <= 0:
        return 0.0, 1.0
    p = min(max(successes / trials, 0.0), 1.0)
    z2 = z * z
    denominator = 1.0 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def _gamma_series(a: float, x: float) -> float:
    """P(a, x) by its series; converges fast for x < a + 1."""
    term = total = 1.0 / a
    n = a
    for _ in range(10_000):
        n += 1.0
        term *= x / n
        total += term
        if abs(term) < abs(total) * 1e-16:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _gamma_fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1."""
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-16:
            break
    return h * math.exp(-x + a * math.log(x) - math.lgamma(a))


def gamma_q(a: float, x: float) -> float:
    """The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a)."""
    if a <= 0:
        raise ValueError("a must be positive")
    if x <= 0:
        return 1.0
    if x < a + 1.0:
        return max(0.0, 1.0 - _gamma_series(a, x))
    return _gamma_fraction(a, x)


def chi2_sf(statistic: float, dof: int) -> float:
    """P(X >= statistic) for X ~ χ² with ``dof`` degrees of freedom."""
    if dof <= 0:
        raise ValueError("degrees of freedom must be positive")
    return gamma_q(dof / 2.0, statistic / 2.0)


@dataclass(frozen=True)
class ChiSquare:
    """A χ² goodness-of-fit result."""

    statistic: float
    dof: int
    p_value: float


def chi_square_uniform(observed: Sequence[float]) -> ChiSquare | None:
    """Pearson's test of ``observed`` counts against equal expected counts (None if it cannot be run)."""
    total = float(sum(observed))
    if len(observed) < 2 or total <= 0:
        return None
    expected = total / len(observed)
    statistic = sum((o - expected) ** 2 / expected for o in observed)
    dof = len(observed) - 1
    return ChiSquare(statistic, dof, chi2_sf(statistic, dof))


@dataclass(frozen=True)
class MoveUse:
    """How often an actor used a move."""

    actor: str
    move: str
    chosen: int
    """Turns in which the actor chose it."""
    legal: int
    """Turns in which it was legal for the actor."""
    turns: int
    """Turns the actor played."""

    @property
    def rate(self) -> float:
        """Share of the actor's turns in which it was chosen."""
        return self.chosen / self.turns if self.turns else 0.0

    @property
    def rate_when_legal(self) -> float:
        """Share of the turns where it was legal in which it was chosen."""
        return self.chosen / self.legal if self.legal else 0.0


def move_use(
    actors: Sequence[str],
    moves: Mapping[str, Sequence[str]],
    chosen: Mapping[str, int],
    legal: Mapping[str, int],
    turns: int,
) -> list[MoveUse]:
    """Use of every move (``moves``: actor -> its move ids, pass included) from turn counts keyed ``actor.move``."""
    return [
        MoveUse(actor, move, chosen.get(f"{actor}.{move}", 0), legal.get(f"{actor}.{move}", 0), turns)
        for actor in actors
        for move in moves[actor]
    ]


def dominant_moves(uses: Sequence[MoveUse], exclude: Sequence[str] = ("pass",)) -> list[MoveUse]:
    """Moves chosen in more than 90% of at least 20 turns where they were legal."""
    return [
        use for use in uses
        if use.move not in exclude and use.legal >= DOMINANT_MIN_TURNS and use.rate_when_legal > DOMINANT_SHARE
    ]  # fmt: skip


def quantile_from_counts(counts: Mapping[int, int], q: float) -> float:
    """The ``q`` quantile (0..1) of integer values given as value -> count (linear interpolation)."""
    total = sum(counts.values())
    if total == 0:
        return math.nan
    position = q * (total - 1)
    low_rank, fraction = math.floor(position), position - math.floor(position)
    values = sorted(counts)
    low = high = values[-1]
    seen = 0
    for value in values:
        seen += counts[value]
        if seen > low_rank:
            low = value
            break
    seen = 0
    for value in values:
        seen += counts[value]
        if seen > low_rank + 1:
            high = value
            break
    if fraction == 0.0:
        return float(low)
    return low + (high - low) * fraction
