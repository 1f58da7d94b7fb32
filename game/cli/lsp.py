"""`parley lsp`: the scenario language server, over standard input and output (for editors)."""

from __future__ import annotations

import argparse

from game.cli.errors import UserError


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "lsp",
        help="the language server for editors (stdio): diagnostics, completion, hover, go-to-definition",
        description="Speaks the Language Server Protocol on standard input and output. Point the editor's "
        "YAML language client at `parley lsp` (see docs/authoring.md for VS Code and Neovim settings).",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until the editor says exit."""
    try:
        from game.lsp.server import make_server
    except ModuleNotFoundError as exc:
        if exc.name not in ("pygls", "lsprotocol"):
            raise
        raise UserError("parley lsp needs pygls: pip install 'parley-game[lsp]'") from None
    make_server().start_io()
    return 0
