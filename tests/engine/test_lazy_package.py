"""game.engine imports its public names when first used, and its ``view`` is always the view function."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBES = {
    "submodule first": "from game.engine.view import is_public\nfrom game.engine import view\n",
    "package first": "from game.engine import view\nfrom game.engine.view import is_public\n",
    "attribute": "import game.engine.view\nimport game.engine\nview = game.engine.view\n",
}


@pytest.mark.parametrize("probe", list(PROBES))
def test_view_is_the_function_whichever_is_imported_first(probe: str) -> None:
    code = PROBES[probe] + (
        "import game.engine, inspect\n"
        "from game.engine.view import view as function\n"
        "print(inspect.isfunction(view), view is function, game.engine.view is function)\n"
    )
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_names_are_imported_when_first_used() -> None:
    code = (
        "import sys, game.engine\n"
        "before = sorted(m for m in sys.modules if m.startswith('game.engine.'))\n"
        "from game.engine import Game, compile_scenario, state_hash, __all__\n"
        "missing = [n for n in __all__ if not hasattr(game.engine, n)]\n"
        "print(before, Game.__module__, missing)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] game.engine.game []"


def test_an_unknown_name_is_an_attribute_error() -> None:
    import game.engine

    with pytest.raises(AttributeError, match="no attribute 'nosuch'"):
        game.engine.nosuch  # noqa: B018
