"""Load on a real `parley host --headless` over loopback: seats and spectators through a whole game.

    python benchmarks/net_load.py [--scenario FILE] [--spectators N] [--seed S]

Starts the host on 127.0.0.1 (a free port), claims every seat of the scenario from its own
WebSocket, opens N spectator sockets, and plays the whole game from the seats' boards (a random
available move, pass or answer, seeded). Decisions are sent one at a time; for each, the latency
is the time from sending it to the last state message it caused on any connection (seats and
spectators), measured once the connections have been quiet for a moment. Prints the decision
count, errors (refusals, unexpected closes), latency p50/p95/max, and the host process's peak
memory (VmHWM) and CPU time, and (in-process, six games of random bots) the CPU time of the room's
own work per decision, which does not depend on how busy the machine is. Only loopback addresses
are used, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.net.realhost import Host, start_host

QUIET = 0.05
"""Seconds without any message that end one decision's measurement."""
MAX_DECISIONS = 2000


class Client:
    """One WebSocket and every message it received, with arrival times."""

    def __init__(self, ws: ClientConnection, name: str, parse: bool = True) -> None:
        self.ws = ws
        self.name = name
        self.parse = parse
        """Spectators' states are only timed, not parsed, so the client's own work does not count."""
        self.states: list[tuple[float, dict[str, Any]]] = []
        self.others: list[dict[str, Any]] = []
        self.closed = False
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                arrived = time.perf_counter()
                if not self.parse and isinstance(raw, str) and raw.startswith('{"type":"state"'):
                    self.states.append((arrived, {}))
                    continue
                data = json.loads(raw)
                if data["type"] == "state":
                    self.states.append((arrived, data))
                else:
                    self.others.append(data)
        except Exception:
            pass
        self.closed = True

    @property
    def board(self) -> dict[str, Any]:
        return self.states[-1][1]["board"]

    @property
    def version(self) -> int:
        return int(self.states[-1][1]["version"])


def last_arrival(clients: list[Client]) -> float:
    return max((c.states[-1][0] for c in clients if c.states), default=0.0)


async def settle(clients: list[Client], since: float) -> float:
    """Wait until no connection received anything for QUIET seconds; the last arrival after ``since``."""
    while True:
        await asyncio.sleep(QUIET / 2)
        last = last_arrival(clients)
        if time.perf_counter() - last >= QUIET:
            return last if last > since else since


