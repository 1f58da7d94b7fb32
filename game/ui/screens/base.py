"""What every screen has: its widgets, its drawing, its keys, and what the autopilot presses.

A screen builds its pygame_gui widgets in :meth:`Screen.build` (called when it is shown, when the
window or UI scale changes, and when it comes back from the pause menu) and draws everything
pygame_gui cannot into a cached backdrop surface, redrawn only when :meth:`Screen.invalidate` is
called. Buttons are registered with :meth:`Screen.button` so that a click, the Enter key on the
focused button, and the autopilot all run the same action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui import drawing, palette

if TYPE_CHECKING:
    from game.ui.app import App

Action = Callable[[], None]


@dataclass
class Button:
    """A registered button: the widget, what it does, and its number key (if any)."""

    widget: pygame_gui.elements.UIButton
    action: Action
    enabled: bool


class Screen:
    """Base class of the screens; subclasses override :meth:`build`, :meth:`paint` and maybe :meth:`on_key`."""

    name = "screen"
    """Short name, used for screenshot files."""
    pausable = False
    """Esc opens the pause menu (True) or runs :meth:`back` (False)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.buttons: list[Button] = []
        self.actions: dict[pygame_gui.core.UIElement, Action] = {}
        self.focus = 0
        self.text_boxes: list[pygame_gui.elements.UITextBox] = []
        self.hints: list[tuple[pygame.Rect, str]] = []
        """Places on the backdrop whose text was shortened, with the full text (shown on hover)."""
        self._backdrop: pygame.Surface | None = None

    # --- lifecycle ----------------------------------------------------------------

    def show(self) -> None:
        """(Re)build the widgets on a cleared manager and repaint the backdrop."""
        self.buttons.clear()
        self.actions.clear()
        self.text_boxes.clear()
        self.app.manager.clear_and_reset()  # type: ignore[no-untyped-call]
        self.build()
        enabled = [b for b in self.buttons if b.enabled]
        self.focus = min(self.focus, max(0, len(enabled) - 1))
        self.invalidate()

    def build(self) -> None:
        """Create the widgets (override)."""

    def paint(self, surface: pygame.Surface) -> None:
        """Draw the backdrop: everything that is not a widget (override; call super for the background)."""
        surface.fill(palette.BACKGROUND)

    def invalidate(self) -> None:
        """Ask for the backdrop to be repainted before the next frame."""
        self._backdrop = None

    def backdrop(self) -> pygame.Surface:
        """The cached backdrop, repainted if invalidated or the window size changed."""
        size = self.app.window.get_size()
        if self._backdrop is None or self._backdrop.get_size() != size:
            self._backdrop = pygame.Surface(size)
            self.hints = []
            self.paint(self._backdrop)
        return self._backdrop

    def hint_at(self, pos: tuple[int, int]) -> tuple[pygame.Rect, str] | None:
        """The shortened text under ``pos`` and its full wording, if any."""
        for rect, words in self.hints:
            if rect.collidepoint(pos):
                return rect, words
        return None

    def update(self, dt: float) -> None:
        """Per-frame work (override only for timers)."""

    def view_key(self) -> str:
        """Names the current view (a screen with tabs gives each tab its own key, for screenshots)."""
        return self.name

    # --- input --------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key press the screen handles itself (before focus navigation); True when handled."""
        return False

    def back(self) -> None:
        """Esc on a screen that is not pausable (override)."""

    def auto(self) -> None:
        """What the autopilot does on this screen: its main action (override)."""

    # --- helpers for subclasses -----------------------------------------------------

    @property
    def ui(self) -> pygame_gui.UIManager:
        """The UI manager."""
        return self.app.manager

    def s(self, pixels: float) -> int:
        """A length at the current UI scale."""
        return round(pixels * self.app.scale)

    def button(self, rect: pygame.Rect, label: str, action: Action, *, enabled: bool = True,
               object_id: str | None = None, tooltip: str | None = None) -> pygame_gui.elements.UIButton:  # fmt: skip
        """A button that runs ``action`` when clicked or when focused and Enter is pressed."""
        widget = pygame_gui.elements.UIButton(
            rect, label, self.ui, tool_tip_text=tooltip,
            object_id=ObjectID(class_id=None, object_id=object_id) if object_id else None,
        )  # fmt: skip
        if not enabled:
            widget.disable()  # type: ignore[no-untyped-call]
        self.buttons.append(Button(widget, action, enabled))
        if enabled:
            self.actions[widget] = action
        return widget

    def button_row(self, area: pygame.Rect, items: list[tuple[str, Action]], gap: int | None = None,
                   align: str = "left") -> list[pygame_gui.elements.UIButton]:  # fmt: skip
        """Buttons side by side in ``area``, each as wide as its label needs; narrowed together when the row
        would not fit (a label that no longer fits shows in full as the button's tooltip)."""
        gap = self.s(16) if gap is None else gap
        font = self.app.fonts.get(17, bold=True)
        wanted = [max(self.s(120), font.size(label)[0] + self.s(44)) for label, _action in items]
        room = area.width - gap * (len(items) - 1)
        if sum(wanted) > room:
            wanted = [max(1, w * room // sum(wanted)) for w in wanted]
        x = area.x if align == "left" else area.right - sum(wanted) - gap * (len(items) - 1)
        widgets = []
        for (label, action), width in zip(items, wanted, strict=True):
            tip = label if font.size(label)[0] + self.s(20) > width else None
            widgets.append(self.button(pygame.Rect(x, area.y, width, area.height), label, action, tooltip=tip))
            x += width + gap
        return widgets

    def label(self, rect: pygame.Rect, words: str, object_id: str | None = None) -> pygame_gui.elements.UILabel:
        """A one-line label (shortened by pygame_gui if too long)."""
        return pygame_gui.elements.UILabel(
            rect, words, self.ui, object_id=ObjectID(object_id=object_id) if object_id else None
        )

    def text_box(self, rect: pygame.Rect, html: str, object_id: str | None = None) -> pygame_gui.elements.UITextBox:
        """A scrolling box of (simple HTML) text; PageUp, PageDown and the arrow keys scroll it (see :meth:`scroll`)."""
        box = pygame_gui.elements.UITextBox(
            html, rect, self.ui, object_id=ObjectID(object_id=object_id) if object_id else None
        )
        self.text_boxes.append(box)
        return box

    def scroll(self, pages: float) -> bool:
        """Scroll the largest text box that has more text than fits by ``pages`` (negative: up); False if none."""
        boxes = [b for b in self.text_boxes if b.scroll_bar is not None and b.alive()]  # type: ignore[no-untyped-call]
        if not boxes:
            return False
        box = max(boxes, key=lambda b: b.rect.width * b.rect.height)
        bar = box.scroll_bar
        assert bar is not None
        bar.set_scroll_from_start_percentage(bar.start_percentage + pages * bar.visible_percentage)
        return True

    def focusable(self) -> list[Button]:
        """Buttons the keyboard can reach, in Tab order."""
        return [b for b in self.buttons if b.enabled]

    def focused(self) -> Button | None:
        """The button the keyboard focus is on."""
        buttons = self.focusable()
        return buttons[self.focus % len(buttons)] if buttons else None

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus by ``step`` buttons (wrapping around)."""
        buttons = self.focusable()
        if buttons:
            self.focus = (self.focus + step) % len(buttons)

    def focus_on(self, widget: pygame_gui.elements.UIButton) -> None:
        """Put the keyboard focus on ``widget``."""
        for index, candidate in enumerate(self.focusable()):
            if candidate.widget is widget:
                self.focus = index

    def header(self, surface: pygame.Surface, title: str, right: str = "") -> int:
        """The dark header bar with a title (and text on the right); return its height."""
        fonts = self.app.fonts
        height = self.s(52)
        pygame.draw.rect(surface, palette.HEADER, (0, 0, surface.get_width(), height))
        big = fonts.get(21, bold=True)
        y = (height - big.get_height()) // 2
        width = surface.get_width()
        right_w = 0
        if right:
            small = fonts.get(17)
            right_w = min(small.size(right)[0], width // 2)
            drawing.text(surface, right, (width - right_w - self.s(16), (height - small.get_height()) // 2), small,
                         palette.HEADER_TEXT, right_w)  # fmt: skip
        drawing.text(surface, title, (self.s(16), y), big, palette.HEADER_TEXT, width - right_w - self.s(48))
        return height
