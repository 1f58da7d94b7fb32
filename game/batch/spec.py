"""What a batch plays: the scenario, the bots, the batch seed and the number of games.

A :class:`BatchSpec` is plain, picklable data. The scenario travels as the
JSON of its validated model, so a worker on another machine (a Dask or Ray
executor) needs nothing but Parley installed to rebuild and compile it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from game.scenario.models import Scenario


@dataclass(frozen=True)
class BatchSpec:
    """A batch of games, fully determined by these fields."""

    scenario_json: str
    """The validated scenario model as JSON (``Scenario.model_dump_json()``)."""
    scenario_key: str
    """SHA-256 of :attr:`scenario_json`: workers compile each scenario once per process."""
    players: tuple[tuple[str, str], ...]
    """(actor, bot kind) for every actor, in actor order."""
    seed: int
    """The batch seed S; game i is played with ``game_seed(S, i)``."""
    games: int
    """How many games."""
    snapshots: bool = False
    """Collect every variable at the end of every turn (for the HTML report's charts)."""

    @classmethod
    def create(
        cls, scenario: Scenario, players: Mapping[str, str], seed: int, games: int, snapshots: bool = False
    ) -> BatchSpec:
        """A spec for ``games`` games of ``scenario`` played by the bots in ``players`` (actor -> kind)."""
        text = scenario.model_dump_json()
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        order = [a.id for a in scenario.actors]
        missing = [a for a in order if a not in players]
        if missing:
            raise ValueError(f"no player for {', '.join(missing)}")
        return cls(text, key, tuple((a, players[a]) for a in order), seed, games, snapshots)

    @property
    def kinds(self) -> dict[str, str]:
        """Actor -> bot kind."""
        return dict(self.players)
