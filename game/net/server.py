"""The host's web side: the page and its assets, and one WebSocket per browser tab.

Messages are JSON objects with a ``type``. A browser first says who it is (``claim`` with a
code, ``join`` with its seat token, or ``watch``), or asks the teacher to let it join
(``lobby`` lists the seats, ``request`` asks for one or names the team), then sends ``decide``,
``sync``, ``ping`` and, with the PIN, ``facilitate`` (seats and players, requests, the timer, the
phase, and steering the game: ``inject``, ``set_variable``, ``set_track``, ``undo``, ``end_game``).
The host sends ``welcome``, ``state`` (built only by :meth:`game.net.room.Room.message`), ``ack``,
``refused``, ``replaced``, ``lobby``, ``asked``, ``timer``, ``seats`` (to the facilitator: the seats
and what steering offers), ``done`` (a steering action done) and ``pong``.

Every upgrade's Origin and Host are checked, every message is bounded in size and each
connection is rate-limited. Room calls run off the event loop (``asyncio.to_thread``); one
broadcaster task sends each viewer its newest state, never an older one after a newer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.net import guard
from game.net.room import Refused, Room
from game.net.views import PUBLIC

MAX_MESSAGE = 4096
"""Longest message (bytes) a browser may send; longer ones close the connection (1009)."""
WS_MAX_SIZE = 16 * 1024
"""The WebSocket layer's own frame limit (uvicorn), a second line of defence."""
RATE = 10.0
BURST = 30.0
MAX_OVER_LIMIT = 40
"""Messages over the rate limit a connection may send before it is closed (1008)."""
CLOSE_REPLACED = 4001
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
STEERING = ("inject", "set_variable", "set_track", "undo")
"""The facilitator's actions on the game itself (besides ``end_game``), done by :meth:`Hub._steer`."""

STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
}


def security_headers(host: str) -> dict[str, str]:
    """A strict Content-Security-Policy: nothing inline, nothing from outside the host."""
    csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
    }


