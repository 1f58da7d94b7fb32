"""The room journal: one JSON object a line, appended and fsynced before a decision is answered.

The first line says which scenario and seed the room plays; then come seat records (a claim
code and the SHA-256 of the seat's token, never the token itself), who plays each seat (a
person or a bot kind), every accepted decision with its id, the teacher's actions on the game (an
event brought in, a number or a track set, the game ended: the decision-log entry of
:mod:`game.engine.facilitator`) and each undo (the turn it went back to). A room that crashed or was
stopped resumes from it: the same game, every seat's token still valid. A last line cut short
by a crash is ignored; anything else that does not fit is a one-line :class:`JournalError`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FORMAT = "parley-room"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024
"""A journal larger than this is refused rather than read."""


class JournalError(ValueError):
    """A journal file that cannot be resumed; the message names the file and line."""


class Journal:
    """An open journal file, appended to line by line."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> Journal:
        """Start a new journal (refuses to overwrite an existing file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        except FileExistsError:
            raise JournalError(f"{path}: a journal already exists there (resume it with --resume)") from None
        journal = cls(path, fd)
        journal.append({"format": FORMAT, "version": VERSION, **header})
        return journal

    @classmethod
    def reopen(cls, path: Path) -> tuple[Journal, dict[str, Any], list[dict[str, Any]]]:
        """Open an existing journal to resume: (journal, header, records after the header)."""
        header, records, good_bytes = read(path)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        os.truncate(path, good_bytes)  # drop a last line cut short by a crash
        return cls(path, fd), header, records

    def append(self, record: dict[str, Any]) -> None:
        """Write one record and flush it to the disk before returning."""
        line = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        os.fsync(self._fd)

    def close(self) -> None:
        """Close the file."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """(header, records, bytes of whole lines) of a journal file; JournalError says what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise JournalError(f"{path}: too large for a room journal (over {MAX_BYTES // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(f"{path}: no such journal") from None
    except IsADirectoryError:
        raise JournalError(f"{path}: is a folder, not a room journal") from None
    except OSError as exc:
        raise JournalError(f"{path}: cannot read: {exc.strerror}") from None
    lines = data.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    good = len(data) - len(tail)
    records: list[dict[str, Any]] = []
    for number, raw in enumerate(complete, start=1):
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            if number == len(complete) and not tail:
                good -= len(raw) + 1  # the last line, cut short and then followed by a newline
                break
            raise JournalError(f"{path}:{number}: not a room journal line") from None
        if not isinstance(record, dict):
            raise JournalError(f"{path}:{number}: not a room journal line")
        records.append(record)
    if not records or records[0].get("format") != FORMAT:
        raise JournalError(f"{path}:1: not a Parley room journal")
    if records[0].get("version") != VERSION:
        raise JournalError(f"{path}:1: journal version {records[0].get('version')!r}; this Parley reads {VERSION}")
    return records[0], records[1:], good
