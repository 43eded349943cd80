"""Open only regular files: a FIFO, a device or a socket named as an input would block
forever (``mkfifo pipe.md``) or never end (``/dev/zero``), so it is refused by what it is."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotRegularFile", "file_kind", "open_regular"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Opening a FIFO without O_NONBLOCK waits for a writer; with it, open returns at once.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path is not a regular file; ``kind`` says what it is (``"a FIFO (named pipe)"``)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: is {kind}, not a regular file")
        self.kind = kind


def file_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is (``"a character device"``, ...); None when regular."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | Path) -> tuple[BinaryIO, int]:
    """Open a regular file for reading in binary: ``(handle, size in bytes)``.

    The file is checked before it is opened and again, on the open descriptor, after (it may
    have been replaced in between). Raises :class:`NotRegularFile` for anything else, and the
    usual OSError (FileNotFoundError, PermissionError, ...) when it cannot be opened.
    """
    kind = file_kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegularFile(str(path), kind)
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise NotRegularFile(str(path), kind)
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise
