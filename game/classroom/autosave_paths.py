"""Where the autosave lives, with nothing heavy imported (the title screen asks before the engine loads)."""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "autosave.json"


def autosave_dir(save_dir: Path) -> Path:
    """The autosave folder beside the saved games' folder."""
    return save_dir.parent / "autosave"


def autosave_file(folder: Path) -> Path:
    """The current autosave in ``folder``."""
    return folder / FILE_NAME


def has_autosave(folder: Path) -> bool:
    """True when there is an autosave (or a previous one) to resume."""
    path = autosave_file(folder)
    return path.is_file() or path.with_name(path.name + ".bak").is_file()
