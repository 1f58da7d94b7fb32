"""Start-up cost of the command line as whole processes: `parley --help` and `parley validate` against `python -c pass`.

Usage::

    python benchmarks/startup_bench.py [--repeat 7] [--installed] [--source] [SCENARIO]

Each command is run ``repeat`` times, interleaved, after one untimed round; the figure is the median
of the child's CPU time (user + system, so a busy shared machine matters less) and of its wall time.
With ``--installed`` the commands run in an empty folder, so ``python -m game`` is the installed package
(e.g. a non-editable ``pip install .`` in a throwaway venv, run with that venv's python), not this checkout.
The children may write ``.pyc`` files (``PYTHONDONTWRITEBYTECODE`` is left out of their environment), as
an installed package has them: with ``PYTHONDONTWRITEBYTECODE=1`` and no ``__pycache__`` a checkout
compiles every module from source at every start, about 90 ms more; ``--source`` times that instead
(the environment as it is, no untimed round).
Targets (issue 10): ``parley --help`` <= 4x ``python -c pass``; ``parley validate`` of one
scenario <= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main(argv: list[str] | None = None) -> int:
    """Time the commands side by side and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "pyongyang_summit.yaml"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--installed", action="store_true", help="time the installed package, not this checkout")
    parser.add_argument("--source", action="store_true", help="as the environment is: maybe no .pyc, no warm-up")
    args = parser.parse_args(argv)
    scenario = str(Path(args.scenario).resolve())
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "parley --help": [sys.executable, "-m", "game", "--help"],
        "parley validate": [sys.executable, "-m", "game", "validate", scenario],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    env = None if args.source else {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as empty:
        cwd = Path(empty) if args.installed else ROOT
        for round_ in range(args.repeat + (0 if args.source else 1)):
            for name, command in commands.items():
                timed = run(command, cwd, env)
                if args.source or round_ > 0:
                    times[name].append(timed)
    if args.installed:
        located = subprocess.run([sys.executable, "-c", "import game; print(game.__file__)"], cwd=tempfile.gettempdir(),
                                 capture_output=True, text=True, check=False)  # fmt: skip
        print(f"package: {located.stdout.strip() or located.stderr.strip()}")
    cpu = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
    wall = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
    for name in commands:
        line = f"{name:<16} CPU {cpu[name] * 1000:7.1f} ms   wall {wall[name] * 1000:7.1f} ms"
        if name == "parley --help":
            ratio = cpu[name] / cpu["python -c pass"]
            line += f"   = {ratio:.1f}x python -c pass by CPU (target <= 4x: {'ok' if ratio <= 4 else 'MISSED'})"
        if name == "parley validate":
            line += f"   (target <= 0.3 s: {'ok' if cpu[name] <= 0.3 else 'MISSED'} by CPU)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
