"""Which states of a track can be reached: a plain graph search over its transitions."""

from __future__ import annotations

from collections.abc import Callable

from game.scenario.models import Track, TrackTransition


def sources(transition: TrackTransition) -> list[str]:
    """The states a transition starts from."""
    return transition.source if isinstance(transition.source, list) else [transition.source]


def reachable_states(track: Track, usable: Callable[[TrackTransition], bool] | None = None) -> set[str]:
    """States reachable from the initial state through transitions (only the ``usable`` ones, if given).

    Linear in the number of transitions and states (each transition is indexed by its sources once)."""
    by_source: dict[str, list[str]] = {}
    for transition in track.transitions:
        if usable is None or usable(transition):
            for source in sources(transition):
                by_source.setdefault(source, []).append(transition.dest)
    seen = {track.initial}
    frontier = [track.initial]
    while frontier:
        for dest in by_source.get(frontier.pop(), ()):
            if dest not in seen:
                seen.add(dest)
                frontier.append(dest)
    return seen


def entered_states(track: Track) -> set[str]:
    """States some transition leads into, plus the initial state."""
    return {track.initial} | {t.dest for t in track.transitions}
