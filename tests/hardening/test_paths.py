"""Every command that takes a path, given missing, special, hostile or over-long paths: one line, exit != 0."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.cli.main import main
from tests.conftest import TUTORIAL


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Paths of every awkward kind, made once."""
    folder = tmp_path_factory.mktemp("special")
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    loop = folder / "loop.yaml"
    loop.symlink_to(loop)
    dangling = folder / "dangling.yaml"
    dangling.symlink_to(folder / "gone.yaml")
    sparse = folder / "sparse.yaml"
    with sparse.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # 3 GB of holes: nothing may read it
    binary = folder / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 100)
    return {
        "missing": str(folder / "missing.yaml"),
        "folder": str(folder),
        "fifo": str(fifo),
        "dev-zero": "/dev/zero",
        "loop": str(loop),
        "dangling": str(dangling),
        "sparse": str(sparse),
        "binary": str(binary),
        "long-name": str(folder / ("x" * 300 + ".yaml")),
        "long-path": "/" + "/".join(["d" * 200] * 30) + "/s.yaml",
        "control": str(folder / "\x1b[31mred\x07.yaml"),
        "empty": "",
    }


COMMANDS = [
    ("validate", "{}"),
    ("run", "{}"),
    ("replay", "{}"),
    ("batch", "{} -n 2 --jobs 1 --quiet"),
    ("analyze", "{} -n 2 --jobs 1 --quiet"),
    ("graph", "{}"),
    ("test", "{}"),
    ("replay", "LOG --scenario {}"),
    ("test", f"{TUTORIAL} {{}}"),
]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str], str]:
    code = main(argv)
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    return code, lines, captured.out


@pytest.mark.parametrize(("command", "pattern"), COMMANDS, ids=[f"{c}:{p}" for c, p in COMMANDS])
@pytest.mark.parametrize(
    "kind", ["missing", "folder", "fifo", "dev-zero", "loop", "dangling", "sparse", "binary", "long-name",
             "long-path", "control", "empty"],
)  # fmt: skip
def test_every_command_refuses_a_bad_path_in_one_line(
    capsys: pytest.CaptureFixture[str], special: dict[str, str], tmp_path: Path, command: str, pattern: str, kind: str
) -> None:
    log = tmp_path / "log.json"
    if "LOG" in pattern:
        assert main(["run", str(TUTORIAL), "--quiet", "--log", str(log)]) == 0
        capsys.readouterr()
    argv = [command, *pattern.replace("LOG", str(log)).format(special[kind]).split(" ")]
    if kind == "empty":
        argv = [a if a else "" for a in argv]
    start = time.perf_counter()
    code, lines, out = _run(capsys, argv)
    assert time.perf_counter() - start < 2, "a bad path must be refused at once"
    assert code != 0
    problems = [line for line in lines if "error" in line or ":" in line]
    assert problems, lines
    joined = "\n".join(lines + out.splitlines())
    assert "internal error" not in joined and "Traceback" not in joined
    assert "\x1b" not in joined and "\x07" not in joined
    if command in ("run", "replay", "batch", "analyze", "graph"):
        assert len(lines) == 1, lines


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["run", str(TUTORIAL), "--log", "/proc/version/x.json", "--quiet"], "cannot write"),
        (["run", str(TUTORIAL), "--log", "/no/such/folder/x.json", "--quiet"], "does not exist"),
        (["run", str(TUTORIAL), "--seed", "9" * 5000], "invalid seed value"),
        (["run", str(TUTORIAL), "--seed", str(2**63)], "invalid seed value"),
        (["batch", str(TUTORIAL), "-n", "3", "--jobs", "10000"], "at most 256"),
        (["batch", str(TUTORIAL), "-n", "x"], "invalid int value"),
        (["batch", str(TUTORIAL), "--frobnicate"], "unrecognized arguments"),
        (["schema", "-o", "/proc/version/schema.json"], "cannot write"),
        (["graph", str(TUTORIAL), "-o", "/no/such/folder/g.md"], "does not exist"),
    ],
)
def test_careless_options_give_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    code, lines, _ = _run(capsys, argv)
    assert code != 0
    assert len(lines) == 1 and words in lines[0], lines
    assert "internal error" not in lines[0]


def test_three_games_never_start_more_than_three_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from game.cli.batch import resolve_run_options
    from tests.conftest import compiled

    args = argparse.Namespace(games=3, jobs=200, executor="process", players="random")
    _, jobs = resolve_run_options(args, compiled(TUTORIAL), default="random")
    assert jobs == 3


def test_an_unreachable_scheduler_is_named(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from game.batch import executors

    def client(address: str | None = None, **_: object) -> None:
        raise OSError(f"Timed out trying to connect to {address} after 30 s")

    fake = types.SimpleNamespace(Client=client)
    monkeypatch.setattr(executors, "_optional", lambda module, extra: fake)
    code, lines, _ = _run(capsys, ["batch", str(TUTORIAL), "-n", "2", "--quiet", "--executor", "dask=tcp://127.0.0.1:9999"])
    assert code != 0
    assert len(lines) == 1 and "tcp://127.0.0.1:9999" in lines[0] and "None" not in lines[0], lines


def test_control_characters_from_a_scenario_are_escaped_by_run_and_graph(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.hardening import big

    track = {"id": "t", "name": "T\x1b[2J", "states": ["a", "b"], "initial": "a",
             "transitions": [{"trigger": "up", "source": "a", "dest": "b"}]}  # fmt: skip
    moves = [big.move("m", ["a0"], name="Move\x1b]0;owned\x07", log="{actor} \x1b[31mstrikes\u202e")]
    path = tmp_path / "hostile.yaml"
    path.write_text(big.scenario(2, moves, tracks=[track]), encoding="utf-8")
    for argv in (["run", str(path), "--players", "random"], ["graph", str(path)]):
        assert main(argv) == 0
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, argv
        assert "\\x1b" in text, argv
