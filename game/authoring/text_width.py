"""Text widths of the board's fonts without pygame: glyph metrics measured once, shipped as a table.

The board-fit lint (:mod:`game.authoring.board_fit`) lays labels out as the board does, which needs the
width pygame gives each label in Noto Sans (as pygame_gui ships it) at a few sizes. Loading pygame and
its fonts costs about a tenth of a second, a third of ``parley validate``; so the metrics of every
glyph in :data:`ALPHABET` (and of the font's ligatures ``ff``, ``fi``, ``fl``, ``ffi``, ``ffl``) at each
size in :data:`FONTS` are measured with pygame once, by ``python benchmarks/make_glyph_widths.py``, into
:mod:`game.authoring.glyph_widths`. :class:`TableFont` computes a width from them as SDL_ttf does (each
glyph's box from the pen position, the pen moved by the glyph's advance; the width spans every box and
the pen's end).

A text with a character outside the table, a font size not in it, or a font file other than the one
the table was measured from (another pygame_gui) is measured with pygame itself, so a width is never
a guess. tests/ui/test_text_width.py measures the table again with pygame and compares widths of many
texts, so the numbers cannot drift from pygame's.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ALPHABET = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA0, 0x180) if c != 0xAD)
    + "‐‑–—‘’‚“”„†‡•…‰′″‹›€™−"
)
"""The characters measured: ASCII, Latin-1 and Latin Extended-A (no soft hyphen, which shaping hides), and
the common punctuation (dashes, quotes, the ellipsis the board cuts with)."""

LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
"""Noto Sans's standard ligatures, longest first: shaping draws each as one glyph (the longest that starts
at a position wins)."""

FONTS = ((12, False), (13, False), (15, False), (17, False), (15, True), (16, True), (17, True))
"""(pixel size, bold) of every font the board-fit lint measures with."""

Metrics = tuple[int, int, int]
"""A glyph's (left edge, right edge, advance) in pixels from the pen position (pygame's ``Font.metrics``)."""


def font_file(bold: bool) -> Path:
    """Noto Sans as shipped with pygame_gui (found without importing pygame_gui)."""
    spec = importlib.util.find_spec("pygame_gui")
    assert spec is not None and spec.submodule_search_locations, "pygame_gui is a dependency of Parley"
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")


def pygame_font(size: int, bold: bool) -> Any:
    """The real font, as the board loads it (pygame's font module is started if it is not)."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(str(font_file(bold)), size)


class TableFont:
    """A font of the table: ``size(text)`` as pygame measures it, without pygame for the tabled characters.

    ``size(text)[1]`` is the font's height (pygame's may be taller for a glyph that reaches below or above
    the font's box; the board-fit lint reads widths only)."""

    def __init__(self, size: int, bold: bool, height: int, linesize: int, glyphs: dict[str, Metrics]) -> None:
        self.point = (size, bold)
        self.height = height
        self.linesize = linesize
        self.glyphs = glyphs
        self._fallback: Any = None

    def get_height(self) -> int:
        """The font's height in pixels (pygame's ``Font.get_height``)."""
        return self.height

    def get_linesize(self) -> int:
        """The distance between lines in pixels (pygame's ``Font.get_linesize``)."""
        return self.linesize

    def size(self, text: str) -> tuple[int, int]:
        """(width, height) of ``text``: from the table when every character is in it, else from pygame."""
        width = text_width(text, self.glyphs)
        if width is None:
            if self._fallback is None:
                self._fallback = pygame_font(*self.point)
            return tuple(self._fallback.size(text))  # type: ignore[return-value]
        return width, self.height


def text_width(text: str, glyphs: dict[str, Metrics]) -> int | None:
    """The width SDL_ttf gives ``text`` with these glyph metrics; None if a character has none."""
    pen = low = high = 0
    i, end = 0, len(text)
    while i < end:
        metrics = None
        if text[i] == "f":
            for ligature in LIGATURES:
                if text.startswith(ligature, i):
                    metrics = glyphs[ligature]
                    i += len(ligature)
                    break
        if metrics is None:
            metrics = glyphs.get(text[i])
            if metrics is None:
                return None
            i += 1
        left, right, advance = metrics
        low = min(low, pen + left)
        high = max(high, pen + right, pen + advance)
        pen += advance
    return high - low


def measure(size: int, bold: bool, alphabet: Iterable[str] = ALPHABET) -> tuple[int, int, dict[str, Metrics]]:
    """(height, line size, metrics of each character and ligature) of a font, measured with pygame.

    A character's metrics are pygame's; a ligature's (one glyph, which ``Font.metrics`` cannot give) are the
    ones that give pygame's width to the ligature alone and beside every character of the alphabet."""
    font = pygame_font(size, bold)
    chars = list(alphabet)
    glyphs: dict[str, Metrics] = {}
    for char, found in zip(chars, font.metrics("".join(chars)), strict=True):
        assert found is not None, f"Noto Sans has no glyph for {char!r}"
        left, right, _bottom, _top, advance = found
        glyphs[char] = (left, right, advance)
    for ligature in reversed(LIGATURES):  # the two-letter ones first: a three-letter one's texts hold them
        glyphs[ligature] = _solve(font, ligature, glyphs, chars)
    return font.get_height(), font.get_linesize(), glyphs


def _solve(font: Any, ligature: str, glyphs: dict[str, Metrics], chars: list[str]) -> Metrics:
    """The (left, right, advance) of a ligature's glyph that reproduces pygame's widths around it: searched
    near the metrics of its letters drawn one after the other."""
    samples = [ligature] + [c + ligature for c in chars if c != "f"] + [ligature + c for c in chars if c not in "fil"]
    wanted = [font.size(text)[0] for text in samples]
    parts = [glyphs[c] for c in ligature]
    pen = sum(advance for _, _, advance in parts[:-1])
    guess = (parts[0][0], pen + parts[-1][1], pen + parts[-1][2])
    found: list[Metrics] = []
    for left in range(guess[0] - 3, guess[0] + 4):
        for right in range(guess[1] - 4, guess[1] + 5):
            for advance in range(guess[2] - 4, guess[2] + 5):
                glyphs[ligature] = (left, right, advance)
                if all(text_width(t, glyphs) == w for t, w in zip(samples, wanted, strict=True)):
                    found.append((left, right, advance))
    del glyphs[ligature]
    assert found, f"no glyph metrics reproduce pygame's widths around {ligature!r}"
    return found[0]


_FONTS: dict[tuple[int, bool], Any] = {}


def font(size: int, bold: bool) -> Any:
    """The board's font of ``size`` for measuring text: a :class:`TableFont` when the table has it and was
    measured from the installed font files, else pygame's own font."""
    found = _FONTS.get((size, bold))
    if found is None:
        found = _FONTS[size, bold] = _table_font(size, bold) or pygame_font(size, bold)
    return found


def _table_font(size: int, bold: bool) -> TableFont | None:
    from game.authoring.glyph_widths import ALPHABET as MEASURED
    from game.authoring.glyph_widths import FILE_SIZES, TABLE

    entry = TABLE.get((size, bold))
    if entry is None or font_file(bold).stat().st_size != FILE_SIZES[bold]:
        return None
    height, linesize, row, ligatures = entry
    numbers = [int(n) for n in row.split()]
    glyphs = {char: (numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2]) for i, char in enumerate(MEASURED)}
    return TableFont(size, bold, height, linesize, {**glyphs, **ligatures})


