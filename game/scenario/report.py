"""Diagnostics for people and for tools: the source line with a caret, a hint, or JSON.

The first line of each rendered diagnostic is exactly :meth:`Diagnostic.format`
(``FILE:LINE:COL: SEVERITY: MESSAGE``), which editors and terminals turn into
links; the excerpt and the hint follow it, indented::

    scenarios/x.yaml:28:17: error: 'len' cannot be called: allowed functions are ...
       28 |     condition: "len(russia.munitions) > 3"
          |                 ^
          = hint: ...
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.files import FileProblem, read_limited
from game.scenario.diagnostics import Diagnostic
from game.scenario.yaml_safe import MAX_BYTES

MAX_SHOWN = 150
"""Characters of a long source line shown around the column."""


def render(diagnostic: Diagnostic, lines: Sequence[str] | None) -> list[str]:
    """The diagnostic's line, then its source line with a caret (when ``lines`` has it), then its hint."""
    out = [diagnostic.format()]
    if lines is not None and 1 <= diagnostic.line <= len(lines):
        number = str(diagnostic.line)
        gutter = " " * (len(number) + 3)
        shown, caret = _excerpt(lines[diagnostic.line - 1], diagnostic.column)
        out.append(f"   {number} | {shown}")
        out.append(f"{gutter} | {caret}^")
    if diagnostic.hint:
        out.append(f"{' ' * (len(str(diagnostic.line)) + 3)} = hint: {_printable(diagnostic.hint)}")
    return out


def to_json(diagnostic: Diagnostic) -> dict[str, Any]:
    """Plain data for ``--format json``."""
    return {
        "file": diagnostic.file,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "code": diagnostic.code,
        "suppressed": diagnostic.suppressed,
    }


def source_lines(path: str | Path) -> list[str] | None:
    """The lines of a file for excerpts (None when it cannot be read, or is larger than a scenario may be)."""
    try:
        data = read_limited(path, MAX_BYTES)
    except FileProblem:
        return None
    return data.decode("utf-8-sig", errors="replace").splitlines()


def _excerpt(line: str, column: int) -> tuple[str, str]:
    """The (possibly shortened) line made printable, and the blank run that puts a caret under ``column``."""
    index = max(0, min(column - 1, len(line)))
    start = 0
    if len(line) > MAX_SHOWN:
        start = max(0, min(index - MAX_SHOWN // 2, len(line) - MAX_SHOWN))
    before = _printable(line[start:index])
    after = _printable(line[index : start + MAX_SHOWN])
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + MAX_SHOWN < len(line) else ""
    shown = prefix + before + after + suffix
    caret = "".join(_blank(c) for c in prefix + before)
    return shown, caret


def _blank(char: str) -> str:
    """Whitespace as wide as ``char`` on a terminal (tabs are kept so the caret lines up)."""
    if char == "\t":
        return "\t"
    return "  " if unicodedata.east_asian_width(char) in ("W", "F") else " "


def _printable(text: str) -> str:
    """``text`` with control characters escaped, so a hostile file cannot drive the terminal."""
    return "".join(c if c.isprintable() or c == "\t" else c.encode("unicode_escape").decode("ascii") for c in text)
