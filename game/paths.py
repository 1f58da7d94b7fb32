"""Where the shipped scenarios and assets are, installed or in a source checkout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _package_dir(package: str, checkout_folder: str) -> Path:
    """The installed data package's folder, else the folder of the source checkout."""
    local = _CHECKOUT / checkout_folder
    if local.is_dir():
        return local
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return local


def scenarios_dir() -> Path:
    """The folder of the shipped scenarios."""
    return _package_dir("game.scenarios", "scenarios")


def assets_dir() -> Path:
    """The folder of fonts, themes and images."""
    return _package_dir("game.assets", "assets")


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, the article scenario first, then by name."""
    files = sorted(scenarios_dir().glob("*.yaml"))
    files.sort(key=lambda p: (p.stem != "pyongyang_summit", p.stem == "tutorial", p.stem))
    return files
