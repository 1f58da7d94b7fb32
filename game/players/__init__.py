"""Players: bots and the registry that builds them from a command-line spec."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from game.players.base import Player
from game.players.heuristic import HeuristicBot
from game.players.lookahead import LookaheadBot
from game.players.random_bot import RandomBot

BOT_KINDS: dict[str, Callable[[random.Random], Player]] = {
    "random": RandomBot,
    "heuristic": HeuristicBot,
    "lookahead": LookaheadBot,
}
"""Bot kind name -> factory taking the bot's own seeded RNG."""


class PlayerSpecError(ValueError):
    """A --players value that names an unknown actor or bot kind."""


def parse_players(spec: str, actors: Sequence[str], default: str = "heuristic") -> dict[str, str]:
    """``"random"`` or ``"russia=heuristic,usa=random"`` -> actor -> bot kind (others get ``default``)."""
    kinds = dict.fromkeys(actors, default)
    spec = spec.strip()
    if not spec:
        return kinds
    if "=" not in spec:
        _check_kind(spec)
        return dict.fromkeys(actors, spec)
    for part in spec.split(","):
        actor, sep, kind = part.strip().partition("=")
        actor, kind = actor.strip(), kind.strip()
        if not sep or not actor or not kind:
            raise PlayerSpecError(f"bad player spec {part.strip()!r}: use ACTOR=KIND, e.g. {actors[0]}=random")
        if actor not in actors:
            from game.engine.expressions import suggest

            raise PlayerSpecError(f"unknown actor {actor!r}{suggest(actor, actors)} (actors: {', '.join(actors)})")
        _check_kind(kind)
        kinds[actor] = kind
    return kinds


def _check_kind(kind: str) -> None:
    if kind not in BOT_KINDS:
        raise PlayerSpecError(f"unknown bot kind {kind!r} (kinds: {', '.join(sorted(BOT_KINDS))})")


def bot_rng(seed: int, actor: str) -> random.Random:
    """The bot's own RNG, derived from the game seed and its seat (independent of the engine's)."""
    return random.Random(f"{seed}/bot/{actor}")


def make_players(kinds: dict[str, str], seed: int) -> dict[str, Player]:
    """One bot per actor, each with its own RNG derived from the game seed."""
    return {actor: BOT_KINDS[kind](bot_rng(seed, actor)) for actor, kind in kinds.items()}
