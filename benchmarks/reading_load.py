"""Reading load per team and turn, and an estimated lesson length, for each lesson variant.

Usage::

    python benchmarks/reading_load.py SCENARIO [-n 50]

Plays N games (seeds 1..N, heuristic bots) of the whole scenario and of each declared variant and
counts the words a team must read: its basic briefing once (turn 1), every news item of the turn,
and the name and description of every move it could make that turn (the cards it must weigh).
Minutes are estimated, not measured in a classroom: reading at 150 words a minute (students reading
to decide), plus 3 minutes of team talk per move a team may make, plus 2 minutes to resolve the
turn; 5 minutes of set-up and 10 of debrief per game.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine import Game, Phase, compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.scenario.variants import apply_variant

WORDS_PER_MINUTE = 150
TALK_PER_MOVE = 3.0
RESOLVE_PER_TURN = 2.0
SETUP, DEBRIEF = 5.0, 10.0


def words(text: str) -> int:
    """Words in a text (whitespace-separated)."""
    return len(text.split())


class _Counting:
    """Wraps a bot: the first time a team is asked in a turn's diplomacy, count the cards it weighs."""

    def __init__(self, inner: Any, tally: dict[tuple[int, str], int]) -> None:
        self.inner, self.tally = inner, tally

    def decide(self, game: Game, actor: str) -> Any:
        key = (game.turn, actor)
        if game.phase is Phase.DIPLOMACY and key not in self.tally:
            self.tally[key] = sum(words(o.bound.move.name) + words(o.bound.move.description)
                                  for o in game.move_options(actor) if o.available)  # fmt: skip
        return self.inner.decide(game, actor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def measure(scenario: Scenario, games: int) -> tuple[float, float, float]:
    """(average words a team reads per turn, average turns per game, estimated minutes per game)."""
    compiled = compile_scenario(scenario)
    briefing = {a.id: words(a.briefing.basic) for a in scenario.actors}
    total_words = total_team_turns = total_turns = 0
    for seed in range(1, games + 1):
        cards: dict[tuple[int, str], int] = {}
        bots = make_players(dict.fromkeys(compiled.actors, "heuristic"), seed)
        players = {actor: _Counting(bot, cards) for actor, bot in bots.items()}
        game = play_game(compiled, seed, players, record=False).game  # type: ignore[arg-type]
        news: dict[int, int] = {}
        for entry in game.state["log"]:
            if entry["kind"] == "event":
                news[entry["turn"]] = news.get(entry["turn"], 0) + words(entry["title"]) + words(entry["text"])
        turns = int(game.state["result"]["turn"])
        for turn in range(1, turns + 1):
            for actor in compiled.actors:
                total_words += news.get(turn, 0) + cards.get((turn, actor), 0) + (briefing[actor] if turn == 1 else 0)
                total_team_turns += 1
        total_turns += turns
    per_turn = total_words / total_team_turns
    turns_avg = total_turns / games
    minutes_per_turn = per_turn / WORDS_PER_MINUTE + TALK_PER_MOVE * scenario.meta.actions_per_turn + RESOLVE_PER_TURN
    return per_turn, turns_avg, SETUP + DEBRIEF + turns_avg * minutes_per_turn


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("-n", "--games", type=int, default=50)
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    print("variant      moves/turn  words/team/turn  turns  min/turn  min/game (estimated)")
    for variant in [None, *(v.id for v in scenario.variants)]:
        played = apply_variant(scenario, variant)
        per_turn, turns, minutes = measure(played, args.games)
        per_turn_minutes = (minutes - SETUP - DEBRIEF) / turns
        print(f"{variant or '(whole)':<12} {played.meta.actions_per_turn:>10}  {per_turn:>15.0f}  {turns:>5.2f}"
              f"  {per_turn_minutes:>8.1f}  {minutes:>8.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
