"""`parley graph`: Mermaid state diagrams whose structure matches the phase flow and the tracks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.authoring.graph import UNREACHABLE_NOTE, phase_diagram, track_diagram
from game.cli.main import main
from game.engine.phases import PHASE_FLOW
from game.scenario.loader import load_scenario
from game.scenario.models import Track
from game.scenario.tracks import reachable_states, sources
from tests.conftest import SHIPPED, SHIPPED_IDS, TUTORIAL

UNREACHABLE = Path(__file__).resolve().parent / "scenarios" / "lint" / "unreachable_states.yaml"


def parse(text: str) -> dict[str, object]:
    """The parts of a Mermaid state diagram these tests check."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[2] == "---" and lines[3] == "stateDiagram-v2", lines[:4]
    body = [line.strip() for line in lines[4:]]
    states = dict(re.findall(r'^state "([^"]*)" as (\w+)$', "\n".join(body), re.M))
    edges = {}
    for line in body:
        match = re.fullmatch(r"(\w+) --> (\w+): (.+)", line)
        if match:
            edges[(match.group(1), match.group(2))] = match.group(3)
    return {
        "title": lines[1],
        "labels": {ident: label for label, ident in states.items()},
        "edges": edges,
        "initial": [line.split("-->")[1].strip() for line in body if line.startswith("[*] -->")],
        "unreachable": sorted(line.split()[1] for line in body if re.fullmatch(r"class \w+ unreachable", line)),
        "notes": sorted(line.split()[3] for line in body if line.endswith(f": {UNREACHABLE_NOTE}")),
        "defines_unreachable": any(line.startswith("classDef unreachable ") for line in body),
    }


def expected_edges(track: Track) -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], list[str]] = {}
    for t in track.transitions:
        for source in sources(t):
            edges.setdefault((source, t.dest), []).append(t.trigger + (f" [{t.condition}]" if t.condition else ""))
    return edges


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_each_track_diagram_has_every_state_and_transition(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.tracks
    for track in scenario.tracks:
        diagram = parse(track_diagram(track))
        assert diagram["title"] == f'title: "{track.name} ({track.id})"'
        assert diagram["labels"] == {s: track.labels.get(s, s).replace('"', "'") for s in track.states}
        edges = diagram["edges"]
        assert isinstance(edges, dict)
        assert {k: v.split(" | ") for k, v in edges.items()} == expected_edges(track)
        assert diagram["initial"] == [track.initial]
        unreached = sorted(set(track.states) - reachable_states(track))
        assert diagram["unreachable"] == diagram["notes"] == unreached
        assert diagram["defines_unreachable"] == bool(unreached)


def test_unreachable_states_are_marked() -> None:
    track = load_scenario(UNREACHABLE).tracks[0]
    diagram = parse(track_diagram(track))
    assert diagram["unreachable"] == diagram["notes"] == ["broken"]
    assert diagram["defines_unreachable"]
    assert "union" in diagram["labels"], "a state entered by a transition is drawn normally"


def test_phase_diagram_follows_the_phase_flow() -> None:
    diagram = parse(phase_diagram())
    assert diagram["title"] == 'title: "Phase flow"'
    assert list(diagram["labels"]) == PHASE_FLOW["states"]
    edges = diagram["edges"]
    assert isinstance(edges, dict)
    assert set(edges) == {(t["source"], t["dest"]) for t in PHASE_FLOW["transitions"]}
    assert edges[("diplomacy", "responses")] == "advance [has proposals]"
    assert edges[("assessment", "debrief")] == "advance [is over]"
    assert diagram["initial"] == ["briefing"] and diagram["unreachable"] == []


def test_author_text_cannot_break_the_diagram() -> None:
    track = Track.model_validate(
        {"id": "t", "name": 'Say "hi";\nthen %% leave', "states": ["a", "b"], "labels": {"b": 'B "quoted"\nnext'},
         "initial": "a", "transitions": [{"trigger": "go", "source": "a", "dest": "b", "condition": "turn >= 2"}]}
    )  # fmt: skip
    text = track_diagram(track)
    diagram = parse(text)
    assert diagram["title"] == "title: \"Say 'hi', then % leave (t)\""
    assert diagram["labels"] == {"a": "a", "b": "B 'quoted' next"}
    assert diagram["edges"] == {("a", "b"): "go [turn >= 2]"}


def test_cli_writes_markdown_with_a_block_per_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(TUTORIAL)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Diagrams: Tutorial: The River Between Us\n")
    blocks = re.findall(r"```mermaid\n(.*?)```", out, re.S)
    assert len(blocks) == 2
    assert parse(blocks[0])["title"] == 'title: "Phase flow"'
    assert parse(blocks[1])["initial"] == ["neutral"]


def test_cli_one_track_or_the_phases_as_plain_mermaid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(TUTORIAL), "--track", "relations"]) == 0
    assert capsys.readouterr().out == track_diagram(load_scenario(TUTORIAL).tracks[0])
    target = tmp_path / "phases.mmd"
    assert main(["graph", str(TUTORIAL), "--phases", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == phase_diagram()


def test_cli_mistakes_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(TUTORIAL), "--track", "relatons"]) == 2
    assert capsys.readouterr().err.strip() == (
        "--track: no track 'relatons'; did you mean 'relations'? (tracks: relations)"
    )
    assert main(["graph", "no/such.yaml"]) == 1
    assert "no such file" in capsys.readouterr().err
