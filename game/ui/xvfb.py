"""A virtual X server (Xvfb) and what its screen shows, for real-window tests, screenshots and benchmarks.

Xvfb started with ``-fbdir DIR`` keeps its screen in the file ``DIR/Xvfb_screen0`` in XWD format:
a header of 25 big-endian 32-bit numbers (the first is the header's size), the window name, a
colour map of ``ncolors`` entries of 12 bytes, then the pixels. Reading that file shows what a
person at that screen would see, which the app's own surface does not prove (a frame that is drawn
but never presented stays black there).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pygame

INSTALL_HINT = "apt-get install -y xvfb"
SCREEN_FILE = "Xvfb_screen0"
_HEADER = struct.Struct(">25I")


class XvfbError(RuntimeError):
    """Xvfb is missing or did not start; the message says which, and how to install it."""


@dataclass(frozen=True)
class XwdHeader:
    """The fields of an XWD header that locate the pixels."""

    header_size: int
    width: int
    height: int
    byte_order: int
    """0: least significant byte first (pixels are B, G, R, X in memory)."""
    bits_per_pixel: int
    bytes_per_line: int
    ncolors: int
    red_mask: int

    @property
    def pixels_at(self) -> int:
        """Offset of the first pixel in the file."""
        return self.header_size + self.ncolors * 12


def read_header(data: bytes) -> XwdHeader:
    """Parse an XWD header (only 32-bit TrueColor screens, the kind ``Xvfb -screen 0 WxHx24`` makes)."""
    if len(data) < _HEADER.size:
        raise XvfbError(f"XWD file too short: {len(data)} bytes")
    f = _HEADER.unpack_from(data)
    header = XwdHeader(header_size=f[0], width=f[4], height=f[5], byte_order=f[7], bits_per_pixel=f[11],
                       bytes_per_line=f[12], ncolors=f[19], red_mask=f[14])  # fmt: skip
    if header.bits_per_pixel != 32 or header.red_mask != 0xFF0000:
        raise XvfbError(f"unsupported XWD screen: {header.bits_per_pixel} bits a pixel, red mask {header.red_mask:#x}")
    return header


def crop(data: bytes, rect: pygame.Rect | None = None) -> pygame.Surface:
    """The pixels of an XWD screen file (all of it, or ``rect``) as an opaque RGB surface."""
    header = read_header(data)
    screen = pygame.Rect(0, 0, header.width, header.height)
    area = screen if rect is None else screen.clip(rect)
    start = header.pixels_at
    rows = bytearray()
    for y in range(area.top, area.bottom):
        at = start + y * header.bytes_per_line + area.x * 4
        rows += data[at : at + area.width * 4]
    if len(rows) != area.width * area.height * 4:
        raise XvfbError("XWD file truncated")
    lsb_first = header.byte_order == 0
    rows[3 if lsb_first else 0 :: 4] = b"\xff" * (area.width * area.height)
    image = pygame.image.frombytes(bytes(rows), area.size, "BGRA" if lsb_first else "ARGB")
    opaque = pygame.Surface(area.size)
    opaque.blit(image, (0, 0))
    return opaque


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    """Whether two surfaces have the same size and the same RGB value at every pixel."""
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


class VirtualScreen:
    """A running Xvfb with one screen of ``size`` (24-bit colour), its framebuffer in a temporary folder.

    Xvfb picks a free display number itself (``-displayfd``), so several can run at once."""

    def __init__(self, size: tuple[int, int] = (1920, 1080)) -> None:
        self.size = size
        self.display = ""
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def framebuffer(self) -> Path:
        """The XWD file that holds the screen."""
        assert self._dir is not None, "VirtualScreen not started"
        return Path(self._dir.name) / SCREEN_FILE

    def start(self, timeout: float = 10.0) -> VirtualScreen:
        """Start Xvfb and wait until it accepts clients."""
        binary = shutil.which("Xvfb")
        if binary is None:
            raise XvfbError(f"Xvfb is not installed: {INSTALL_HINT}")
        self._dir = tempfile.TemporaryDirectory(prefix="parley-xvfb-")
        read_end, write_end = os.pipe()
        width, height = self.size
        command = [binary, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24",
                   "-fbdir", self._dir.name, "-nolisten", "tcp", "-br", "-noreset", "-nocursor"]  # fmt: skip
        self._process = subprocess.Popen(command, pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE)  # fmt: skip
        os.close(write_end)
        number = b""
        deadline = time.monotonic() + timeout
        try:
            while not number.endswith(b"\n"):
                if time.monotonic() > deadline:
                    raise XvfbError(f"Xvfb did not start within {timeout:.0f} s")
                chunk = os.read(read_end, 16)
                if not chunk:
                    err = self._process.stderr.read().decode(errors="replace") if self._process.stderr else ""
                    last = err.strip().splitlines()[-1] if err.strip() else "no message"
                    raise XvfbError(f"Xvfb exited at start: {last}")
                number += chunk
        except BaseException:
            self.stop()
            raise
        finally:
            os.close(read_end)
        self.display = f":{number.decode().strip()}"
        return self

    def env(self, **extra: str) -> dict[str, str]:
        """An environment for a client of this screen: its DISPLAY and SDL's X11 driver (never the dummy)."""
        env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=self.display, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
        env.update(extra)
        return env

    def read(self) -> bytes:
        """The framebuffer file's bytes now."""
        return self.framebuffer.read_bytes()

    def grab(self, rect: pygame.Rect | None = None) -> pygame.Surface:
        """What the screen shows now (all of it, or ``rect``)."""
        return crop(self.read(), rect)

    def stop(self) -> None:
        """Stop Xvfb and remove its folder."""
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stderr is not None:
                self._process.stderr.close()
            self._process = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    def __enter__(self) -> VirtualScreen:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:  # fmt: skip
        self.stop()


def window_capture(framebuffer: Path, window: pygame.Surface, timeout: float = 2.0) -> tuple[pygame.Surface, float]:
    """Inside the app's process, after a flip: what the X server shows where the window is.

    Polls the framebuffer until it shows exactly the window's surface or ``timeout`` passes (the X
    server draws asynchronously); returns the capture and the seconds it took."""
    x, y = pygame.display.get_window_position()
    rect = pygame.Rect(x, y, *window.get_size())
    started = time.perf_counter()
    while True:
        shown = crop(framebuffer.read_bytes(), rect)
        waited = time.perf_counter() - started
        if same_pixels(shown, window) or waited > timeout:
            return shown, waited
        pygame.event.pump()
        time.sleep(0.01)