@dataclass(eq=False)
class Connection:
    """One browser tab's WebSocket."""

    ws: WebSocket
    who: str
    """The client's address: wrong tries lock it out."""
    viewer: str | None = None
    joined: bool = False
    request: str = ""
    """The id of this tab's request to join, while the teacher has not answered it."""
    facilitator_pin: str = ""
    sent: int = 0
    """The version of the last state sent (never send an older one)."""
    rate: guard.RateLimit = field(default_factory=lambda: guard.RateLimit(RATE, BURST))
    over_limit: int = 0
    closed: bool = False

    async def send(self, message: dict[str, Any]) -> None:
        """Send a non-state message (welcome, ack, refused, ...)."""
        await self.send_text(json.dumps(message, separators=(",", ":"), ensure_ascii=False))

    async def send_text(self, text: str) -> None:
        """Send text, ignoring a socket that has just gone."""
        if self.closed:
            return
        try:
            await self.ws.send_text(text)
        except Exception:  # the peer went away mid-send: its handler cleans up
            self.closed = True

    async def close(self, code: int, reason: str = "") -> None:
        """Close the socket (once)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            if self.ws.application_state != WebSocketState.DISCONNECTED:
                await self.ws.close(code, reason)


class Hub:
    """Every open connection of a room, and the broadcaster that keeps them up to date."""

    def __init__(self, room: Room, allowed_hosts: set[str]) -> None:
        self.room = room
        self.allowed_hosts = allowed_hosts
        self.viewers: dict[str | None, set[Connection]] = {}
        self.seat_conn: dict[str, Connection] = {}
        self.facilitators: set[Connection] = set()
        self.asking: dict[str, Connection] = {}
        """Tabs waiting for the teacher's answer to their request, by request id."""
        self.timer_sent = room.timer_serial
        self.dirty = asyncio.Event()
        self.errors = 0
        """Unexpected errors in handlers (a bug); the load benchmark expects 0."""

    # --- the broadcaster ----------------------------------------------------------------------------

    async def broadcast_forever(self) -> None:
        """Whenever something changed, send each viewer its newest state."""
        while True:
            await self.dirty.wait()
            self.dirty.clear()
            await self.push_all()

    def wake_from_any_thread(self, loop: asyncio.AbstractEventLoop) -> None:
        """Let the room wake the broadcaster after a change made outside the server (the projector's console)."""

        def notify() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the server is stopping
                loop.call_soon_threadsafe(self.dirty.set)

        self.room.notify = notify

    async def push_all(self) -> None:
        """Send every connection whose state is older than its viewer's newest."""
        await self._answer_requests()
        sends = []
        for viewer, conns in list(self.viewers.items()):
            version, text = self.room.message(viewer)
            for conn in list(conns):
                if conn.sent < version:
                    conn.sent = version
                    sends.append(conn.send_text(text))
        if self.room.timer_serial != self.timer_sent:
            self.timer_sent = self.room.timer_serial
            left, paused = self.room.timer()
            timer = {"type": "timer", "timer": left, "paused": paused}
            sends.extend(conn.send(timer) for conns in self.viewers.values() for conn in list(conns))
        if self.facilitators:
            seats = await asyncio.to_thread(self._facilitator_message)
            sends.extend(conn.send(seats) for conn in list(self.facilitators))
        if sends:
            await asyncio.gather(*sends)

    def _facilitator_message(self) -> dict[str, Any]:
        left, paused = self.room.timer()
        return {"type": "seats", "seats": self.room.facilitator_seats(), "requests": self.room.pending_requests(),
                "timer": left, "paused": paused, "steer": self.room.steering_panel()}  # fmt: skip

    async def _answer_requests(self) -> None:
        """Hand the teacher's answers to the tabs that asked: a seat token, or a clear refusal."""
        for request_id, conn in list(self.asking.items()):
            answer = await asyncio.to_thread(self.room.take_answer, request_id)
            if answer is None:
                continue
            del self.asking[request_id]
            conn.request = ""
            if conn.closed:
                continue
            if answer.approved and answer.actor is not None:
                await self._seat(conn, answer.actor, answer.token)
            else:
                await conn.send({"type": "refused", "code": "request_refused", "message": answer.message})

    async def tick_forever(self) -> None:
        """Once a second: the phase timer."""
        while True:
            await asyncio.sleep(1.0)
            if await asyncio.to_thread(self.room.tick):
                self.dirty.set()

    # --- one connection -------------------------------------------------------------------------------

    def origin_ok(self, ws: WebSocket) -> bool:
        """True when the upgrade comes from the host's own page (Origin and Host both ours)."""
        host = ws.headers.get("host", "")
        origin = ws.headers.get("origin", "")
        return host in self.allowed_hosts and origin in {f"http://{h}" for h in self.allowed_hosts}

    async def serve(self, ws: WebSocket) -> None:
        """Handle one WebSocket from upgrade to close."""
        if not self.origin_ok(ws):
            await ws.close(CLOSE_POLICY)  # before accept: the upgrade is refused with 403
            return
        await ws.accept()
        conn = Connection(ws, ws.client.host if ws.client else "?")
        try:
            await self._loop(conn)
        except WebSocketDisconnect:
            pass
        except Exception:
            self.errors += 1
            raise
        finally:
            # Shielded: the connection's task may be being cancelled (a test client leaving, the server
            # stopping), and an unshielded await here would end the clean-up half done, leaving the
            # tab's request waiting for a device that is gone.
            with anyio.CancelScope(shield=True):
                await self._drop(conn)

    async def _loop(self, conn: Connection) -> None:
        while True:
            message = await conn.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                data = message.get("bytes") or b""
                if len(data) > MAX_MESSAGE:
                    await conn.send({"type": "refused", "code": "too_big", "message": "message too large"})
                    await conn.close(CLOSE_TOO_BIG, "message too large")
                    return
                await conn.send({"type": "refused", "code": "bad_message", "message": "send text messages"})
                continue
            if len(text.encode("utf-8")) > MAX_MESSAGE:
                await conn.send({"type": "refused", "code": "too_big", "message": "message too large"})
                await conn.close(CLOSE_TOO_BIG, "message too large")
                return
            if not conn.rate.allow(time.monotonic()):
                conn.over_limit += 1
                if conn.over_limit > MAX_OVER_LIMIT:
                    await conn.close(CLOSE_POLICY, "too many messages")
                    return
                await conn.send({"type": "refused", "code": "rate", "message": "too many messages: slow down"})
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("type"), str):
                await conn.send({"type": "refused", "code": "bad_message", "message": "not a Parley message"})
                continue
            await self._handle(conn, data)

    async def _handle(self, conn: Connection, data: dict[str, Any]) -> None:
        kind = data["type"]
        try:
            if kind == "ping":
                await conn.send({"type": "pong", "t": data.get("t") if isinstance(data.get("t"), int | float) else 0})
            elif kind in ("claim", "join", "watch"):
                await self._join(conn, kind, data)
            elif kind == "lobby":
                await conn.send({"type": "lobby", "seats": await asyncio.to_thread(self._lobby)})
            elif kind == "request":
                await self._request(conn, data)
            elif kind == "facilitate":
                await self._facilitate(conn, data)
            elif not conn.joined:
                await conn.send({"type": "refused", "code": "not_joined", "message": "claim a seat or watch first"})
            elif kind == "sync":
                await self._send_state(conn, force=True)
            elif kind == "decide":
                await self._decide(conn, data)
            else:
                await conn.send({"type": "refused", "code": "bad_message", "message": f"unknown message {kind!r}"})
        except Refused as exc:
            await conn.send({"type": "refused", "code": exc.code, "message": str(exc)})

    async def _join(self, conn: Connection, kind: str, data: dict[str, Any]) -> None:
        if conn.joined:
            raise Refused("this connection has already joined", "already_joined")
        token = ""
        if kind == "watch":
            viewer: str | None = PUBLIC
        elif kind == "claim":
            viewer, token = await asyncio.to_thread(self.room.claim, str(data.get("code", ""))[:32], conn.who)
        else:
            viewer = await asyncio.to_thread(self.room.rejoin, str(data.get("token", ""))[:128], conn.who)
        await self._seat(conn, viewer, token)

    def _lobby(self) -> list[dict[str, Any]]:
        """The seats a team may ask for, with their public status (the projector shows the same)."""
        statuses = self.room.statuses()
        names = self.room.compiled.actor_names
        return [{"id": a, "name": names[a], "status": statuses[a]} for a in self.room.seats if self.room.playable(a)]

    async def _request(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.joined:
            raise Refused("this connection has already joined", "already_joined")
        if conn.request:
            raise Refused("this device has already asked: wait for the teacher's answer", "already_asked")
        actor = data.get("seat")
        actor = actor[:64] if isinstance(actor, str) and actor else None
        name = str(data.get("name") or "")[:64]
        request = await asyncio.to_thread(self.room.ask, actor, name, conn.who)
        conn.request = request.id
        self.asking[request.id] = conn
        seat = self.room.compiled.actor_names[actor] if actor else "a seat"
        await conn.send({"type": "asked", "id": request.id, "number": request.number,
                         "message": f"Asked the teacher to let you join {seat} (request {request.number}). "
                                    "Wait here for the answer."})  # fmt: skip
        self.dirty.set()

    async def _seat(self, conn: Connection, viewer: str | None, token: str) -> None:
        """``conn`` now watches or plays ``viewer``'s seat; a tab that played it before is told and closed."""
        conn.viewer, conn.joined = viewer, True
        if viewer is not None:
            old = self.seat_conn.get(viewer)
            if old is not None and old is not conn:
                self.viewers.get(viewer, set()).discard(old)
                await old.send({"type": "replaced", "message": "This seat was opened in another tab or on another "
                                "device, which now plays it. This one has stopped."})  # fmt: skip
                await old.close(CLOSE_REPLACED, "opened elsewhere")
            self.seat_conn[viewer] = conn
            await asyncio.to_thread(self.room.set_connected, viewer, True)
        self.viewers.setdefault(viewer, set()).add(conn)
        welcome: dict[str, Any] = {"type": "welcome", "seat": viewer}
        if viewer is not None:
            welcome["name"] = self.room.compiled.actor_names[viewer]
        if token:
            welcome["token"] = token
        await conn.send(welcome)
        await self._send_state(conn, force=True)
        self.dirty.set()

    async def _send_state(self, conn: Connection, force: bool = False) -> None:
        version, text = self.room.message(conn.viewer)
        if force or conn.sent < version:
            conn.sent = max(conn.sent, version)
            await conn.send_text(text)

    async def _decide(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.viewer is None:
            raise Refused("spectators cannot decide", "spectator")
        decision_id = data.get("id")
        outcome = await asyncio.to_thread(
            self.room.decide, conn.viewer, data.get("decision"), decision_id, data.get("version")
        )
        reply = "ack" if outcome.status in ("accepted", "duplicate") else "refused"
        await conn.send({"type": reply, "id": decision_id if isinstance(decision_id, str) else None,
                         "code": outcome.status, "message": outcome.message})  # fmt: skip
        if outcome.status == "stale":
            await self._send_state(conn, force=True)
        self.dirty.set()

    async def _facilitate(self, conn: Connection, data: dict[str, Any]) -> None:
        await asyncio.to_thread(self.room.check_pin, str(data.get("pin", ""))[:64], conn.who)
        action, actor = data.get("action"), data.get("actor")
        if action == "bot" and isinstance(actor, str):
            await asyncio.to_thread(self.room.set_player, actor, str(data.get("bot") or "heuristic"))
        elif action == "person" and isinstance(actor, str):
            await asyncio.to_thread(self.room.set_player, actor, None)
        elif action == "code" and isinstance(actor, str):
            await asyncio.to_thread(self.room.new_code, actor)
            old = self.seat_conn.pop(actor, None)
            if old is not None:
                self.viewers.get(actor, set()).discard(old)
                await old.send({"type": "replaced", "message": "The teacher gave this seat a new code."})
                await old.close(CLOSE_REPLACED, "new code")
                await asyncio.to_thread(self.room.set_connected, actor, False)
        elif action == "end_phase":
            await asyncio.to_thread(self.room.end_phase)
        elif action == "approve" and isinstance(data.get("request"), str):
            chosen = data.get("actor")
            await asyncio.to_thread(self.room.approve, data["request"], chosen if isinstance(chosen, str) else None)
        elif action == "refuse" and isinstance(data.get("request"), str):
            await asyncio.to_thread(self.room.refuse, data["request"])
        elif action == "pause":
            await asyncio.to_thread(self.room.pause)
        elif action == "resume":
            await asyncio.to_thread(self.room.resume_timer)
        elif action == "extend":
            await asyncio.to_thread(self.room.extend)
        elif action == "end_game":
            await asyncio.to_thread(self.room.end_game)
        elif action in STEERING:
            said = await asyncio.to_thread(self._steer, action, data)
            await conn.send({"type": "done", "action": action, "message": said})
        elif action != "seats":
            raise Refused(f"unknown facilitator action {action!r}", "bad_action")
        self.facilitators.add(conn)
        await conn.send(await asyncio.to_thread(self._facilitator_message))
        self.dirty.set()

    def _steer(self, action: str, data: dict[str, Any]) -> str:
        """Do a steering action on the room (off the event loop); what was done, in a line for the teacher."""
        room = self.room
        if action == "inject":
            return f"Brought in: {room.inject_event(data.get('event'))}."
        if action == "set_variable":
            return f"{room.set_variable(data.get('ref'), data.get('value'))}."
        if action == "set_track":
            return f"{room.set_track(data.get('track'), data.get('state'))}."
        room.undo(data.get("turn"))
        return f"Back to the start of turn {room.game.turn}."

    async def _drop(self, conn: Connection) -> None:
        conn.closed = True
        self.facilitators.discard(conn)
        if conn.request:
            self.asking.pop(conn.request, None)
            await asyncio.to_thread(self.room.withdraw, conn.request)
            self.dirty.set()
        if conn.joined:
            self.viewers.get(conn.viewer, set()).discard(conn)
            if conn.viewer is not None and self.seat_conn.get(conn.viewer) is conn:
                del self.seat_conn[conn.viewer]
                await asyncio.to_thread(self.room.set_connected, conn.viewer, False)
                self.dirty.set()


def _static(name: str) -> bytes:
    return (resources.files("game.net") / "static" / name).read_bytes()


def create_app(room: Room, allowed_hosts: set[str]) -> Starlette:
    """The Starlette app of a room: the page, its two assets and the WebSocket at /ws."""
    hub = Hub(room, allowed_hosts)
    files = {path: (_static(name), kind) for path, (name, kind) in STATIC.items()}

    async def page(request: Request) -> Response:
        body, kind = files[request.url.path]
        headers = security_headers(request.headers.get("host", ""))
        return Response(body, media_type=kind, headers=headers)

    async def websocket(ws: WebSocket) -> None:
        await hub.serve(ws)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub.dirty = asyncio.Event()
        hub.wake_from_any_thread(asyncio.get_running_loop())
        tasks = [asyncio.create_task(hub.broadcast_forever()), asyncio.create_task(hub.tick_forever())]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = Starlette(
        routes=[*(Route(path, page) for path in STATIC), WebSocketRoute("/ws", websocket)], lifespan=lifespan
    )
    app.state.hub = hub
    return app


class ServerThread:
    """uvicorn serving an app on a background thread, stopped with ``should_exit``."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        config = uvicorn.Config(
            app, host=host, port=port, ws="auto", ws_max_size=WS_MAX_SIZE, log_level="warning",
            access_log=False, lifespan="on", ws_per_message_deflate=False,
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="parley-host", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; return once the socket listens (RuntimeError if it did not come up)."""
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)

    @property
    def port(self) -> int:
        """The port actually bound (useful with port 0)."""
        for server in self.server.servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        raise RuntimeError("the web server has no socket")

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for the thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)
