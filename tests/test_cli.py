"""Every mistake a user can make at the command line: one line, a non-zero exit code, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("usage:")]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def good_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    log = tmp_path_factory.mktemp("logs") / "game.json"
    result = parley("run", "scenarios/tutorial.yaml", "--seed", "2", "--log", str(log), "--quiet")
    assert result.returncode == 0, result.stderr
    return log


def test_run_prints_a_readable_game() -> None:
    result = parley("run", "scenarios/tutorial.yaml", "--seed", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "=== Turn 1 · Spring ===" in out and "=== Result:" in out
    assert "News:" in out and "Upkeep:" in out and "Scores:" in out
    assert "why:" in out, "heuristic bots explain their choices"


def test_validate_shipped_scenarios() -> None:
    result = parley("validate", *sorted(str(p) for p in (ROOT / "scenarios").glob("*.yaml")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok") >= 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("run", "no/such/file.yaml"), ("no/such/file.yaml", "no such file")),
        (("run", "scenarios"), ("scenarios",)),
        (("validate", "no/such.yaml"), ("no/such.yaml",)),
        (("run", "scenarios/tutorial.yaml", "--players", "upland=genius"), ("unknown bot kind 'genius'",)),
        (("run", "scenarios/tutorial.yaml", "--players", "uplnd=random"), ("unknown actor 'uplnd'", "upland")),
        (("run", "scenarios/tutorial.yaml", "--players", "upland"), ("unknown bot kind 'upland'",)),
        (("run", "scenarios/tutorial.yaml", "--seed", "x"), ("invalid seed value",)),
        (("replay", "no/such/log.json"), ("no such file",)),
        (("frobnicate",), ("invalid choice",)),
    ],
)
def test_user_mistakes(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    assert_one_line_error(parley(*args), *words)


def test_bad_yaml_is_one_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nmeta: [unclosed\n", encoding="utf-8")
    result = parley("run", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:")


def test_replay_accepts_its_own_log(good_log: Path) -> None:
    result = parley("replay", str(good_log))
    assert result.returncode == 0, result.stderr


def test_truncated_log(good_log: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(good_log.read_bytes()[: good_log.stat().st_size // 2])
    assert_one_line_error(parley("replay", str(truncated)), "not a Parley log")


def test_foreign_log(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"hello": "world"}))
    assert_one_line_error(parley("replay", str(foreign)), "not a Parley log")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert_one_line_error(parley("replay", str(binary)), "not a Parley log")


def test_tampered_log_diverges(good_log: Path, tmp_path: Path) -> None:
    data = json.loads(good_log.read_text())
    data["final_hash"] = "0" * 64
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data))
    assert_one_line_error(parley("replay", str(tampered)), "diverged")
    data = json.loads(good_log.read_text())
    data["decisions"] = data["decisions"][:3]
    short = tmp_path / "short.json"
    short.write_text(json.dumps(data))
    assert_one_line_error(parley("replay", str(short)), "diverged")
    data = json.loads(good_log.read_text())
    data["decisions"][0]["move"] = "teleport"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(data))
    assert_one_line_error(parley("replay", str(wrong)), "diverged", "decision 1")
