"""`parley report`: the after-action report of a logged or saved game, as self-contained HTML and as Markdown."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.classroom.records import read_record
from game.cli.main import main
from game.engine import PASS, Move
from game.ui.saves import write_save
from game.ui.session import Session
from tests.classroom.conftest import ARTICLE, TUTORIAL, logged_game
from tests.conftest import compiled


@pytest.fixture(scope="module")
def article_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return logged_game(ARTICLE, 3, tmp_path_factory.mktemp("logs"))


def _report(log: Path, out: Path, *extra: str) -> str:
    assert main(["report", str(log), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_html_report_is_self_contained_with_charts_and_every_section(article_log: Path, tmp_path: Path) -> None:
    page = _report(article_log, tmp_path / "r.html")
    record = read_record(str(article_log))
    game = record.game
    # loads nothing from outside: no scripts, links, external images or fonts
    assert not re.search(r"<(script|link|img|iframe|object)\b", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page, re.I)
    assert "url(" not in page and "@import" not in page
    # charts: one for the scores, one per actor and one for the world, all inline SVG
    assert page.count("<svg ") == len(game.compiled.actors) + 2
    assert "@page { size: A4" in page
    meta = game.compiled.scenario
    for text in (meta.meta.title, "Timeline", "Questions for discussion", "What happened next", "Sources"):
        assert text in page
    for question in meta.debrief.questions:
        assert _html(question) in page
    for actor in game.compiled.actors:
        assert _html(game.compiled.actor_names[actor]) in page
    assert "bot (heuristic)" in page
    # every move that resolved, covert ones marked with their fate, deals with their answer
    resolved = [e for e in game.state["log"] if e["kind"] in ("move", "deal", "rejected", "failed")]
    assert resolved
    for entry in resolved:
        assert _html(entry["text"]) in page, entry["text"]
    covert = [e for e in resolved if e.get("covert")]
    assert covert, "the seed should have covert moves"
    detected = {(e["turn"], e["actor"], e["move"]) for e in game.state["log"] if e["kind"] == "detected"}
    for entry in covert:
        fate = "covert, detected" if (entry["turn"], entry["actor"], entry["move"]) in detected else "covert, never"
        section = page[page.index(f"<h3>Turn {entry['turn']} · ") :]
        item = section[section.index(_html(entry["text"])) :][:400]
        assert fate in item, (entry["text"], item)
    assert "deal accepted" in page


def _html(text: str) -> str:
    import html

    return html.escape(text)


def test_markdown_report_has_the_same_sections_as_tables(article_log: Path, tmp_path: Path) -> None:
    text = _report(article_log, tmp_path / "r.md")
    assert text.startswith("# After-action report: ")
    for heading in ("## Result", "### Objectives", "## Timeline", "## Numbers over the turns", "### Tracks",
                    "## Questions for discussion", "## What happened next", "## Sources"):  # fmt: skip
        assert f"\n{heading}\n" in text, heading
    assert "| actor | played by | score |" in text
    assert not re.search(r"<(?!https?://)[a-zA-Z/]", text), "raw HTML would not paste into a learning platform"
    assert "(covert, detected" in text or "(covert, never detected" in text


def test_report_of_an_interface_save_names_the_students(tmp_path: Path) -> None:
    scenario = compiled(TUTORIAL)
    seats = {scenario.actors[0]: "human", scenario.actors[1]: "heuristic"}
    session = Session.start(scenario, str(TUTORIAL), "0" * 64, seats, seed=5)
    while True:
        step = session.proceed()
        if step.kind == "over":
            break
        if step.kind == "decide":
            session.submit(Move(step.actor or "", PASS))
        elif step.kind == "answer":
            session.submit(session.game.legal_decisions(step.actor or "")[0])
        else:
            session.new_turn()
    save = write_save(session, tmp_path / "saves")
    page = _report(save, tmp_path / "save.md")
    name = scenario.actor_names[scenario.actors[0]]
    assert re.search(rf"\| {name}( \(winner\))? \| students \|", page), page[:600]
    assert "No move: " + scenario.actor_names[scenario.actors[0]] in page


def test_report_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], article_log: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert main(["report", str(article_log), "-o", str(tmp_path / "r.pdf")]) == 1
    assert main(["report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "r.md")]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3
    assert "not a Parley log or save" in lines[0] and ".html or .md" in lines[1] and "no such file" in lines[2]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdftotext") is None, reason="needs chromium")
def test_html_report_prints_to_a4_pdf_in_a_real_browser(article_log: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    _report(article_log, page)
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "After-action report" in text and "What happened next" in text
