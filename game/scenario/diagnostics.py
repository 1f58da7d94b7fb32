"""Problems found in a scenario file, each pointing at a line and column.

A :class:`Diagnostic` formats as one line that editors and terminals
understand (``FILE:LINE:COL: error: message``); suggestions such as
"did you mean 'russia'?" are part of the message itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

DataPath = tuple[str | int, ...]
"""A location in the loaded data: keys and list indexes from the top, e.g. ``("moves", 3, "condition")``."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem in a scenario file."""

    file: str
    """The file name as given by the caller (or ``<string>``)."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    severity: Severity
    """``error`` stops loading; ``warning`` does not."""
    message: str
    """What is wrong, in one line, with the suggested fix."""
    hint: str | None = None
    """Optional longer advice; not part of :meth:`format`."""
    path: DataPath = ()
    """Where in the data the problem is (empty for file-level problems)."""
    code: str | None = None
    """The lint rule's code (warnings only), e.g. ``unused-variable``."""
    suppressed: bool = False
    """Marked as intended with ``# parley: ignore[CODE]`` on its line: still reported, as suppressed."""

    def format(self) -> str:
        """``FILE:LINE:COL: SEVERITY: MESSAGE`` on one line (``warning (suppressed)``, and ``[CODE]`` for lint)."""
        severity = f"{self.severity} (suppressed)" if self.suppressed else self.severity
        code = f" [{self.code}]" if self.code else ""
        return f"{_printable(self.file)}:{self.line}:{self.column}: {severity}: {_printable(self.message)}{code}"

    def sort_key(self) -> tuple[str, int, int]:
        """Order by file, then position."""
        return (self.file, self.line, self.column)


class ScenarioError(Exception):
    """A scenario file that cannot be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the diagnostics of severity ``error``."""
        return [d for d in self.diagnostics if d.severity == "error"]


def _printable(text: str) -> str:
    """``text`` on one line, with control characters escaped (a hostile file cannot drive the terminal)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
