"""Opening a file named by configuration: regular files only, never blocking.

A path in a policy file, a ``--policy``/``--context`` option or a breach
rule is configuration, not trusted code: it may name a FIFO (an open for
reading waits for a writer forever), a character device (``/dev/zero``
never ends, a tape rewinds), a directory or a socket.  :func:`open_regular`
refuses all of them *before* opening, then opens with ``O_NONBLOCK`` and
checks the opened file again, so a path swapped for a FIFO between the two
steps is refused too instead of blocking.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO, Final

__all__ = ["NOT_REGULAR", "open_regular"]

#: The ``strerror`` of the :class:`OSError` raised for a file that is not regular.
NOT_REGULAR: Final = "not a regular file"

_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting
# for a writer (it has no effect on a regular file's reads).
_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _refuse(path: str | os.PathLike[str], mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"{NOT_REGULAR} ({kind})", os.fspath(path))


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open *path* for binary reading if it is a regular file.

    Raises :class:`OSError` (``strerror`` starting with :data:`NOT_REGULAR`)
    for anything else, and the usual :class:`OSError` if it cannot be opened.
    """
    _refuse(path, os.stat(path).st_mode)
    descriptor = os.open(path, _FLAGS)
    try:
        _refuse(path, os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
