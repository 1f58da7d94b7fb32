"""Head-to-head: does the lookahead bot beat the heuristic bot?

Usage::

    python benchmarks/lookahead_vs_heuristic.py [SCENARIO] [-n 200] [--jobs 2] [--seed 1] [--json FILE]

For each actor in turn, the actor is played by ``lookahead`` and every other seat by
``heuristic``; its win rate is compared with the same seat's win rate when all seats are
``heuristic`` (the baseline). Both batches use the same batch seed, so game i starts
from the same seed in every row. Ties credit 1/k of a win to each of the k winners.
The table (Markdown) shows both win rates with 95% Wilson intervals, the difference
with a two-proportion z-test (one-sided: lookahead better), and mean scores.
Default scenario: the article scenario, ``scenarios/pyongyang_summit.yaml``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.batch.executors import default_jobs  # noqa: E402
from game.batch.run import play_batch  # noqa: E402
from game.batch.stats import wilson  # noqa: E402
from game.batch.totals import BatchTotals  # noqa: E402
from game.engine import compile_scenario  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"


def one_sided_p(wins_a: float, wins_b: float, games: int) -> float:
    """P-value of "rate a > rate b" for two independent proportions over ``games`` each (pooled z-test)."""
    pooled = (wins_a + wins_b) / (2 * games)
    spread = math.sqrt(max(pooled * (1 - pooled) * 2 / games, 1e-300))
    z = (wins_a - wins_b) / games / spread
    return 0.5 * math.erfc(z / math.sqrt(2))


def rate(totals: BatchTotals, actor: str) -> tuple[float, float, float]:
    """Win rate and its 95% interval."""
    wins = float(totals.credited_wins[actor])
    low, high = wilson(wins, totals.games)
    return wins / totals.games, low, high


def main(argv: list[str] | None = None) -> int:
    """Play the baseline and one batch per seat; print the table."""
    parser = argparse.ArgumentParser(description="lookahead vs heuristic, seat by seat")
    parser.add_argument("scenario", nargs="?", default=str(ARTICLE), help="scenario file (default: the article)")
    parser.add_argument("-n", "--games", type=int, default=200, help="games per row (default 200)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processes (default: all cores)")
    parser.add_argument("--seed", type=int, default=1, help="batch seed (default 1)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    compiled = compile_scenario(load_scenario(args.scenario))
    actors = compiled.actors
    started = time.perf_counter()
    baseline = play_batch(compiled, dict.fromkeys(actors, "heuristic"), args.seed, args.games, jobs=args.jobs)
    rows = []
    for actor in actors:
        kinds = dict.fromkeys(actors, "heuristic")
        kinds[actor] = "lookahead"
        seat_started = time.perf_counter()
        seated = play_batch(compiled, kinds, args.seed, args.games, jobs=args.jobs)
        base_rate, look_rate = rate(baseline, actor), rate(seated, actor)
        rows.append(
            {
                "actor": actor,
                "baseline": base_rate,
                "lookahead": look_rate,
                "p": one_sided_p(float(seated.credited_wins[actor]), float(baseline.credited_wins[actor]), args.games),
                "baseline_score": baseline.score_sum[actor] / args.games,
                "lookahead_score": seated.score_sum[actor] / args.games,
                "seconds": time.perf_counter() - seat_started,
            }
        )
        print(f"{actor}: done in {rows[-1]['seconds']:.0f} s", file=sys.stderr, flush=True)
    print(f"{compiled.meta.id}: {args.games} games per row, batch seed {args.seed}, {args.jobs} processes, "
          f"{time.perf_counter() - started:.0f} s in all\n")  # fmt: skip
    print("| seat | all heuristic: win rate (95% CI) | seat played by lookahead (95% CI) | Δ | p (one-sided) "
          "| mean score heuristic → lookahead |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for row in rows:
        b, lk = row["baseline"], row["lookahead"]
        print(
            f"| {row['actor']} | {b[0]:.1%} ({b[1]:.1%}–{b[2]:.1%}) | {lk[0]:.1%} ({lk[1]:.1%}–{lk[2]:.1%}) "
            f"| {lk[0] - b[0]:+.1%} | {row['p']:.2g} | {row['baseline_score']:.2f} → {row['lookahead_score']:.2f} |"
        )
    better = sum(1 for row in rows if row["lookahead"][0] > row["baseline"][0])
    print(f"\nlookahead raised its seat's win rate in {better} of {len(rows)} seats")
    if args.json:
        data = {"scenario": compiled.meta.id, "games": args.games, "seed": args.seed, "rows": rows}
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
