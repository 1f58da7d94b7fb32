"""Privacy property harness: play games through the real screens, record what each screen draws, find secrets.

- :class:`Recorder` wraps the drawing functions of :mod:`game.ui.drawing` (text, paragraphs, meters,
  track ladders) and the widgets a screen creates (buttons, text boxes, labels), so that after every
  frame the strings on the window are known, screen by screen, with the notice bar.
- :func:`audience` says who looks at a screen: a seat (its actor id), the room ("public"), or
  nobody to check (setup, debrief: everything is revealed there).
- :class:`Secrets` is the oracle, built from the raw engine state and an instrumented engine (not
  from :mod:`game.engine.view`): another seat's private values, undetected covert moves and secret
  answers, failed moves, secret objectives and objectives that read a private value, and the track
  states that only an undetected covert move produced.
- :func:`play` drives a game: every playable seat is human (in every other game one is a heuristic bot,
  whose reasons reach the summary), a human seat's decisions are a seeded random bot's, made by pressing
  the screens' own actions (choose a card, confirm, pass, answer, hand over).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from game.engine import PASS, Answer, Game, Move
from game.players import make_players
from game.ui import app as app_module
from game.ui import drawing
from game.ui.app import App
from game.ui.catalogue import Entry
from game.ui.screens.base import Screen
from game.ui.screens.board import BoardScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.deal import AnswerScreen, MoveDialog
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.privacy import PrivacyScreen
from game.ui.screens.resolution import ResolutionScreen
from game.ui.screens.setup import SetupScreen

PUBLIC = "public"
TAGS = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """Text of simple HTML (pygame_gui's text boxes): tags become spaces, entities are decoded."""
    return html.unescape(TAGS.sub(" ", markup))


class Recorder:
    """Collects the strings each screen draws (install with :meth:`install` on a pytest monkeypatch)."""

    def __init__(self) -> None:
        self.sink: list[str] | None = None

    def _into(self, words: str) -> None:
        if self.sink is not None:
            self.sink.append(words)

    def install(self, monkeypatch: pytest.MonkeyPatch, fast: bool = True) -> None:
        """Wrap the drawing functions and the screens' widget helpers.

        ``fast`` skips work that draws no words: the collection of old screens' widgets on every change of
        screen, and pygame_gui's layout of the text boxes' HTML (each box is recorded with its full text and
        built with a short stand-in; the words recorded are the words the box would show)."""
        recorder = self
        if fast:
            monkeypatch.setattr(app_module.gc, "collect", lambda *args: 0)
        text, paragraph, meter, ladder = drawing.text, drawing.paragraph, drawing.meter, drawing.ladder

        def rec_text(surface: Any, words: str, pos: Any, font: Any, *args: Any, **kwargs: Any) -> Any:
            recorder._into(words)
            if fast:
                return pygame.Rect(pos, font.size(words))
            return text(surface, words, pos, font, *args, **kwargs)

        def rec_paragraph(surface: Any, words: str, rect: Any, font: Any, *args: Any, **kwargs: Any) -> Any:
            recorder._into(words)
            if fast:
                height = font.get_linesize()
                return len(drawing.wrap(words, font, rect.width, max(1, rect.height // height))) * height
            return paragraph(surface, words, rect, font, *args, **kwargs)

        def rec_meter(surface: Any, rect: Any, spec: drawing.MeterSpec, *args: Any, **kwargs: Any) -> Any:
            recorder._into(f"{spec.label}{' (private)' if spec.private else ''} {spec.value}")
            return meter(surface, rect, spec, *args, **kwargs)

        def rec_ladder(surface: Any, rect: Any, name: str, labels: Any, current: int, *args: Any, **kwargs: Any) -> Any:
            recorder._into(f"[track] {name} = {labels[current]}")
            recorder._into(name)
            return ladder(surface, rect, name, labels, current, *args, **kwargs)

        for name, wrapper in (("text", rec_text), ("paragraph", rec_paragraph), ("meter", rec_meter),
                              ("ladder", rec_ladder)):  # fmt: skip
            monkeypatch.setattr(drawing, name, wrapper)
        if fast:  # pixels only: shapes, charts and pygame_gui's drawing of its widgets
            for name in ("panel", "marker", "trend_arrow", "chart"):
                monkeypatch.setattr(drawing, name, lambda *args, **kwargs: None)
            monkeypatch.setattr(pygame_gui.UIManager, "draw_ui", lambda manager, surface: None)

        show, backdrop, button = Screen.show, Screen.backdrop, Screen.button
        text_box, label = Screen.text_box, Screen.label

        def rec_show(screen: Screen) -> None:
            screen._rec_widgets = []  # type: ignore[attr-defined]
            show(screen)

        def rec_backdrop(screen: Screen) -> Any:
            before, recorder.sink = recorder.sink, []
            try:
                surface = backdrop(screen)
            finally:
                painted, recorder.sink = recorder.sink, before
            if painted:
                screen._rec_painted = painted  # type: ignore[attr-defined]
            return surface

        def widgets(screen: Screen) -> list[str]:
            found: list[str] = getattr(screen, "_rec_widgets", [])
            screen._rec_widgets = found  # type: ignore[attr-defined]
            return found

        def rec_button(screen: Screen, rect: Any, words: str, *args: Any, **kwargs: Any) -> Any:
            widgets(screen).append(words)
            if kwargs.get("tooltip"):
                widgets(screen).append(str(kwargs["tooltip"]))
            return button(screen, rect, words, *args, **kwargs)

        def rec_text_box(screen: Screen, rect: Any, markup: str, *args: Any, **kwargs: Any) -> Any:
            widgets(screen).append(plain(markup))
            return text_box(screen, rect, "\u2026" if fast else markup, *args, **kwargs)

        def rec_label(screen: Screen, rect: Any, words: str, *args: Any, **kwargs: Any) -> Any:
            widgets(screen).append(words)
            return label(screen, rect, words, *args, **kwargs)

        monkeypatch.setattr(Screen, "show", rec_show)
        monkeypatch.setattr(Screen, "backdrop", rec_backdrop)
        monkeypatch.setattr(Screen, "button", rec_button)
        monkeypatch.setattr(Screen, "text_box", rec_text_box)
        monkeypatch.setattr(Screen, "label", rec_label)

        draw = App.draw

        def rec_draw(app: App) -> None:
            before, recorder.sink = recorder.sink, []
            try:
                draw(app)
            finally:
                overlay, recorder.sink = recorder.sink, before
            app._rec_overlay = overlay  # type: ignore[attr-defined]

        monkeypatch.setattr(App, "draw", rec_draw)

    @staticmethod
    def on_window(app: App) -> list[str]:
        """The strings on the window after the last frame: the top screen's widgets and drawing, and the notice."""
        screen = app.screen
        return [*getattr(screen, "_rec_widgets", []), *getattr(screen, "_rec_painted", []),
                *getattr(app, "_rec_overlay", [])]  # fmt: skip


def audience(screen: Screen) -> str | None:
    """Who sees ``screen``: an actor id, :data:`PUBLIC`, or None (not checked: setup, debrief, menus)."""
    if isinstance(screen, PrivacyScreen | ResolutionScreen):
        return PUBLIC
    if isinstance(screen, BoardScreen):
        return screen.viewer or PUBLIC
    if isinstance(screen, AnswerScreen | BriefingScreen):
        return screen.actor
    if isinstance(screen, MoveDialog):
        return screen.option.bound.actor
    return None


# --- the oracle -------------------------------------------------------------------------------


@dataclass
class Secret:
    """Something ``owners`` may see and nobody else may (until the debrief), as a pattern to look for."""

    what: str
    pattern: re.Pattern[str]
    owners: frozenset[str]
    turns: frozenset[int] | None = None
    """The turns whose screens may show it (None: every turn)."""


class Tracer:
    """Records, for each track entry the engine logs, the entry whose effects fired it (``Game._apply``'s entry).

    An instrument of the engine, independent of how :mod:`game.engine.view` finds causes."""

    def __init__(self) -> None:
        self.causes: dict[int, dict[str, Any]] = {}
        self._alive: list[dict[str, Any]] = []

    def cause(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """The entry whose effects logged ``entry`` (None: not a caused track change)."""
        return self.causes.get(id(entry))

    def reset(self) -> None:
        """Forget the last game."""
        self.causes.clear()
        self._alive.clear()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Wrap ``Game._apply`` and ``Game._log_track`` (which writes every track entry)."""
        apply, log_track = Game._apply, Game._log_track
        current: list[dict[str, Any] | None] = []
        tracer = self

        def traced_apply(game: Game, ops: Any, entry: dict[str, Any] | None) -> None:
            current.append(entry)
            try:
                apply(game, ops, entry)
            finally:
                current.pop()

        def traced_log_track(game: Game, track_id: str, source: str, dest: str) -> None:
            log_track(game, track_id, source, dest)
            entry = game.state["log"][-1]
            cause = current[-1] if current else None
            if cause is not None:
                tracer.causes[id(entry)] = cause
                tracer._alive.append(entry)

        monkeypatch.setattr(Game, "_apply", traced_apply)
        monkeypatch.setattr(Game, "_log_track", traced_log_track)


def _key(entry: dict[str, Any]) -> tuple[Any, ...]:
    return entry["turn"], entry.get("actor"), entry.get("move"), entry.get("target")


@dataclass
class Secrets:
    """Everything secret in a game so far, from the engine's raw state and the :class:`Tracer`'s causes."""

    game: Game
    tracer: Tracer

    def _hidden_cause(self, entry: dict[str, Any], detected: set[tuple[Any, ...]]) -> dict[str, Any] | None:
        """The undetected secret entry that caused a track entry (None if it was caused in the open)."""
        cause = self.tracer.cause(entry)
        if cause is None or cause.get("visible_to") is None or _key(cause) in detected:
            return None
        return cause

    def items(self) -> list[Secret]:
        """Every secret, with its owners."""
        game = self.game
        compiled = game.compiled
        found: list[Secret] = []
        value = r"[+\u2212-]?\d"
        for ref in compiled.private_vars:
            owner = ref.split(".", 1)[0]
            label = re.escape(compiled.variables[ref].label.lower())
            others = {compiled.variables[r].label.lower() for r in compiled.variables if r != ref}
            name = re.escape(compiled.actor_names.get(owner, owner).lower())
            if compiled.variables[ref].label.lower() in others:  # a shared label: only with the owner's name
                pattern = rf"{name}(?:'s)? {label}\W{{0,3}}{value}|{label} of {name} {value}"
            else:
                pattern = (rf"\b{label}\b(?: \(private\))?\W{{0,4}}(?:at |below |above |of )?{value}"
                           rf"|\d+ (?:\w+ ){{0,2}}{label}\b")  # fmt: skip
            found.append(Secret(f"private variable {ref}", re.compile(pattern, re.I), frozenset({owner})))
        log = game.state["log"]
        detected = {_key(e) for e in log if e["kind"] == "detected"}
        told: dict[str, set[int]] = {}
        for entry in log:
            if entry.get("visible_to") is None and entry["kind"] in ("move", "deal", "detected"):
                told.setdefault(str(entry["text"]).removeprefix("Detected: "), set()).add(entry["turn"])
        for entry in log:
            audience_ = entry.get("visible_to")
            kind = entry["kind"]
            turns = frozenset({entry["turn"], entry["turn"] + 1})  # its summary, its board and the next one
            if kind in ("move", "deal", "rejected") and audience_ is not None and _key(entry) not in detected:
                bound = compiled.bound_index[(entry["actor"], entry["move"], entry["target"])]
                if any(t in turns for t in told.get(bound.text, ())):
                    continue  # the same words were told in the open then (another turn's detection): not checkable
                found.append(Secret(f"undetected covert {kind} {bound.text!r}", re.compile(re.escape(bound.text)),
                                    frozenset(audience_), turns))  # fmt: skip
            elif kind == "secret" and audience_ is not None:  # a deal's secret half: its words and its text
                bound = compiled.bound_index[(entry["actor"], entry["move"], entry["target"])]
                found.append(Secret(f"secret half of {bound.text!r}", re.compile(re.escape(bound.secret_text)),
                                    frozenset(audience_)))  # fmt: skip
            elif kind == "failed":
                found.append(Secret(f"failed move {entry['text']!r}", re.compile(re.escape(entry["text"])),
                                    frozenset(audience_ or ()), turns))  # fmt: skip
        seats = frozenset(compiled.actors)
        found.append(Secret("words addressed to one seat (a notice, an answer)",
                            re.compile(r"\b(you|your|yours)\b", re.I), seats))  # fmt: skip
        for objective in compiled.objectives:
            reads_private = any(r in compiled.private_vars for r in objective.condition.variables)
            if objective.objective.secret or reads_private:
                why = "secret objective" if objective.objective.secret else "objective reading a private variable"
                found.append(Secret(f"{why} {objective.key}", re.compile(re.escape(objective.objective.text)),
                                    frozenset({objective.actor})))  # fmt: skip
        return found

    def track_lines(self, viewer: str, turn: int) -> list[str]:
        """The track changes of ``turn`` that ``viewer`` may be told, as "name: before » after" from the state it
        knew (a change made by an undetected covert move it is not party to is left out)."""
        compiled = self.game.compiled
        log = self.game.state["log"]
        detected = {_key(e) for e in log if e["kind"] == "detected"}
        known = {tid: machine.track.initial for tid, machine in compiled.tracks.items()}
        lines = []
        for entry in log:
            if entry["kind"] != "track":
                continue
            cause = self._hidden_cause(entry, detected)
            if cause is None or viewer in cause["visible_to"]:
                tid = entry["track"]
                machine = compiled.tracks[tid]
                if entry["turn"] == turn and known[tid] != entry["dest"]:
                    before, after = machine.label(known[tid]), machine.label(entry["dest"])
                    lines.append(f"{machine.track.name}: {before} \u00bb {after}")
                known[tid] = entry["dest"]
        return lines

    def known_tracks(self, viewer: str) -> dict[str, str]:
        """Each track's state as ``viewer`` may know it: the log replayed without the changes of undetected
        covert moves it is not party to."""
        compiled = self.game.compiled
        log = self.game.state["log"]
        detected = {_key(e) for e in log if e["kind"] == "detected"}
        known = {tid: machine.track.initial for tid, machine in compiled.tracks.items()}
        for entry in log:
            if entry["kind"] != "track":
                continue
            cause = self._hidden_cause(entry, detected)
            if cause is None or viewer in cause["visible_to"]:
                known[entry["track"]] = entry["dest"]
        return known


# --- finding leaks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    """A secret found on a screen shown to someone who may not see it."""

    seed: int
    screen: str
    audience: str
    secret: str
    text: str

    def __str__(self) -> str:
        return f"seed {self.seed}: {self.screen} shown to {self.audience} reveals {self.secret}: {self.text!r}"


def leaks_on(app: App, seed: int, oracle: Secrets, secrets: list[Secret]) -> list[Leak]:
    """The secrets on the window now that its audience may not see."""
    screen = app.screen
    who = audience(screen)
    if who is None or (oracle.game.is_over() and not isinstance(screen, ResolutionScreen)):
        return []
    found = []
    strings = Recorder.on_window(app)
    turn = screen.turn if isinstance(screen, ResolutionScreen) else oracle.game.turn
    for words in strings:
        for secret in secrets:
            if secret.turns is not None and turn not in secret.turns:
                continue
            if who not in secret.owners and secret.pattern.search(words):
                found.append(Leak(seed, screen.view_key(), who, secret.what, words))
    if isinstance(screen, ResolutionScreen):
        found += _unknown_track_lines(screen, seed, oracle, who, "\n".join(strings))
    if not oracle.game.is_over():
        known = oracle.known_tracks(who)
        compiled = oracle.game.compiled
        for tid, state in known.items():
            machine = compiled.tracks[tid]
            shown = f"[track] {machine.track.name} = {machine.label(state)}"
            drawn = [w for w in strings if w.startswith(f"[track] {machine.track.name} = ")]
            if drawn and shown not in drawn:
                why = f"track {tid} beyond what it knows ({state})"
                found.append(Leak(seed, screen.view_key(), who, why, drawn[0]))
    return found


def _unknown_track_lines(screen: ResolutionScreen, seed: int, oracle: Secrets, who: str, words: str) -> list[Leak]:
    """Track changes the summary tells that its audience may not be told (a covertly caused change)."""
    compiled = oracle.game.compiled
    allowed = oracle.track_lines(who, screen.turn)
    found = []
    for machine in compiled.tracks.values():
        labels = [machine.label(state) for state in machine.states]
        for a in labels:
            for b in labels:
                line = f"{machine.track.name}: {a} \u00bb {b}"
                extra = words.count(line) - allowed.count(line)
                if a != b and extra > 0:
                    found.append(Leak(seed, screen.view_key(), who, f"covertly caused track change {line!r}", line))
    return found


# --- driving a game ---------------------------------------------------------------------------------


def play(app: App, entry: Entry, seed: int, check: Callable[[App], None], bot: str = "random") -> Game:
    """One game through the real screens: human seats decided by a seeded bot, ``check`` after every frame."""
    compiled = entry.compiled
    assert compiled is not None
    seats = {a: "human" if compiled.actor_models[a].playable else bot for a in compiled.actors}
    if seed % 2:  # every other game, one seat is a heuristic bot: its stated reasons reach the summary
        seats[[a for a in compiled.actors if seats[a] == "human"][-1]] = "heuristic"
    app.go(SetupScreen(app, entry, seats))
    app.step([])
    app.screen.focused()
    next(b for b in app.screen.buttons if b.widget.text == "Start the game").action()
    players = make_players({a: bot for a in compiled.actors}, seed + 1)
    rng = random.Random(seed)
    for _ in range(5000):
        app.step([])
        check(app)
        screen = app.screen
        if isinstance(screen, DebriefScreen):
            assert app.flow is not None
            return app.flow.session.game
        assert app.flow is not None
        game = app.flow.session.game
        if isinstance(screen, PrivacyScreen):
            screen.ready()
        elif isinstance(screen, BriefingScreen | ResolutionScreen):
            screen.auto()
        elif isinstance(screen, MoveDialog):
            screen.confirm()
        elif isinstance(screen, AnswerScreen):
            decision, _ = players[screen.actor].decide(game, screen.actor)
            assert isinstance(decision, Answer)
            screen.answer(decision.accept)
        elif isinstance(screen, BoardScreen) and screen.viewer is not None:
            actor = screen.viewer
            decision, _ = players[actor].decide(game, actor)
            assert isinstance(decision, Move)
            if decision.move == PASS or rng.random() < 0.1:
                screen.pass_turn()
            else:
                option = next(o for o in screen.options if o.decision == decision)
                screen.choose(option)
        else:
            raise AssertionError(f"unexpected screen {screen.name}")
    raise AssertionError("the game did not end")


def scenario_paths(root: Path) -> list[Path]:
    """Every shipped scenario, and the test scenarios of the format's additions (deals among several parties with
    a secret half)."""
    return sorted((root / "scenarios").glob("*.yaml")) + sorted((root / "tests" / "scenarios" / "deals").glob("*.yaml"))
