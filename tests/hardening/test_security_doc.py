"""docs/security.md: every limit in its table is the value the code enforces, and every test it cites exists."""

from __future__ import annotations

import importlib
import re

from tests.conftest import ROOT

TEXT = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `(game(?:\.\w+)+)\.(MAX_\w+)` \| (\d+) \|", re.MULTILINE)


def test_every_limit_in_the_table_matches_the_code() -> None:
    rows = ROW.findall(TEXT)
    assert len(rows) >= 25
    for module, name, value in rows:
        assert getattr(importlib.import_module(module), name) == int(value), f"{module}.{name}"


def test_every_cited_test_file_exists() -> None:
    cited = set(re.findall(r"`(tests/[\w/]+\.(?:py|yaml))`", TEXT))
    assert cited
    for path in cited:
        assert (ROOT / path).is_file(), path
