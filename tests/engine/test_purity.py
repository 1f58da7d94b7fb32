"""The engine is headless: it imports with pygame and YAML blocked, and touches no files."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

BLOCKED = "import sys; [sys.modules.__setitem__(m, None) for m in ('pygame', 'pygame_gui', 'yaml')]; "


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_engine_imports_with_pygame_and_yaml_blocked() -> None:
    # game.engine imports its names when first used: `import *` takes every one of them (and so every module)
    result = run_python(BLOCKED + "from game.engine import *; import game.players, game.runner; print('ok')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocking_really_blocks() -> None:
    """The check above would catch an engine that imported pygame."""
    result = run_python(BLOCKED + "import pygame")
    assert result.returncode != 0
    assert "ModuleNotFoundError" in result.stderr or "ImportError" in result.stderr


def test_engine_modules_do_not_mention_forbidden_imports() -> None:
    for path in (ROOT / "game" / "engine").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("import pygame", "import yaml", "open(", "Path(", "import os"):
            assert word not in text, f"{path.name} contains {word!r}"
