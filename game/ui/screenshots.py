"""The documentation's screenshots, taken from a real X11 window: what an X server's screen shows.

Run ``python -m game.ui.screenshots [--out docs/screenshots] [--review DIR]``. It starts a virtual X
server (Xvfb), runs :mod:`game.ui.tour` in a real window on it, and copies the X server's captures
of the board, a turn summary, the debrief and its charts (1280x720, 100 %) into ``--out``. With
``--review DIR`` it also captures every screen at each supported window size and text size
(1280x720 at 100, 125 and 150 %; 1920x1080 full screen at 100 and 150 % and with the projector
setting) for a person to look at.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from game.ui.xvfb import VirtualScreen, XvfbError

DOCS = {"board": "board.png", "summary": "turn-summary.png", "debrief-results": "debrief.png",
        "debrief-charts": "debrief-charts.png"}  # fmt: skip
"""Tour screen -> file name in the documentation."""
REVIEW = (("1280x720", 100), ("1280x720", 125), ("1280x720", 150), ("fullscreen", 100), ("fullscreen", 150),
          ("fullscreen", 0))
"""(window size, text size in %) captured by ``--review``; 0 is the projector setting."""


def run_tour(out: Path, size: str, scale: int) -> None:
    """The tour on a fresh 1920x1080 virtual screen, windowed at ``size`` or full screen."""
    with VirtualScreen((1920, 1080)) as screen:
        where = ["--fullscreen"] if size == "fullscreen" else ["--size", size]
        command = [sys.executable, "-m", "game.ui.tour", "--out", str(out), "--framebuffer", str(screen.framebuffer),
                   *(["--projector"] if scale == 0 else ["--scale", str(scale)]), *where]  # fmt: skip
        done = subprocess.run(command, env=screen.env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"screenshots: the tour failed ({size}, {scale} %): {done.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="folder of the docs' screenshots")
    parser.add_argument("--review", type=Path, help="also capture every screen at every size and text size here")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="parley-shots-") as folder:
            run_tour(Path(folder), "1280x720", 100)
            args.out.mkdir(parents=True, exist_ok=True)
            for screen, name in DOCS.items():
                shutil.copyfile(Path(folder) / f"{screen}.x11.png", args.out / name)
            print(f"screenshots: {len(DOCS)} captures of a real X11 window in {args.out}")
        if args.review is not None:
            for size, scale in REVIEW:
                folder = args.review / f"{size}-{scale or 'projector'}"
                run_tour(folder, size, scale)
                for app_png in folder.glob("*.app.png"):
                    app_png.unlink()
                print(f"screenshots: {size} at {f'{scale} %' if scale else 'the projector setting'} in {folder}")
    except XvfbError as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
