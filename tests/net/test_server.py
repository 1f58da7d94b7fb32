"""The host in-process (Starlette's TestClient): joining, deciding, and every fault case on the wire."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from game.net.room import Room
from game.net.server import MAX_MESSAGE, MAX_OVER_LIMIT
from tests.net.conftest import PIN, Socket, connect

pytestmark = pytest.mark.timeout(30)


def test_the_page_is_served_under_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/app.js"' in page.text and "<script>" not in page.text and "http" not in page.text
    assert client.get("/app.js").headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in client.get("/app.js").text
    assert client.get("/nothing").status_code == 404


def test_a_bad_origin_is_refused(client: TestClient) -> None:
    for headers in ({"origin": "http://evil.example"}, {}, {"origin": "http://testserver.evil"}):
        with pytest.raises(WebSocketDisconnect) as refused, connect(client, headers) as ws:
            ws.receive_text()
        assert refused.value.code == 1008


def test_claim_then_state_and_a_wrong_code(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        ws.send(type="claim", code="WRONG1")
        refused = ws.until("refused")
        assert refused["code"] == "bad_code" and "claim code is not right" in refused["message"]
        welcome, state = ws.claim(room.seats["upland"].code)
        assert welcome["seat"] == "upland" and len(welcome["token"]) >= 40
        assert state["seat"] == "upland" and state["board"]["me"]["id"] == "upland"
        assert state["version"] == room.versions["upland"]


def test_wrong_tries_lock_the_device_out(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        codes = []
        for _ in range(6):
            ws.send(type="join", token="not-a-token")
            codes.append(ws.until("refused")["code"])
        assert codes == ["bad_token"] * 4 + ["locked", "locked"]
        ws.send(type="claim", code=room.seats["upland"].code)
        assert ws.until("refused")["code"] == "locked"


def test_reconnect_with_the_token_gets_the_full_state(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        welcome, first = Socket(raw).claim(room.seats["lowland"].code)
        wells = {"kind": "move", "move": "dig_wells"}
        Socket(raw).send(type="decide", id="a", version=first["version"], decision=wells)
        assert Socket(raw).until("ack")["code"] == "accepted"
    with connect(client) as raw:
        ws = Socket(raw)
        ws.send(type="join", token=welcome["token"])
        assert ws.until("welcome")["seat"] == "lowland"
        state = ws.until("state")
        assert state["board"]["orders"] == ["Dig wells"] and state["version"] == room.versions["lowland"]


def test_the_newest_tab_wins_and_the_older_is_told_why(client: TestClient, room: Room) -> None:
    with connect(client) as old_raw:
        old = Socket(old_raw)
        welcome, _ = old.claim(room.seats["upland"].code)
        with connect(client) as new_raw:
            new = Socket(new_raw)
            new.send(type="join", token=welcome["token"])
            assert new.until("welcome")["seat"] == "upland"
            replaced = old.until("replaced")
            assert "another tab" in replaced["message"]
            with pytest.raises(WebSocketDisconnect) as closed:
                old.recv()
            assert closed.value.code == 4001
            assert room.statuses()["upland"] == "deciding"


def test_duplicate_and_stale_decisions(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        _, state = ws.claim(room.seats["upland"].code)
        decision = {"kind": "move", "move": "open_talks"}
        ws.send(type="decide", id="d1", version=state["version"], decision=decision)
        assert ws.until("ack")["code"] == "accepted"
        ws.send(type="decide", id="d1", version=state["version"], decision=decision)  # a replay
        assert ws.until("ack")["code"] == "duplicate"
        assert len(room.game.decisions) == 1
        ws.send(type="decide", id="d2", version=state["version"], decision={"kind": "move", "move": "pass"})
        stale = ws.until("refused")
        assert stale["code"] == "stale"
        fresh = ws.until("state")
        assert fresh["version"] == room.versions["upland"] > state["version"]
        assert len(room.game.decisions) == 1


def test_a_spectator_gets_the_public_board_and_cannot_decide(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        ws.send(type="watch")
        assert ws.until("welcome")["seat"] is None
        state = ws.until("state")
        assert "me" not in state["board"] and "moves" not in state["board"]
        assert all(not v["private"] for v in state["board"]["variables"])
        ws.send(type="decide", id="x", version=state["version"], decision={"kind": "move", "move": "pass"})
        assert ws.until("refused")["code"] == "spectator"


def test_updates_reach_every_seat(client: TestClient, room: Room) -> None:
    with connect(client) as up_raw, connect(client) as low_raw:
        up, low = Socket(up_raw), Socket(low_raw)
        _, up_state = up.claim(room.seats["upland"].code)
        _, low_state = low.claim(room.seats["lowland"].code)
        up.send(type="decide", id="u", version=up_state["version"],
                decision={"kind": "move", "move": "sell_water", "target": "lowland"})  # fmt: skip
        low.send(type="decide", id="l", version=low_state["version"], decision={"kind": "move", "move": "pass"})
        assert low.until("ack")["code"] == "accepted"
        state = low.state_where(lambda board: bool(board["offers"]))
        offer = state["board"]["offers"][0]
        low.send(type="decide", id="l2", version=state["version"],
                 decision={"kind": "answer", "proposal": offer["id"], "accept": True})  # fmt: skip
        assert low.until("ack")["code"] == "accepted"
        state = up.state_where(lambda board: board["turn"] == 2)
        assert any("sell" in f["text"].lower() for f in state["board"]["fate"])


def test_an_oversized_message_closes_the_connection(client: TestClient) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        raw.send_text(json.dumps({"type": "ping", "pad": "x" * MAX_MESSAGE}))
        assert ws.until("refused")["code"] == "too_big"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.recv()
        assert closed.value.code == 1009


def test_the_rate_limit(client: TestClient) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        for _ in range(40):
            ws.send(type="ping", t=1)
        replies = [ws.recv() for _ in range(40)]
        assert sum(r["type"] == "pong" for r in replies) <= 31
        assert any(r["type"] == "refused" and r["code"] == "rate" for r in replies)
        with pytest.raises(WebSocketDisconnect) as closed:
            for _ in range(MAX_OVER_LIMIT + 5):
                ws.send(type="ping", t=1)
            for _ in range(200):
                ws.recv()
        assert closed.value.code == 1008


def test_garbage_gets_a_clear_refusal(client: TestClient) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        raw.send_text("not json")
        assert ws.until("refused")["code"] == "bad_message"
        raw.send_bytes(b"\x00\x01")
        assert ws.until("refused")["code"] == "bad_message"
        ws.send(type="decide", id="x", version=1, decision={})
        assert ws.until("refused")["code"] == "not_joined"
        ws.send(type="fly")
        assert ws.until("refused")["code"] == "not_joined"


def test_facilitator_actions_need_the_pin(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        ws = Socket(raw)
        ws.send(type="facilitate", pin="0000", action="seats")
        assert ws.until("refused")["code"] == "bad_pin"
        ws.send(type="facilitate", pin="0000", action="bot", actor="upland")
        assert ws.until("refused")["code"] == "bad_pin"
        assert room.seats["upland"].bot is None
        ws.send(type="facilitate", pin=PIN, action="seats")
        seats = ws.until("seats")["seats"]
        assert {s["actor"]: s["code"] for s in seats} == {a: s.code for a, s in room.seats.items()}
        ws.send(type="facilitate", pin=PIN, action="bot", actor="upland")
        for _ in range(5):  # the broadcaster may send the seats again first
            if any(s["status"] == "bot" for s in ws.until("seats")["seats"]):
                break
        else:
            raise AssertionError("the seat never showed as a bot")
        assert room.seats["upland"].bot == "heuristic"


def test_a_late_joiner_gets_the_current_state(client: TestClient, room: Room) -> None:
    room.decide("upland", {"kind": "move", "move": "pass"}, "u", room.versions["upland"])
    room.decide("lowland", {"kind": "move", "move": "pass"}, "l", room.versions["lowland"])
    assert room.game.turn == 2
    with connect(client) as raw:
        ws = Socket(raw)
        ws.send(type="watch")
        state = ws.until("state")
        assert state["board"]["turn"] == 2 and state["version"] == room.versions[None]
    with connect(client) as raw:
        _, state = Socket(raw).claim(room.seats["lowland"].code)
        assert state["board"]["turn"] == 2 and state["version"] == room.versions["lowland"]
        assert state["board"]["awaiting"] and state["board"]["moves"]
