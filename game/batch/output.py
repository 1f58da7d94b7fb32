"""The files a batch writes: ``games.csv`` (a row per game, streamed) and ``summary.json``."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from game.batch.summary import GameRow

WINNER_SEPARATOR = "+"
"""Between the winners of a tied game in ``games.csv``."""


def csv_header(actors: Sequence[str]) -> list[str]:
    """The columns of ``games.csv``."""
    return ["game", "seed", "winners", *(f"score_{a}" for a in actors), "ending", "turns"]


class GamesCsv:
    """Writes one row per game as summaries arrive (nothing is kept in memory)."""

    def __init__(self, stream: IO[str], actors: Sequence[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(csv_header(actors))

    def write(self, row: GameRow) -> None:
        """Append the row of one game."""
        self._writer.writerow(
            [row.game, row.seed, WINNER_SEPARATOR.join(row.winners), *row.scores,
             row.ending, row.turns]
        )  # fmt: skip


def summary_text(summary: dict[str, Any]) -> str:
    """``summary.json`` text: indented, in a stable order, ending with a newline."""
    return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """Write ``summary.json``."""
    path.write_text(summary_text(summary), encoding="utf-8")