def choose(board: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """A decision from the seat's own board: answer an offer, or a random available move, or pass."""
    if not board.get("awaiting"):
        return None
    if board.get("offers"):
        return {"kind": "answer", "proposal": board["offers"][0]["id"], "accept": rng.random() < 0.6}
    cards = [m for m in board.get("moves", []) if m["available"]]
    if cards and rng.random() < 0.7:
        card = rng.choice(cards)
        return {"kind": "move", "move": card["move"], "target": card["target"]}
    return {"kind": "move", "move": "pass"}


def host_usage(pid: int) -> tuple[float, float]:
    """(peak resident memory in MiB, CPU seconds user+system) of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return peak_kib / 1024, ticks / os.sysconf("SC_CLK_TCK")


async def run(host: Host, spectators: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    seat_codes = {name: code for name, code in host.codes.items() if not code.startswith("bot")}
    seats: list[Client] = []
    for name, code in seat_codes.items():
        ws = await connect(host.ws_url, origin=host.origin)  # type: ignore[arg-type]
        client = Client(ws, name)
        await ws.send(json.dumps({"type": "claim", "code": code}))
        seats.append(client)
    watchers: list[Client] = []
    for number in range(spectators):
        ws = await connect(host.ws_url, origin=host.origin)  # type: ignore[arg-type]
        client = Client(ws, f"spectator {number}", parse=False)
        await ws.send(json.dumps({"type": "watch"}))
        watchers.append(client)
    everyone = seats + watchers
    while not all(c.states for c in everyone):
        await asyncio.sleep(0.01)
    await settle(everyone, 0.0)
    cpu_before = host_usage(host.process.pid)[1]
    latencies: list[float] = []
    acks: list[float] = []
    """Decision -> the host's answer to the decider (the room's work, before the broadcast)."""
    started = time.perf_counter()
    for _ in range(MAX_DECISIONS):
        if seats[0].board["over"]:
            break
        ready = [(c, d) for c in seats if (d := choose(c.board, rng)) is not None]
        if not ready:
            await settle(everyone, time.perf_counter())
            ready = [(c, d) for c in seats if (d := choose(c.board, rng)) is not None]
            if not ready:
                raise RuntimeError("nobody can decide, but the game is not over")
        client, decision = ready[0]
        sent = time.perf_counter()
        decision_id = f"d{len(latencies)}"
        await client.ws.send(json.dumps({"type": "decide", "id": decision_id, "version": client.version,
                                         "decision": decision}))  # fmt: skip
        while not any(m.get("id") == decision_id for m in client.others):  # the host's answer first
            await asyncio.sleep(0.001)
        acks.append(time.perf_counter() - sent)
        last = await settle(everyone, sent)
        latencies.append(last - sent)
    elapsed = time.perf_counter() - started
    peak, cpu_after = host_usage(host.process.pid)
    errors = [m for c in everyone for m in c.others if m["type"] in ("refused", "replaced")]
    closed = [c.name for c in everyone if c.closed]
    for c in everyone:
        await c.ws.close()
    latencies.sort()
    acks.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    ack95 = acks[min(len(acks) - 1, int(0.95 * len(acks)))]
    return {
        "seats": len(seats), "spectators": spectators, "decisions": len(latencies),
        "game_over": seats[0].board["over"], "errors": len(errors) + len(closed),
        "latency_ms": {"p50": round(statistics.median(latencies) * 1000, 2), "p95": round(p95 * 1000, 2),
                       "max": round(latencies[-1] * 1000, 2), "ack_p95": round(ack95 * 1000, 2)},
        "load_average_1min": round(os.getloadavg()[0], 2),
        "host_peak_rss_mib": round(peak, 1), "host_cpu_s": round(cpu_after - cpu_before, 2),
        "wall_s": round(elapsed, 2), "error_messages": [e.get("message", "") for e in errors][:5], "closed": closed[:5],
    }  # fmt: skip


def room_cpu(scenario: str, games: int) -> dict[str, float]:
    """CPU time of the room's own work per decision (thread CPU, in-process, no network): the part of the
    latency that does not depend on how busy the machine is. Random bots decide for every seat."""
    from game.cli.files import load_compiled
    from game.net.room import Room
    from game.players import make_players

    compiled, _ = load_compiled(scenario)
    spent: list[float] = []
    for seed in range(1, games + 1):
        room = Room.new(compiled, seed, {}, None)
        bots = make_players(dict.fromkeys(compiled.actors, "random"), seed)
        rng = random.Random(seed)
        while not room.game.is_over():
            actor = rng.choice(room.game.awaiting())
            decision, _ = bots[actor].decide(room.game, actor)
            data = {k: v for k, v in decision.to_json().items() if k != "actor"}
            started = time.thread_time()
            room.decide(actor, data, f"d{len(spent)}", room.versions[actor])
            spent.append(time.thread_time() - started)
    spent.sort()
    return {"decisions": len(spent), "p50": round(spent[len(spent) // 2] * 1000, 2),
            "p95": round(spent[int(0.95 * len(spent))] * 1000, 2), "max": round(spent[-1] * 1000, 2)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="scenarios/pyongyang_summit.yaml")
    parser.add_argument("--spectators", type=int, default=44,
                        help="spectator sockets (default 44: with the article's 4 seats, 48 connections)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--journal", default="", help="journal file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        journal = args.journal or str(Path(folder) / "room.jsonl")
        host = start_host(args.scenario, "--journal", journal, "--seed", str(args.seed))
        try:
            result = asyncio.run(run(host, args.spectators, args.seed))
        finally:
            host.stop()
    result["room_cpu_ms_per_decision"] = room_cpu(args.scenario, 6)
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 and result["game_over"] else 1


if __name__ == "__main__":
    sys.exit(main())
