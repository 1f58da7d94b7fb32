"""Phase timers: the diplomacy phase lasts at most so long; then the seats that have not chosen pass, or a
bot chooses for them, as set up. Time is counted by the interface (frame by frame, stopped while paused);
what happens when it runs out goes through the session, so the decision log says who decided what
(``"by": "timer"`` on each decision made for a seat).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import PASS, Move, Phase
from game.players import make_players
from game.ui.session import HUMAN, Session

ACTIONS = ("pass", "bot")
"""What happens to a seat that has not chosen when time runs out."""
BOT_KIND = "heuristic"


@dataclass
class PhaseTimer:
    """The clock of one phase: ``seconds`` per diplomacy phase, counting down while running and not paused."""

    seconds: float
    action: str = "pass"
    left: float = 0.0
    turn: int | None = None
    """The turn whose diplomacy phase is being timed (None: not running)."""
    paused: bool = False

    def start(self, turn: int) -> None:
        """Start timing ``turn``'s diplomacy (nothing happens if it is already being timed)."""
        if self.turn != turn:
            self.turn, self.left = turn, self.seconds

    def stop(self) -> None:
        """The phase is over."""
        self.turn = None

    @property
    def running(self) -> bool:
        """True while a phase is being timed."""
        return self.turn is not None

    def tick(self, dt: float) -> bool:
        """Count ``dt`` seconds down; True once, when the time runs out."""
        if self.turn is None or self.paused:
            return False
        self.left -= dt
        if self.left > 0:
            return False
        self.stop()
        return True

    def shown(self) -> str:
        """The time left as M:SS."""
        left = max(0, int(self.left + 0.999))
        return f"{left // 60}:{left % 60:02d}" + (" (paused)" if self.paused else "")


def time_out(session: Session, action: str) -> list[str]:
    """Decide for every person's seat still choosing in the diplomacy phase; return those seats."""
    game = session.game
    if game.phase is not Phase.DIPLOMACY or game.is_over():
        return []
    late = [a for a in game.awaiting() if session.seats[a] == HUMAN and a not in session.stand_ins]
    for actor in late:
        bot = make_players({actor: BOT_KIND}, game.seed)[actor] if action == "bot" else None
        while game.is_awaiting(actor):
            if bot is None:
                game.submit(Move(actor, PASS), "time ran out")
            else:
                game.submit(*bot.decide(game, actor))
            game.decisions[-1]["by"] = f"timer {'pass' if bot is None else BOT_KIND + ' bot'}"
    return late
