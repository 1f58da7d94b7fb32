"""Measure the board fonts' glyph metrics with pygame into game/authoring/glyph_widths.py.

Usage::

    python benchmarks/make_glyph_widths.py

Run it again when pygame_gui ships another Noto Sans, pygame-ce another SDL_ttf, or the board-fit lint
another font size (:data:`game.authoring.text_width.FONTS`); tests/ui/test_text_width.py fails until then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.authoring.text_width import table_source  # noqa: E402


def main() -> int:
    """Write the table."""
    target = ROOT / "game" / "authoring" / "glyph_widths.py"
    target.write_text(table_source(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
