"""A real process killed in the middle of saving, many times: the previous save always stays loadable."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli.main import main
from game.logfile import read_log
from game.ui.saves import read_save
from tests.conftest import ROOT, TUTORIAL

WRITER = """
import json, sys
from game.logfile import write_log
document = json.loads(open(sys.argv[1], encoding="utf-8").read())
padding = "x" * 200_000  # a large save, so that a kill often lands in the middle of a write
n = 0
while True:
    n += 1
    document["note"] = str(n) + padding
    write_log(sys.argv[2], document, keep_previous=True)
    if n == 1:
        print("ready", flush=True)
"""


def _kill_while_saving(tmp_path: Path, rounds: int) -> int:
    source = tmp_path / "source.json"
    assert main(["run", str(TUTORIAL), "--seed", "5", "--quiet", "--log", str(source)]) == 0
    document = json.loads(source.read_text(encoding="utf-8"))
    document["scenario"]["file"] = str(TUTORIAL)
    source.write_text(json.dumps(document), encoding="utf-8")
    save = tmp_path / "saves" / "autosave.json"
    save.parent.mkdir()
    rng = random.Random(11)
    notes = []
    for _ in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(source), str(save)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        log = read_log(save)  # never half a file: the old one or the new one
        notes.append(str(log.document["note"])[:12])
    assert read_save(save).game.state_hash() == document["final_hash"]
    assert not [p for p in save.parent.glob("*.json") if p.name != "autosave.json"]
    return len(set(notes))


def test_a_killed_save_leaves_a_loadable_file(tmp_path: Path) -> None:
    assert _kill_while_saving(tmp_path, rounds=3) >= 1


@pytest.mark.slow
def test_a_killed_save_leaves_a_loadable_file_many_times(tmp_path: Path) -> None:
    assert _kill_while_saving(tmp_path, rounds=100) > 10
