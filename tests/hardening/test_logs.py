"""Logs and saves: hostile and damaged files give one clear line, from `parley replay` and the Load screen alike."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from game.cli.main import main
from game.logfile import MAX_NESTING, READ_VERSIONS, VARIANT_VERSION, LogError, read_log, write_log
from game.ui.saves import SaveError, list_saves, read_save
from tests.conftest import TUTORIAL

SECRET = "root-secret-line-that-must-never-be-printed"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real log of a whole tutorial game (also a valid save)."""
    path = tmp_path_factory.mktemp("good") / "game.json"
    assert main(["run", str(TUTORIAL), "--seed", "3", "--quiet", "--log", str(path)]) == 0
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document["scenario"]["file"] = str(TUTORIAL)
    return document


def _variants(good: dict[str, Any], folder: Path) -> dict[str, tuple[str, str]]:
    """name -> (file text, words the one-line message must contain)."""
    text = json.dumps(good)
    system = folder / "system.yaml"
    system.write_text(f"{SECRET}\n", encoding="utf-8")  # not a scenario: its diagnostic would quote it
    hostile = folder / "hostile.yaml"
    hostile.write_text("a: &a [1, 2]\nb: [*a, *a]\n", encoding="utf-8")
    other = json.loads(text)
    other["scenario"] = {"id": "pyongyang_summit", "file": str(TUTORIAL)}
    illegal = json.loads(text)
    illegal["decisions"][0]["move"] = "launch_everything"

    def edited(**fields: Any) -> str:
        document = json.loads(text)
        document.update(fields)
        return json.dumps(document)

    def scenario_file(path: str) -> str:
        document = json.loads(text)
        document["scenario"]["file"] = path
        return json.dumps(document)
    return {
        "truncated": (text[: len(text) // 2], "damaged"),
        "nested": ("[" * 100_000 + "]" * 100_000, f"nested more than {MAX_NESTING}"),
        "surrogate": (text.replace('"format"', '"\\ud800": 1, "format"', 1), "lone surrogate"),
        "huge-seed": (text.replace(f'"seed": {good["seed"]}', '"seed": ' + "7" * 5000, 1), "more than 30 digits"),
        "nan": (text.replace(f'"seed": {good["seed"]}', '"seed": NaN', 1), "NaN is not a number"),
        "big-seed": (edited(seed=2**64), "seed is outside"),
        "newer": (edited(version=max(READ_VERSIONS) + 1), "newer Parley"),
        "unknown-variant": (edited(variant="long", version=VARIANT_VERSION), "lesson variant 'long', which"),
        "variant-not-an-id": (edited(variant="Short; rm -rf", version=VARIANT_VERSION), "not a lesson variant id"),
        "variant-not-text": (edited(variant=["short"], version=VARIANT_VERSION), "not a lesson variant id"),
        "older": (edited(version=0), "not supported"),
        "foreign": (json.dumps({"format": "something"}), "not a Parley"),
        "list": ("[1, 2, 3]", "not a Parley"),
        "illegal": (json.dumps(illegal), "launch_everything"),
        "another-scenario": (json.dumps(other), "pyongyang_summit"),
        "system-file": (scenario_file("/etc/passwd"), "not a .yaml file"),
        "not-a-scenario": (scenario_file(str(system)), "not a valid scenario"),
        "hostile-scenario": (scenario_file(str(hostile)), "not a valid scenario"),
        "reason": (json.dumps(dict(good, decisions=[dict(d, reason={"x": 1}) for d in good["decisions"]])), "reason"),
    }


def _one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert code != 0 and len(lines) == 1, lines
    assert "internal error" not in lines[0]
    return lines[0]


def test_replay_and_load_refuse_every_bad_log_in_one_line(
    good: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _variants(good, tmp_path)
    for name, (text, words) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        before = path.read_bytes()
        start = time.process_time()
        line = _one_line(capsys, ["replay", str(path)])
        assert words in line and path.name in line, (name, line)
        assert SECRET[:16] not in line
        with pytest.raises(SaveError) as caught:
            read_save(path)
        message = str(caught.value)
        assert "\n" not in message and SECRET[:16] not in message
        assert words in message.replace("Parley save", "Parley log"), (name, message)
        assert time.process_time() - start < 1, name
        assert path.read_bytes() == before, "reading a save never changes it"


def test_a_good_log_replays_and_a_good_save_loads(good: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    write_log(path, good)
    assert main(["replay", str(path)]) == 0
    assert read_save(path).game.state_hash() == good["final_hash"]


def test_a_dangling_link_in_the_save_folder_is_listed_and_explained(good: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    write_log(folder / "kept.json", good)
    (folder / "broken.json").symlink_to(folder / "gone.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    saves = {s.label: s for s in list_saves(folder)}
    assert set(saves) == {"kept", "broken", "loop"}
    with pytest.raises(SaveError, match="symbolic link to a file that does not exist"):
        read_save(saves["broken"].path)
    with pytest.raises(SaveError, match="too many levels of symbolic links"):
        read_save(saves["loop"].path)
    assert read_save(saves["kept"].path).game.state_hash() == good["final_hash"]


def test_write_log_keeps_the_previous_file_beside_it(good: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "autosave.json"
    write_log(path, good)
    first = path.read_bytes()
    changed = dict(good, seed=good["seed"] + 1)
    write_log(path, changed, keep_previous=True)
    assert (tmp_path / "autosave.json.bak").read_bytes() == first
    assert read_log(path).seed == good["seed"] + 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_unwritable_save_folder_is_one_line(good: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(LogError, match="does not exist"):
        write_log(tmp_path / "no" / "such" / "x.json", good)
    with pytest.raises(LogError, match="is a folder"):
        write_log(tmp_path, good)
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(LogError, match="permission denied"):
            write_log(locked / "x.json", good)
