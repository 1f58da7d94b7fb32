"""`python -m game` is the same as the `parley` command."""

from game.cli.main import entry_point

entry_point()
