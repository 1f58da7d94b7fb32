"""Live reload: notice when a scenario file is saved, load it again, and replay the game so far onto it.

Pure Python and free of pygame, so it is tested on its own; the interface calls
:meth:`LiveScenario.poll` about once a second (``parley play SCENARIO --watch``).

- :class:`FileWatcher` polls the file's modification time and size, and confirms a
  change by the SHA-256 of its bytes (a save that changes nothing is no change).
- :func:`reload` loads and compiles the file with the project's loader (with the names and the
  lesson variant the game is played with), then replays
  the decisions made so far with :func:`game.runner.replay_decisions`. If the edit
  makes a recorded decision impossible (a move removed, a cost raised), the game
  keeps every decision before it and continues from there; the result says how many
  were dropped and why.
- An edit that does not load gives a :class:`Rejected` with the loader's diagnostics,
  and the caller keeps the last good version running.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.classroom.names import apply_names
from game.engine import CompiledScenario, ScenarioInvalid, compile_scenario
from game.files import FileProblem, sha256_limited
from game.runner import Divergence, PlayedGame, replay_decisions
from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import load_scenario_file
from game.scenario.models import Scenario
from game.scenario.variants import VariantError, apply_variant

POLL_SECONDS = 1.0
"""How often the interface looks at the file."""


class FileWatcher:
    """Polls one file; :meth:`changed` is True once for each saved change of its content."""

    def __init__(self, path: Path, interval: float = POLL_SECONDS) -> None:
        self.path = path
        self.interval = interval
        self._elapsed = 0.0
        self._stat = self._stat_now()
        self._digest = self._digest_now()

    def due(self, dt: float) -> bool:
        """Count ``dt`` seconds; True (and start counting again) once ``interval`` has passed."""
        self._elapsed += dt
        if self._elapsed < self.interval:
            return False
        self._elapsed = 0.0
        return True

    def changed(self) -> bool:
        """True when the file's content differs from the last time it was seen (a missing file is no change)."""
        stat = self._stat_now()
        if stat is None or stat == self._stat:
            return False
        self._stat = stat
        digest = self._digest_now()
        if digest is None or digest == self._digest:
            return False
        self._digest = digest
        return True

    def _stat_now(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _digest_now(self) -> str | None:
        try:
            return sha256_limited(self.path)
        except (OSError, FileProblem):
            return None


@dataclass(frozen=True)
class Reloaded:
    """The file loaded; with a game in progress, the game replayed onto it."""

    compiled: CompiledScenario
    """The file as the game plays it (with its names and lesson variant)."""
    sha256: str
    played: PlayedGame | None
    """The replayed game (None when there was no game to replay)."""
    replayed: int = 0
    """Decisions replayed."""
    dropped: int = 0
    """Decisions at the end that no longer fit the edited scenario."""
    reason: str = ""
    """Why the first dropped decision no longer fits."""
    scenario: Scenario | None = None
    """The file as written (real names, every variant declared), for a setup screen to offer its choices."""

    def summary(self, name: str) -> str:
        """One line for a notice: what was reloaded and replayed."""
        text = f"{name} reloaded"
        if self.played is not None:
            text += f": {self.replayed} decision{'s' if self.replayed != 1 else ''} replayed"
        if self.dropped:
            text += f", {self.dropped} dropped ({self.reason})"
        return text


@dataclass(frozen=True)
class Rejected:
    """The edited file does not load; the last good version stays in use."""

    diagnostics: tuple[Diagnostic, ...]

    def lines(self) -> list[str]:
        """The diagnostics as ``parley validate`` prints their first lines."""
        return [d.format() for d in self.diagnostics]


def reload(
    path: Path, seed: int | None = None, decisions: Sequence[dict[str, Any]] = (), names: str = "real",
    variant: str | None = None,
) -> Reloaded | Rejected:
    """Load ``path`` again with ``names`` (real or fictional) as lesson ``variant`` (None: as written); with a
    ``seed``, replay ``decisions`` (as many as still fit) onto it. An edit that drops the fictional names or the
    variant being played is rejected like one that does not load: the game goes on as it was."""
    where = path.as_posix()
    try:
        written, digest = load_scenario_file(path)
        compiled = compile_scenario(apply_variant(apply_names(written, names), variant))
    except ScenarioError as exc:
        return Rejected(tuple(exc.diagnostics) or (Diagnostic(where, 1, 1, "error", str(exc)),))
    except VariantError:
        declared = ", ".join(v.id for v in written.variants) or "none"
        message = f"this game is lesson variant {variant!r}, which the file no longer declares (declared: {declared})"
        return Rejected((Diagnostic(where, 1, 1, "error", message),))
    except (ScenarioInvalid, ValueError) as exc:
        return Rejected((Diagnostic(where, 1, 1, "error", str(exc)),))
    except OSError as exc:
        return Rejected((Diagnostic(where, 1, 1, "error", f"cannot read the file: {exc.strerror}"),))
    if seed is None:
        return Reloaded(compiled, digest, None, scenario=written)
    played, fitted, reason = replay_prefix(compiled, seed, list(decisions))
    return Reloaded(compiled, digest, played, fitted, len(decisions) - fitted, reason, written)


def replay_prefix(
    compiled: CompiledScenario, seed: int, decisions: list[dict[str, Any]]
) -> tuple[PlayedGame, int, str]:
    """The game replayed with the longest prefix of ``decisions`` that fits: (game, how many, why not all)."""
    try:
        return replay_decisions(compiled, seed, decisions, allow_unfinished=True), len(decisions), ""
    except Divergence as exc:
        reason = str(exc)
    fits, misfits = 0, len(decisions)  # a prefix of `fits` decisions replays; one of `misfits` does not
    while misfits - fits > 1:
        middle = (fits + misfits) // 2
        try:
            replay_decisions(compiled, seed, decisions[:middle], allow_unfinished=True)
            fits = middle
        except Divergence:
            misfits = middle
    return replay_decisions(compiled, seed, decisions[:fits], allow_unfinished=True), fits, reason


class LiveScenario:
    """A watched scenario file: :meth:`poll` gives a reload result when the file was saved, else None."""

    def __init__(self, path: Path, interval: float = POLL_SECONDS) -> None:
        self.path = path
        self.watcher = FileWatcher(path, interval)

    def poll(
        self, dt: float, seed: int | None = None, decisions: Sequence[dict[str, Any]] = (), names: str = "real",
        variant: str | None = None,
    ) -> Reloaded | Rejected | None:
        """Count ``dt`` seconds; when a check is due and the file changed, reload it with ``names`` as ``variant``
        (and replay the game)."""
        if not self.watcher.due(dt) or not self.watcher.changed():
            return None
        return reload(self.path, seed, decisions, names, variant)
