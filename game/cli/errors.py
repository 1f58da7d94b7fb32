"""The one kind of error the command line reports as a single line and an exit code."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix (missing file, bad option, foreign log): one line, exit code 1 or 2."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
