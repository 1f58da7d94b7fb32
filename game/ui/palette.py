"""Colours and marker shapes: a light, high-contrast palette that never carries meaning by red versus green.

Up and down are blue and vermillion (the Okabe–Ito pair that stays apart for every common colour
vision deficiency) and always come with an arrow shape and a signed number; each actor has a
marker shape beside its colour, so two actors never differ by colour alone.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

BACKGROUND: Colour = (244, 241, 234)
PANEL: Colour = (255, 255, 255)
PANEL_BORDER: Colour = (201, 195, 182)
HEADER: Colour = (18, 38, 58)
HEADER_TEXT: Colour = (255, 255, 255)
TEXT: Colour = (27, 27, 27)
MUTED: Colour = (74, 71, 64)
FAINT: Colour = (222, 218, 210)
ACCENT: Colour = (11, 92, 168)
FOCUS: Colour = (240, 192, 0)
FOCUS_EDGE: Colour = (17, 17, 17)
UP: Colour = (0, 114, 178)
"""Okabe–Ito blue: a rise (always with an up arrow and a + sign)."""
DOWN: Colour = (213, 94, 0)
"""Okabe–Ito vermillion: a fall (always with a down arrow and a − sign)."""
CRITICAL: Colour = (213, 94, 0)
LIT: Colour = (11, 92, 168)
"""The current state of a track ladder (also outlined and marked)."""
DIM: Colour = (105, 110, 120)
"""Multiplied into the screen under a dialog or the pause menu to dim it."""

SERIES: tuple[Colour, ...] = (
    (0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (230, 159, 0), (27, 27, 27),
)  # fmt: skip
"""Okabe–Ito colours for chart lines (each line also has its own marker shape)."""

SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "diamond", "down", "hexagon", "star")
"""Marker shapes, one per actor (and per chart line)."""


def hex_colour(text: str) -> Colour:
    """#RRGGBB -> (r, g, b)."""
    value = text.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
