"""A format-1 scenario frozen before the format's additions plays exactly the games it played then.

``tests/scenarios/frozen/format1_tutorial.yaml`` is the tutorial as it stood at commit be6a6c1 (format 1,
written long before conditional, computed, timed and game-ending effects and per-actor names). Its final
state hashes below were recorded with the code of main at ca3cac4, before those additions, with
``play_game`` and the same kind of bot in every seat. Never re-record them to make a change pass: a
difference means a format-1 game now plays differently.
"""

from __future__ import annotations

import pytest

from game.engine import compile_scenario, state_hash
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from tests.conftest import ROOT

FROZEN = ROOT / "tests" / "scenarios" / "frozen" / "format1_tutorial.yaml"

RECORDED: dict[str, list[str]] = {
    "random": [
        "2f72c9c08e107bd4388bd862f8c76d12ea40e68d225b88241d8d7a3add0b3466",
        "cf68d977682fbd76c2955c5e04fe55f355c000bd35a4205e5290e0e3a82a10ab",
        "8cd9a227eaf410237cf785cfcb737739f624cb95bc864ce9e78b2ba83e1eb1e4",
        "358f54d3a3c66f5d6a6638448e467ab020ed599adb41ff1798a0561caece2070",
        "eb96ea253b0bf1184d78ed40edfb4c8c387598b731c1e4fd64a86192b52c326b",
        "8dec3e63f172ceef976e65801d0ff4a15e7de2dd7b35d968639f9e7f4b105ac5",
        "eed69c5b851b00ddd83f314308395d1c0fa781d66b4016fcf09d6cf67e189358",
        "31d12ec5b132d924255983a8a7df472004cb8e21041e7614fc8adc5c0f0ba7c6",
        "c0e4cf9bc3e7c99b17ecbaa40bbfd5d6bbcb4c69a3f1070f706bfdf87cf258ed",
        "57081b90d3ba1ee856ed6b8aad7a64d4a40defc1809df25f08c84c7bd4e25bff",
    ],
    "heuristic": [
        "2a071aa284648090267876f16b4fe07d65bc23f97a8dbfe534f9b46043e9f8ba",
        "b08f9b40665b5c3bcb740ef2bedb69fd915af988cca644f4a0952453589ba0d9",
        "d934d703e0e24d79fd3da0d0f68007e6a47b0d649364c4d54d30928f392593fd",
        "2a071aa284648090267876f16b4fe07d65bc23f97a8dbfe534f9b46043e9f8ba",
        "d934d703e0e24d79fd3da0d0f68007e6a47b0d649364c4d54d30928f392593fd",
    ],
    "lookahead": [
        "1aaf9db789ac1473b3f327ea8db6097321680b8f5714dd72d715a6dba802a52a",
        "cfeca484881c368939073a31121d0cc41505a282acc72d089ac433564b49d7c6",
    ],
}


@pytest.mark.parametrize(("kind", "seed"), [(k, s) for k, hashes in RECORDED.items() for s in range(len(hashes))])
def test_the_frozen_format1_scenario_plays_the_recorded_games(kind: str, seed: int) -> None:
    compiled = compile_scenario(load_scenario(FROZEN))
    players = make_players(dict.fromkeys(compiled.actors, kind), seed)
    assert state_hash(play_game(compiled, seed, players, record=False).game.state) == RECORDED[kind][seed]
