"""One game: the engine API every client (UI, CLI, bots, tests) uses.

- :meth:`Game.awaiting` – who must decide now;
- :meth:`Game.legal_decisions` – what they may decide, in canonical order;
- :meth:`Game.submit` – record a decision (an illegal one raises
  :class:`~game.engine.errors.IllegalDecision` with the reason in words);
- :meth:`Game.advance` – run the automatic phases until a decision is needed;
- :func:`game.engine.view.actor_view` / :func:`~game.engine.view.facilitator_view`.

Resolution order (documented in docs/rules.md): orders resolve actor by
actor in the scenario's actor order, each actor's orders in the order they
were given. Randomness comes from one RNG owned by the game and re-seeded
from (seed, turn, phase) at the start of each random phase, so the state at
the start of a turn plus the decisions after it determine everything that
follows.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Any, Protocol

from game.engine.compiled import BoundMove, CompiledEnding, CompiledObjective, CompiledScenario, Op
from game.engine.deals import combined_answer, deal_id, insiders, names_list, party_proposals
from game.engine.decisions import PASS, Answer, Decision, Move
from game.engine.effects import clear_timed
from game.engine.errors import GameOver, IllegalDecision
from game.engine.explain import explain_condition
from game.engine.expressions import Condition, new_namespace
from game.engine.outlook import Outlook, Trial, apply_ops
from game.engine.phases import Phase
from game.engine.quiet import QuietMove, quiet_plan
from game.engine.rolls import RollCache, Rolls
from game.engine.state import State, clone_state, new_state, quiet_clone, snapshot, state_hash

_DIPLOMACY = Phase.DIPLOMACY.value
_RESPONSES = Phase.RESPONSES.value
_DEBRIEF = Phase.DEBRIEF.value
_NEWS = Phase.NEWS.value
_RESOLUTION = Phase.RESOLUTION.value
_ASSESSMENT = Phase.ASSESSMENT.value
_VARIABLE_OPS = frozenset({"change", "set"})
_STAMPS = itertools.count(1)
"""The numbers stamps of :meth:`Game.numbers_stamp`: none is given twice in a process."""


class Observer(Protocol):
    """What a quiet game tells about its resolution, in place of the log entries it does not write."""

    def resolved(self, bound: BoundMove, kind: str) -> None:
        """An order resolved as the log kind ``kind`` would say: move, deal, rejected, failed; then detected."""

    def track_moved(self, track: str, source: str, dest: str) -> None:
        """A trigger moved ``track`` from ``source`` to ``dest``."""


@dataclass(frozen=True)
class MoveOption:
    """A move an actor could make, with whether it is available now and why not."""

    bound: BoundMove
    available: bool
    reason: str
    """Empty when available; otherwise why not, in words."""

    @property
    def decision(self) -> Move:
        """The decision that makes this move."""
        return Move(self.bound.actor, self.bound.id, self.bound.target)


class Game:
    """A game in progress: plain state plus the compiled scenario it runs on."""

    def __init__(self, compiled: CompiledScenario, seed: int, state: State | None = None) -> None:
        self.compiled = compiled
        self.seed = seed
        self._rng: random.Random | None = None
        self._roll_cache: RollCache | None = None
        self._rolls: Rolls | None = None
        self._rolled = 0
        self._seed_key: str | None = None
        """The key the RNG is to be re-seeded with before its next draw (see :meth:`_reseed`)."""
        self.quiet = False
        """True for a look-ahead copy (:meth:`copy` with ``quiet``): same rules, no log and no decision records."""
        self.observer: Observer | None = None
        """Told, in a quiet game, what its log would have recorded of each order and track (batch runs count it);
        copies never have one."""
        self.keep_history = True
        """False for a game whose end-of-turn snapshots (``state["history"]``) nobody reads, such as a look-ahead
        bot's rollouts: its turns then append none (the numbers are the same); copies inherit it."""
        self.state: State = new_state(compiled) if state is None else state
        self.decisions: list[dict[str, Any]] = []
        self._track_index: dict[str, int] = {}
        self._namespace = new_namespace(self.state["vars"], self._track_index, self.state["flags"])
        self._legal: tuple[str, int, list[Decision]] | None = None
        self._version = 0
        """Counts the changes to the state (any change: the decisions :meth:`legal_decisions` listed before are
        checked again when submitted); a facilitator's action counts one too."""
        self._submitted = 0
        """How many of the changes :attr:`_version` counts were submitted decisions (which change no number)."""
        self._stamp = (-1, 0)
        """(the other changes counted when :meth:`numbers_stamp` last gave a stamp, that stamp)."""
        self.state_changed()

    # --- plain data in and out -------------------------------------------------

    def state_changed(self) -> None:
        """Re-read :attr:`state` after it was changed from outside the engine (a test, a facilitator's override)."""
        self._version += 1
        namespace = self._namespace
        namespace["V"] = self.state["vars"]
        namespace["F"] = self.state["flags"]
        self._track_index.clear()
        for tid, current in self.state["tracks"].items():
            self._track_index[tid] = self.compiled.tracks[tid].index[current]
        namespace["turn"] = self.state["turn"]
        namespace["turns"] = self.compiled.turns

    @property
    def rng(self) -> random.Random:
        """The game's one RNG. It is re-seeded from (seed, turn, phase) at the start of every random phase, and
        only when it is used: a phase (or a copy, or a preview) that never rolls never pays for seeding it."""
        key = self._seed_key
        if key is not None:
            self._seed_key = None
            if self._rng is None:
                self._rng = random.Random(key)
            else:
                self._rng.seed(key, version=2)
        elif self._rng is None:
            self._rng = random.Random(self.seed)
        return self._rng

    def copy(self, quiet: bool = False) -> Game:
        """An independent copy (cheap: plain data only) for look-ahead and what-if.

        A ``quiet`` copy plays by exactly the same rules but writes nothing to its log or decision
        list (both start empty): a bot's rollout reads only the numbers it ends with. A copy knows the
        decisions :meth:`legal_decisions` last listed, so a decision from that list is taken without
        checking it again, as in the game itself."""
        other = Game.__new__(Game)
        quiet = quiet or self.quiet
        state = quiet_clone(self.state) if quiet else clone_state(self.state)
        track_index = self._track_index.copy()
        namespace = self._namespace.copy()
        namespace["V"] = state["vars"]
        namespace["T"] = track_index
        namespace["F"] = state["flags"]
        other.__dict__.update(
            compiled=self.compiled, seed=self.seed, _rng=None, _roll_cache=self._roll_cache, _rolls=None,
            _rolled=0, _seed_key=None, quiet=quiet, observer=None, keep_history=self.keep_history, state=state,
            decisions=[] if quiet else list(self.decisions), _track_index=track_index, _namespace=namespace,
            _legal=self._legal, _version=self._version, _submitted=self._submitted, _stamp=self._stamp,
        )  # fmt: skip
        return other

    def share_rolls(self, cache: RollCache | None) -> None:
        """Draw this game's dice from ``cache`` (shared with other copies of one game; None: roll alone). The
        numbers are those the game's own RNG would draw, so the game is the same; copies inherit the cache."""
        self._roll_cache = cache
        self._rolls = None

    def numbers_stamp(self) -> int:
        """A stamp of the numbers (variables, tracks, flags, scores, turn and phase): two calls, on this game or on
        its copies, give the same stamp only if the numbers are the same. A new one, never given before, follows
        any change but a submitted decision (a phase, a facilitator's action, :meth:`state_changed`, a preview)."""
        changes = self._version - self._submitted
        known = self._stamp
        if known[0] != changes:
            known = self._stamp = (changes, next(_STAMPS))
        return known[1]

    def state_hash(self) -> str:
        """SHA-256 of the canonical JSON state."""
        return state_hash(self.state)

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return Phase(self.state["phase"])

    @property
    def turn(self) -> int:
        """The current turn, from 1."""
        return int(self.state["turn"])

    @property
    def turn_label(self) -> str:
        """The current turn's label, e.g. "July 2024"."""
        return self.compiled.turn_labels[self.turn - 1]

    def is_over(self) -> bool:
        """True once an ending has been reached."""
        return self.state["result"] is not None

    def has_open_proposals(self) -> bool:
        """True when a proposal is waiting for an answer."""
        return _waiting_answer(self.state["proposals"])

    def evaluate(self, condition: Condition) -> Any:
        """Evaluate a compiled condition against the current state."""
        return eval(condition.code, self._namespace)

    # --- who decides what ---------------------------------------------------------

    def awaiting(self) -> list[str]:
        """Actors who must decide before the game can advance, in actor order."""
        phase = self.state["phase"]
        if phase == _DIPLOMACY:
            done = self.state["done"]
            return [a for a in self.compiled.actors if a not in done]
        if phase == _RESPONSES:
            waiting = {p["to"] for p in self.state["proposals"] if p["answer"] is None}
            return [a for a in self.compiled.actors if a in waiting]
        return []

    def is_awaiting(self, actor: str) -> bool:
        """True when ``actor`` must decide before the game can advance."""
        phase = self.state["phase"]
        if phase == _DIPLOMACY:
            return actor not in self.state["done"]
        if phase == _RESPONSES:
            for proposal in self.state["proposals"]:
                if proposal["answer"] is None and proposal["to"] == actor:
                    return True
        return False

    def move_options(self, actor: str) -> list[MoveOption]:
        """Every move bound to ``actor`` with whether it is available now (for greyed-out cards)."""
        self._check_actor(actor)
        return [MoveOption(b, *self._availability(b)) for b in self.compiled.bound_moves[actor]]

    def legal_decisions(self, actor: str) -> list[Decision]:
        """Every decision ``actor`` may submit now, in canonical order (moves, then pass; answers by proposal)."""
        self._check_actor(actor)
        phase = self.state["phase"]
        if phase == _DIPLOMACY:
            if actor in self.state["done"]:
                return []
            known = self._legal
            if known is not None and known[0] == actor and known[1] == self._version:
                return list(known[2])
            if self.quiet:  # the same list, from one compiled function (game.engine.quiet)
                legal = quiet_plan(self.compiled).legal[actor](self.state, self._namespace)
            else:
                legal = self._legal_moves(actor)
                legal.append(self.compiled.pass_decisions[actor])
            self._legal = (actor, self._version, legal)
            return list(legal)
        if phase == _RESPONSES:
            answers: list[Decision] = []
            for proposal in self.open_proposals(actor):
                answers.append(Answer(actor, proposal["id"], True))
                answers.append(Answer(actor, proposal["id"], False))
            return answers
        return []

    def open_proposals(self, actor: str) -> list[dict[str, Any]]:
        """Proposals made to ``actor`` that wait for an answer."""
        return [p for p in self.state["proposals"] if p["to"] == actor and p["answer"] is None]

    def bound(self, actor: str, move: str, target: str | None) -> BoundMove:
        """The bound move for a decision; IllegalDecision if there is none."""
        bound = self.compiled.bound_index.get((actor, move, target))
        if bound is None:
            known = self.compiled.moves.get(move)
            if known is None:
                raise IllegalDecision(f"{actor} has no move {move!r}")
            if actor not in known.actors:
                raise IllegalDecision(f"{self._name(actor)} cannot make the move {known.name!r}")
            if target is None and known.targets:
                raise IllegalDecision(f"{known.name!r} needs a target: one of {', '.join(known.targets)}")
            raise IllegalDecision(f"{known.name!r} cannot target {target!r}")
        return bound

    def _legal_moves(self, actor: str) -> list[Decision]:
        """The decisions of every bound move :meth:`_available` allows (the same checks, in one pass)."""
        state = self.state
        orders = state["orders"][actor]
        taken = {(o["move"], o["target"]) for o in orders} if orders else None
        uses, values, namespace = state["uses"], state["vars"], self._namespace
        legal: list[Decision] = []
        for decision, move_id, target, uses_key, limit, cost, code in self.compiled.legal_checks[actor]:
            if taken and (move_id, target) in taken:
                continue
            if limit is not None and uses.get(uses_key, 0) >= limit:
                continue
            for ref, amount, low in cost:
                if values[ref] - amount < low:
                    break
            else:
                if code is None or eval(code, namespace):
                    legal.append(decision)
        return legal

    def _available(self, bound: BoundMove) -> bool:
        """The fast yes/no of :meth:`_availability` (same checks, no words)."""
        state = self.state
        if state["phase"] != _DIPLOMACY:
            return False
        for order in state["orders"][bound.actor]:
            if order["move"] == bound.move_id and order["target"] == bound.target:
                return False
        limit = bound.uses_limit
        if limit is not None and state["uses"].get(bound.uses_key, 0) >= limit:
            return False
        values, bounds = state["vars"], self.compiled.bounds
        for ref, amount in bound.cost:
            if values[ref] - amount < bounds[ref][0]:
                return False
        return bound.condition is None or bool(eval(bound.condition.code, self._namespace))

    def _availability(self, bound: BoundMove) -> tuple[bool, str]:
        """Whether the move is available now and, if not, why, in words."""
        state = self.state
        actor = bound.actor
        if state["phase"] != _DIPLOMACY:
            return False, "moves are made in the diplomacy phase"
        for order in state["orders"][actor]:
            if order["move"] == bound.id and order["target"] == bound.target:
                return False, "already chosen this turn"
        limit = bound.move.uses_per_game
        if limit is not None and state["uses"].get(f"{actor}.{bound.id}", 0) >= limit:
            return False, f"can be made only {limit} time{'s' if limit > 1 else ''} per game"
        values = state["vars"]
        for ref, amount in bound.cost:
            low = self.compiled.bounds[ref][0]
            if values[ref] - amount < low:
                return False, f"costs {amount} {self._label(ref)} (has {values[ref]})"
        if bound.condition is not None and not eval(bound.condition.code, self._namespace):
            return False, f"requires {self._condition_words(bound)}"
        return True, ""

    def _condition_words(self, bound: BoundMove) -> str:
        key = (bound.actor, bound.id, bound.target)
        words = self.compiled.condition_words.get(key)
        if words is None and bound.condition is not None:
            words = explain_condition(bound.condition.text, self.compiled, bound.actor, bound.target)
            self.compiled.condition_words[key] = words
        return words or ""

    # --- decisions -------------------------------------------------------------------

    def submit(self, decision: Decision, reason: str | None = None) -> None:
        """Record a decision; raise IllegalDecision (with the reason) if it is not allowed now.

        ``reason`` is the player's (a bot's) stated reason; it is kept with the order for the debrief.
        """
        state = self.state
        if state["result"] is not None:
            raise GameOver("the game is over")
        known = self._legal
        listed = False
        if known is not None and known[1] == self._version:
            for legal in known[2]:
                if legal is decision:
                    listed = True
                    break
        self._version += 1
        self._submitted += 1
        if listed:  # one of the moves legal_decisions has just listed, and nothing has changed since
            self._submit_move(decision, reason, checked=True)  # type: ignore[arg-type]
        else:
            self._check_and_submit(decision, reason)
        if self.quiet:
            return
        entry = decision.to_json()
        entry["turn"] = state["turn"]
        if reason:
            entry["reason"] = reason
        self.decisions.append(entry)

    def submit_answer_unchecked(self, answer: Answer) -> None:
        """:meth:`submit` of an answer known to fit now, without the checks, in a quiet game: the game is in its
        responses phase and ``answer``'s actor has an open proposal with its id (a look-ahead rollout's answers,
        given once per decision: :class:`game.players.lookahead._Given`). Recorded as :meth:`submit` records it
        (the first such open proposal is answered); a game that logs takes it through :meth:`submit`."""
        if not self.quiet:
            self.submit(answer)
            return
        self._version += 1
        self._submitted += 1
        self._submit_answer(answer, None)

    def _check_and_submit(self, decision: Decision, reason: str | None) -> None:
        """Record a decision after checking that its actor must decide and may decide it now."""
        state = self.state
        actor = decision.actor
        if actor not in self.compiled.actor_index:
            raise IllegalDecision(f"unknown actor {actor!r}")
        phase = state["phase"]
        waiting = actor not in state["done"] if phase == _DIPLOMACY else self.is_awaiting(actor)
        if not waiting:
            raise IllegalDecision(f"{self._name(actor)} has nothing to decide in the {phase} phase")
        if isinstance(decision, Move):
            if phase != _DIPLOMACY:
                raise IllegalDecision(f"moves are made in the diplomacy phase, not {self.state['phase']}")
            self._submit_move(decision, reason)
        elif isinstance(decision, Answer):
            if phase != _RESPONSES:
                raise IllegalDecision("proposals are answered in the responses phase")
            self._submit_answer(decision, reason)
        else:
            raise TypeError(f"not a decision: {decision!r}")

    def _submit_move(self, decision: Move, reason: str | None, checked: bool = False) -> None:
        """Record a move; ``checked``: it is known to be legal now (listed by :meth:`legal_decisions`)."""
        actor = decision.actor
        state = self.state
        if decision.move == PASS:
            state["done"].append(actor)
            return
        bound = self.compiled.bound_index.get((actor, decision.move, decision.target))
        if bound is None:
            bound = self.bound(actor, decision.move, decision.target)  # raises: there is no such move
        if not checked and not self._available(bound):
            raise IllegalDecision(f"{bound.move.name!r} is not available: {self._availability(bound)[1]}")
        orders = state["orders"][actor]
        slot = len(orders)
        order = {"move": bound.id, "target": bound.target, "slot": slot}
        if reason:
            order["reason"] = reason
        orders.append(order)
        uses, key = state["uses"], bound.uses_key  # actor.move
        uses[key] = uses.get(key, 0) + 1
        if bound.parties:
            state["proposals"].extend(party_proposals(bound, deal_id(state["turn"], actor, slot)))
        elif bound.is_deal:
            assert bound.target is not None
            state["proposals"].append(
                {"id": f"t{state['turn']}.{actor}.{slot}", "from": actor, "to": bound.target, "move": bound.id,
                 "answer": None}
            )  # fmt: skip
        if len(orders) >= self.compiled.meta.actions_per_turn:
            state["done"].append(actor)

    def _submit_answer(self, decision: Answer, reason: str | None) -> None:
        actor, ident = decision.actor, decision.proposal
        for proposal in self.state["proposals"]:  # the first of open_proposals(actor) with the id, in one pass
            if proposal["id"] == ident and proposal["to"] == actor and proposal["answer"] is None:
                proposal["answer"] = decision.accept
                if reason:
                    proposal["reason"] = reason
                return
        raise IllegalDecision(f"{self._name(decision.actor)} has no open proposal {decision.proposal!r}")

    # --- the automatic phases ------------------------------------------------------------

    def advance(self) -> None:
        """Run phases until someone must decide or the game is over."""
        state = self.state
        actors = len(self.compiled.actors)
        while state["phase"] != _DEBRIEF:
            phase = state["phase"]
            if phase == _DIPLOMACY:
                if len(state["done"]) < actors:  # an actor is done once, so someone is still deciding
                    return
            elif phase == _RESPONSES and _waiting_answer(state["proposals"]):
                return
            self._step()

    def step(self) -> Phase:
        """Leave the current phase (its decisions must be complete) and run the next one."""
        if self.state["phase"] == _DEBRIEF:
            raise GameOver("the game is over")
        waiting = self.awaiting()
        if waiting:
            names = ", ".join(self._name(a) for a in waiting)
            raise IllegalDecision(f"waiting for {names} to decide")
        return Phase(self._step())

    def _step(self) -> str:
        self._version += 1
        state = self.state
        previous = state["phase"]
        phase = self.compiled.flow.next_name(previous, self)
        state["phase"] = phase
        if phase == _NEWS:
            if previous == _ASSESSMENT:
                state["turn"] += 1
                self._namespace["turn"] = state["turn"]
            self._run_news()
        elif phase == _DIPLOMACY:
            state["orders"] = {actor: [] for actor in self.compiled.actors}
            state["done"] = []
            state["proposals"] = []
        elif phase == _RESOLUTION:
            self._run_resolution()
        elif phase == _ASSESSMENT:
            self._run_assessment()
        now: str = state["phase"]  # the debrief when an effect ended the game in this phase
        return now

    def _reseed(self, phase: str) -> None:
        """Re-seed the dice from (seed, turn, phase) before the phase's first draw.

        Seeding the RNG costs about 5 µs, more than a whole phase without dice, so it is done when the phase
        first rolls (:attr:`rng`): the draws are the same as if the RNG had been seeded here."""
        key = f"{self.seed}/{self.state['turn']}/{phase}"
        if self._roll_cache is not None:
            self._rolls = self._roll_cache.rolls(key)
            self._rolled = 0
            return
        self._seed_key = key

    def _run_news(self) -> None:
        self._reseed(_NEWS)
        if self.quiet:
            self._run_news_quietly()
            return
        turn = self.state["turn"]
        if "timers" in self.state:
            clear_timed(self.state)
        fired = self.state["fired"]
        for compiled_event in self.compiled.events:
            event = compiled_event.event
            if not event.repeat and compiled_event.event.id in fired:
                continue
            if event.turn is not None and event.turn != turn:
                continue
            if (event.from_turn is not None and turn < event.from_turn) or (
                event.to_turn is not None and turn > event.to_turn
            ):
                continue
            if compiled_event.condition is not None and not eval(compiled_event.condition.code, self._namespace):
                continue
            if event.chance is not None and not self._roll(("event", event.id), event.chance):
                continue
            fired[event.id] = fired.get(event.id, 0) + 1
            entry = None if self.quiet else self._log("event", event.news, title=event.title, event=event.id)
            ended = self._apply(compiled_event.effects, entry)
            if ended is not None:
                self._end_by_effect(ended, {"kind": "event", "id": event.id, "text": event.title})
                return

    def _run_news_quietly(self) -> None:
        """:meth:`_run_news` with nothing logged: the turn's news as one compiled function (:mod:`game.engine.quiet`),
        the same checks in the same order, the same rolls."""
        state = self.state
        if "timers" in state:
            clear_timed(state)
        on_track = None if self.observer is None else self.observer.track_moved
        news = quiet_plan(self.compiled).news(state["turn"])
        ended = news(state, self._track_index, self._namespace, on_track, self._roll)
        if ended is not None:
            event = self.compiled.events[ended[1]].event
            self._end_by_effect(ended[0], {"kind": "event", "id": event.id, "text": event.title})

    def _run_resolution(self) -> None:
        self._reseed(_RESOLUTION)
        if self.quiet:
            self._run_resolution_quietly()
            return
        state = self.state
        answers = {p["id"]: p for p in state["proposals"]}
        bound_index = self.compiled.bound_index
        for actor in self.compiled.actors:
            for order in state["orders"][actor]:
                bound = bound_index[(actor, order["move"], order["target"])]
                proposal = answers.get(f"t{state['turn']}.{actor}.{order['slot']}") if answers else None
                if bound.parties:
                    ident = deal_id(state["turn"], actor, order["slot"])
                    proposal = combined_answer(state["proposals"], ident)
                self._resolve(bound, proposal, order.get("reason"))
                if self.state["result"] is not None:  # an effect ended the game
                    return

    def _run_resolution_quietly(self) -> None:
        """:meth:`_run_resolution` of a quiet game: the same orders in the same order, each resolved by
        :meth:`_resolve_quietly`, or without an observer by the move's one compiled function
        (:attr:`QuietMove.resolve`: the same checks, then the same effects)."""
        state = self.state
        proposals = state["proposals"]
        answers = {p["id"]: p for p in proposals} if proposals else None
        moves = quiet_plan(self.compiled).moves
        orders = state["orders"]
        observed = self.observer is not None
        track_index, namespace = self._track_index, self._namespace
        for actor in self.compiled.actors:
            for order in orders[actor]:
                move = moves[(actor, order["move"], order["target"])]
                proposal = None
                if move.deal == 2:
                    proposal = combined_answer(proposals, deal_id(state["turn"], actor, order["slot"]))
                elif move.deal and answers is not None:  # only a deal's order has a proposal
                    proposal = answers.get(f"t{state['turn']}.{actor}.{order['slot']}")
                if observed:
                    self._resolve_quietly(move, proposal)
                    if state["result"] is not None:  # an effect ended the game
                        return
                    continue
                if proposal is not None and not proposal["answer"]:
                    continue
                ended = move.resolve(state, track_index, namespace, None)
                if ended is None:
                    if not move.covert:
                        continue
                    chance = move.bound.detection
                    if not isinstance(chance, float):
                        chance = float(chance(namespace))
                    if self._roll(move.detect_roll, chance):
                        ended = move.detect(state, track_index, namespace, None)
                        if ended is not None:
                            self._end_by_effect(ended, _move_cause("detected", move.bound))
                            return
                elif ended is not False:  # False: a check failed and nothing happened
                    bound = move.bound
                    self._end_by_effect(str(ended), _move_cause("deal" if bound.is_deal else "move", bound))
                    return

    def _resolve(self, bound: BoundMove, proposal: dict[str, Any] | None, reason: str | None) -> None:
        actor, target = bound.actor, bound.target
        party = insiders(bound)
        visible = party if bound.covert else None
        text = bound.text
        extra: dict[str, Any] = {"move": bound.id, "actor": actor, "target": target}
        if bound.parties:
            extra["parties"] = list(bound.parties)
        if reason:
            extra["reason"] = reason
        if proposal is not None and proposal.get("reason"):
            extra["answer_reason"] = proposal["reason"]
        if proposal is not None and proposal.get("reasons"):
            extra["answer_reasons"] = dict(proposal["reasons"])
        if proposal is not None and not proposal["answer"]:
            if bound.parties:
                who = names_list([self._name(a) for a in proposal["rejected_by"]])
                self._log("rejected", f"{who} rejected the proposal: {text} (it needed every party)", visible, **extra)
                return
            self._log("rejected", f"{self._name(target or '')} rejected the proposal: {text}", visible, **extra)
            return
        if bound.condition is not None and not eval(bound.condition.code, self._namespace):
            self._log("failed", f"{text} – failed: no longer possible", party, **extra)
            return
        values = self.state["vars"]
        for ref, amount in bound.cost:
            if values[ref] - amount < self.compiled.bounds[ref][0]:
                self._log("failed", f"{text} – failed: could not pay {amount} {self._label(ref)}", party, **extra)
                return
        state = self.state
        kind = "deal" if bound.is_deal else "move"
        entry = {"turn": state["turn"], "phase": state["phase"], "kind": kind, "text": text}
        if visible is not None:
            entry["visible_to"] = list(visible)
        entry["covert"] = bound.covert
        entry.update(extra)
        state["log"].append(entry)
        ended = self._apply(bound.public_ops, entry)
        if ended is None and bound.secret_text:  # the secret half: told to the deal's insiders only (game.engine.deals)
            secret = self._log("secret", f"Secret terms: {bound.secret_text}", party, **extra)
            ended = self._apply(bound.secret_ops, secret)
        if ended is not None:
            self._end_by_effect(ended, _move_cause(kind, bound))
            return
        if bound.covert:
            chance = bound.detection if isinstance(bound.detection, float) else float(bound.detection(self._namespace))
            if self._roll(("detect", actor, bound.id), chance):
                detected = self._log("detected", f"Detected: {text}", None, **extra)
                ended = self._apply(bound.on_detect, detected)
                if ended is not None:
                    self._end_by_effect(ended, _move_cause("detected", bound))

    def _resolve_quietly(self, move: QuietMove, proposal: dict[str, Any] | None) -> None:
        """:meth:`_resolve` with nothing logged (keep both in step: the same checks in the same order); the
        :attr:`observer`, if any, is told the kind of the log entry each step would have written."""
        observer = self.observer
        bound = move.bound
        if proposal is not None and not proposal["answer"]:
            if observer is not None:
                observer.resolved(bound, "rejected")
            return
        if move.check is not None and not move.check(self.state["vars"], self._namespace):
            if observer is not None:
                observer.resolved(bound, "failed")
            return
        if observer is not None:
            observer.resolved(bound, "deal" if bound.is_deal else "move")
        on_track = None if observer is None else observer.track_moved
        ended = move.apply(self.state, self._track_index, self._namespace, on_track)
        if ended is not None:
            self._end_by_effect(ended, _move_cause("deal" if bound.is_deal else "move", bound))
            return
        if bound.covert:
            chance = bound.detection if isinstance(bound.detection, float) else float(bound.detection(self._namespace))
            if self._roll(move.detect_roll, chance):
                if observer is not None:
                    observer.resolved(bound, "detected")
                ended = move.detect(self.state, self._track_index, self._namespace, on_track)
                if ended is not None:
                    self._end_by_effect(ended, _move_cause("detected", bound))

    def _run_assessment(self) -> None:
        if self.quiet:
            self._run_assessment_quietly()
            return
        state = self.state
        values = state["vars"]
        compiled, namespace = self.compiled, self._namespace
        for rule in compiled.upkeep:
            if rule.condition is not None and not eval(rule.condition.code, namespace):
                continue
            key = rule.op.key
            before = values[key]
            low, high = compiled.bounds[key]
            after = before + rule.op.value
            after = low if after < low else high if after > high else after
            if after != before:
                values[key] = after
                if self.quiet:
                    continue
                start, end = rule.line
                entry = {"turn": state["turn"], "phase": state["phase"], "kind": "upkeep",
                         "text": f"{start}{after - before:+d}{end}"}  # fmt: skip
                if key in compiled.private_vars:
                    entry["visible_to"] = [rule.actor]
                entry["actor"] = rule.actor
                entry["changes"] = {key: after - before}
                state["log"].append(entry)
        for objective in compiled.each_turn_objectives:
            if eval(objective.condition.code, namespace):
                self._score_objective(objective)
        ending = None
        for compiled_ending in compiled.any_turn_endings:
            if eval(compiled_ending.condition.code, namespace):
                ending = compiled_ending
                break
        if ending is None and state["turn"] >= compiled.turns:
            for compiled_ending in compiled.time_up_endings:
                if eval(compiled_ending.condition.code, namespace):
                    ending = compiled_ending
                    break
            if ending is None:
                self._finish("time_up", "Time is up", "The last turn has been played.", ())
                return
        if ending is not None:
            self._finish(ending.ending.id, ending.ending.title, ending.ending.text, ending.effects)
            return
        if self.keep_history:
            state["history"].append(snapshot(state))

    def _run_assessment_quietly(self) -> None:
        """:meth:`_run_assessment` with nothing logged: upkeep, objectives and endings as one compiled function
        (:mod:`game.engine.quiet`), then the same end or history snapshot."""
        state = self.state
        ending = quiet_plan(self.compiled).assess(state, self._namespace)
        if ending is None:
            if self.keep_history:
                state["history"].append(snapshot(state))
        elif isinstance(ending, CompiledEnding):
            self._finish(ending.ending.id, ending.ending.title, ending.ending.text, ending.effects)
        else:  # time is up
            self._finish("time_up", "Time is up", "The last turn has been played.", ())

    def _end_by_effect(self, ending_id: str, cause: dict[str, Any]) -> None:
        """An ``end`` effect was reached: the game ends now with that ending (the rest of the phase does not
        happen) and the result says what caused it; the debrief follows."""
        ending = self.compiled.ending_index[ending_id].ending
        self._finish(ending.id, ending.title, ending.text, self.compiled.ending_index[ending_id].effects, cause)
        self.state["phase"] = _DEBRIEF

    def _finish(
        self, ending_id: str, title: str, text: str, effects: tuple[Op, ...], cause: dict[str, Any] | None = None
    ) -> None:
        state = self.state
        if self.quiet:
            entry = None
        elif cause is None:
            entry = self._log("ending", f"{title}: {text}", None, ending=ending_id)
        else:
            entry = self._log("ending", f"{title}: {text}", None, ending=ending_id, cause=cause)
        self._apply(effects, entry)
        for objective in self.compiled.end_objectives:
            if eval(objective.condition.code, self._namespace):
                self._score_objective(objective)
        if self.keep_history:
            state["history"].append(snapshot(state))
        scores = state["scores"]
        best = max(scores.values())
        state["result"] = {
            "ending": ending_id,
            "title": title,
            "turn": state["turn"],
            "scores": dict(scores),
            "winners": [a for a in self.compiled.actors if scores[a] == best],
        }
        if cause is not None:
            state["result"]["cause"] = cause

    def _score_objective(self, objective: CompiledObjective) -> None:
        state = self.state
        actor, points, key = objective.actor, objective.objective.points, objective.key
        state["scores"][actor] += points
        met = state["met"].get(key)
        if met is None:
            state["met"][key] = [state["turn"]]
        else:
            met.append(state["turn"])
        if self.quiet:
            return
        entry = {"turn": state["turn"], "phase": state["phase"], "kind": "objective",
                 "text": self.compiled.objective_lines[key]}  # fmt: skip
        if objective.objective.secret:
            entry["visible_to"] = [actor]
        entry["actor"] = actor
        entry["objective"] = key
        entry["points"] = points
        state["log"].append(entry)

    # --- effects -----------------------------------------------------------------------------

    def _apply(self, ops: tuple[Op, ...], entry: dict[str, Any] | None) -> str | None:
        """Apply primitive effects in order; record variable changes on the log entry, track moves in the log
        (or, in a quiet game, tell its :attr:`observer`).

        Returns the id of the ending an ``end`` effect reached (the caller ends the game), else None."""
        on_track = self._log_track if not self.quiet else None if self.observer is None else self.observer.track_moved
        return apply_ops(self.compiled, self.state, self._track_index, self._namespace, ops, entry, on_track)

    def _log_track(self, track_id: str, current: str, new: str) -> None:
        state = self.state
        state["log"].append(
            {"turn": state["turn"], "phase": state["phase"], "kind": "track",
             "text": self.compiled.tracks[track_id].move_lines[(current, new)], "track": track_id, "source": current,
             "dest": new}
        )  # fmt: skip

    # --- previews for bots and the interface ---------------------------------------------------

    def outlook(self, ops: tuple[Op, ...] = (), vars_only: bool | None = None) -> Outlook:
        """The game's numbers as plain data: now (shared with the game), or after ``ops`` (a private copy of the
        variables; what the effects do not change is still shared). Read an outlook, never change it.

        Nothing is logged and nothing is rolled; this is what bots weigh moves with."""
        if not ops:
            return Outlook(self.state, self._namespace)
        state = self.state
        values = dict(state["vars"])
        namespace = dict(self._namespace)
        namespace["V"] = values
        if vars_only is None:
            vars_only = all(op.kind in _VARIABLE_OPS for op in ops)
        if vars_only:
            bounds = self.compiled.bounds
            for op in ops:
                low, high = bounds[op.key]
                new = values[op.key] + op.value if op.kind == "change" else op.value
                values[op.key] = low if new < low else high if new > high else new
            numbers = {"turn": state["turn"], "phase": state["phase"], "vars": values, "tracks": state["tracks"],
                       "flags": state["flags"], "scores": state["scores"]}  # fmt: skip
            return Outlook(numbers, namespace)
        numbers = {"turn": state["turn"], "phase": state["phase"], "vars": values, "tracks": dict(state["tracks"]),
                   "flags": dict(state["flags"]), "scores": dict(state["scores"])}  # fmt: skip
        namespace["F"] = numbers["flags"]
        track_index = namespace["T"] = dict(self._track_index)
        apply_ops(self.compiled, numbers, track_index, namespace, ops, None, None)
        return Outlook(numbers, namespace)

    def trial(self) -> Trial:
        """A private copy of the game's numbers to try effect lists on one at a time (:class:`Trial`): one copy for
        many previews of the same state. The game is unchanged."""
        return Trial(self.compiled, self.state, self._namespace, self._track_index)

    def move_outlook(self, bound: BoundMove, accepted: bool = True) -> Outlook:
        """:meth:`outlook` after the move's certain effects (cost, effects, and for a deal the offer and ask if
        ``accepted``); detection is not rolled."""
        if accepted or not bound.is_deal:
            return self.outlook(bound.resolve_ops, bound.resolve_vars_only)
        return self.outlook()

    def preview(self, bound: BoundMove, accepted: bool = True) -> Game:
        """A copy of the game with the move's certain effects applied (for the interface, which shows it through
        a view); bots weigh moves with :meth:`move_outlook`, which copies only the numbers."""
        return self.preview_ops(bound.resolve_ops if accepted or not bound.is_deal else ())

    def preview_ops(self, ops: tuple[Op, ...]) -> Game:
        """A copy of the game with ``ops`` applied (e.g. a move's ``on_detect`` effects); the game is unchanged."""
        other = self.copy()
        other._version += 1  # its numbers change: the decisions the copy knows as listed are to be listed again
        ended = other._apply(ops, None)
        if ended is not None:  # an `end` effect: the copy is over, so a card can say the move ends the game
            other._end_by_effect(ended, {"kind": "preview", "text": ""})
        return other

    def turns_left(self) -> int:
        """Assessments still to come, the current turn's included if it has not been assessed."""
        assessed = self.state["phase"] in (_ASSESSMENT, _DEBRIEF)
        return max(0, self.compiled.turns - int(self.state["turn"]) + (0 if assessed else 1))

    # --- helpers ----------------------------------------------------------------------------------

    def _roll(self, what: tuple[str, ...], chance: float) -> bool:
        """One roll of the game's dice: True with probability ``chance``.

        ``what`` names the roll (``("event", ID)`` or ``("detect", ACTOR, MOVE)``) so that scenario
        tests can force it (see :mod:`game.authoring.scenario_tests`); the number is drawn either way.
        """
        rolls = self._rolls
        if rolls is None:
            return self.rng.random() < chance
        index = self._rolled
        self._rolled = index + 1
        drawn = rolls.drawn
        return (drawn[index] if index < len(drawn) else rolls.draw(index)) < chance  # drawn by a copy before, or now

    def _log(self, kind: str, text: str, visible_to: list[str] | None = None, **extra: Any) -> dict[str, Any]:
        state = self.state
        entry: dict[str, Any] = {"turn": state["turn"], "phase": state["phase"], "kind": kind, "text": text}
        if visible_to is not None:
            entry["visible_to"] = list(visible_to)
        if extra:
            entry.update(extra)
        state["log"].append(entry)
        return entry

    def _check_actor(self, actor: str) -> None:
        if actor not in self.compiled.actor_index:
            raise IllegalDecision(f"unknown actor {actor!r}")

    def _name(self, actor: str) -> str:
        return self.compiled.actor_names.get(actor, actor)

    def _label(self, ref: str) -> str:
        return self.compiled.var_words.get(ref, ref)


def _waiting_answer(proposals: list[dict[str, Any]]) -> bool:
    """True when one of the proposals waits for an answer (a loop: cheaper than any() over a generator)."""
    for proposal in proposals:  # noqa: SIM110 - any() over a generator costs more, on every step of every rollout
        if proposal["answer"] is None:
            return True
    return False


def _move_cause(kind: str, bound: BoundMove) -> dict[str, Any]:
    """What ended a game when a move's effect did: ``kind`` is move, deal or detected (its ``on_detect``); an
    undetected covert move's cause is marked ``covert`` (others learn it only at the debrief)."""
    cause: dict[str, Any] = {"kind": kind, "id": bound.id, "actor": bound.actor, "target": bound.target,
                             "text": bound.text}  # fmt: skip
    if bound.covert and kind != "detected":
        cause["covert"] = True
    return cause
