"""The phase flow: the fast step and the transitions machine's own trigger always agree."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from game.engine.phases import Phase, PhaseFlow


@dataclass
class FakeGame:
    proposals: bool
    over: bool

    def has_open_proposals(self) -> bool:
        return self.proposals

    def is_over(self) -> bool:
        return self.over


@pytest.mark.parametrize(("proposals", "over"), list(itertools.product([False, True], repeat=2)))
def test_fast_step_matches_the_machine_trigger(proposals: bool, over: bool) -> None:
    flow = PhaseFlow()
    game = FakeGame(proposals, over)
    for phase in Phase:
        if phase is Phase.DEBRIEF:
            with pytest.raises(RuntimeError):
                flow.next_phase(phase, game)
            continue
        assert flow.next_phase(phase, game) == flow.fire(phase, game), phase


def test_the_flow_reads_as_documented() -> None:
    flow = PhaseFlow()
    quiet, busy, ended = FakeGame(False, False), FakeGame(True, False), FakeGame(False, True)
    assert flow.next_phase(Phase.BRIEFING, quiet) is Phase.NEWS
    assert flow.next_phase(Phase.DIPLOMACY, quiet) is Phase.RESOLUTION
    assert flow.next_phase(Phase.DIPLOMACY, busy) is Phase.RESPONSES
    assert flow.next_phase(Phase.ASSESSMENT, quiet) is Phase.NEWS
    assert flow.next_phase(Phase.ASSESSMENT, ended) is Phase.DEBRIEF
