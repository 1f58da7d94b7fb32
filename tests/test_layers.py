"""No package imports one that stands above it (checked on every import statement, by parsing the source).

From the bottom: the scenario format (``game.scenario``, and the file helpers it reads with), the
engine (its driver and replay included), the bots, the headless runner, then the applications (batch
runs, authoring tools, reports, the interface, the network host, the language server) and on top
the command line. The one allowed step up: the format's loader and checks use the engine's
expression compiler (``game.engine.expressions``), which itself stands on the format's models.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LAYERS: list[tuple[str, ...]] = [
    ("game", "game.scenario", "game.files", "game.paths"),
    ("game.engine",),
    ("game.players",),
    ("game.runner",),
    ("game.batch", "game.authoring", "game.narrate", "game.classroom", "game.logfile", "game.ui", "game.net",
     "game.lsp", "game.teaching"),
    ("game.cli", "game.__main__"),
]
ALLOWED_UP = {("game.scenario", "game.engine.expressions")}
"""(importing package, imported module) pairs allowed to reach one layer up."""


def rank(module: str) -> tuple[int, str]:
    """The layer of a module and the package that puts it there (the longest matching prefix)."""
    best = (-1, "")
    for level, packages in enumerate(LAYERS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and len(package) > len(best[1]):
                best = (level, package)
    assert best[0] >= 0, f"{module} is in no layer: add its package to LAYERS"
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``game...`` import in the file, wherever it is (functions included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "game"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("game"):
            found.append((node.lineno, node.module))
    return found


def upward_imports() -> list[str]:
    bad = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        name = module_name(path)
        level, package = rank(name)
        for line, imported in imports(path):
            if imported == "game":
                continue
            their_level, _ = rank(imported)
            if their_level > level and (package, imported) not in ALLOWED_UP:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {name} imports {imported}, which stands above it")
    return bad


def test_no_package_imports_one_above_it() -> None:
    bad = upward_imports()
    assert not bad, "\n".join(bad)


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text("from game.ui.app import App\n\ndef f():\n    import game.cli.main\n", encoding="utf-8")
    assert [m for _, m in imports(source)] == ["game.ui.app", "game.cli.main"]
    assert rank("game.engine.game")[0] < rank("game.ui.app")[0] < rank("game.cli.main")[0]
