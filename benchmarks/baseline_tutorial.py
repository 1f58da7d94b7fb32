"""The tutorial scenario's rules written by hand in plain Python: the engine benchmark's baseline.

Dicts and lists only: no transitions machines, no pydantic, no compiled
conditions; the rules of ``scenarios/tutorial.yaml`` are hard-coded. It plays a
whole game with random bots in every seat and returns the final state in the
engine's own shape, so the benchmark can require the *same state hash*
(``game.engine.state_hash``: SHA-256 of the canonical JSON of the whole state,
log included) for the same seed before any timing counts. That means it makes
the same random draws in the same order as the engine:

- the game RNG is re-seeded with ``f"{seed}/{turn}/{phase}"`` (version 2) at
  the start of the news and resolution phases; the drought roll and covert
  detection rolls are its only draws;
- each random bot has ``random.Random(f"{seed}/bot/{actor}")`` and picks
  ``legal[rng.randrange(len(legal))]`` over the canonical legal list (moves in
  file order, then pass; for a proposal: accept, then reject).

Run it directly to play one game: ``python benchmarks/baseline_tutorial.py SEED``.
"""

from __future__ import annotations

import random
import sys
from typing import Any

UPLAND, LOWLAND = "upland", "lowland"
ACTORS = (UPLAND, LOWLAND)
NAMES = {UPLAND: "Upland", LOWLAND: "Lowland"}
TURNS = 5
TRACK_NAME = "Upland–Lowland relations"
STATES = ("hostile", "tense", "neutral", "friendly", "treaty")
LABELS = {"treaty": "River treaty"}
LABEL = {
    "upland.money": "money", "upland.reservoir": "reservoir", "upland.standing": "standing",
    "lowland.water": "water", "lowland.money": "money", "lowland.standing": "standing",
}  # fmt: skip
PRIVATE = frozenset({"upland.reservoir"})

# Moves: id -> (log text, deal, covert, cost, offer+ask+effects, uses per game); effects are
# ("change", var, by) | ("flag", id, value) | ("trigger", track, trigger).
MOVES: dict[str, tuple[str, bool, bool, tuple[tuple[str, int], ...], tuple[tuple[str, str, Any], ...], int | None]] = {
    "upland.sell_water": ("{actor} offers to sell water to {target}", True, False, (("upland.reservoir", 15),),
                          (("change", "lowland.water", 15), ("change", "lowland.money", -12),
                           ("change", "upland.money", 12), ("trigger", "relations", "warm")), None),
    "lowland.buy_water": ("{actor} offers to buy water from {target}", True, False, (("lowland.money", 14),),
                          (("change", "upland.money", 14), ("change", "upland.reservoir", -15),
                           ("change", "lowland.water", 15), ("trigger", "relations", "warm")), None),
    "upland.divert_river": ("{actor} secretly diverts the river", False, True, (),
                            (("change", "upland.reservoir", 15), ("change", "lowland.water", -8)), None),
    "lowland.dig_wells": ("{actor} digs new wells", False, False, (("lowland.money", 10),),
                          (("change", "lowland.water", 8),), None),
    "lowland.protest": ("{actor} protests to the neighbours about {target}'s dam", False, False, (),
                        (("change", "lowland.standing", 8), ("change", "upland.standing", -8),
                         ("trigger", "relations", "cool")), None),
    "upland.open_talks": ("{actor} proposes talks on a river treaty", False, False, (),
                          (("flag", "talks_open", True), ("change", "upland.standing", 5)), None),
    "lowland.open_talks": ("{actor} proposes talks on a river treaty", False, False, (),
                           (("flag", "talks_open", True), ("change", "lowland.standing", 5)), None),
    "upland.sign_treaty": ("{actor} proposes that {target} sign the river treaty", True, False, (),
                           (("trigger", "relations", "sign"), ("change", "upland.standing", 10),
                            ("change", "lowland.standing", 10)), 1),
    "lowland.sign_treaty": ("{actor} proposes that {target} sign the river treaty", True, False, (),
                            (("trigger", "relations", "sign"), ("change", "lowland.standing", 10),
                             ("change", "upland.standing", 10)), 1),
    "upland.sell_power": ("{actor} sells electricity abroad", False, False, (("upland.reservoir", 10),),
                          (("change", "upland.money", 10),), None),
}  # fmt: skip
ORDER = {
    UPLAND: (("sell_water", LOWLAND), ("divert_river", None), ("open_talks", None), ("sign_treaty", LOWLAND),
             ("sell_power", None)),
    LOWLAND: (("buy_water", UPLAND), ("dig_wells", None), ("protest", UPLAND), ("open_talks", None),
              ("sign_treaty", UPLAND)),
}  # fmt: skip
"""Each actor's moves in the file's order, with their target."""
ON_DETECT = (("change", "upland.standing", -20), ("trigger", "relations", "cool"))


