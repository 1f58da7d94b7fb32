"""The desk of requests to join: devices without a code ask the teacher to let them into a seat.

A request names the seat it asks for (or none: the teacher picks) and the team's name as typed.
The desk keeps at most :data:`MAX_REQUESTS` waiting, lets each client address ask about once every
ten seconds (four in a row), lets unanswered requests lapse after :data:`REQUEST_SECONDS`, and
keeps each answer until the server hands it to the asking device (once). It holds no lock and
reads no clock: the room calls it under its own lock with the time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.net import guard
from game.net.guard import Refused

MAX_REQUESTS = 12
"""Requests that may wait for the teacher at once; more are refused until some are answered."""
REQUEST_SECONDS = 600.0
"""A request the teacher has not answered in this time lapses (the device may ask again)."""
MAX_TEAM_NAME = 24
REFUSED = "The teacher did not let this device join: ask your teacher for your team's seat."
LAPSED = "Nobody answered this request in time: ask again, or ask your teacher for a code."


@dataclass
class SeatRequest:
    """A device asking the teacher to let it join: the seat it picked (or none) and the team name it typed."""

    id: str
    """A random id (not a secret: it only names the request)."""
    number: int
    """Shown to the teacher: request 1, 2, 3, ..."""
    actor: str | None
    name: str
    who: str
    at: float


@dataclass(frozen=True)
class RequestAnswer:
    """The teacher's answer to a request, waiting for the server to hand it to the device."""

    approved: bool
    actor: str | None = None
    token: str = ""
    """The new seat token (only for the asking device; never drawn on the projector)."""
    message: str = ""


def team_name(text: str) -> str:
    """A typed team name as shown: printable, single spaces, at most :data:`MAX_TEAM_NAME` characters."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())[:MAX_TEAM_NAME]


@dataclass
class Desk:
    """The waiting requests, the answers not yet handed over, and each address's rate of asking."""

    requests: dict[str, SeatRequest] = field(default_factory=dict)
    answers: dict[str, RequestAnswer] = field(default_factory=dict)
    _rates: dict[str, guard.RateLimit] = field(default_factory=dict)
    _number: int = 0

    def open(self, actor: str | None, name: str, who: str, now: float) -> SeatRequest:
        """A new request (the seat already checked by the room); Refused when unnamed, too fast or too many."""
        self.lapse(now)
        if actor is None and not name:
            raise Refused("pick a seat or type your team's name", "no_seat")
        rate = self._rates.setdefault(who, guard.RateLimit(rate=0.1, burst=4))
        if not rate.allow(now):
            raise Refused("too many requests from this device: wait a little and ask again", "rate")
        if len(self.requests) >= MAX_REQUESTS:
            raise Refused("the teacher has too many requests waiting: try again in a minute", "busy")
        self._number += 1
        request = SeatRequest(guard.new_token()[:16], self._number, actor, name, who, now)
        self.requests[request.id] = request
        return request

    def pending(self, request_id: str, now: float) -> SeatRequest:
        """The waiting request ``request_id``; Refused when it is not waiting any more."""
        self.lapse(now)
        request = self.requests.get(request_id)
        if request is None:
            raise Refused("that request is no longer waiting (answered, withdrawn or lapsed)", "no_request")
        return request

    def answer(self, request_id: str, answer: RequestAnswer) -> None:
        """Answer a waiting request; the server hands the answer over."""
        del self.requests[request_id]
        self.answers[request_id] = answer

    def withdraw(self, request_id: str) -> bool:
        """Forget a request and any answer to it (its device went away); True if it was still waiting."""
        self.answers.pop(request_id, None)
        return self.requests.pop(request_id, None) is not None

    def take(self, request_id: str, now: float) -> RequestAnswer | None:
        """The answer to a request once given (handed over once), else None."""
        self.lapse(now)
        return self.answers.pop(request_id, None)

    def waiting(self, now: float) -> list[SeatRequest]:
        """The waiting requests, oldest first."""
        self.lapse(now)
        return sorted(self.requests.values(), key=lambda r: r.number)

    def lapse(self, now: float) -> None:
        """Requests nobody answered in time are answered "no" for them."""
        for request in [r for r in self.requests.values() if now - r.at >= REQUEST_SECONDS]:
            self.answer(request.id, RequestAnswer(False, message=LAPSED))
