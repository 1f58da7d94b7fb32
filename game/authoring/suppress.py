"""Warnings marked as intended: ``# parley: ignore[code]`` on the line a warning points at.

An author who knows that a move is never chosen on purpose writes, on the line the warning
points at (usually the ``id:`` line)::

    - id: ultimatum   # parley: ignore[move-never-chosen]

Several codes are separated by commas; ``# parley: ignore`` alone marks every warning of that
line. A marked warning is still reported, as *suppressed*, so nothing is hidden; it no longer
counts against the scenario (an error marked so does not make ``parley analyze`` exit 1).
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"#\s*parley:\s*ignore(?:\[([A-Za-z0-9_,\s-]*)\])?")
ALL = "*"
"""Stands for every code (a bare ``# parley: ignore``)."""


def ignored_codes(line: str) -> frozenset[str]:
    """The codes a source line marks as intended (``{"*"}`` for all, empty for none)."""
    match = _COMMENT.search(line)
    if match is None:
        return frozenset()
    if match.group(1) is None:
        return frozenset({ALL})
    return frozenset(code.strip() for code in match.group(1).split(",") if code.strip())


def is_suppressed(lines: list[str], line: int, code: str) -> bool:
    """Whether the 1-based ``line`` of ``lines`` marks ``code`` as intended."""
    if not 0 < line <= len(lines):
        return False
    codes = ignored_codes(lines[line - 1])
    return ALL in codes or code in codes
