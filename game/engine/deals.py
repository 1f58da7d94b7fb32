"""Deals among several parties, and the secret half of a deal: the engine's rules for them in one place.

A deal among several parties (a move with ``parties``) asks every party at once: one proposal per
party, each with the id ``DEAL.PARTY`` and the key ``deal`` (``tN.ACTOR.SLOT``, the id a two-party
deal's one proposal has). It takes effect only when every party has accepted; one no stops it, and
nobody pays or gets anything. A deal with one target keeps the format-1 proposal unchanged.

A deal's secret half (``secret``) resolves right after its public half, in a log entry of its own
(kind ``secret``) that only the deal's insiders see: the proposer and every party. The public entry
carries only the public half's changes, so the view (:mod:`game.engine.view`) keeps the secret
half from everybody else until the debrief.
"""

from __future__ import annotations

from typing import Any

from game.engine.compiled import BoundMove


def deal_id(turn: int, actor: str, slot: int) -> str:
    """The id of the deal made by ``actor``'s order in ``slot`` on ``turn`` (also its one proposal's id)."""
    return f"t{turn}.{actor}.{slot}"


def party_proposals(bound: BoundMove, ident: str) -> list[dict[str, Any]]:
    """The proposals of a deal among several parties: one per party, in the move's order of parties."""
    parties = list(bound.parties)
    return [
        {"id": f"{ident}.{party}", "from": bound.actor, "to": party, "move": bound.id, "answer": None,
         "deal": ident, "parties": parties}
        for party in bound.parties
    ]  # fmt: skip


def combined_answer(proposals: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """Every party's answer to one deal as a single one: accepted only when every party accepted.

    ``rejected_by`` lists who said no (in the order of parties), ``reasons`` each party's stated reason."""
    mine = [p for p in proposals if p.get("deal") == ident]
    rejected = [str(p["to"]) for p in mine if not p["answer"]]
    reasons = {str(p["to"]): str(p["reason"]) for p in mine if p.get("reason")}
    return {"answer": bool(mine) and not rejected, "rejected_by": rejected, "reasons": reasons}


def insiders(bound: BoundMove) -> list[str]:
    """Who is party to a move: its actor, and for a deal everyone who must accept it."""
    return [bound.actor, *bound.counterparties]


def names_list(names: list[str]) -> str:
    """``["Russia", "Ukraine", "the UN"]`` -> ``"Russia, Ukraine and the UN"``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def proposal_key(proposal: dict[str, Any]) -> tuple[str, str, str | None]:
    """The key of a proposal's bound move in ``CompiledScenario.bound_index``: (proposer, move, target); a deal
    among several parties has no target."""
    target = None if "deal" in proposal else str(proposal["to"])
    return str(proposal["from"]), str(proposal["move"]), target
