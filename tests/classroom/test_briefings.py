"""`parley briefings`: one printed page per actor with both reading levels, objectives and moves with costs."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli.main import main
from tests.classroom.conftest import ARTICLE, CUBA, TUTORIAL
from tests.conftest import compiled


def _write(scenario: Path, out: Path, *extra: str) -> str:
    assert main(["briefings", str(scenario), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("scenario", [ARTICLE, TUTORIAL], ids=lambda p: p.stem)
def test_a_page_per_actor_with_both_levels_objectives_and_moves(scenario: Path, tmp_path: Path) -> None:
    page = _write(scenario, tmp_path / "b.html")
    game = compiled(scenario)
    sections = page.split('<section class="actor"')[1:]
    assert len(sections) == len(game.actors)
    assert "break-after: page" in page and "@page { size: A4" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page) and "url(" not in page
    for actor, section in zip(game.actors, sections, strict=True):
        model = game.actor_models[actor]
        assert f"<h1>{html.escape(model.name)}</h1>" in section
        assert html.escape(model.briefing.basic) in section
        for paragraph in model.briefing.advanced.split("\n\n"):
            assert html.escape(paragraph.strip()) in section
        for objective in model.objectives:
            assert html.escape(objective.text) in section
        moves = [m for m in game.scenario.moves if actor in m.actors]
        assert section.count('class="mv"') == len(moves)
        for move in moves:
            assert html.escape(move.name) in section
            for ref, amount in move.cost.items():
                label = game.variables[ref.replace("self.", actor + ".")].label
                assert f"{amount} {html.escape(label)}".lower() in section.lower(), (move.id, ref)


def test_secret_objectives_and_covert_moves_are_marked(tmp_path: Path) -> None:
    page = _write(ARTICLE, tmp_path / "b.html")
    game = compiled(ARTICLE)
    secret = sum(1 for o in game.objectives if o.objective.secret)
    assert page.count("secret: keep it to your team") == secret > 0
    covert = sum(len(m.actors) for m in game.scenario.moves if m.visibility == "covert")
    assert page.count("covert · detection") == covert > 0


def test_only_some_actors_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(ARTICLE, tmp_path / "b.html", "--actors", "russia")
    assert page.count('<section class="actor"') == 1
    assert main(["briefings", str(ARTICLE), "-o", str(tmp_path / "x.html"), "--actors", "mars"]) == 2
    assert main(["briefings", str(TUTORIAL), "-o", str(tmp_path / "x.html"), "--names", "fictional"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "unknown actor 'mars'" in err[0] and "declares no fictional names" in err[1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
@pytest.mark.parametrize("names", ["real", "fictional"])
@pytest.mark.parametrize("scenario", [ARTICLE, CUBA, TUTORIAL], ids=lambda p: p.stem)
def test_each_actor_prints_on_exactly_one_a4_page(scenario: Path, names: str, tmp_path: Path) -> None:
    if names == "fictional" and scenario == TUTORIAL:
        pytest.skip("the tutorial is fictional already")
    page = tmp_path / "b.html"
    _write(scenario, page, "--names", names)
    pdf = tmp_path / "b.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages == len(compiled(scenario).actors)
