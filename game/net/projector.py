"""The teacher's window on the projector: the join address (text and QR code), each seat's status,
the public board, the phase timer and the facilitator console.

It runs on the main thread while uvicorn serves on a background thread. Each frame it drains the
room's queue of public snapshots and draws the newest; it never reads the game itself, so what the
class sees on the projector is exactly the public board a spectator's browser gets. Claim codes and
seat tokens are never drawn (the teacher gives codes privately; tokens go only to their device).

The console (:mod:`game.net.console`) is a row of buttons under the board: the mouse clicks them,
Tab and Shift+Tab move the focus, Enter or Space presses the focused one, and each shown key
(P, +, N, U, B, E, I, G, 1–9, A, R) presses its button directly. Ending the game and undoing ask to be
pressed twice; E shows the next of the scenario's events and I brings the shown one in.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

import pygame
import segno

from game.net import console
from game.net.room import Room
from game.ui import drawing, palette
from game.ui.theme import Fonts

SIZE = (1280, 720)
CONSOLE_HEIGHT = 214
BUTTON_HEIGHT = 30
KEYS = {pygame.K_p: "P", pygame.K_PLUS: "+", pygame.K_KP_PLUS: "+", pygame.K_EQUALS: "+", pygame.K_n: "N",
        pygame.K_g: "G", pygame.K_a: "A", pygame.K_r: "R", pygame.K_u: "U", pygame.K_b: "B", pygame.K_e: "E",
        pygame.K_i: "I", **{getattr(pygame, f"K_{n}"): str(n) for n in range(1, 10)},
        **{getattr(pygame, f"K_KP{n}"): str(n) for n in range(1, 10)}}  # fmt: skip
"""Keys of the console's buttons (each button shows its own)."""
STATUS_WORDS = {"empty": "empty", "joined": "joined", "deciding": "deciding…", "done": "done", "bot": "bot"}


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code of ``url`` as rows of dark (True) and light modules, with its quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=4)]


