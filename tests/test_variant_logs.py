"""The lesson variant is recorded in logs and saves (game.logfile): replay, the Load screen and reports play it again.

`parley run --variant short --log F` writes ``"variant": "short"`` (document version 2, so an older
Parley says "update Parley" instead of replaying the whole scenario); `parley replay F` replays the
short game; a log that records no variant (every file written before variants were recorded) is the
scenario as written, and reads, replays and loads as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.cli.main import main
from game.logfile import VARIANT_VERSION, LogError, annotate, load_log_scenario, read_log, write_log
from game.runner import LOG_VERSION
from game.ui.saves import SaveError, read_save
from tests.conftest import ROOT

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"


def _run(tmp_path: Path, *extra: str, seed: int = 5) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / f"game{'-'.join(extra)}.json"
    assert main(["run", str(SUMMIT), "--seed", str(seed), "--quiet", "--log", str(path), *extra]) == 0
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A logged game of the short variant."""
    return _run(tmp_path_factory.mktemp("short"), "--variant", "short")


def test_run_records_the_variant_and_replay_plays_it(
    short: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, document = short
    assert document["variant"] == "short" and document["version"] == VARIANT_VERSION
    assert 1 <= len(document["turns"]) <= 4
    assert max(d["turn"] for d in document["decisions"]) <= 4
    capsys.readouterr()
    assert main(["replay", str(path)]) == 0
    assert "replay ok (lesson variant short)" in capsys.readouterr().out
    log = read_log(path)
    compiled, _file, _digest = load_log_scenario(log)
    assert log.variant == "short" and (compiled.meta.turns, compiled.meta.actions_per_turn) == (4, 1)


def test_a_save_of_a_variant_loads_as_that_variant(short: tuple[Path, dict[str, Any]]) -> None:
    path, document = short
    session = read_save(path)
    assert session.variant == "short" and session.compiled.meta.turns == 4
    assert session.game.state_hash() == document["final_hash"]
    again = session.document()
    assert again["variant"] == "short" and again["version"] == VARIANT_VERSION


def test_without_the_variant_the_short_log_does_not_replay(
    short: tuple[Path, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The variant is what makes the replay fit: the same decisions on the whole scenario diverge."""
    _path, document = short
    stripped = {k: v for k, v in document.items() if k != "variant"}
    stripped["version"] = LOG_VERSION
    path = tmp_path / "stripped.json"
    path.write_text(json.dumps(stripped), encoding="utf-8")
    assert main(["replay", str(path)]) == 1
    assert "replay diverged" in capsys.readouterr().err


def test_a_log_without_a_variant_is_the_scenario_as_written(tmp_path: Path) -> None:
    path, document = _run(tmp_path)
    assert "variant" not in document and document["version"] == LOG_VERSION, "documents as before variants"
    log = read_log(path)
    compiled, _file, _digest = load_log_scenario(log)
    assert log.variant is None and (compiled.meta.turns, compiled.meta.actions_per_turn) == (7, 2)
    assert main(["replay", str(path)]) == 0
    assert read_save(path).variant is None


def test_the_full_variant_is_recorded_too_and_plays_the_whole_game(tmp_path: Path) -> None:
    _full_path, full = _run(tmp_path, "--variant", "full")
    _path, whole = _run(tmp_path)
    assert full["variant"] == "full" and full["final_hash"] == whole["final_hash"]


def test_a_tampered_variant_name_is_one_clear_line(
    short: tuple[Path, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _path, document = short
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(dict(document, variant="long")), encoding="utf-8")
    assert main(["replay", str(path)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: played as lesson variant 'long', which ")
    assert lines[0].endswith("pyongyang_summit.yaml does not declare (it declares: short, full)"), lines
    with pytest.raises(SaveError, match=r"^tampered\.json: played as lesson variant 'long', which .* short, full\)$"):
        read_save(path)
    with pytest.raises(LogError, match="not a lesson variant id"):
        path.write_text(json.dumps(dict(document, variant="../../etc")), encoding="utf-8")
        read_log(path)


def test_annotate_writes_only_what_differs_from_the_defaults(tmp_path: Path) -> None:
    assert annotate({"version": LOG_VERSION}) == {"version": LOG_VERSION}
    assert annotate({"version": LOG_VERSION}, names="fictional") == {"version": LOG_VERSION, "names": "fictional"}
    marked = annotate({"version": LOG_VERSION}, variant="short")
    assert marked == {"version": VARIANT_VERSION, "variant": "short"}
    write_log(tmp_path / "x.json", marked)
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["variant"] == "short"
