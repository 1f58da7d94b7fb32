"""Benchmark of the classroom interface, headless (SDL dummy driver).

Measures, for each scenario given (default: every shipped one):
- start to first drawn frame: a fresh process that imports the interface, opens the window, loads the
  scenario and draws its first screen (target: at most 1.0 s);
- median frame time on the main board at 1280x720 (a seat's board and the spectators' board; target 5 ms);
- a bot's turn inside the interface: the time from "Play the turn" to the summary being ready (target 0.3 s);
- peak memory (max RSS) of a process that plays a whole bots-only game through the screens (target 200 MB).

Run: python benchmarks/ui_bench.py [SCENARIO ...]
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def first_frame(scenario: str) -> dict[str, float]:
    """In this (fresh) process: import, open the window, load the scenario, draw the first screen."""
    started = time.perf_counter()
    from game.ui.app import App, Options
    from game.ui.catalogue import load_entry
    from game.ui.start import first_screen

    app = App(Options(save_dir=Path("/tmp/parley-bench-saves"), seed=1))
    app.go(first_screen(app, load_entry(Path(scenario))))
    app.step([])
    return {"first_frame_s": time.perf_counter() - started}


def frames_and_bots(scenario: str, frames: int = 300) -> dict[str, float]:
    """Board frame times (seat and spectators) and every bot turn of a whole bots-only game."""
    from game.ui.app import App, Options
    from game.ui.catalogue import load_entry
    from game.ui.flow import Flow
    from game.ui.screens.board import BoardScreen
    from game.ui.session import Session

    entry = load_entry(Path(scenario))
    assert entry.compiled is not None, entry.problems
    compiled = entry.compiled
    app = App(Options(save_dir=Path("/tmp/parley-bench-saves"), seed=1))
    results: dict[str, float] = {}
    first = compiled.actors[0]
    seats = {a: "heuristic" for a in compiled.actors} | {first: "human"}
    flow = Flow(app, Session.start(compiled, scenario, entry.sha256, seats, 1), briefed=True)
    flow.advance()
    assert isinstance(app.screen, BoardScreen), app.screen.name
    for key, viewer in (("board_seat", first), ("board_public", None)):
        app.go(BoardScreen(app, flow, viewer))
        app.step([])
        times = []
        for _ in range(frames):
            started = time.perf_counter()
            app.step([])
            times.append(time.perf_counter() - started)
        results[f"{key}_median_ms"] = statistics.median(times) * 1000
        results[f"{key}_p95_ms"] = sorted(times)[int(0.95 * len(times))] * 1000
    # A bots-only game through the real screens: "Play the turn", summary, "Continue" ...
    seats = dict.fromkeys(compiled.actors, "heuristic")
    flow = Flow(app, Session.start(compiled, scenario, entry.sha256, seats, 1), briefed=True)
    flow.next()
    bot_turns = []
    while flow.session.game.is_over() is False or app.screen.name != "debrief":
        app.step([])
        if app.screen.name == "board":
            started = time.perf_counter()
            app.screen.auto()  # the bots decide, the engine resolves, the summary is built
            app.step([])
            bot_turns.append(time.perf_counter() - started)
        elif app.screen.name == "summary":
            app.screen.auto()
        else:
            break
    results["bot_turns"] = len(bot_turns)
    results["bot_turn_median_s"] = statistics.median(bot_turns)
    results["bot_turn_max_s"] = max(bot_turns)
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    app.close()
    return results


def child(mode: str, scenario: str) -> dict[str, float]:
    """Run one measurement in a fresh Python process."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", mode, scenario], capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result[f"{mode}_process_wall_s"] = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SCENARIO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, scenario = args.child
        result = first_frame(scenario) if mode == "first" else frames_and_bots(scenario)
        print(json.dumps(result))
        return 0
    from game.paths import shipped_scenarios

    scenarios = args.scenarios or [str(p) for p in shipped_scenarios()]
    for scenario in scenarios:
        figures = child("first", scenario) | child("game", scenario)
        print(f"== {Path(scenario).name}")
        print(f"  start to first drawn frame: {figures['first_frame_s']:.3f} s in-process "
              f"({figures['first_process_wall_s']:.3f} s with interpreter start)          target <= 1.0 s")
        print(f"  main board frame, seat view: median {figures['board_seat_median_ms']:.2f} ms "
              f"(p95 {figures['board_seat_p95_ms']:.2f} ms)      target <= 5 ms")
        print(f"  main board frame, spectators: median {figures['board_public_median_ms']:.2f} ms "
              f"(p95 {figures['board_public_p95_ms']:.2f} ms)")
        print(f"  bot turn in the interface: median {figures['bot_turn_median_s']:.3f} s, "
              f"max {figures['bot_turn_max_s']:.3f} s over {int(figures['bot_turns'])} turns     target <= 0.3 s")
        print(f"  peak memory (max RSS, whole bots-only game): {figures['peak_rss_mb']:.0f} MB      target <= 200 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
