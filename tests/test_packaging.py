"""The installed package must contain every module, scenario and asset a user needs."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "game").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"
    mapped = config["tool"]["setuptools"]["package-dir"]
    assert mapped == {"game.scenarios": "scenarios", "game.scenarios.tests": "scenarios/tests", "game.assets": "assets"}
    assert {"game.scenarios", "game.assets"} <= listed


def test_console_script_points_at_main() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["scripts"]["parley"] == "game.cli.main:entry_point"