def draw_qr(surface: pygame.Surface, matrix: list[list[bool]], rect: pygame.Rect) -> None:
    """Draw the code as square modules filling ``rect`` (white background)."""
    n = len(matrix)
    module = max(1, min(rect.width, rect.height) // n)
    side = module * n
    origin = (rect.x + (rect.width - side) // 2, rect.y + (rect.height - side) // 2)
    pygame.draw.rect(surface, (255, 255, 255), (*origin, side, side))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pygame.draw.rect(surface, (0, 0, 0), (origin[0] + x * module, origin[1] + y * module, module, module))


class Projector:
    """Draws one frame from the newest snapshot."""

    def __init__(self, url: str, updates: queue.Queue[dict[str, Any]], room: Room | None = None) -> None:
        self.url = url
        self.updates = updates
        self.room = room
        """The room the console acts on (None: a window without a console)."""
        self.snapshot: dict[str, Any] | None = None
        self.matrix = qr_matrix(url)
        self.fonts = Fonts(1.0)
        self.received_at = time.monotonic()
        self.buttons: list[tuple[console.Action, pygame.Rect]] = []
        """The console's buttons as last drawn (for the mouse)."""
        self.focus: str | None = None
        """The id of the button Tab moved the focus to."""
        self.said = ""
        """What the last console action did."""
        self.armed: str | None = None
        """An action that asks to be pressed twice ("end the game", "undo") was pressed once: the next press of
        it does it, any other action disarms it."""
        self.event = 0
        """Which of the scenario's events the console offers to bring in (E shows the next)."""

    def step(self, events: list[pygame.event.Event], surface: pygame.Surface) -> bool:
        """One frame: handle the events, take the newest snapshot, draw; False when the window should close."""
        for event in events:
            if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                return False
            if event.type == pygame.KEYDOWN:
                self.key(event)
            elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.click(event.pos)
        self.drain()
        self.draw(surface)
        return True

    def key(self, event: pygame.event.Event) -> None:
        """A key: Tab moves the focus, Enter or Space presses the focused button, a button's key presses it."""
        shown = [a for a in self.actions() if a.enabled]
        self.armed = None  # any key but the second press of an armed action disarms it
        if event.key == pygame.K_TAB and shown:
            ids = [a.id for a in shown]
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            at = ids.index(self.focus) if self.focus in ids else (-1 if step > 0 else 0)
            self.focus = ids[(at + step) % len(ids)]
            return
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if any(a.id == self.focus for a in shown):
                self.press(str(self.focus))
        elif event.key in KEYS:
            wanted = KEYS[event.key]
            action = next((a for a in shown if a.key == wanted), None)
            if action is not None:
                self.press(action.id)

    def click(self, pos: tuple[int, int]) -> None:
        """A left click on a console button presses it."""
        self.armed = None
        for action, rect in self.buttons:
            if action.enabled and rect.collidepoint(pos):
                self.focus = action.id
                self.press(action.id)
                return

    def actions(self) -> list[console.Action]:
        """The console's buttons now."""
        return console.actions(self.snapshot, self.armed, self.event)

    def press(self, action_id: str) -> None:
        """Do a console action (on the room) and take the snapshot it published."""
        if self.room is None:
            return
        if action_id == "event":
            self.event += 1
            shown = console.shown_event(self.snapshot, self.event)
            self.said = f"Event to bring in: {shown['title']} (I brings it in)." if shown else ""
            return
        self.said = console.perform(self.room, action_id)
        self.armed = action_id if console.twice(action_id) else None
        if self.focus is not None and console.twice(self.focus.replace("!", "")):
            base = self.focus.replace("!", "")  # the focus follows the button between its two forms
            self.focus = console.confirmed(base) if self.armed == base else base
        self.drain()

    def drain(self) -> None:
        """Take every waiting snapshot; keep the newest."""
        while True:
            try:
                self.snapshot = self.updates.get_nowait()
                self.received_at = time.monotonic()
            except queue.Empty:
                return

    def draw(self, surface: pygame.Surface) -> None:
        """The whole screen."""
        width, height = surface.get_size()
        surface.fill(palette.BACKGROUND)
        big, mid, small = self.fonts.get(30, True), self.fonts.get(20, True), self.fonts.get(17)
        board = (self.snapshot or {}).get("board")
        pygame.draw.rect(surface, palette.HEADER, (0, 0, width, 56))
        title = board["title"] if board else "Parley"
        drawing.text(surface, title, (20, 12), big, palette.HEADER_TEXT, width - 40)
        bottom = height - (CONSOLE_HEIGHT if self.room is not None else 0)
        side = max(120, min(300, bottom - 160))
        qr_rect = pygame.Rect(width - side - 24, 72, side, side)
        draw_qr(surface, self.matrix, qr_rect)
        drawing.text(surface, "Join:", (qr_rect.x, qr_rect.bottom + 8), mid, palette.TEXT, side)
        drawing.text(surface, self.url, (qr_rect.x, qr_rect.bottom + 36), mid, palette.ACCENT, side)
        left = pygame.Rect(20, 72, qr_rect.x - 44, bottom - 92)
        if self.room is not None:
            self._draw_console(surface, pygame.Rect(0, bottom, width, height - bottom))
        if board is None:
            drawing.text(surface, "Starting the room…", left.topleft, mid, palette.TEXT, left.width)
            return
        surface.set_clip(left)
        try:
            self._draw_board(surface, board, left, mid, small)
        finally:
            surface.set_clip(None)

    def _draw_console(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The facilitator console: a line of buttons per group, then what the last action did."""
        pygame.draw.rect(surface, palette.FAINT, area)
        pygame.draw.line(surface, palette.PANEL_BORDER, area.topleft, area.topright, 2)
        head, font = self.fonts.get(16, True), self.fonts.get(15)
        drawing.text(surface, "Facilitator console: click, or Tab then Enter, or the key in brackets",
                     (area.x + 20, area.y + 6), head, palette.MUTED, area.width - 40)  # fmt: skip
        self.buttons = []
        y = area.y + 32
        groups: dict[str, list[console.Action]] = {}
        for action in self.actions():
            groups.setdefault(action.group, []).append(action)
        for group, members in groups.items():
            if y + BUTTON_HEIGHT > area.bottom - 22:
                break
            drawing.text(surface, group, (area.x + 20, y + 6), head, palette.TEXT, 90)
            x = area.x + 110
            for action in members:
                label = f"[{action.key}] {action.label}" if action.key else action.label
                w = min(area.right - 20 - x, font.size(label)[0] + 20)
                if w < 80:
                    x, y = area.x + 110, y + BUTTON_HEIGHT + 4
                    w = min(area.right - 130, font.size(label)[0] + 20)
                    if y + BUTTON_HEIGHT > area.bottom - 22:
                        break
                rect = pygame.Rect(x, y, w, BUTTON_HEIGHT)
                self._draw_button(surface, action, label, rect, font)
                self.buttons.append((action, rect))
                x = rect.right + 8
            y += BUTTON_HEIGHT + 6
        if self.said:
            drawing.text(surface, self.said, (area.x + 20, area.bottom - 22), font, palette.TEXT, area.width - 40)

    def _draw_button(self, surface: pygame.Surface, action: console.Action, label: str, rect: pygame.Rect,
                     font: pygame.font.Font) -> None:  # fmt: skip
        fill = palette.PANEL if action.enabled else palette.BACKGROUND
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        edge = palette.ACCENT if action.enabled else palette.PANEL_BORDER
        pygame.draw.rect(surface, edge, rect, 2, border_radius=6)
        if action.id == self.focus:
            pygame.draw.rect(surface, palette.FOCUS, rect.inflate(6, 6), 3, border_radius=8)
        colour = palette.TEXT if action.enabled else palette.MUTED
        drawing.text(surface, label, (rect.x + 10, rect.y + (rect.height - font.get_linesize()) // 2), font, colour,
                     rect.width - 16)  # fmt: skip

    def _draw_board(self, surface: pygame.Surface, board: dict[str, Any], area: pygame.Rect,
                    mid: pygame.font.Font, small: pygame.font.Font) -> None:  # fmt: skip
        assert self.snapshot is not None
        y = area.y
        when = "Game over" if board["over"] else f"{board['turn_label']} · turn {board['turn']} of {board['turns']}"
        line = f"{when} · {board['phase']}"
        deadline, paused = self.snapshot.get("deadline"), self.snapshot.get("paused_left")
        if paused is not None and not board["over"]:
            held = round(paused)
            line += f" · timer paused at {held // 60}:{held % 60:02d}"
        elif deadline is not None and not board["over"]:
            left = max(0, int(deadline - time.monotonic()))
            line += f" · time left {left // 60}:{left % 60:02d}"
        drawing.text(surface, line, (area.x, y), mid, palette.TEXT, area.width)
        y += 40
        statuses = self.snapshot.get("statuses", {})
        for actor in board["actors"]:
            status = STATUS_WORDS.get(statuses.get(actor["id"], ""), "")
            drawing.text(surface, f"{actor['name']}: {status} · score {actor['score']}", (area.x, y), mid,
                         palette.TEXT, area.width)  # fmt: skip
            y += 30
        y += 10
        half = area.width // 2 - 10
        col_y = y
        for row in board["variables"]:
            if y + 24 > area.bottom:
                break
            drawing.text(surface, f"{row['owner']} {row['label'].lower()}: {row['value']}", (area.x, y), small,
                         palette.TEXT, half)  # fmt: skip
            y += 24
        for track in board["tracks"]:
            if y + 24 > area.bottom:
                break
            drawing.text(surface, f"{track['name']}: {track['state']}", (area.x, y), small, palette.TEXT, half)
            y += 24
        news = board.get("debrief", {}).get("ending") if board["over"] else None
        lines = [news] if news else [*board["news"], *(e["text"] for e in board["log"][-8:])]
        rect = pygame.Rect(area.x + half + 20, col_y, half, area.bottom - col_y)
        for text in lines:
            used = drawing.paragraph(surface, text, rect, small, palette.TEXT)
            rect.y += used + 6
            rect.height -= used + 6
            if rect.height < small.get_linesize():
                break


def run_window(url: str, room: Room, running: Callable[[], bool]) -> None:
    """The projector's frame loop on the main thread, until the window is closed or ``running()`` is False."""
    pygame.init()
    try:
        surface = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
        pygame.display.set_caption("Parley host")
        projector = Projector(url, room.updates, room)
        clock = pygame.time.Clock()
        while running():
            if not projector.step(pygame.event.get(), surface):
                return
            pygame.display.flip()
            clock.tick(20)
    finally:
        pygame.quit()
