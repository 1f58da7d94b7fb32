"""`parley new NAME [--actors a,b,c]`: write a commented starter scenario NAME.yaml that validates and plays."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.errors import UserError
from game.scenario.schema import schema_text
from game.scenario.starter import StarterError, named, parse_named_actors, starter_text


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "new",
        help="write a commented starter scenario NAME.yaml to edit",
        description="Writes NAME.yaml (never over an existing file), and schema.json beside it when there is none, "
        "so that editors with the YAML extension complete and check the keys.",
    )
    parser.add_argument(
        "name",
        metavar="NAME",
        help="scenario id (also the file name), e.g. cuban_missiles, or a title such as 'Black Sea Grain Initiative' "
        "(kept as the title; the id is made from it)",
    )
    parser.add_argument(
        "--actors",
        metavar="A,B,...",
        help="2 to 8 actors: ids (north_korea) or names kept as written (UN,Türkiye); default northland,southland",
    )
    parser.add_argument("--dir", metavar="DIR", default=".", help="folder to write into (default: here)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the starter (and the schema if missing); refuse to overwrite."""
    try:
        name, title = named(args.name, "scenario name")
        actors = parse_named_actors(args.actors)
    except StarterError as exc:
        raise UserError(str(exc), exit_code=2) from None
    folder = Path(args.dir)
    if not folder.is_dir():
        raise UserError(f"{args.dir}: no such folder")
    target = folder / f"{name}.yaml"
    schema = folder / "schema.json"
    written = [target]
    try:
        with target.open("x", encoding="utf-8") as stream:
            stream.write(starter_text(name, list(actors), actors, title))
        if not schema.exists():
            schema.write_text(schema_text(), encoding="utf-8")
            written.append(schema)
    except FileExistsError:
        raise UserError(f"{target}: already exists; choose another NAME or move the file away") from None
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {' and '.join(str(p) for p in written)}")
    print(f"next: edit {target}, then `parley validate {target}` and `parley play {target} --watch`")
    return 0
