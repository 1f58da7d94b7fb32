"""A game being played in the interface: the engine game, who sits in each seat, and what comes next.

The session is the interface's only client of the engine: it asks the game who must decide
(:meth:`Game.awaiting`), lets bots decide for their seats through the shared
:class:`~game.players.base.Player` protocol, submits the humans' decisions, and advances the
automatic phases. It holds no rule of its own and imports no pygame, so it is tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from game.engine import CompiledScenario, Decision, Game, Phase
from game.engine.driver import Hooks, drive
from game.logfile import annotate
from game.players import BOT_KINDS, PlayerSpecError, make_players, parse_assignment
from game.players.base import Player
from game.runner import PlayedGame, log_document, record_turn

HUMAN = "human"
DEFAULT_BOT = "heuristic"
SEAT_KINDS: tuple[str, ...] = (HUMAN, DEFAULT_BOT, *(kind for kind in BOT_KINDS if kind != DEFAULT_BOT))
"""What can sit in a seat: a person at the keyboard or one of the bot kinds (the one registry's), default first."""

StepKind = Literal["decide", "answer", "resolved", "over"]


@dataclass(frozen=True)
class Step:
    """What the interface must show next."""

    kind: StepKind
    """decide: a human seat makes its moves; answer: a human seat answers proposals;
    resolved: a turn has been resolved (show its summary); over: the game has ended."""
    actor: str | None = None
    """The human seat for decide/answer."""
    turn: int = 0
    """The turn that was resolved (for resolved)."""


@dataclass(frozen=True)
class BotChoice:
    """A decision a bot made this turn, with its one-line reason."""

    actor: str
    decision: Decision
    reason: str | None


@dataclass
class Session:
    """One game in the interface; build it with :meth:`start` or :meth:`restore`."""

    compiled: CompiledScenario
    scenario_file: str
    scenario_sha256: str
    seats: dict[str, str]
    played: PlayedGame
    bots: dict[str, Player] = field(default_factory=dict)
    bot_choices: list[BotChoice] = field(default_factory=list)
    """Bots' decisions since the last resolved turn (cleared when a new turn starts)."""
    names: str = "real"
    """``real`` or ``fictional``: the names the scenario's texts use (recorded in saves when fictional)."""
    variant: str | None = None
    """The lesson variant played (None: the scenario as written); recorded in saves, which resume it."""
    stand_ins: dict[str, Player] = field(default_factory=dict)
    """Bots standing in for absent people, by seat; their decisions are marked ``"by": "stand-in KIND"``."""

    @classmethod
    def start(
        cls, compiled: CompiledScenario, scenario_file: str, sha256: str, seats: dict[str, str], seed: int
    ) -> Session:
        """A new game with the given seats; the engine runs to the first decision."""
        check_seats(compiled, seats)
        game = Game(compiled, seed)
        game.advance()
        return cls(compiled, scenario_file, sha256, dict(seats), PlayedGame(game), _bots(seats, seed))

    @classmethod
    def restore(cls, played: PlayedGame, scenario_file: str, sha256: str, seats: dict[str, str]) -> Session:
        """A session around a replayed game (see :mod:`game.ui.saves`)."""
        check_seats(played.game.compiled, seats)
        return cls(played.game.compiled, scenario_file, sha256, dict(seats), played, _bots(seats, played.game.seed))

    @property
    def game(self) -> Game:
        """The engine game."""
        return self.played.game

    @property
    def humans(self) -> list[str]:
        """Human seats, in actor order."""
        return [a for a in self.compiled.actors if self.seats[a] == HUMAN]

    def name(self, actor: str) -> str:
        """An actor's display name."""
        return self.compiled.actor_names[actor]

    def proceed(self) -> Step:
        """Let bots decide and run automatic phases until a human must act, a turn ends, or the game ends."""
        start = len(self.game.decisions)
        players = {**self.bots, **self.stand_ins} if self.stand_ins else self.bots
        stop = drive(self.game, players, _SessionHooks(self), turns=1)
        for data in self.game.decisions[start:]:
            stand_in = self.stand_ins.get(data.get("actor", ""))
            if stand_in is not None:
                data["by"] = f"stand-in {stand_in.name}"
        if stop.turn:
            return Step("resolved", turn=stop.turn)
        if stop.kind == "seat" and stop.actor is not None:
            return Step("answer" if self.game.phase is Phase.RESPONSES else "decide", stop.actor)
        return Step("over")

    def stand_in(self, actor: str, kind: str = DEFAULT_BOT) -> None:
        """A bot decides for a person's seat from now on (an absent student), until :meth:`hand_back`."""
        if self.seats.get(actor) != HUMAN:
            raise ValueError(f"{self.name(actor) if actor in self.seats else actor} is not played by a person")
        self.stand_ins[actor] = make_players({actor: kind}, self.game.seed)[actor]

    def hand_back(self, actor: str) -> None:
        """The person decides for the seat again."""
        self.stand_ins.pop(actor, None)

    def submit(self, decision: Decision) -> None:
        """Submit a human seat's decision (IllegalDecision propagates with its reason)."""
        if self.seats.get(decision.actor) != HUMAN:
            raise ValueError(f"{decision.actor} is not a human seat")
        self.game.submit(decision)

    def new_turn(self) -> None:
        """Forget the last turn's bot choices (called when the summary has been shown)."""
        self.bot_choices.clear()

    def document(self) -> dict[str, Any]:
        """The decision log in the runner's format (``parley replay`` reads it once the game is over)."""
        document = log_document(self.played, self.scenario_file, self.scenario_sha256, self.seats)
        return annotate(document, names=self.names, variant=self.variant)

class _SessionHooks(Hooks):
    """The session's view of the driven game: bots' choices for the turn summary, a record per turn."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        self.session.bot_choices.append(BotChoice(actor, decision, reason))

    def turn_assessed(self, game: Game, turn: int) -> None:
        record_turn(self.session.played, turn)


def _bots(seats: dict[str, str], seed: int) -> dict[str, Player]:
    return make_players({a: kind for a, kind in seats.items() if kind != HUMAN}, seed)


class SeatError(ValueError):
    """Seats that name an unknown actor or kind, or put a person in a bot-only seat."""


def check_seats(compiled: CompiledScenario, seats: dict[str, str]) -> None:
    """Raise :class:`SeatError` unless every actor has a known kind and bot-only actors have bots."""
    for actor in compiled.actors:
        kind = seats.get(actor)
        if kind is None:
            raise SeatError(f"no player for {compiled.actor_names[actor]}")
        if kind not in SEAT_KINDS:
            raise SeatError(f"unknown player kind {kind!r} for {actor} (kinds: {', '.join(SEAT_KINDS)})")
        if kind == HUMAN and not compiled.actor_models[actor].playable:
            raise SeatError(f"{compiled.actor_names[actor]} is always played by a bot")
    unknown = sorted(set(seats) - set(compiled.actors))
    if unknown:
        raise SeatError(f"unknown actor {unknown[0]!r} (actors: {', '.join(compiled.actors)})")


def default_seats(compiled: CompiledScenario, all_bots: bool = False) -> dict[str, str]:
    """Humans in every playable seat (bots everywhere with ``all_bots``)."""
    return {
        a: DEFAULT_BOT if all_bots or not compiled.actor_models[a].playable else HUMAN for a in compiled.actors
    }


def parse_seats(spec: str, compiled: CompiledScenario, all_bots: bool = False) -> dict[str, str]:
    """``"heuristic"`` (every seat) or ``"upland=human,lowland=random"`` (others keep their default)."""
    seats = default_seats(compiled, all_bots)
    try:
        everyone, chosen = parse_assignment(spec, compiled.actors, SEAT_KINDS, what="player", example=HUMAN)
    except PlayerSpecError as exc:
        raise SeatError(str(exc)) from None
    if everyone is not None:
        seats = {a: everyone if everyone != HUMAN or compiled.actor_models[a].playable else DEFAULT_BOT for a in seats}
    seats.update(chosen)
    check_seats(compiled, seats)
    return seats

