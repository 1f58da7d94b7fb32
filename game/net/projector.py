"""The teacher's window on the projector: the join address (text and QR code), each seat's status,
the public board and the phase timer.

It runs on the main thread while uvicorn serves on a background thread. Each frame it drains the
room's queue of public snapshots and draws the newest; it never reads the game itself, so what the
class sees on the projector is exactly the public board a spectator's browser gets. Claim codes are
never drawn (the teacher gives them privately).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

import pygame
import segno

from game.ui import drawing, palette
from game.ui.theme import Fonts

SIZE = (1280, 720)
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

    def __init__(self, url: str, updates: queue.Queue[dict[str, Any]]) -> None:
        self.url = url
        self.updates = updates
        self.snapshot: dict[str, Any] | None = None
        self.matrix = qr_matrix(url)
        self.fonts = Fonts(1.0)
        self.received_at = time.monotonic()

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
        side = min(300, height - 160)
        qr_rect = pygame.Rect(width - side - 24, 72, side, side)
        draw_qr(surface, self.matrix, qr_rect)
        drawing.text(surface, "Join:", (qr_rect.x, qr_rect.bottom + 8), mid, palette.TEXT, side)
        drawing.text(surface, self.url, (qr_rect.x, qr_rect.bottom + 36), mid, palette.ACCENT, side)
        left = pygame.Rect(20, 72, qr_rect.x - 44, height - 92)
        if board is None:
            drawing.text(surface, "Starting the room…", left.topleft, mid, palette.TEXT, left.width)
            return
        self._draw_board(surface, board, left, mid, small)

    def _draw_board(self, surface: pygame.Surface, board: dict[str, Any], area: pygame.Rect,
                    mid: pygame.font.Font, small: pygame.font.Font) -> None:  # fmt: skip
        assert self.snapshot is not None
        y = area.y
        when = "Game over" if board["over"] else f"{board['turn_label']} · turn {board['turn']} of {board['turns']}"
        line = f"{when} · {board['phase']}"
        deadline = self.snapshot.get("deadline")
        if deadline is not None and not board["over"]:
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
            drawing.text(surface, f"{row['owner']} {row['label'].lower()}: {row['value']}", (area.x, y), small,
                         palette.TEXT, half)  # fmt: skip
            y += 24
        for track in board["tracks"]:
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


def run_window(url: str, updates: queue.Queue[dict[str, Any]], running: Callable[[], bool]) -> None:
    """The projector's frame loop on the main thread, until the window is closed or ``running()`` is False."""
    pygame.init()
    try:
        surface = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
        pygame.display.set_caption("Parley host")
        projector = Projector(url, updates)
        clock = pygame.time.Clock()
        while running():
            for event in pygame.event.get():
                if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                    return
            projector.drain()
            projector.draw(surface)
            pygame.display.flip()
            clock.tick(20)
    finally:
        pygame.quit()
