"""`parley --help` starts fast: it lists every command without importing any of them."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from game.cli.main import COMMANDS, build_parser, chosen_command
from tests.conftest import ROOT

HEAVY = ("pydantic", "yaml", "transitions", "pygame", "game.engine", "game.scenario", "rich", "matplotlib")


def test_help_imports_no_command_and_no_heavy_library() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from game.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('game.cli.') or '.' not in m)))\n"
        "print(out.getvalue())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    loaded, _, shown = result.stdout.partition("\n")
    modules = set(loaded.split())
    assert not modules & {f"game.cli.{name}" for name in COMMANDS}, "a command module was imported for --help"
    assert not modules & {h for h in HEAVY if "." not in h}, "a heavy library was imported for --help"
    for name in COMMANDS:
        assert name in shown, f"{name} missing from --help"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_module_has_the_listed_help(name: str) -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    importlib.import_module(f"game.cli.{name}").add_parser(commands)
    (action,) = commands._choices_actions
    assert action.help == COMMANDS[name], f"update COMMANDS[{name!r}] in game/cli/main.py"


def test_only_the_chosen_command_is_built_in_full() -> None:
    assert chosen_command(["--version"]) is None
    assert chosen_command(["run", "x.yaml"]) == "run"
    assert chosen_command(["nosuch"]) is None
    args = build_parser("run").parse_args(["run", "scenarios/tutorial.yaml", "--seed", "3"])
    assert args.seed == 3 and callable(args.handler)


def test_validate_imports_neither_pygame_nor_a_command_it_does_not_run() -> None:
    """``parley validate`` lints label widths from the glyph table (game.authoring.text_width), without pygame."""
    code = (
        "import sys, contextlib, io\n"
        "from game.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(['validate', *sys.argv[1:]])\n"
        "shown = ('game.cli.', 'game.engine.')\n"
        "print(code, ' '.join(sorted(m for m in sys.modules if m.startswith(shown) or '.' not in m)))\n"
        "print(out.getvalue())\n"
    )
    files = [str(path) for path in sorted((ROOT / "scenarios").glob("*.yaml"))]
    files.append(str(ROOT / "tests" / "scenarios" / "lint" / "long_labels.yaml"))
    result = subprocess.run([sys.executable, "-c", code, *files], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    status, _, loaded = result.stdout.partition("\n")[0].partition(" ")
    assert status == "0", result.stdout + result.stderr
    assert "label-too-long" in result.stdout, "the long labels were measured"
    modules = set(loaded.split())
    assert not modules & {"pygame", "pygame_gui", "rich", "matplotlib"}
    assert not modules & {"game.engine.game", "game.engine.view"}, "validate compiles a scenario, never plays it"
    assert not modules & {f"game.cli.{name}" for name in COMMANDS if name != "validate"}
