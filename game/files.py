"""The user's files, read with a limit and written atomically: the one place that touches them.

Every command and screen that takes a path reads it through :func:`read_limited`, which refuses
before reading anything it should not: a missing file, a dangling link, a link loop, a name the
system cannot take, a folder, a device, a FIFO or a socket (``/dev/zero``, a named pipe), and a
file over the caller's limit (judged by its size, and then by reading at most limit + 1 bytes, so
a sparse or growing file costs no more). Every refusal is a :class:`FileProblem`, one line.

:func:`write_atomic` writes a file so that a crash or a power cut at any moment leaves either the
previous file or the new one, never a mixture: the bytes go to a temporary file in the same folder,
which is flushed to the disk (``fsync``) and then renamed over the target.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

MAX_SHOWN_PATH = 160
"""Longest path shown in a message (longer ones are shortened in the middle)."""


class FileProblem(Exception):
    """A file that cannot be read or written; ``str()`` is one line: ``PATH: REASON``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{shown(self.path)}: {reason}")


def shown(path: str | os.PathLike[str]) -> str:
    """A path fit for one line of a message: control characters escaped, a very long one shortened."""
    text = "".join(c if c.isprintable() else _escape(c) for c in os.fspath(path))
    if len(text) > MAX_SHOWN_PATH:
        half = MAX_SHOWN_PATH // 2
        text = f"{text[:half]}…{text[-half:]}"
    return text


def terminal(text: str) -> str:
    """``text`` safe to print: control characters (escape sequences, carriage returns, bidi overrides)
    written as escapes, so a hostile scenario cannot drive the terminal; newlines and tabs are kept."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in "\n\t" else _escape(c) for c in text)


def _escape(char: str) -> str:
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def _reason(exc: OSError) -> str:
    """Plain words for an operating-system error."""
    words = {
        errno.ENOENT: "no such file",
        errno.ELOOP: "too many levels of symbolic links (a link that points to itself?)",
        errno.ENAMETOOLONG: "the name is too long for this system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "no such file (a part of the path is not a folder)",
        errno.EISDIR: "is a folder, not a file",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
    }
    return words.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def probe(path: str | os.PathLike[str], what: str = "file") -> os.stat_result:
    """The status of the regular file at ``path`` (links followed); raise :class:`FileProblem` for anything else."""
    name = os.fspath(path)
    if not name:
        raise FileProblem(name, "an empty name is not a file")
    if "\0" in name:
        raise FileProblem(name, "a file name cannot contain a NUL character")
    try:
        info = os.stat(name)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.lexists(name):
            raise FileProblem(name, "a symbolic link to a file that does not exist") from None
        raise FileProblem(name, _reason(exc)) from None
    except ValueError as exc:  # e.g. a name the system cannot encode
        raise FileProblem(name, f"not a usable file name ({exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(name, f"{_kind(info.st_mode)}, not a {what}")
    return info


def read_limited(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; raise :class:`FileProblem`.

    ``what`` names the expected kind of file in messages ("scenario file", "Parley log")."""
    name = os.fspath(path)
    info = probe(name, what)
    if info.st_size > limit:
        raise FileProblem(name, f"too large for a {what} ({info.st_size} bytes; at most {limit})")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since stat(), opening it does not wait for a writer.
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileProblem(name, _reason(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FileProblem(name, f"is not a regular file, not a {what}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileProblem(name, f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileProblem(name, f"too large for a {what} (more than {limit} bytes)")
    return b"".join(chunks)


def read_text_limited(path: str | os.PathLike[str], limit: int, what: str = "file") -> str:
    """:func:`read_limited`, decoded as UTF-8 (a leading byte-order mark is dropped)."""
    data = read_limited(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, f"not a {what}: not UTF-8 text (byte {exc.start})") from None


def sha256_limited(path: str | os.PathLike[str], limit: int = 16 * 1024 * 1024) -> str:
    """The SHA-256 of a file's bytes, read with :func:`read_limited` (raise :class:`FileProblem`)."""
    return hashlib.sha256(read_limited(path, limit)).hexdigest()


def write_atomic(path: str | os.PathLike[str], data: bytes, *, keep_previous: bool = False) -> None:
    """Replace the file at ``path`` by ``data`` all at once; raise :class:`FileProblem` if it cannot be written.

    With ``keep_previous`` the file it replaces stays beside it as ``NAME.bak``. Until the final rename the
    previous file is untouched; a temporary file left by a crash starts with ``.`` and ends ``.tmp``."""
    target = Path(path)
    folder = target.parent
    temporary = None
    try:
        if target.is_dir():
            raise FileProblem(target, "is a folder, not a file")
        if not folder.is_dir():
            raise FileProblem(target, f"cannot write: the folder {shown(folder)} does not exist")
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:100]}.", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_previous and target.is_file():
            backup = target.with_name(target.name + ".bak")
            backup.unlink(missing_ok=True)
            os.link(target, backup)
        os.replace(temporary, target)
        temporary = None
        _sync_folder(folder)
    except OSError as exc:
        raise FileProblem(target, f"cannot write: {_reason(exc)}") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