def condition(move: str, values: dict[str, int], state: dict[str, Any]) -> bool:
    """The move's condition (True when it has none)."""
    if move == "buy_water":
        return values["upland.reservoir"] >= 15
    if move == "protest":
        return values["lowland.water"] < 50
    if move == "open_talks":
        return not state["flags"]["talks_open"]
    if move == "sign_treaty":
        return bool(state["flags"]["talks_open"]) and state["tracks"]["relations"] == "friendly"
    return True


def fire(state: dict[str, Any], trigger: str, turn: int, phase: str) -> None:
    """The relations track: warm, cool, and sign (only while talks are open)."""
    current = state["tracks"]["relations"]
    index = STATES.index(current)
    new = current
    if trigger == "warm" and index < 3:
        new = STATES[index + 1]
    elif trigger == "cool" and index > 0:
        new = STATES[index - 1]
    elif trigger == "sign" and current == "friendly" and state["flags"]["talks_open"]:
        new = "treaty"
    if new != current:
        state["tracks"]["relations"] = new
        text = f"{TRACK_NAME}: {LABELS.get(current, current)} → {LABELS.get(new, new)}"
        state["log"].append({"turn": turn, "phase": phase, "kind": "track", "text": text, "track": "relations",
                             "source": current, "dest": new})  # fmt: skip


def apply(state: dict[str, Any], ops: Any, entry: dict[str, Any] | None, turn: int, phase: str) -> None:
    """Apply effects in order (variables clamped to 0..100); note the changes on the log entry."""
    values = state["vars"]
    changes: dict[str, int] = {}
    for kind, key, value in ops:
        if kind == "change":
            old = values[key]
            new = old + value
            new = 0 if new < 0 else 100 if new > 100 else new
            values[key] = new
            if new != old:
                changes[key] = changes.get(key, 0) + new - old
        elif kind == "flag":
            state["flags"][key] = value
        else:
            fire(state, value, turn, phase)
    if entry is not None and changes:
        entry.setdefault("changes", {}).update(changes)


def snapshot(state: dict[str, Any]) -> dict[str, Any]:
    """The end-of-turn numbers."""
    return {"turn": state["turn"], "vars": dict(state["vars"]), "tracks": dict(state["tracks"]),
            "flags": dict(state["flags"]), "scores": dict(state["scores"])}  # fmt: skip


def legal_moves(state: dict[str, Any], actor: str) -> list[tuple[str, str | None]]:
    """Available moves in canonical order, then pass."""
    values = state["vars"]
    uses = state["uses"]
    legal: list[tuple[str, str | None]] = []
    for move, target in ORDER[actor]:
        key = f"{actor}.{move}"
        limit = MOVES[key][5]
        if limit is not None and uses.get(key, 0) >= limit:
            continue
        if any(values[ref] - amount < 0 for ref, amount in MOVES[key][3]):
            continue
        if condition(move, values, state):
            legal.append((move, target))
    legal.append(("pass", None))
    return legal


def news(state: dict[str, Any], rng: random.Random, seed: int, turn: int) -> None:
    """The news phase: spring floods (turn 1), drought (35% from turn 2, once), bank loan (money below 25, once)."""
    rng.seed(f"{seed}/{turn}/news", version=2)
    fired, values, log = state["fired"], state["vars"], state["log"]
    if turn == 1 and "spring_floods" not in fired:
        fired["spring_floods"] = 1
        entry = {"turn": turn, "phase": "news", "kind": "event",
                 "text": "Heavy rain fills the river. Both sides have more water this season.",
                 "title": "Spring floods", "event": "spring_floods"}  # fmt: skip
        log.append(entry)
        apply(state, (("change", "upland.reservoir", 5), ("change", "lowland.water", 5)), entry, turn, "news")
    if "drought" not in fired and turn >= 2 and rng.random() < 0.35:
        fired["drought"] = 1
        entry = {"turn": turn, "phase": "news", "kind": "event",
                 "text": "A hot, dry summer: the reservoir drops and the fields crack.",
                 "title": "Drought declared", "event": "drought"}  # fmt: skip
        log.append(entry)
        ops = (("flag", "drought", True), ("change", "upland.reservoir", -10), ("change", "lowland.water", -6))
        apply(state, ops, entry, turn, "news")
    if "bank_loan" not in fired and values["upland.money"] < 25:
        fired["bank_loan"] = 1
        entry = {"turn": turn, "phase": "news", "kind": "event",
                 "text": "A foreign bank offers Upland a bridge loan; the markets take note.",
                 "title": "Bank offers Upland a bridge loan", "event": "bank_loan"}  # fmt: skip
        log.append(entry)
        apply(state, (("change", "upland.money", 10), ("change", "upland.standing", -5)), entry, turn, "news")


