"""A room: one engine game, its seats, the bots, the versions of what each viewer was sent, the journal.

Every method takes the room's lock, so the WebSocket handlers call them off the event loop
(``asyncio.to_thread``) and bots think there too. After each change the room rebuilds every
viewer's board with :func:`game.net.views.board_for`; a viewer's version goes up only when its
board changed, so a decision carries the version it was made on and a stale one is refused.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import Answer, CompiledScenario, Game, Move, Phase, decision_from_json, facilitator
from game.engine.errors import EngineError
from game.engine.replay import Divergence
from game.net import guard, requests, steering
from game.net.guard import Refused as Refused
from game.net.journal import Journal, JournalError
from game.net.requests import RequestAnswer, SeatRequest, team_name
from game.net.views import PUBLIC, board_for
from game.players import BOT_KINDS, make_players
from game.players.base import Player

DECISION_PHASES = (Phase.DIPLOMACY.value, Phase.RESPONSES.value)
MAX_ID = 64
"""Longest decision id a client may send."""
EXTEND_SECONDS = 60.0


@dataclass
class Seat:
    """One actor's place in the room."""

    actor: str
    code: str
    """The claim code the teacher gives the team privately."""
    token_digest: str = ""
    """SHA-256 of the seat's current token ("" until claimed)."""
    bot: str | None = None
    """The bot kind playing the seat, or None for a person."""
    connected: bool = False
    seen_ids: set[str] = field(default_factory=set)
    """Ids of the decisions already accepted from this seat (replays are ignored)."""


@dataclass(frozen=True)
class Outcome:
    """What became of a decision sent by a seat."""

    status: str
    """"accepted", "duplicate" (same id again: ignored), "stale" (made on an old board) or "illegal"."""
    message: str = ""


