"""The application: the window, the UI manager, a stack of screens, and one frame at a time.

:meth:`App.step` processes one frame given its events — the loop in :meth:`App.run` is the only
place that calls ``pygame.event.get()`` — so tests post events and step frames without a clock.
Keys that work everywhere: Tab / Shift+Tab and the arrow keys move the keyboard focus (on a screen
with a long text box, Up / Down and PageUp / PageDown scroll it), Enter (or Space) presses the focused
button, Esc opens the pause menu (or goes back). The autopilot presses
each screen's main action after it has been drawn, which plays a bots-only game through the real
screens; screenshots are saved per screen visited.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import drawing, palette
from game.ui.screens.base import Screen
from game.ui.theme import PROJECTOR_SCALE, Fonts, make_manager

if TYPE_CHECKING:
    from game.ui.catalogue import Entry
    from game.ui.flow import Flow
    from game.ui.live import LiveReload

NAVIGATION_KEYS = {pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN}
PRESS_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
SCROLL_KEYS = {pygame.K_PAGEUP: -0.9, pygame.K_PAGEDOWN: 0.9, pygame.K_UP: -0.15, pygame.K_DOWN: 0.15}
"""Pages scrolled by each key in a screen's long text box (Up and Down move the focus where nothing scrolls)."""
NOTICE_SECONDS = 4.0
FRAMEBUFFER_HINT = "SDL_FRAMEBUFFER_ACCELERATION"
"""SDL's choice of how a window's frame reaches the screen. Left unset, SDL on X11 presents through an
OpenGL texture, which on machines without a GPU driver (virtual machines, many school laptops, Xvfb)
is Mesa's software renderer: 13 ms a frame at 1920x1080 against 3 ms for SDL's direct X11 (shared
memory) path, which we ask for unless the user set the hint."""


@dataclass
class Options:
    """How the app was started (from the command line or a test)."""

    size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    scale: float = 1.0
    projector: bool = False
    """The projector setting: 150 % with minimum text sizes (``theme.BODY_MIN_PX``, ``theme.HEADING_MIN_PX``)."""
    save_dir: Path = field(default_factory=Path)
    autopilot: bool = False
    """Press each screen's main action after drawing it (``--until-end``)."""
    screenshot: Path | None = None
    """Save the last screen here and quit (with the autopilot: the debrief; else the first screen)."""
    screenshot_dir: Path | None = None
    """Save one PNG per screen visited."""
    seed: int = 1
    """Seed of the games started in this window."""
    all_bots: bool = False
    """Setup starts with a bot in every seat."""
    scenario: Path | None = None
    """A scenario named on the command line (offered first on the title screen)."""
    names: str = "real"
    """``real`` or ``fictional`` names in every text shown (``--names``; the setup screen can change it)."""
    autosave: bool = True
    """Write the autosave beside the save folder after every phase (``parley play --resume`` reads it)."""
    resume: bool = False
    """Start with the autosaved game (``--resume``)."""
    pin: str = ""
    """The facilitator console's PIN (empty: F2 opens it directly)."""
    timer_seconds: float = 0.0
    """Length of each diplomacy phase in seconds (0: no timer); the setup screen can change it."""
    timer_action: str = "pass"
    """When the time runs out, a seat that has not chosen passes (``pass``) or a bot chooses (``bot``)."""


