"""`parley lsp` as an editor sees it: a real server process driven over stdio by a scripted client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.authoring.lint import lint_text
from game.scenario.loader import check_text
from tests.conftest import ROOT
from tests.lsp.client import LspClient

TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> Iterator[LspClient]:
    lsp = LspClient()
    capabilities = lsp.initialize()["capabilities"]
    assert capabilities["completionProvider"]["triggerCharacters"] == [".", "'", '"']
    assert capabilities["hoverProvider"] and capabilities["definitionProvider"]
    yield lsp
    assert lsp.close() == 0


def _position(text: str, needle: str, offset: int = 0, nth: int = 0) -> tuple[int, int]:
    """0-based (line, character) of the ``nth`` occurrence of ``needle`` in ``text``, plus ``offset`` characters."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def _labels(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["label"]: item for item in result["items"]}


def test_diagnostics_as_you_type_are_the_loaders_and_the_linters(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "tutorial.yaml", TUTORIAL)
    assert client.diagnostics(uri) == []
    broken = TUTORIAL.replace('condition: "upland.reservoir >= 15"', 'condition: "upland.resevoir >= 15"')
    client.change(uri, broken)
    [error] = client.diagnostics(uri)
    [expected] = check_text(broken, "x")
    assert error["message"] == expected.message and "did you mean 'reservoir'?" in error["message"]
    assert error["severity"] == 1 and error["source"] == "parley"
    assert (error["range"]["start"]["line"] + 1, error["range"]["start"]["character"] + 1) == (
        expected.line,
        expected.column,
    )
    dead = TUTORIAL.replace('condition: "upland.reservoir >= 15"', 'condition: "upland.reservoir >= 150"')
    client.change(uri, dead)
    [warning] = client.diagnostics(uri)
    [linted] = lint_text(dead, "x")
    assert warning["severity"] == 2 and warning["message"].startswith(linted.message)
    client.change(uri, TUTORIAL.replace("actors:\n", "actors: [\n", 1))
    [syntax] = client.diagnostics(uri)
    assert syntax["message"].startswith("invalid YAML")


def test_completion_of_references_with_their_descriptions(client: LspClient, tmp_path: Path) -> None:
    text = TUTORIAL.replace('condition: "upland.reservoir >= 15"', 'condition: "upland."')
    uri = client.open(tmp_path / "completion.yaml", text)
    client.diagnostics(uri)
    line, character = _position(text, 'condition: "upland."', len('condition: "upland.'))
    variables = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(variables) == {"money", "reservoir", "standing"}
    reservoir = variables["reservoir"]["documentation"]["value"]
    assert "upland.reservoir" in reservoir and "*Variable*: A number an actor" in reservoir
    line, character = _position(text, "{trigger: relations.warm}", len("{trigger: relations."))
    triggers = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(triggers) == {"warm", "sign", "cool"}
    line, character = _position(text, "actors: [upland]", len("actors: ["))
    actors = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(actors) == {"upland", "lowland"}
    assert "*Actor*: A country or organisation" in actors["lowland"]["documentation"]["value"]
    line, character = _position(text, "track.relations >= 'friendly'", len("track.relations >= '"))
    states = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert {"hostile", "tense", "neutral", "friendly", "treaty"} <= set(states)
    line, character = _position(text, '"self.water >= 50"', len('"self.'))
    own = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(own) == {"water", "money", "standing"}, "self. inside lowland's objectives is lowland"


def test_hover_shows_labels_and_field_descriptions(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "hover.yaml", TUTORIAL)
    client.diagnostics(uri)
    line, character = _position(TUTORIAL, "upland.reservoir >= 15", 9)
    shown = client.request("textDocument/hover", client.at(uri, line, character))["contents"]["value"]
    assert "upland.reservoir" in shown and "0..100" in shown
    line, character = _position(TUTORIAL, "uses_per_game:", 2)
    shown = client.request("textDocument/hover", client.at(uri, line, character))["contents"]["value"]
    assert shown == "**uses_per_game**: How often an actor may make it per game."
    line, character = _position(TUTORIAL, "buy_water", 0)
    assert client.request("textDocument/hover", client.at(uri, line, 0)) is None, "a blank place has no hover"


