"""The host as a real server on 127.0.0.1: uvicorn on a thread, and `parley host --headless` killed and resumed."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from game.engine import CompiledScenario
from game.net.room import Room
from game.net.server import ServerThread, create_app
from tests.conftest import ROOT
from tests.net.realhost import journal_lines, send, start_host, state_where, until

pytestmark = pytest.mark.timeout(90)


def test_uvicorn_on_a_thread_serves_two_seats(tutorial: CompiledScenario) -> None:
    room = Room.new(tutorial, 1, {}, None)
    app = create_app(room, set())
    server = ServerThread(app, "127.0.0.1", 0)
    server.start()
    try:
        host = f"127.0.0.1:{server.port}"
        app.state.hub.allowed_hosts.add(host)
        url, origin = f"ws://{host}/ws", f"http://{host}"
        with pytest.raises(InvalidStatus) as refused:
            connect(url, origin="http://evil.example")  # type: ignore[arg-type]
        assert refused.value.response.status_code == 403
        with connect(url, origin=origin) as up, connect(url, origin=origin) as low:  # type: ignore[arg-type]
            send(up, type="claim", code=room.seats["upland"].code)
            send(low, type="claim", code=room.seats["lowland"].code)
            up_state, low_state = until(up, "state"), until(low, "state")
            send(up, type="decide", id="u1", version=up_state["version"], decision={"kind": "move", "move": "pass"})
            send(low, type="decide", id="l1", version=low_state["version"], decision={"kind": "move", "move": "pass"})
            assert until(up, "ack")["code"] == "accepted"
            state_where(low, lambda board: board["turn"] == 2)
        with urllib.request.urlopen(f"http://{host}/", timeout=5) as page:
            assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    finally:
        server.stop()
        room.close()
    assert not server.thread.is_alive()


def test_the_host_resumes_after_being_killed(tmp_path: Path) -> None:
    journal = tmp_path / "room.jsonl"
    host = start_host("scenarios/tutorial.yaml", "--journal", str(journal), "--seed", "4")
    try:
        assert set(host.codes) == {"Upland", "Lowland"}
        with host.socket() as up, host.socket() as low:
            send(up, type="claim", code=host.codes["Upland"])
            send(low, type="claim", code=host.codes["Lowland"])
            up_token, low_token = until(up, "welcome")["token"], until(low, "welcome")["token"]
            up_state = until(up, "state")
            send(up, type="decide", id="u1", version=up_state["version"],
                 decision={"kind": "move", "move": "sell_water", "target": "lowland"})  # fmt: skip
            assert until(up, "ack")["code"] == "accepted"
        host.process.send_signal(signal.SIGKILL)  # a crash: no clean shutdown
        host.process.wait(10)
    finally:
        host.stop()
    assert journal_lines(journal)[-1]["id"] == "u1"  # journaled (fsync) before it was answered

    again = start_host("scenarios/tutorial.yaml", "--resume", str(journal))
    try:
        with again.socket() as up, again.socket() as low:
            send(up, type="join", token=up_token)
            send(low, type="join", token=low_token)
            assert until(up, "welcome")["seat"] == "upland" and until(low, "welcome")["seat"] == "lowland"
            state = until(up, "state")
            assert state["board"]["orders"] == ["Offer to sell water » Lowland"]
            send(up, type="decide", id="u1", version=state["version"],
                 decision={"kind": "move", "move": "sell_water", "target": "lowland"})  # fmt: skip
            assert until(up, "ack")["code"] == "duplicate"  # the replayed decision is ignored after the restart
            low_state = until(low, "state")
            send(low, type="decide", id="l1", version=low_state["version"], decision={"kind": "move", "move": "pass"})
            assert until(low, "ack")["code"] == "accepted"
            assert state_where(low, lambda board: bool(board["offers"]))["board"]["offers"][0]["from"] == "Upland"
    finally:
        again.stop()
    assert any("stopped; resume with" in line for line in again.lines)  # SIGTERM: a clean stop
    assert json.dumps(journal_lines(journal)).count('"l1"') == 1


def test_a_busy_port_is_one_line_and_leaves_no_journal(tmp_path: Path) -> None:
    journal = tmp_path / "room.jsonl"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        command = [sys.executable, "-m", "game", "host", "scenarios/tutorial.yaml", "--headless", "--bind",
                   "127.0.0.1", "--port", str(port), "--journal", str(journal)]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
    assert not journal.exists()