class App:
    """The window and its screens."""

    def __init__(self, options: Options) -> None:
        self.options = options
        os.environ.setdefault(FRAMEBUFFER_HINT, "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Parley")
        flags = pygame.FULLSCREEN if options.fullscreen else pygame.RESIZABLE
        self.window = pygame.display.set_mode((0, 0) if options.fullscreen else options.size, flags)
        self.projector = options.projector
        self.scale = PROJECTOR_SCALE if self.projector else options.scale
        self.manager = make_manager(self.window.get_size(), self.scale, projector=self.projector)
        self.fonts = Fonts(self.scale, self.projector)
        self._themes: dict[tuple[float, bool], tuple[pygame_gui.UIManager, Fonts]] = {
            (self.scale, self.projector): (self.manager, self.fonts)
        }
        """Every UI manager and font set made so far, by (scale, projector): made once each, so changing the
        scale back and forth does not build (and leak) a new theme every time."""
        self.stack: list[Screen] = []
        self.running = True
        self.notice = ""
        self.notice_left = 0.0
        self.frames = 0
        self._shown: tuple[int, str] | None = None
        self._shot_number = 0
        self._saved: set[tuple[int, str]] = set()
        self._auto_pending = False
        self._collect_pending = False
        self.presented_at = 0.0
        """``time.perf_counter()`` when the last frame was presented (benchmarks measure to it)."""
        self.seed = options.seed
        self.extra_scenario = options.scenario
        self.catalogue: list[Entry] | None = None
        """The title screen's scenarios, loaded once."""
        self.flow: Flow | None = None
        """The game being played (set by :class:`~game.ui.flow.Flow`), for the pause menu's save."""
        self.finished = False
        """Set by the debrief under the autopilot: the run is complete."""
        self.live: LiveReload | None = None
        """Watches the scenario file and reloads it when saved (``parley play --watch``)."""
        gc.freeze()  # modules, theme and fonts live as long as the app: later collections skip them

    # --- the screen stack -----------------------------------------------------------

    @property
    def screen(self) -> Screen:
        """The screen on top."""
        return self.stack[-1]

    def go(self, screen: Screen) -> None:
        """Replace the whole stack by ``screen``.

        The old screens' pygame_gui elements hold their surfaces in reference cycles; collecting them
        once per screen change keeps memory flat over a game (otherwise it grows until the cyclic
        collector happens to run). The collection runs after the new screen has been presented, and
        only over objects made since the first screen (the rest is frozen), so a change of screen
        does not wait for it."""
        self.stack = [screen]
        self._collect_pending = True
        screen.show()

    def push(self, screen: Screen) -> None:
        """Show ``screen`` over the current one (the pause menu, a dialog)."""
        self.stack.append(screen)
        screen.show()

    def pop(self) -> None:
        """Close the top screen and show the one below again."""
        if len(self.stack) > 1:
            self.stack.pop()
            self.screen.show()

    def notify(self, text: str) -> None:
        """Show a one-line notice at the bottom for a few seconds."""
        self.notice = text
        self.notice_left = NOTICE_SECONDS

    def set_scale(self, scale: float, projector: bool = False) -> None:
        """Change the UI scale (or choose the projector setting): that scale's theme and fonts (built the first time),
        the screens rebuilt."""
        self.scale = PROJECTOR_SCALE if projector else scale
        self.projector = projector
        key = (self.scale, projector)
        if key in self._themes:
            self.manager, self.fonts = self._themes[key]
            # the elements it held when last in use belong to screens that are rebuilt below
            self.manager.clear_and_reset()  # type: ignore[no-untyped-call]
            self.manager.set_window_resolution(self.window.get_size())
        else:
            self.manager = make_manager(self.window.get_size(), self.scale, projector=projector)
            self.fonts = Fonts(self.scale, projector)
            self._themes[key] = (self.manager, self.fonts)
        self._collect_pending = True
        for screen in self.stack:
            screen.invalidate()
        self.screen.show()

    # --- one frame --------------------------------------------------------------------

    def step(self, events: list[pygame.event.Event], dt: float = 1 / 60) -> bool:
        """Process one frame's events, update and draw; return False once the app should close."""
        for event in events:
            self._handle(event)
            if not self.running:
                return False
        if self.live is not None:
            self.live.update(dt)
        self.screen.update(dt)
        if self.flow is not None:
            self.flow.tick(dt)
        if self.notice_left > 0:
            self.notice_left = max(0.0, self.notice_left - dt)
        self.manager.update(dt)
        self.draw()
        pygame.display.flip()
        self.presented_at = time.perf_counter()
        self.frames += 1
        if self._collect_pending:
            self._collect()
        self._after_frame()
        return self.running

    def _collect(self) -> None:
        """Collect the cycles left by the last screen."""
        self._collect_pending = False
        gc.collect()

    def draw(self) -> None:
        """Backdrop, widgets, focus ring and notice."""
        window = self.window
        window.blit(self.screen.backdrop(), (0, 0))
        self.manager.draw_ui(window)
        focused = self.screen.focused()
        if focused is not None:
            ring = focused.widget.rect.inflate(8, 8)
            pygame.draw.rect(window, palette.FOCUS_EDGE, ring, width=2, border_radius=9)
            pygame.draw.rect(window, palette.FOCUS, ring.inflate(-4, -4), width=3, border_radius=8)
        hint = self.screen.hint_at(pygame.mouse.get_pos()) if pygame.mouse.get_focused() else None
        if hint is not None:
            self.draw_hint(*hint)
        timer = self.flow.timer if self.flow is not None else None
        if timer is not None and timer.running:
            font = self.fonts.get(17, bold=True)
            words = f"Time left: {timer.shown()}"
            badge = pygame.Rect(0, 0, font.size(words)[0] + 24, font.get_linesize() + 10)
            badge.midtop = (window.get_width() // 2, 4)
            pygame.draw.rect(window, palette.FOCUS, badge, border_radius=8)
            drawing.text(window, words, (badge.x + 12, badge.y + 5), font, palette.HEADER, badge.width - 16)
        if self.notice_left > 0:
            font = self.fonts.get(17, bold=True)
            box = self.notice_rect()
            pygame.draw.rect(window, palette.HEADER, box)
            pygame.draw.rect(window, palette.FOCUS, box, width=2)
            drawing.text(window, self.notice, (box.x + 16, box.y + 8), font, palette.HEADER_TEXT, box.width - 32)

    def draw_hint(self, anchor: pygame.Rect, words: str) -> pygame.Rect:
        """The full wording of a shortened label, in a box beside it (kept inside the window)."""
        font = self.fonts.get(16)
        width, height = self.window.get_size()
        lines = drawing.wrap(words, font, min(width - 40, round(420 * self.scale)))
        box = pygame.Rect(0, 0, max(font.size(line)[0] for line in lines) + 20, len(lines) * font.get_linesize() + 12)
        box.topleft = (anchor.x, anchor.bottom + 4)
        if box.bottom > height:
            box.bottom = anchor.y - 4
        box.clamp_ip(self.window.get_rect())
        pygame.draw.rect(self.window, palette.HEADER, box, border_radius=6)
        for number, line in enumerate(lines):
            drawing.text(self.window, line, (box.x + 10, box.y + 6 + number * font.get_linesize()), font,
                         palette.HEADER_TEXT)  # fmt: skip
        return box

    def notice_rect(self) -> pygame.Rect:
        """Where the notice goes: a strip at the bottom, or else one at the top, in the widest stretch that
        no button touches (the notice never covers a button)."""
        font = self.fonts.get(17, bold=True)
        width, height = self.window.get_size()
        strip_h = font.get_linesize() + 16
        buttons = [b.widget.rect for b in self.screen.buttons]
        best = pygame.Rect(0, height - strip_h, width, strip_h)
        best_w = -1
        for y in (height - strip_h, 0, round(52 * self.scale)):
            strip = pygame.Rect(0, y, width, strip_h)
            edges = sorted((r.left, r.right) for r in buttons if r.colliderect(strip))
            x = 0
            for left, right in [*edges, (width, width)]:
                if left - x > best_w:
                    best, best_w = pygame.Rect(x, y, left - x, strip_h), left - x
                x = max(x, right)
            if best_w >= width * 0.6:
                break
        return best

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resized()
            return
        consumed = self.manager.process_events(event)
        screen = self.screen
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = screen.actions.get(event.ui_element)
            if action is not None:
                screen.focus_on(event.ui_element)
                action()
        elif event.type == pygame.KEYDOWN and not consumed:
            self._key(event)

    def _key(self, event: pygame.event.Event) -> None:
        screen = self.screen
        if screen.on_key(event):
            return
        key = event.key
        if key == pygame.K_F2:
            from game.ui.screens.console import open_console

            open_console(self)
            return
        if key == pygame.K_ESCAPE:
            if screen.pausable:
                from game.ui.screens.pause import PauseScreen

                self.push(PauseScreen(self))
            else:
                screen.back()
        elif key in SCROLL_KEYS and screen.scroll(SCROLL_KEYS[key]):
            return
        elif key in NAVIGATION_KEYS:
            backwards = key in (pygame.K_LEFT, pygame.K_UP) or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            screen.move_focus(-1 if backwards else 1)
        elif key in PRESS_KEYS:
            focused = screen.focused()
            if focused is not None:
                focused.action()

    def _resized(self) -> None:
        size = self.window.get_size()
        self.manager.set_window_resolution(size)
        for screen in self.stack:
            screen.invalidate()
        self.screen.show()

    # --- autopilot and screenshots ------------------------------------------------------

    def _after_frame(self) -> None:
        if self.finished:
            if self.options.screenshot is not None:
                self.save_screenshot(self.options.screenshot)
            self.running = False
            return
        shown = (id(self.screen), self.screen.view_key())
        if shown != self._shown:
            self._shown = shown
            if self.options.screenshot_dir is not None and shown not in self._saved:
                self._saved.add(shown)
                self._shot_number += 1
                name = f"{self._shot_number:02d}-{self.screen.view_key()}.png"
                self.save_screenshot(self.options.screenshot_dir / name)
            self._auto_pending = self.options.autopilot
            if self.options.screenshot is not None and not self.options.autopilot:
                self.save_screenshot(self.options.screenshot)
                self.running = False
            return
        if self._auto_pending:
            self._auto_pending = False
            self.screen.auto()

    def save_screenshot(self, path: Path) -> None:
        """Save the window as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))

    # --- the real loop ------------------------------------------------------------------------

    def run(self, first: Screen) -> int:
        """Show ``first`` and run frames until the window is closed; return the exit code."""
        self.go(first)
        clock = pygame.time.Clock()
        dt = 0.0
        while self.safe_step(pygame.event.get(), dt):
            dt = clock.tick(60) / 1000.0
        return 0

    def safe_step(self, events: list[pygame.event.Event], dt: float = 1 / 60) -> bool:
        """:meth:`step`, except that a bug (a rule error mid-lesson) saves the game and shows the crash screen
        instead of closing the window (see :func:`game.ui.screens.error.recover`)."""
        try:
            return self.step(events, dt)
        except Exception as exc:
            from game.ui.screens.error import recover

            return recover(self, exc)

    def close(self) -> None:
        """Close the window, and let the objects frozen for this app's lifetime be collected again.

        Without the unfreeze, an app made after this one would freeze this one's garbage for good
        (the tour, the tests and the monkey make many apps in one process)."""
        pygame.display.quit()
        self.stack.clear()
        self._themes.clear()
        gc.unfreeze()
        gc.collect()
