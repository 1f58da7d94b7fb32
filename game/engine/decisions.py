"""What a player can decide: a move (or pass) in diplomacy, an answer to a proposal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.scenario.models import PASS as PASS


@dataclass(frozen=True, order=True)
class Move:
    """Make a move (``move`` is a move id or :data:`PASS`), optionally at a target actor."""

    actor: str
    move: str
    target: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain data for the decision log."""
        data: dict[str, Any] = {"kind": "move", "actor": self.actor, "move": self.move}
        if self.target is not None:
            data["target"] = self.target
        return data


@dataclass(frozen=True, order=True)
class Answer:
    """Accept or reject a proposal made to ``actor``."""

    actor: str
    proposal: str
    accept: bool

    def to_json(self) -> dict[str, Any]:
        """Plain data for the decision log."""
        return {"kind": "answer", "actor": self.actor, "proposal": self.proposal, "accept": self.accept}


Decision = Move | Answer


def decision_from_json(data: Any) -> Decision:
    """Read a decision written by ``to_json``; ``ValueError`` says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a decision must be an object")
    kind = data.get("kind")
    try:
        if kind == "move":
            target = data.get("target")
            if not isinstance(data["actor"], str) or not isinstance(data["move"], str):
                raise ValueError("actor and move must be strings")
            if target is not None and not isinstance(target, str):
                raise ValueError("target must be a string")
            return Move(data["actor"], data["move"], target)
        if kind == "answer":
            if not isinstance(data["accept"], bool) or not isinstance(data["proposal"], str):
                raise ValueError("accept must be true or false and proposal a string")
            return Answer(str(data["actor"]), data["proposal"], data["accept"])
    except KeyError as exc:
        raise ValueError(f"a {kind} decision needs the key {exc.args[0]!r}") from None
    raise ValueError(f"unknown decision kind {kind!r}")