def resolve(state: dict[str, Any], rng: random.Random, seed: int, turn: int) -> None:
    """The resolution phase: orders actor by actor; deals need acceptance; the diversion may be detected."""
    rng.seed(f"{seed}/{turn}/resolution", version=2)
    values, log = state["vars"], state["log"]
    answers = {p["id"]: p for p in state["proposals"]}
    for actor in ACTORS:
        for order in state["orders"][actor]:
            move, target = order["move"], order["target"]
            key = f"{actor}.{move}"
            text_template, deal, covert, cost, ops, _ = MOVES[key]
            text = text_template.replace("{actor}", NAMES[actor])
            if target is not None:
                text = text.replace("{target}", NAMES[target])
            insiders = [actor] if target is None or not deal else [actor, target]
            base = {"turn": turn, "phase": "resolution"}
            extra = {"move": move, "actor": actor, "target": target}
            proposal = answers.get(f"t{turn}.{actor}.{order['slot']}")
            if proposal is not None and not proposal["answer"]:
                log.append({**base, "kind": "rejected", "text": f"{NAMES[target or '']} rejected the proposal: {text}",
                            **extra})  # fmt: skip
                continue
            if not condition(move, values, state):
                log.append({**base, "kind": "failed", "text": f"{text} – failed: no longer possible",
                            "visible_to": list(insiders), **extra})  # fmt: skip
                continue
            unpaid = next(((ref, amount) for ref, amount in cost if values[ref] - amount < 0), None)
            if unpaid is not None:
                log.append({**base, "kind": "failed",
                            "text": f"{text} – failed: could not pay {unpaid[1]} {LABEL[unpaid[0]]}",
                            "visible_to": list(insiders), **extra})  # fmt: skip
                continue
            entry: dict[str, Any] = {**base, "kind": "deal" if deal else "move", "text": text}
            if covert:
                entry["visible_to"] = list(insiders)
            entry["covert"] = covert
            entry.update(extra)
            log.append(entry)
            apply(state, tuple(("change", ref, -amount) for ref, amount in cost) + ops, entry, turn, "resolution")
            if covert:
                chance = 0.3 if state["flags"]["drought"] else 0.5
                if rng.random() < chance:
                    detected = {**base, "kind": "detected", "text": f"Detected: {text}", **extra}
                    log.append(detected)
                    apply(state, ON_DETECT, detected, turn, "resolution")


def score(state: dict[str, Any], key: str, actor: str, text: str, points: int, secret: bool, turn: int) -> None:
    """Score an objective and log it."""
    state["scores"][actor] += points
    state["met"].setdefault(key, []).append(turn)
    entry: dict[str, Any] = {"turn": turn, "phase": "assessment", "kind": "objective",
                             "text": f"{NAMES[actor]}: {text} ({points:+d})"}  # fmt: skip
    if secret:
        entry["visible_to"] = [actor]
    entry.update({"actor": actor, "objective": key, "points": points})
    state["log"].append(entry)


def assess(state: dict[str, Any], turn: int) -> bool:
    """Upkeep, each-turn objectives, endings; True when the game is over."""
    values, log = state["vars"], state["log"]
    for actor, ref, by, reason in (("upland", "upland.money", -6, "the dam loan is due"),
                                   ("lowland", "lowland.water", -8, "the harvest drinks the river")):  # fmt: skip
        before = values[ref]
        after = max(0, min(100, before + by))
        values[ref] = after
        if after != before:
            text = f"{NAMES[actor]}: {LABEL[ref]} {after - before:+d} ({reason})"
            entry: dict[str, Any] = {"turn": turn, "phase": "assessment", "kind": "upkeep", "text": text}
            if ref in PRIVATE:
                entry["visible_to"] = [actor]
            entry.update({"actor": actor, "changes": {ref: after - before}})
            log.append(entry)
    if values["upland.standing"] >= 50:
        score(state, "upland.trusted", UPLAND, "Keep standing at 50 or more each season", 1, False, turn)
    if values["lowland.water"] >= 70:
        score(state, "lowland.fed", LOWLAND, "Keep at least 70 water in the fields each season", 1, False, turn)
    relations = state["tracks"]["relations"]
    if relations == "hostile":
        finish(
            state,
            turn,
            "water_war",
            "Crisis on the river",
            "Relations have collapsed into open hostility; the dispute goes to an international court.",
            0,
        )
        return True
    if turn >= TURNS:
        if relations == "treaty":
            finish(
                state,
                turn,
                "treaty_signed",
                "A river treaty",
                "The neighbours signed a treaty sharing the river. Both gain standing.",
                1,
            )
        else:
            finish(
                state,
                turn,
                "uneasy_peace",
                "An uneasy peace",
                "No treaty, no war: the river dispute will be back next year.",
                0,
            )
        return True
    state["history"].append(snapshot(state))
    return False


