"""The HTML report is produced and self-contained: no scripts, no links, every image embedded."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.batch.test_analyze import PLANTED
from tests.batch.test_batch import parley
from tests.conftest import TUTORIAL

pytest.importorskip("matplotlib")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "src" and tag == "img":
                self.images.append(value or "")
            elif name in ("src", "href"):
                self.references.append(value or "")


def _check_self_contained(path: Path, charts: int) -> str:
    text = path.read_text(encoding="utf-8")
    page = _Collector()
    page.feed(text)
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert page.references == []
    assert len(page.images) >= charts
    for source in page.images:
        prefix = "data:image/png;base64,"
        assert source.startswith(prefix)
        assert base64.b64decode(source[len(prefix) :]).startswith(b"\x89PNG\r\n\x1a\n")
    assert "http://" not in text and "https://" not in text
    return text


def test_batch_report(tmp_path: Path) -> None:
    report = tmp_path / "batch.html"
    result = parley("batch", str(TUTORIAL), "-n", "30", "--jobs", "1", "--players", "random", "--report", str(report),
                    "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    # win rates, one variable chart per owner (upland, lowland), the move heat map
    text = _check_self_contained(report, charts=4)
    assert "Who wins" in text and "95% CI" in text and "Move usage" in text and "Variables per turn" in text


def test_analyze_report_lists_the_findings(tmp_path: Path) -> None:
    report = tmp_path / "analysis.html"
    result = parley("analyze", str(PLANTED), "-n", "20", "--jobs", "1", "--report", str(report))
    assert result.returncode == 1, result.stderr
    text = _check_self_contained(report, charts=3)
    assert "Findings" in text and "never entered state &#x27;ghost&#x27;" in text