def table_source() -> str:
    """The text of :mod:`game.authoring.glyph_widths`, measured now with pygame."""
    lines = [
        '"""Glyph metrics of Noto Sans at the board-fit lint\'s sizes, measured with pygame (see',
        ":mod:`game.authoring.text_width`). Generated by ``python benchmarks/make_glyph_widths.py``: do not edit.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "ALPHABET = (",
        *(f"    {ALPHABET[i:i + 50]!r}" for i in range(0, len(ALPHABET), 50)),
        ")",
        f"FILE_SIZES = {{False: {font_file(False).stat().st_size}, True: {font_file(True).stat().st_size}}}",
        '"""Sizes in bytes of the font files measured (regular, bold): another file is measured with pygame."""',
        "",
        "TABLE: dict[tuple[int, bool], tuple[int, int, str, dict[str, tuple[int, int, int]]]] = {",
    ]
    for size, bold in FONTS:
        height, linesize, glyphs = measure(size, bold)
        numbers = [str(n) for char in ALPHABET for n in glyphs[char]]
        ligatures = ", ".join(f"{name!r}: {glyphs[name]!r}" for name in LIGATURES)
        lines.append(f"    ({size}, {bold}): ({height}, {linesize}, (")
        row = ""
        for number in numbers:
            if len(row) + len(number) + 12 > 120:
                lines.append(f'        "{row}"')
                row = ""
            row += f"{number} "
        lines.append(f'        "{row}"')
        lines.append(f"    ), {{{ligatures}}}),")
    lines.append("}")
    lines.append('"""(pixel size, bold) -> (height, line size, (left, right, advance) of each ALPHABET character,')
    lines.append("in a row of numbers, metrics of each ligature). The numbers are text: a string compiles at once,")
    lines.append('a long tuple of numbers does not (which matters when no .pyc is written)."""')
    return "\n".join(lines) + "\n"


def drop_dead_fonts() -> None:
    """Forget the pygame fonts loaded so far if pygame was shut down since (a dead font raises on use)."""
    loaded = [f for f in _FONTS.values() if not isinstance(f, TableFont)]
    loaded += [f._fallback for f in _FONTS.values() if isinstance(f, TableFont) and f._fallback is not None]
    if not loaded:
        return
    import pygame

    try:
        if not pygame.font.get_init():
            raise pygame.error("font module shut down")
        loaded[0].size("a")
    except pygame.error:
        for key, value in list(_FONTS.items()):
            if isinstance(value, TableFont):
                value._fallback = None
            else:
                del _FONTS[key]
