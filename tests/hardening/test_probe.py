"""game.files' own checks, each alone: probe refuses every non-regular file; a read re-checks what it opened."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

import game.files as files
from game.files import FileProblem, probe, read_limited


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_probe_refuses_a_fifo_itself(fifo: Path) -> None:
    with pytest.raises(FileProblem, match=r"is a pipe \(FIFO\), not a scenario file"):
        probe(fifo, "scenario file")


def test_probe_refuses_a_folder_a_device_and_a_socket(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        cases = {tmp_path: "is a folder", Path("/dev/null"): "is a device", sock_path: "is a socket"}
        for path, words in cases.items():
            with pytest.raises(FileProblem, match=words):
                probe(path, "Parley log")


def test_probe_passes_a_regular_file_through_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("id: x\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert probe(link).st_size == len("id: x\n")


def test_a_read_rechecks_the_file_it_opened(fifo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A path swapped for a FIFO between the probe and the open: the read refuses it at once, without waiting."""
    regular = tmp_path / "regular.yaml"
    regular.write_text("id: x\n")
    monkeypatch.setattr(files, "probe", lambda path, what="file": os.stat(regular))
    with pytest.raises(FileProblem, match="is not a regular file"):
        read_limited(fifo, 1024, "scenario file")
