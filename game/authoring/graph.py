"""Mermaid ``stateDiagram-v2`` diagrams of the phase flow and of a scenario's tracks.

The text comes from ``transitions``' own diagram support (``GraphMachine`` with
``graph_engine="mermaid"``, which needs no Graphviz). The machine is built from
data only: states, triggers, sources and destinations. No callback is passed
(a condition is shown as text in the edge label, never handed to ``transitions``,
which would resolve a string as an import path). States that cannot be reached
from the initial state through the transitions are marked with the
``unreachable`` class and a note.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from transitions import State
from transitions.extensions.diagrams import GraphMachine

from game.engine.phases import PHASE_FLOW
from game.scenario.models import Track
from game.scenario.tracks import sources

UNREACHABLE_CLASS = "classDef unreachable fill:#eeeeee,color:#888888,stroke:#888888,stroke-dasharray:5 5"
UNREACHABLE_NOTE = "unreachable from the initial state"


@dataclass(frozen=True)
class Edge:
    """One transition of a diagram: a trigger from some states to one state, with its edge label."""

    trigger: str
    sources: tuple[str, ...]
    dest: str
    label: str


class _LabelledState(State):  # type: ignore[misc]
    """A state with a display label (the diagram shows it instead of the id)."""

    def __init__(self, name: str, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.label = label or name


class _DiagramMachine(GraphMachine):  # type: ignore[misc]
    state_cls = _LabelledState


class _Model:
    """The object the diagram machine drives: it holds only its state."""

    state: str
    get_graph: Callable[[], Any]
    """Added by the machine."""


def diagram(
    title: str, states: Sequence[str], initial: str, edges: Sequence[Edge], labels: dict[str, str] | None = None
) -> str:
    """Mermaid text for a state machine; states unreachable from ``initial`` are marked."""
    labels = labels or {}
    title = _clean(title)
    model = _Model()
    _DiagramMachine(
        model=model,
        states=[{"name": s, "label": _clean(labels.get(s, s))} for s in states],
        initial=initial,
        transitions=[
            {"trigger": e.trigger, "source": list(e.sources), "dest": e.dest, "label": _clean(e.label)} for e in edges
        ],
        auto_transitions=False,
        graph_engine="mermaid",
        title=title,
        show_conditions=False,
    )
    text = model.get_graph().draw(None)
    assert isinstance(text, str)
    unreachable = [s for s in states if s not in _reach(initial, edges)]
    return _finish(text, title, unreachable)


def _reach(initial: str, edges: Sequence[Edge]) -> set[str]:
    seen, frontier = {initial}, [initial]
    while frontier:
        state = frontier.pop()
        for edge in edges:
            if state in edge.sources and edge.dest not in seen:
                seen.add(edge.dest)
                frontier.append(edge.dest)
    return seen


def _finish(text: str, title: str, unreachable: Sequence[str]) -> str:
    """A proper front-matter title, and the unreachable states marked."""
    lines = text.splitlines()
    if len(lines) >= 3 and lines[0] == "---" and lines[2] == "---":
        lines[1] = "title: " + json.dumps(title, ensure_ascii=False)
    body = [line for line in lines if line.strip()]
    if unreachable:
        at = max(i for i, line in enumerate(body) if line.strip().startswith("classDef ")) + 1
        body.insert(at, "  " + UNREACHABLE_CLASS)
        for state in unreachable:
            body = [
                f"  class {state} unreachable" if line.strip().startswith(f"Class {state} ") else line for line in body
            ]
            body.append(f"  note right of {state} : {UNREACHABLE_NOTE}")
    return "\n".join(body) + "\n"


def _clean(text: str) -> str:
    """Author text made safe inside a Mermaid label: one line, no quotes or statement separators."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace('"', "'").replace(";", ",").replace("%%", "%").replace("#", "no.")


def track_edges(track: Track) -> list[Edge]:
    """A track's transitions as edges; a condition is shown in brackets after the trigger."""
    return [
        Edge(t.trigger, tuple(sources(t)), t.dest, t.trigger + (f" [{t.condition}]" if t.condition else ""))
        for t in track.transitions
    ]


def track_diagram(track: Track) -> str:
    """Mermaid text for one track, titled with its name and id."""
    return diagram(f"{track.name} ({track.id})", track.states, track.initial, track_edges(track), dict(track.labels))


def phase_diagram() -> str:
    """Mermaid text for the phase flow of every game (:data:`game.engine.phases.PHASE_FLOW`)."""
    edges = []
    for spec in PHASE_FLOW["transitions"]:
        conditions: list[Callable[..., Any]] = spec.get("conditions", [])
        words = ", ".join(_callable_words(c) for c in conditions)
        label = spec["trigger"] + (f" [{words}]" if words else "")
        source = spec["source"]
        edges.append(
            Edge(spec["trigger"], tuple(source if isinstance(source, list) else [source]), spec["dest"], label)
        )
    return diagram("Phase flow", PHASE_FLOW["states"], PHASE_FLOW["initial"], edges)


def _callable_words(function: Callable[..., Any]) -> str:
    """``_has_proposals`` -> ``has proposals``."""
    return getattr(function, "__name__", "condition").strip("_").replace("_", " ")