def finish(state: dict[str, Any], turn: int, ending: str, title: str, text: str, bonus: int) -> None:
    """The ending, its score bonus, the end objectives and the result."""
    entry: dict[str, Any] = {"turn": turn, "phase": "assessment", "kind": "ending", "text": f"{title}: {text}",
                             "ending": ending}  # fmt: skip
    state["log"].append(entry)
    if bonus:
        state["scores"][UPLAND] += bonus
        state["scores"][LOWLAND] += bonus
        entry["points"] = {UPLAND: bonus, LOWLAND: bonus}
    values = state["vars"]
    if values["upland.money"] >= 60:
        score(state, "upland.solvent", UPLAND, "End the game with at least 60 money", 4, True, turn)
    if values["lowland.water"] >= 50:
        score(state, "lowland.irrigated", LOWLAND, "End the game with at least 50 water", 4, True, turn)
    if STATES.index(state["tracks"]["relations"]) >= 3:
        score(state, "lowland.peace", LOWLAND, "Relations are friendly or better at the end", 2, False, turn)
    state["history"].append(snapshot(state))
    scores = state["scores"]
    best = max(scores.values())
    state["result"] = {"ending": ending, "title": title, "turn": turn, "scores": dict(scores),
                       "winners": [a for a in ACTORS if scores[a] == best]}  # fmt: skip


def play(seed: int) -> dict[str, Any]:
    """One whole game with random bots in both seats; the final state."""
    rng = random.Random(seed)
    bots = {actor: random.Random(f"{seed}/bot/{actor}") for actor in ACTORS}
    state: dict[str, Any] = {
        "turn": 1, "phase": "briefing",
        "vars": {"upland.money": 50, "upland.reservoir": 60, "upland.standing": 50,
                 "lowland.water": 50, "lowland.money": 60, "lowland.standing": 50},
        "tracks": {"relations": "neutral"}, "flags": {"talks_open": False, "drought": False},
        "scores": {UPLAND: 0, LOWLAND: 0}, "orders": {UPLAND: [], LOWLAND: []}, "done": [], "proposals": [],
        "uses": {}, "fired": {}, "met": {}, "log": [], "history": [], "result": None,
    }  # fmt: skip
    turn = 1
    while True:
        state["turn"] = turn
        state["phase"] = "news"
        news(state, rng, seed, turn)
        state["phase"] = "diplomacy"
        state["orders"] = {UPLAND: [], LOWLAND: []}
        state["done"] = []
        state["proposals"] = []
        for actor in ACTORS:
            legal = legal_moves(state, actor)
            move, target = legal[bots[actor].randrange(len(legal))]
            state["done"].append(actor)
            if move == "pass":
                continue
            state["orders"][actor].append({"move": move, "target": target, "slot": 0})
            key = f"{actor}.{move}"
            state["uses"][key] = state["uses"].get(key, 0) + 1
            if MOVES[key][1]:
                state["proposals"].append({"id": f"t{turn}.{actor}.0", "from": actor, "to": target, "move": move,
                                           "answer": None})  # fmt: skip
        if state["proposals"]:
            state["phase"] = "responses"
            for actor in ACTORS:
                for proposal in state["proposals"]:
                    if proposal["to"] == actor and proposal["answer"] is None:
                        proposal["answer"] = bots[actor].randrange(2) == 0  # legal: [accept, reject]
        state["phase"] = "resolution"
        resolve(state, rng, seed, turn)
        state["phase"] = "assessment"
        if assess(state, turn):
            state["phase"] = "debrief"
            return state
        turn += 1


if __name__ == "__main__":
    import json

    final = play(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    print(json.dumps(final["result"]))