class Room:
    """The one game a host holds, and who sits where."""

    def __init__(
        self,
        compiled: CompiledScenario,
        seed: int,
        bots: dict[str, str],
        journal: Journal | None = None,
        *,
        phase_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        scenario_sha256: str = "",
        seats: dict[str, Seat] | None = None,
        pin_digest: str = "",
        variant: str | None = None,
    ) -> None:
        self.compiled = compiled
        self.events: tuple[dict[str, str], ...] = tuple(
            {"id": e.event.id, "title": e.event.title} for e in compiled.events
        )
        """The scenario's events for the projector's console (fixed with the scenario: built once; read only)."""
        self.variant = variant
        """The lesson variant ``compiled`` was made as (None: the whole scenario); journaled, checked on resume."""
        self.seed = seed
        self.game = Game(compiled, seed)
        self.lock = threading.RLock()
        self.journal = journal
        self.clock = clock
        self.phase_seconds = phase_seconds
        self.scenario_sha256 = scenario_sha256
        self.pin_digest = pin_digest
        self.lockout = guard.Lockout()
        self.seats = seats or {a: Seat(a, guard.new_code(), bot=bots.get(a)) for a in compiled.actors}
        self._bots: dict[str, Player] = {}
        self._bot_moves = 0
        self.deadline: float | None = None
        self._deadline_phase: tuple[int, str] | None = None
        self.versions: dict[str | None, int] = {}
        self.boards: dict[str | None, str] = {}
        self.published: dict[str | None, tuple[int, str]] = {}
        """(version, board text) per viewer, replaced whole so the event loop can read it without the lock."""
        self.updates: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=64)
        """Public snapshots for the projector window (it drains the queue each frame)."""
        self.notify: Callable[[], None] = lambda: None
        """Called after every change (the server sets it to wake its broadcaster from any thread)."""
        self.paused_left: float | None = None
        """Seconds left on the phase timer while the teacher has paused it (None: not paused)."""
        self.timer_serial = 0
        """Goes up whenever the timer is paused, resumed, extended or set for a new phase."""
        self.desk = requests.Desk()
        """Requests to join by the teacher's approval."""

    # --- building and resuming -----------------------------------------------------------------

    @classmethod
    def new(
        cls, compiled: CompiledScenario, seed: int, bots: dict[str, str], journal_path: Path | None, **options: Any
    ) -> Room:
        """A fresh room; with ``journal_path`` every seat and decision is journaled there."""
        room = cls(compiled, seed, bots, None, **options)
        if journal_path is not None:
            scenario: dict[str, str] = {"id": compiled.meta.id, "sha256": room.scenario_sha256}
            if room.variant is not None:
                scenario["variant"] = room.variant
            header = {
                "scenario": scenario,
                "seed": seed,
                "pin_sha256": room.pin_digest,
                "phase_seconds": room.phase_seconds,
                "seats": {a: {"code": s.code, "bot": s.bot} for a, s in room.seats.items()},
            }
            room.journal = Journal.create(journal_path, header)
        room.start()
        return room

    @classmethod
    def resume(cls, compiled: CompiledScenario, journal_path: Path, scenario_sha256: str, **options: Any) -> Room:
        """The room a journal records, with every seat's token still valid."""
        journal, header, records = Journal.reopen(journal_path)
        where = str(journal_path)
        scenario = header.get("scenario", {})
        if scenario.get("id") != compiled.meta.id:
            journal.close()
            raise JournalError(f"{where}: the journal is for scenario {scenario.get('id')!r}, not {compiled.meta.id!r}")
        if scenario_sha256 and scenario.get("sha256") and scenario["sha256"] != scenario_sha256:
            journal.close()
            raise JournalError(f"{where}: the scenario file changed since the room started (its SHA-256 differs)")
        if scenario.get("variant") != options.get("variant"):
            journal.close()
            recorded, given = scenario.get("variant") or "the whole game", options.get("variant") or "the whole game"
            raise JournalError(f"{where}: the room was started as {recorded!r}, not {given!r} (lesson variant)")
        try:
            seats = {a: Seat(a, str(s["code"]), bot=s.get("bot")) for a, s in header["seats"].items()}
            seed = int(header["seed"])
        except (KeyError, TypeError, ValueError, AttributeError):
            journal.close()
            raise JournalError(f"{where}:1: the journal header has no seats or seed") from None
        if set(seats) != set(compiled.actors):
            journal.close()
            raise JournalError(f"{where}:1: the journal's seats do not match the scenario's actors")
        options.setdefault("phase_seconds", header.get("phase_seconds"))
        room = cls(compiled, seed, {}, journal, seats=seats, scenario_sha256=scenario_sha256,
                   pin_digest=str(header.get("pin_sha256", "")), **options)  # fmt: skip
        room.game.advance()
        for number, record in enumerate(records, start=2):
            try:
                room._replay(record)
            except (KeyError, TypeError, ValueError, EngineError, Divergence, Refused) as exc:
                journal.close()
                raise JournalError(f"{where}:{number}: cannot replay: {exc}") from None
        room._play_bots()
        room._rebuild()
        return room

    def _replay(self, record: dict[str, Any]) -> None:
        kind = record["type"]
        if kind == "facilitator":
            facilitator.replay(self.game, record["action"])
            return
        if kind == "undo":  # the game replayed to the turn's start stops where someone must decide, as live
            self.game = steering.rebuild(self.game, record["to_turn"])
            return
        seat = self.seats[record["actor"]]
        if kind == "token":
            seat.token_digest = str(record["sha256"])
        elif kind == "code":
            seat.code, seat.token_digest = str(record["code"]), ""
        elif kind == "player":
            seat.bot = record["bot"]
        elif kind == "decision":
            self.game.submit(decision_from_json(record["decision"]), record.get("reason"))
            if record.get("id"):
                seat.seen_ids.add(str(record["id"]))
            if not self.game.awaiting():
                self.game.advance()
        else:
            raise ValueError(f"unknown record type {kind!r}")

    def start(self) -> None:
        """Run the automatic phases and the bots until people must decide; build every board."""
        with self.lock:
            self.game.advance()
            self._play_bots()
            self._rebuild()

    def close(self) -> None:
        """Close the journal."""
        if self.journal is not None:
            self.journal.close()

    # --- seats ------------------------------------------------------------------------------------

    def claim(self, code: str, who: str) -> tuple[str, str]:
        """A team claims its seat with the code the teacher gave it: (actor, new seat token).

        A new token replaces the seat's old one (the newest device wins)."""
        with self.lock:
            self._check_locked(who)
            offered = guard.normalise_code(code)
            match = None
            for seat in self.seats.values():
                if guard.same(seat.code, offered) and match is None:
                    match = seat
            if match is None or match.bot is not None:
                self._failed(who)
                if match is not None:
                    raise Refused("that seat is played by a bot now: ask the teacher to hand it back", "bot_seat")
                raise Refused("that claim code is not right: check it with your teacher", "bad_code")
            self.lockout.succeed(who)
            token = guard.new_token()
            match.token_digest = guard.token_digest(token)
            self._journal({"type": "token", "actor": match.actor, "sha256": match.token_digest})
            return match.actor, token

    def rejoin(self, token: str, who: str) -> str:
        """The seat a device's token belongs to; Refused when it belongs to none."""
        with self.lock:
            self._check_locked(who)
            digest = guard.token_digest(token)
            match = None
            for seat in self.seats.values():
                if seat.token_digest and guard.same(seat.token_digest, digest) and match is None:
                    match = seat
            if match is None:
                self._failed(who)
                raise Refused("this device's seat is no longer valid: claim it again with your code", "bad_token")
            self.lockout.succeed(who)
            return match.actor

    def check_pin(self, pin: str, who: str) -> None:
        """Refused unless ``pin`` is the room's facilitator PIN."""
        with self.lock:
            self._check_locked(who)
            if not self.pin_digest:
                raise Refused("this room has no facilitator PIN (start it with --pin)", "no_pin")
            if not guard.same(self.pin_digest, guard.token_digest(str(pin))):
                self._failed(who)
                raise Refused("wrong PIN", "bad_pin")
            self.lockout.succeed(who)

    def _check_locked(self, who: str) -> None:
        wait = self.lockout.locked(who, self.clock())
        if wait > 0:
            raise Refused(f"too many wrong tries: wait {int(wait) + 1} seconds", "locked")

    def _failed(self, who: str) -> None:
        if self.lockout.fail(who, self.clock()):
            raise Refused(f"too many wrong tries: wait {int(self.lockout.duration)} seconds", "locked")

    def set_connected(self, actor: str, connected: bool) -> None:
        """The server tells the room when a seat's device comes and goes (for the projector)."""
        with self.lock:
            self.seats[actor].connected = connected
            self._publish()

    # --- joining by the teacher's approval -------------------------------------------------------------

    def playable(self, actor: str) -> bool:
        """True when people may play ``actor`` (the scenario does not keep it for bots)."""
        return any(a.id == actor and a.playable for a in self.compiled.scenario.actors)

    def ask(self, actor: str | None, name: str, who: str) -> SeatRequest:
        """A device without a code asks to join ``actor``'s seat (or any, the teacher picks) as team ``name``.

        Bounded and rate-limited per client address (:class:`game.net.requests.Desk`)."""
        with self.lock:
            if actor is not None and (actor not in self.seats or not self.playable(actor)):
                raise Refused("there is no such seat for a team: pick one from the list", "bad_seat")
            request = self.desk.open(actor, team_name(name), who, self.clock())
            self._publish()
            return request

    def approve(self, request_id: str, actor: str | None = None) -> str:
        """The teacher lets a request's device join ``actor`` (default: the seat it asked for); the seat's actor.

        The device gets a new seat token (handed over by the server, never shown on the projector);
        the seat's old token stops working and a device playing it is replaced (the newest wins). A
        seat a bot stands in for is handed back to the team."""
        with self.lock:
            request = self.desk.pending(request_id, self.clock())
            actor = actor or request.actor
            if actor is None:
                raise Refused(f"choose a seat for request {request.number} ({request.name})", "no_seat")
            if actor not in self.seats or not self.playable(actor):
                raise Refused(f"no seat {actor!r} for a team", "bad_seat")
            seat = self.seats[actor]
            if seat.bot is not None:
                seat.bot = None
                self._journal({"type": "player", "actor": actor, "bot": None})
            token = guard.new_token()
            seat.token_digest = guard.token_digest(token)
            self._journal({"type": "token", "actor": actor, "sha256": seat.token_digest, "approved": request.name})
            self.desk.answer(request_id, RequestAnswer(True, actor, token))
            self._after_decision()
            return actor

    def refuse(self, request_id: str) -> None:
        """The teacher turns a request down; its device is told so."""
        with self.lock:
            self.desk.pending(request_id, self.clock())
            self.desk.answer(request_id, RequestAnswer(False, message=requests.REFUSED))
            self._publish()

    def withdraw(self, request_id: str) -> None:
        """The asking device went away: its request (or an answer it never received) is dropped."""
        with self.lock:
            if self.desk.withdraw(request_id):
                self._publish()

    def take_answer(self, request_id: str) -> RequestAnswer | None:
        """The teacher's answer to a request once given (handed over once), else None."""
        with self.lock:
            return self.desk.take(request_id, self.clock())

    def pending_requests(self) -> list[dict[str, Any]]:
        """The waiting requests as the teacher sees them (nothing secret: no token, no code)."""
        with self.lock:
            names = self.compiled.actor_names
            return [
                {"id": r.id, "number": r.number, "actor": r.actor, "seat": names[r.actor] if r.actor else None,
                 "name": r.name}
                for r in self.desk.waiting(self.clock())
            ]  # fmt: skip

    # --- the phase timer ---------------------------------------------------------------------------------

    def timer(self) -> tuple[float | None, bool]:
        """(seconds left on the phase timer or None when there is none, whether it is paused)."""
        with self.lock:
            if self.paused_left is not None:
                return round(self.paused_left, 1), True
            if self.deadline is None:
                return None, False
            return round(max(0.0, self.deadline - self.clock()), 1), False

    def pause(self) -> None:
        """Facilitator: stop the phase timer where it is."""
        with self.lock:
            if self.deadline is None:
                raise Refused("no timer is running", "no_timer")
            self.paused_left = max(0.0, self.deadline - self.clock())
            self.deadline = None
            self._timer_changed()

    def resume_timer(self) -> None:
        """Facilitator: start a paused timer again."""
        with self.lock:
            if self.paused_left is None:
                raise Refused("the timer is not paused", "not_paused")
            self.deadline = self.clock() + self.paused_left
            self.paused_left = None
            self._timer_changed()

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        """Facilitator: more time for this phase (a paused timer stays paused)."""
        with self.lock:
            if self.paused_left is not None:
                self.paused_left += seconds
            elif self.deadline is not None:
                self.deadline += seconds
            else:
                raise Refused("no timer is running", "no_timer")
            self._timer_changed()

    def _timer_changed(self) -> None:
        self.timer_serial += 1
        self._publish()

    # --- decisions -----------------------------------------------------------------------------------

    def decide(self, actor: str, data: Any, decision_id: Any, version: Any) -> Outcome:
        """A decision from ``actor``'s device, made on board ``version``; bots then play on."""
        with self.lock:
            seat = self.seats[actor]
            if not isinstance(decision_id, str) or not 0 < len(decision_id) <= MAX_ID:
                return Outcome("illegal", "a decision needs an id")
            if decision_id in seat.seen_ids:
                return Outcome("duplicate", "already received")
            if seat.bot is not None:
                return Outcome("illegal", "a bot plays this seat now")
            if version != self.versions.get(actor):
                return Outcome("stale", "the board changed before this arrived: look again and decide")
            if not isinstance(data, dict):
                return Outcome("illegal", "a decision must be an object")
            before = self._mark()
            try:
                decision = decision_from_json({**data, "actor": actor})
                self.game.submit(decision)
            except (ValueError, EngineError) as exc:
                return Outcome("illegal", str(exc))
            seat.seen_ids.add(decision_id)
            self._journal({"type": "decision", "actor": actor, "id": decision_id, "decision": decision.to_json()})
            touched = {actor}
            if isinstance(decision, Move) and decision.target is not None:
                touched.add(decision.target)
            elif isinstance(decision, Answer):
                touched |= {p["from"] for p in self.game.state["proposals"] if p["id"] == decision.proposal}
            self._after_decision(before, touched)
            return Outcome("accepted")

    def set_player(self, actor: str, bot: str | None) -> None:
        """Facilitator: a bot (``bot`` kind) stands in for the seat, or None hands it back to its team."""
        with self.lock:
            if actor not in self.seats:
                raise Refused(f"no seat {actor!r}", "bad_seat")
            if bot is not None and bot not in BOT_KINDS:
                raise Refused(f"unknown bot kind {bot!r}", "bad_bot")
            self.seats[actor].bot = bot
            self._journal({"type": "player", "actor": actor, "bot": bot})
            self._after_decision()

    def new_code(self, actor: str) -> str:
        """Facilitator: a new claim code for the seat; its device's token stops working."""
        with self.lock:
            if actor not in self.seats:
                raise Refused(f"no seat {actor!r}", "bad_seat")
            seat = self.seats[actor]
            seat.code, seat.token_digest = guard.new_code(), ""
            self._journal({"type": "code", "actor": actor, "code": seat.code})
            return seat.code

    def end_phase(self, why: str = "the teacher ended the phase") -> int:
        """Bots decide for every team still deciding (time up, or the facilitator's call); how many decided."""
        with self.lock:
            count = 0
            phase = (self.game.turn, self.game.phase.value)
            if not self.game.is_over() and phase[1] in DECISION_PHASES:
                for actor in self.game.awaiting():
                    while self.game.is_awaiting(actor) and (self.game.turn, self.game.phase.value) == phase:
                        self._bot_decides(actor, self.seats[actor].bot or "heuristic", why)
                        count += 1
                self._after_decision()
            return count

    def end_game(self) -> None:
        """Facilitator: end the game now (end-of-game objectives are scored; every device gets the debrief)."""
        with self.lock:
            if self.game.is_over():
                raise Refused("the game is already over", "over")
            self._steer(lambda: facilitator.end_now(self.game))

    # --- the teacher steers the game (game/net/steering.py checks and does it) ------------------------

    def inject_event(self, event_id: Any) -> str:
        """Facilitator: one of the scenario's events happens now (its news and effects); the event's title."""
        with self.lock:
            return self._steer(lambda: steering.inject(self.game, event_id))

    def set_variable(self, ref: Any, value: Any) -> str:
        """Facilitator: a variable takes a value within its bounds (a private one is shown to its owner only);
        what was done, for the teacher."""
        with self.lock:
            return self._steer(lambda: steering.set_variable(self.game, ref, value))

    def set_track(self, track_id: Any, state: Any) -> str:
        """Facilitator: a track is put in one of its states; what was done, for the teacher."""
        with self.lock:
            return self._steer(lambda: steering.set_track(self.game, track_id, state))

    def undo(self, turn: Any) -> None:
        """Facilitator: the game goes back to the start of ``turn`` (this one or the previous one).

        The seats, their tokens and connections stay; the bots start afresh; the phase timer starts
        again; every viewer's version goes on up (never back), so its device takes the new board."""
        with self.lock:
            self.game = steering.rebuild(self.game, turn)
            self._journal({"type": "undo", "to_turn": turn})
            self._bots.clear()
            self._deadline_phase = None
            self._after_decision()

    def steering_panel(self) -> dict[str, Any]:
        """For the facilitator only (PIN): the events, numbers, tracks and undo turns to choose from."""
        with self.lock:
            return steering.panel(self.game)

    def _steer(self, act: Callable[[], str | None]) -> str:
        """Do a facilitator action (which records itself in the decision log), journal it, rebuild every board;
        what the action said it did."""
        said = act()
        self._journal({"type": "facilitator", "action": self.game.decisions[-1]})
        self._after_decision()
        return said or ""

    def tick(self) -> bool:
        """Called about once a second: when the phase timer runs out, bots decide for the late; True if so."""
        with self.lock:
            if self.deadline is None or self.clock() < self.deadline:
                return False
            self.deadline = None
        self.end_phase("time was up: a bot decided")
        return True

    def _mark(self) -> tuple[int, str, int, int]:
        """What tells whether only the decider's board can have changed: turn, phase, log length, bot moves."""
        return self.game.turn, self.game.phase.value, len(self.game.state["log"]), self._bot_moves

    def _after_decision(self, before: tuple[int, str, int, int] | None = None, touched: set[str] | None = None) -> None:
        """Advance and let bots play; rebuild every board, or only ``touched`` ones if nothing else moved.

        A decision that leaves the turn, the phase and the log as they were (a secret order, a deal
        offered) can change only the boards of the seats it names; tests/net checks that against a
        full rebuild after every decision of many games."""
        if not self.game.awaiting():
            self._advance_and_bots()
        else:
            self._play_bots()
        self._rebuild(touched if before is not None and self._mark() == before else None)

    def _advance_and_bots(self) -> None:
        self.game.advance()
        self._play_bots()

    def _play_bots(self) -> None:
        """Bots decide for their seats until only people are awaited (or the game is over)."""
        game = self.game
        while not game.is_over():
            waiting = game.awaiting()
            bots = [a for a in waiting if self.seats[a].bot is not None]
            if not bots:
                if not waiting:
                    game.advance()
                    continue
                return
            for actor in bots:
                while game.is_awaiting(actor):
                    self._bot_decides(actor, str(self.seats[actor].bot), None)
            if not game.awaiting():
                game.advance()

    def _bot_decides(self, actor: str, kind: str, why: str | None) -> None:
        player = self._bots.get(f"{actor}/{kind}")
        if player is None:
            player = make_players({actor: kind}, self.seed)[actor]
            self._bots[f"{actor}/{kind}"] = player
        decision, reason = player.decide(self.game, actor)
        self._bot_moves += 1
        if why:
            reason = f"{why}; {reason}" if reason else why
        self.game.submit(decision, reason)  # an illegal bot decision is a bug: it raises
        record: dict[str, Any] = {"type": "decision", "actor": actor, "decision": decision.to_json()}
        if reason:
            record["reason"] = reason
        self._journal(record)

    def _journal(self, record: dict[str, Any]) -> None:
        if self.journal is not None:
            self.journal.append(record)

    # --- what viewers are sent ---------------------------------------------------------------------

    def _rebuild(self, only: set[str] | None = None) -> None:
        """Rebuild every viewer's board (or ``only`` those seats'); bump the versions of those that changed."""
        bots = frozenset(a for a, s in self.seats.items() if s.bot is not None)
        viewers = (*self.compiled.actors, PUBLIC) if only is None else [a for a in self.compiled.actors if a in only]
        for viewer in viewers:
            text = json.dumps(board_for(self.game, viewer, bots), sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False)  # fmt: skip
            if self.boards.get(viewer) != text:
                self.boards[viewer] = text
                self.versions[viewer] = self.versions.get(viewer, 0) + 1
                self.published[viewer] = (self.versions[viewer], text)
        self._set_deadline()
        self._publish()

    def _set_deadline(self) -> None:
        if self.phase_seconds is None or self.game.is_over():
            if self.deadline is not None or self.paused_left is not None:
                self.timer_serial += 1
            self.deadline = self.paused_left = None
            return
        key = (self.game.turn, self.game.phase.value)
        if key != self._deadline_phase:
            self._deadline_phase = key
            humans = [a for a in self.game.awaiting() if self.seats[a].bot is None]
            in_play = self.game.phase.value in DECISION_PHASES and humans
            self.deadline = self.clock() + self.phase_seconds if in_play else None
            self.paused_left = None
            self.timer_serial += 1

    def message(self, viewer: str | None) -> tuple[int, str]:
        """(version, the state message text) for ``viewer``; only :func:`board_for` output goes in it.

        Reads the last published board without the lock (the event loop calls it)."""
        version, board = self.published[viewer]
        deadline, paused = self.deadline, self.paused_left
        if paused is not None:
            timer = json.dumps(round(paused, 1))
        else:
            timer = "null" if deadline is None else json.dumps(round(max(0.0, deadline - self.clock()), 1))
        seat = json.dumps(viewer)
        flag = "true" if paused is not None else "false"
        return version, (f'{{"type":"state","seat":{seat},"version":{version},"timer":{timer},"paused":{flag},'
                         f'"board":{board}}}')  # fmt: skip

    def statuses(self) -> dict[str, str]:
        """Each seat's status for the projector: empty, joined, deciding, done or bot."""
        with self.lock:
            game = self.game
            deciding = game.phase.value in DECISION_PHASES and not game.is_over()
            result = {}
            for actor, seat in self.seats.items():
                if seat.bot is not None:
                    result[actor] = "bot"
                elif not seat.connected:
                    result[actor] = "empty"
                elif game.is_awaiting(actor):
                    result[actor] = "deciding"
                elif deciding:
                    result[actor] = "done"
                else:
                    result[actor] = "joined"
            return result

    def facilitator_seats(self) -> list[dict[str, Any]]:
        """For the facilitator only (PIN): each seat's code, player and status."""
        statuses = self.statuses()
        with self.lock:
            return [
                {"actor": a, "name": self.compiled.actor_names[a], "code": s.code, "bot": s.bot, "status": statuses[a]}
                for a, s in self.seats.items()
            ]

    def _publish(self) -> None:
        """Hand the projector the public board and the seat statuses (dropping the oldest if it lags)."""
        snapshot = {"board": json.loads(self.boards[PUBLIC]), "statuses": self.statuses(),
                    "deadline": self.deadline, "paused_left": self.paused_left, "timed": self.phase_seconds is not None,
                    "requests": self.pending_requests(),
                    "playable": [a for a in self.compiled.actors if self.playable(a)],
                    "events": self.events}  # fmt: skip
        while True:
            try:
                self.updates.put_nowait(snapshot)
                break
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self.updates.get_nowait()
        self.notify()
