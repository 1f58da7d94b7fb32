"""Players: bots and the registry that builds them from a command-line spec."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence

from game.engine.expressions import suggest
from game.players.base import Player
from game.players.heuristic import HeuristicBot
from game.players.lookahead import LookaheadBot
from game.players.random_bot import RandomBot

BOT_KINDS: dict[str, Callable[[random.Random], Player]] = {
    "random": RandomBot,
    "heuristic": HeuristicBot,
    "lookahead": LookaheadBot,
}
"""The one registry of bot kinds: name -> factory taking the bot's own seeded RNG. The command line's
--players help, the interface's seat choices, batch runs and the network host all read it."""

BOT_SUMMARIES: dict[str, str] = {
    "random": "uniform over the legal moves",
    "heuristic": "weighs its actor's needs and objectives, and says why",
    "lookahead": "plays each move forward on copies of the game; stronger, slower",
}
"""One line per bot kind, for help texts (the keys are those of :data:`BOT_KINDS`)."""


def bot_kinds_text() -> str:
    """``random, heuristic, lookahead``: the bot kinds, for help texts."""
    return ", ".join(BOT_KINDS)


class PlayerSpecError(ValueError):
    """A --players value that names an unknown actor or bot kind."""


def parse_assignment(
    spec: str, actors: Sequence[str], kinds: Collection[str], what: str = "bot", example: str = "random"
) -> tuple[str | None, dict[str, str]]:
    """Read ``"KIND"`` or ``"ACTOR=KIND,..."``: (the kind for every seat or None, per-actor kinds).

    Shared by the command line's --players and the interface's seats; ``what`` names the kinds in errors.
    """
    spec = spec.strip()
    if not spec:
        return None, {}
    if "=" not in spec:
        _check_kind(spec, kinds, what)
        return spec, {}
    chosen: dict[str, str] = {}
    for part in spec.split(","):
        actor, sep, kind = (s.strip() for s in part.partition("="))
        if not sep or not actor or not kind:
            raise PlayerSpecError(f"bad player spec {part.strip()!r}: use ACTOR=KIND, e.g. {actors[0]}={example}")
        if actor not in actors:
            raise PlayerSpecError(f"unknown actor {actor!r}{suggest(actor, actors)} (actors: {', '.join(actors)})")
        _check_kind(kind, kinds, what)
        chosen[actor] = kind
    return None, chosen


def parse_players(spec: str, actors: Sequence[str], default: str = "heuristic") -> dict[str, str]:
    """``"random"`` or ``"russia=heuristic,usa=random"`` -> actor -> bot kind (others get ``default``)."""
    everyone, chosen = parse_assignment(spec, actors, BOT_KINDS)
    return {actor: chosen.get(actor, everyone or default) for actor in actors}


def _check_kind(kind: str, kinds: Collection[str], what: str) -> None:
    if kind not in kinds:
        listed = ", ".join(sorted(kinds)) if isinstance(kinds, dict) else ", ".join(kinds)
        raise PlayerSpecError(f"unknown {what} kind {kind!r} (kinds: {listed})")


def bot_rng(seed: int, actor: str) -> random.Random:
    """The bot's own RNG, derived from the game seed and its seat (independent of the engine's)."""
    return random.Random(f"{seed}/bot/{actor}")


def make_players(kinds: dict[str, str], seed: int) -> dict[str, Player]:
    """One bot per actor, each with its own RNG derived from the game seed."""
    return {actor: BOT_KINDS[kind](bot_rng(seed, actor)) for actor, kind in kinds.items()}
