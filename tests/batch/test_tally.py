"""The batch's fast counts (:class:`game.batch.tally.ChunkTally`) equal the reference path: each game summarised
(:func:`game.batch.summary.play_summarized`) and counted with :meth:`Counts.add`."""

from __future__ import annotations

import pytest

from game.batch.seeds import game_seed
from game.batch.summary import play_summarized, row
from game.batch.tally import ChunkTally
from game.batch.totals import Counts
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled


@pytest.mark.parametrize("kind", ["random", "heuristic"])
@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_tally_counts_what_the_summaries_count(path: object, kind: str) -> None:
    scenario = compiled(path)  # type: ignore[arg-type]
    kinds = dict.fromkeys(scenario.actors, kind)
    games = 40 if kind == "random" else 12
    reference = Counts(scenario.actors)
    tally = ChunkTally(scenario, snapshots=True)
    rows = []
    for index in range(games):
        seed = game_seed(5, index)
        summary = play_summarized(scenario, kinds, index, seed, snapshots=True)
        reference.add(summary)
        rows.append(row(summary))
        tally.play(kinds, index, seed)
    assert tally.rows == rows
    counted = tally.counts()
    assert vars(counted).keys() == vars(reference).keys()
    for name, value in vars(reference).items():
        assert getattr(counted, name) == value, name
