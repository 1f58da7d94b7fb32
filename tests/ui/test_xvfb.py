"""Reading an XWD screen file (the format of Xvfb's -fbdir framebuffer), without an X server."""

from __future__ import annotations

import struct

import pygame
import pytest

from game.ui.xvfb import XvfbError, crop, read_header, same_pixels


def xwd(width: int, height: int, pixel: callable, ncolors: int = 256, name: bytes = b"Xvfb main window\0") -> bytes:  # type: ignore[valid-type]
    """A 32-bit TrueColor XWD file as Xvfb writes it (LSB first, B G R X in memory)."""
    header_size = 100 + len(name)
    bpl = width * 4 + 8  # padded lines, as some servers write them
    fields = [header_size, 7, 2, 24, width, height, 0, 0, 32, 0, 32, 32, bpl, 4, 0xFF0000, 0xFF00, 0xFF, 8, 256,
              ncolors, width, height, 0, 0, 0]  # fmt: skip
    data = bytearray(struct.pack(">25I", *fields) + name + b"\0" * (ncolors * 12))
    for y in range(height):
        for x in range(width):
            r, g, b = pixel(x, y)
            data += bytes((b, g, r, 0))
        data += b"\0" * 8
    return bytes(data)


def test_pixels_start_after_the_header_and_the_colour_map() -> None:
    data = xwd(5, 4, lambda x, y: (10 * x, 20 * y, 200))
    header = read_header(data)
    assert (header.width, header.height, header.pixels_at) == (5, 4, 100 + 17 + 256 * 12)
    screen = crop(data)
    assert screen.get_size() == (5, 4)
    assert screen.get_at((3, 2))[:3] == (30, 40, 200)
    part = crop(data, pygame.Rect(1, 1, 2, 2))
    assert part.get_size() == (2, 2) and part.get_at((0, 0))[:3] == (10, 20, 200)
    assert part.get_at((1, 1))[:3] == (20, 40, 200)


def test_same_pixels_compares_every_pixel() -> None:
    a = crop(xwd(3, 3, lambda x, y: (x, y, 0)))
    b = a.copy()
    assert same_pixels(a, b)
    b.set_at((2, 2), (2, 3, 0))
    assert not same_pixels(a, b)


def test_other_screen_depths_are_refused_in_one_line() -> None:
    data = bytearray(xwd(2, 2, lambda x, y: (0, 0, 0)))
    data[44:48] = struct.pack(">I", 16)
    with pytest.raises(XvfbError, match="16 bits a pixel"):
        read_header(bytes(data))
    with pytest.raises(XvfbError, match="too short"):
        read_header(b"abc")
