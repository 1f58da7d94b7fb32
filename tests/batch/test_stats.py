"""Wilson intervals, the χ² survival function and quantiles against known values (and scipy when installed)."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from game.batch import stats


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (0, 10, 0.0, 0.277533),  # upper bound z²/(n+z²)
        (10, 10, 0.722467, 1.0),
        (5, 10, 0.236593, 0.763407),
        (81, 263, 0.255289, 0.366210),
        (50, 100, 0.403832, 0.596168),
    ],
)
def test_wilson_known_values(successes: int, trials: int, low: float, high: float) -> None:
    got = stats.wilson(successes, trials)
    assert got == pytest.approx((low, high), abs=1e-5)


def test_wilson_without_trials_is_the_whole_range() -> None:
    assert stats.wilson(0, 0) == (0.0, 1.0)


def test_wilson_matches_scipy() -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    for successes, trials in [(0, 1), (1, 3), (17, 40), (333, 1000), (999, 1000)]:
        expected = scipy_stats.binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
        assert stats.wilson(successes, trials) == pytest.approx((expected.low, expected.high), abs=1e-9)


@pytest.mark.parametrize(
    ("statistic", "dof", "p"),
    [
        (3.841459, 1, 0.05),
        (10.827566, 1, 0.001),
        (5.991465, 2, 0.05),
        (11.070498, 5, 0.05),
        (0.0, 3, 1.0),
        (4.0, 1, 0.0455003),
        (30.0, 10, 0.000856641),
    ],
)
def test_chi2_sf_known_values(statistic: float, dof: int, p: float) -> None:
    assert stats.chi2_sf(statistic, dof) == pytest.approx(p, rel=1e-4, abs=1e-9)


def test_chi2_sf_matches_scipy_over_a_grid() -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    for dof in (1, 2, 3, 4, 5, 7, 12, 30):
        for statistic in (0.01, 0.5, 1.0, 2.5, dof - 0.5, dof + 0.5, 2.0 * dof, 40.0, 120.0):
            expected = float(scipy_stats.chi2.sf(statistic, dof))
            assert stats.chi2_sf(statistic, dof) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_uniform_test() -> None:
    even = stats.chi_square_uniform([50, 50])
    assert even is not None and even.statistic == 0.0 and even.p_value == pytest.approx(1.0)
    skewed = stats.chi_square_uniform([60, 40])
    assert skewed is not None and skewed.statistic == pytest.approx(4.0) and skewed.dof == 1
    assert skewed.p_value == pytest.approx(0.0455003, rel=1e-5)
    assert stats.chi_square_uniform([7]) is None
    assert stats.chi_square_uniform([0, 0]) is None


def test_ties_are_split_in_the_test() -> None:
    # 10 games: 4 won by a, 4 by b, 2 ties between a and b -> 5 and 5: no evidence of imbalance.
    result = stats.chi_square_uniform([4 + 1.0, 4 + 1.0])
    assert result is not None and result.p_value == pytest.approx(1.0)


def test_quantiles_from_counts_match_the_data() -> None:
    rng = random.Random(5)
    values = [rng.randint(0, 30) for _ in range(501)]
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    assert stats.quantile_from_counts(counts, 0.1) == pytest.approx(deciles[0])
    assert stats.quantile_from_counts(counts, 0.9) == pytest.approx(deciles[-1])
    assert stats.quantile_from_counts(counts, 0.5) == statistics.median(values)
    assert math.isnan(stats.quantile_from_counts({}, 0.5))


def test_dominant_moves_need_enough_turns() -> None:
    uses = [
        stats.MoveUse("a", "grab", chosen=95, legal=100, turns=100),
        stats.MoveUse("a", "rare", chosen=5, legal=5, turns=100),
        stats.MoveUse("a", "pass", chosen=100, legal=100, turns=100),
        stats.MoveUse("b", "grab", chosen=90, legal=100, turns=100),
    ]
    assert [(u.actor, u.move) for u in stats.dominant_moves(uses)] == [("a", "grab")]
