"""Timings of the authoring tools on the shipped scenarios.

    python benchmarks/authoring.py [SCENARIO ...]

For each scenario: loading and checking alone (`check_file`), with the lint (`check_and_lint`,
what `parley validate` runs), the Mermaid diagrams, and a live reload that replays a whole
game's decisions (what `parley play --watch` does in one frame when the file is saved; the
frame is blocked for that long). Also the cost of one watcher poll when nothing changed (done
once a second). Figures are medians of several runs, in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.authoring.graph import phase_diagram, track_diagram
from game.authoring.lint import check_and_lint
from game.authoring.watch import FileWatcher, reload
from game.engine import compile_scenario
from game.paths import shipped_scenarios
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario.loader import check_file, load_scenario


def median_ms(action: Callable[[], object], runs: int = 7) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def graphs(path: Path) -> None:
    """Every diagram ``parley graph`` draws for the scenario."""
    phase_diagram()
    for track in load_scenario(path).tracks:
        track_diagram(track)


def main(paths: list[Path]) -> None:
    print(f"{'scenario':<28}{'check':>9}{'+lint':>9}{'graph':>9}{'reload+replay':>15}{'decisions':>11}{'poll':>9}")
    for path in paths:
        compiled = compile_scenario(load_scenario(path))
        game = play_game(compiled, 1, make_players(parse_players("heuristic", compiled.actors), 1)).game
        decisions = game.decisions
        watcher = FileWatcher(path)

        row = [
            median_ms(partial(check_file, path)),
            median_ms(partial(check_and_lint, path)),
            median_ms(partial(graphs, path)),
            median_ms(partial(reload, path, 1, decisions), runs=5),
        ]
        poll = median_ms(watcher.changed, runs=51)
        print(
            f"{path.stem:<28}{row[0]:>9.1f}{row[1]:>9.1f}{row[2]:>9.1f}{row[3]:>15.1f}{len(decisions):>11}{poll:>9.3f}"
        )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or shipped_scenarios())
