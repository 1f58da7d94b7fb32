"""Cross-reference checks of the deal additions: deals among several parties, and a deal's secret half.

Called by :mod:`game.scenario.checks` for every move; each problem names its data path so the loader
points at the line and column, with a did-you-mean where a name is misspelt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.expressions import suggest
from game.scenario.diagnostics import DataPath
from game.scenario.models import Move

if TYPE_CHECKING:  # the checker calls this module; its types are read only by the type checker
    from game.scenario.checks import _Checker, _Scope


def check_deal_terms(checker: _Checker, move: Move, path: DataPath, scope: _Scope, party_scope: _Scope) -> None:
    """The problems of a move's ``parties`` and ``secret`` (``party_scope``: ``self`` is the proposer, no target)."""
    if move.parties:
        _parties(checker, move, path, party_scope)
    if "accept" in move.bot.model_fields_set and move.kind != "deal":
        checker.add((*path, "bot", "accept"), "only a deal is answered: 'accept' is the hint for a bot answering a "
                    "deal; use 'bonus' for a move", at_key=True)  # fmt: skip
    secret = move.secret
    if secret is None:
        return
    at = (*path, "secret")
    if move.kind != "deal":
        checker.add(at, "only deals have a secret half: add 'kind: deal' or put these effects under 'effects'",
                    at_key=True)  # fmt: skip
    elif move.visibility == "covert":
        checker.add(at, "a covert deal is secret already: 'secret' is the hidden half of a public deal", at_key=True)
    checker.effects(secret.effects, (*at, "effects"), scope)
    if "{target}" in secret.log and not move.targets:
        checker.add((*at, "log"), "'{target}' can only be used in a move that has targets", (0, secret.log.index("{")))


def _parties(checker: _Checker, move: Move, path: DataPath, scope: _Scope) -> None:
    at = (*path, "parties")
    if move.kind != "deal":
        checker.add(at, "only deals have 'parties': add 'kind: deal'", at_key=True)
    if move.targets:
        checker.add(at, "a deal has either targets (one counterparty, chosen when it is proposed) or parties "
                    "(every one asked at once), not both", at_key=True)  # fmt: skip
    if len(move.parties) < 2:
        checker.add(at, "a deal among parties needs at least two of them; with one counterparty, "
                    "use 'targets: [ACTOR]' and 'ask'", at_key=True)  # fmt: skip
    if move.ask:
        checker.add((*path, "ask"), "a deal among parties has no target to ask: put what each party gives under "
                    "its 'gives'", at_key=True)  # fmt: skip
    seen: set[str] = set()
    for i, party in enumerate(move.parties):
        where = (*at, i, "actor")
        if party.actor not in checker.actor_ids:
            checker.add(where, f"unknown actor '{party.actor}'" + suggest(party.actor, checker.actor_ids))
        elif party.actor in move.actors:
            checker.add(where, f"'{party.actor}' proposes this deal (it is in actors), so it cannot also be "
                        "a party it is proposed to")  # fmt: skip
        elif party.actor in seen:
            checker.add(where, f"'{party.actor}' is a party twice: give it one entry with all its terms")
        seen.add(party.actor)
        for key in ("gives", "gets"):
            checker.effects(getattr(party, key), (*at, i, key), scope)
