"""`parley lsp` knows the deal additions: a party's actor completes to actor ids, the new keys have hover text from
the models, and a misspelt party is a diagnostic with a did-you-mean as you type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.lsp.client import LspClient
from tests.lsp.test_server import _labels, _position

GRAIN = (ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> Iterator[LspClient]:
    lsp = LspClient()
    lsp.initialize()
    yield lsp
    assert lsp.close() == 0


def test_a_partys_actor_completes_to_the_actors(client: LspClient, tmp_path: Path) -> None:
    text = GRAIN.replace("      - actor: russia\n", "      - actor: \n", 1)
    uri = client.open(tmp_path / "grain.yaml", text)
    client.diagnostics(uri)
    line, character = _position(text, "      - actor: \n", len("      - actor: "))
    actors = _labels(client.request("textDocument/completion", client.at(uri, line, character)))
    assert set(actors) == {"un", "ukraine", "russia", "turkiye", "egypt"}


def test_the_new_keys_have_hover_text(client: LspClient, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "hover.yaml", GRAIN)
    assert client.diagnostics(uri) == []
    for key, words in (("parties:", "each party must accept"), ("gives:", "What this party gives"),
                       ("secret:", "a secret half"), ("gets:", "What this party gets")):  # fmt: skip
        line, character = _position(GRAIN, key, 1)
        shown = client.request("textDocument/hover", client.at(uri, line, character))["contents"]["value"]
        assert shown.startswith(f"**{key[:-1]}**") and words in shown, shown


def test_a_misspelt_party_is_a_diagnostic_with_a_suggestion(client: LspClient, tmp_path: Path) -> None:
    text = GRAIN.replace("      - actor: russia\n", "      - actor: rusia\n", 1)
    uri = client.open(tmp_path / "typo.yaml", text)
    [error] = client.diagnostics(uri)
    assert error["message"] == "unknown actor 'rusia'; did you mean 'russia'?"
    assert error["range"]["start"]["line"] == _position(text, "actor: rusia")[0]
