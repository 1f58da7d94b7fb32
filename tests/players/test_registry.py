"""One registry of bot kinds: the command line's help, the interface's seats and batch runs all read it."""

from __future__ import annotations

import argparse

import pytest

from game.cli import batch, host, run
from game.players import BOT_KINDS, BOT_SUMMARIES, parse_players
from game.players.random_bot import RandomBot
from game.ui.session import HUMAN, SEAT_KINDS, Session
from tests.conftest import TUTORIAL, compiled


def help_of(module: object, name: str) -> str:
    parser = argparse.ArgumentParser()
    module.add_parser(parser.add_subparsers())  # type: ignore[attr-defined]
    sub = parser._subparsers._group_actions[0].choices[name]  # type: ignore[union-attr]
    return str(sub.format_help())


def test_every_bot_kind_is_offered_everywhere() -> None:
    assert set(BOT_SUMMARIES) == set(BOT_KINDS)
    assert SEAT_KINDS[0] == HUMAN and sorted(SEAT_KINDS[1:]) == sorted(BOT_KINDS)
    for module, name in ((run, "run"), (batch, "batch"), (host, "host")):
        text = " ".join(help_of(module, name).split())
        for kind in BOT_KINDS:
            assert kind in text, f"parley {name} --help does not mention {kind}"
    assert set(parse_players("lookahead", ["a", "b"]).values()) == {"lookahead"}


def test_every_command_lists_the_kinds_from_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind added to the registry shows in every command's help: none lists the kinds by hand."""
    monkeypatch.setitem(BOT_KINDS, "planted", RandomBot)
    for module, name in ((run, "run"), (batch, "batch"), (host, "host")):
        assert "planted" in " ".join(help_of(module, name).split()), f"parley {name} --help lists bot kinds by hand"


def test_the_interface_can_seat_a_lookahead_bot() -> None:
    scenario = compiled(TUTORIAL)
    seats = dict.fromkeys(scenario.actors, "lookahead")
    session = Session.start(scenario, str(TUTORIAL), "0" * 64, seats, seed=3)
    step = session.proceed()
    assert step.kind == "resolved" and step.turn == 1
    assert all(choice.reason for choice in session.bot_choices)