def test_go_to_definition_of_references(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "definition.yaml", TUTORIAL)
    client.diagnostics(uri)
    cases = [
        (("upland.reservoir >= 15", 8), ("id: reservoir", 4)),
        (("{trigger: relations.warm}", 12), ("id: relations", 4)),
        (("{trigger: relations.warm}", 22), ("trigger: warm", 9)),
        (('"flag.talks_open"', 8), ("id: talks_open", 4)),
        (("actors: [lowland]", 10), ("id: lowland", 4)),
        (("track.relations >= 'friendly'", 22), ("neutral, friendly,", 9)),
        (('"self.water >= 50"', 7), ("id: water", 4)),
    ]
    for (needle, offset), (target, target_offset) in cases:
        line, character = _position(TUTORIAL, needle, offset)
        found = client.request("textDocument/definition", client.at(uri, line, character))
        assert found is not None, needle
        assert found["uri"] == uri
        start = found["range"]["start"]
        assert (start["line"], start["character"]) == _position(TUTORIAL, target, target_offset), needle


def test_a_half_typed_line_keeps_the_last_readable_index(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "typing.yaml", TUTORIAL)
    client.diagnostics(uri)
    text = TUTORIAL.replace('condition: "upland.reservoir >= 15"', 'condition: "upland.')
    client.change(uri, text)
    assert client.diagnostics(uri)[0]["severity"] == 1
    line, character = _position(text, 'condition: "upland.', len('condition: "upland.'))
    items = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert "reservoir" in items


def test_a_test_file_gets_no_scenario_diagnostics(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "t.tests.yaml", "tests:\n  - name: x\n    expect: {over: true}\n")
    assert client.diagnostics(uri) == []


SUITE = """\
tests:
  - name: a sale
    seed: 1
    decisions:
      - {turn: 1, actor: upland, move: sel_water, target: lowland}
      - {actor: lowland, accept: true}
    expect:
      variables: {lowland.water: 62}
      tracks: {relations: friendly}
"""


def test_a_test_file_is_checked_against_its_scenario_as_you_type(client: LspClient, tmp_path: Path) -> None:
    scenario = tmp_path / "tutorial.yaml"
    scenario.write_text(TUTORIAL, encoding="utf-8")
    uri = client.open(tmp_path / "tutorial.tests.yaml", SUITE)
    [unknown] = client.diagnostics(uri)
    assert "unknown move 'sel_water'; did you mean 'sell_water'?" in unknown["message"]
    assert unknown["range"]["start"] == {"line": 4, "character": 39}
    fixed = SUITE.replace("sel_water", "sell_water")
    client.change(uri, fixed)
    assert client.diagnostics(uri) == []
    client.change(uri, fixed.replace("lowland.water: 62", "lowland.water: 61"))
    [failed] = client.diagnostics(uri)
    assert "expected lowland.water == 61, got 62" in failed["message"]
    line, character = _position(fixed, "move: sell_water", len("move: "))
    moves = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert {"sell_water", "divert_river", "pass"} <= set(moves)
    line, character = _position(fixed, "{lowland.water", 1)
    variables = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert {"lowland.water", "upland.reservoir"} <= set(variables)
    line, character = _position(fixed, "{relations: friendly}", len("{relations: "))
    states = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(states) == {"hostile", "tense", "neutral", "friendly", "treaty"}
    found = client.request("textDocument/definition", client.at(uri, *_position(fixed, "sell_water", 2)))
    assert found["uri"] == scenario.resolve().as_uri()
    start = found["range"]["start"]
    assert (start["line"], start["character"]) == _position(TUTORIAL, "id: sell_water", 4)
