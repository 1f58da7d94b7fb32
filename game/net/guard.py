"""Claim codes, seat tokens, lockouts after repeated wrong tries, per-connection rate limits, and refusals.

A claim code is short (the teacher reads it to one team); a seat token is long and random (the
browser keeps it, nobody reads it). Both are compared in constant time. Times come from the
caller (``now`` in seconds), so tests need no sleeping.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be misread for one another (no I/1, O/0, L)."""
CODE_LENGTH = 6
TOKEN_BYTES = 32


class Refused(Exception):
    """A request the room turns down; the message is shown to the person as it is."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


def new_code() -> str:
    """A fresh claim code such as ``K7QX3M``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A fresh seat token (43 URL-safe characters, 256 random bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def normalise_code(text: str) -> str:
    """What a student typed, as a code: capitals, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def same(secret: str, offered: str) -> bool:
    """Constant-time comparison of a secret with what a client offered."""
    return hmac.compare_digest(secret.encode("utf-8"), offered.encode("utf-8"))


def token_digest(token: str) -> str:
    """SHA-256 of a token: what the journal keeps instead of the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Lockout:
    """Refuses a client after ``limit`` wrong codes, tokens or PINs within ``window`` seconds, for ``duration``."""

    limit: int = 5
    window: float = 60.0
    duration: float = 60.0
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)

    def locked(self, who: str, now: float) -> float:
        """Seconds ``who`` must still wait (0 when free to try)."""
        until = self._locked_until.get(who, 0.0)
        return max(0.0, until - now)

    def fail(self, who: str, now: float) -> bool:
        """Record a wrong try; True when it locks ``who`` out."""
        recent = [t for t in self._failures.get(who, []) if now - t < self.window]
        recent.append(now)
        self._failures[who] = recent
        if len(recent) >= self.limit:
            self._locked_until[who] = now + self.duration
            self._failures[who] = []
            return True
        return False

    def succeed(self, who: str) -> None:
        """A right try clears the count."""
        self._failures.pop(who, None)


@dataclass
class RateLimit:
    """A token bucket: ``rate`` messages a second on average, bursts of up to ``burst``."""

    rate: float = 10.0
    burst: float = 30.0
    _level: float = -1.0
    _last: float = 0.0

    def allow(self, now: float) -> bool:
        """True when one more message may pass now."""
        if self._level < 0:
            self._level, self._last = self.burst, now
        self._level = min(self.burst, self._level + (now - self._last) * self.rate)
        self._last = now
        if self._level >= 1.0:
            self._level -= 1.0
            return True
        return False
