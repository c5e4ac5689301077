"""Breached-password lookups: HIBP-format files and the k-anonymity range API.

Offline
    A Have I Been Pwned "Pwned Passwords" download is a text file of
    ``HASH:COUNT`` lines sorted by hash (SHA-1, 40 hex digits, or NTLM, 32),
    tens of gigabytes in full.  :class:`HashFile` maps it into memory with
    :mod:`mmap` and searches it by interpolation on the hashes' leading
    digits (they are uniform: 3 probes of one line each in 10 million
    lines), halving after a few probes so a skewed file costs at most a
    binary search more; nothing loaded, memory flat whatever the size.  Opening
    checks every line's shape and order in a file of up to
    :data:`FULL_CHECK_BYTES`, and in a larger one the first line's shape
    and :data:`SORT_SAMPLES` evenly spaced pairs of neighbouring lines;
    every lookup also checks that the keys it meets are in order, so an
    unsorted file is reported (:class:`~credguard.BreachFileError`)
    instead of silently missing hits.  A file changed on disk is mapped
    again before the next lookup (:class:`HashFile`).
    Reads use slices and ``find`` with explicit bounds (never the shared file
    position), so one instance serves every thread.

Online
    The range API client is :mod:`credguard._range_api`; its names are
    re-exported here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from typing import Final

from ._md4 import ntlm_hex
from ._problems import Problem
from ._range_api import (
    API_URL_ENV,
    DEFAULT_API_URL,
    MAX_RESPONSE_BYTES,
    Transport,
    allowed_endpoint,
    range_counts,
    urllib_transport,
)
from ._regular import open_regular
from .errors import BreachFileError

__all__ = [
    "API_URL_ENV",
    "DEFAULT_API_URL",
    "FORMATS",
    "FULL_CHECK_BYTES",
    "MAX_RESPONSE_BYTES",
    "PATH_RECHECK_SECONDS",
    "SORT_SAMPLES",
    "HashFile",
    "Transport",
    "allowed_endpoint",
    "hash_hex",
    "range_counts",
    "urllib_transport",
]

#: Hash formats and their length in hex digits.
FORMATS: Final[Mapping[str, int]] = {"sha1": 40, "ntlm": 32}
#: A file of at most this many bytes has every line checked for shape and
#: order when it is opened (about 25,000 lines, some 10 ms).
FULL_CHECK_BYTES: Final = 1 << 20
#: Neighbouring-line pairs checked for order when a larger file is opened.
SORT_SAMPLES: Final = 256
#: A breach file's path is looked at again (a ``stat``) at most this often,
#: and whenever the mapped file's size changed: a file renamed over it is
#: used within this many seconds.
PATH_RECHECK_SECONDS: Final = 1.0
#: Most digits in a count (the most common password appears some 10^7 times).
_MAX_COUNT_DIGITS: Final = 19


_HEX_DIGITS: Final = b"0123456789ABCDEF"
#: Interpolation probes a lookup makes before it halves the range instead.
_INTERPOLATION_PROBES: Final = 8
#: Leading hex digits read as a number to interpolate with (48 bits: past
#: the resolution of a float's 53, and more than enough for 10^9 lines).
_INTERPOLATION_DIGITS: Final = 12
_INTERPOLATION_SPAN: Final = 16**_INTERPOLATION_DIGITS


def hash_hex(password: str, fmt: str) -> str:
    """The uppercase hex hash of *password* in *fmt* (``sha1`` or ``ntlm``)."""
    if fmt == "ntlm":
        return ntlm_hex(password)
    import hashlib  # loaded by the first breach check, not at import (OpenSSL is slow to load)

    data = password.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data, usedforsecurity=False).hexdigest().upper()


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file is replaced or rewritten: device, inode, size, mtime."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


class _Mapped:
    """One mapping of one version of the file: searched, never changed."""

    __slots__ = ("_map", "hash_length", "identity", "path", "size")

    def __init__(self, path: str, hash_length: int) -> None:
        import mmap  # only breach files are mapped

        self.path = path
        self.hash_length = hash_length
        try:
            # Only a regular file: a FIFO or a device named as the breach
            # file would block the policy load or never end.
            with open_regular(path) as handle:
                status = os.fstat(handle.fileno())
                self.identity = _identity(status)
                self.size = status.st_size
                if self.size == 0:
                    raise self.error("breach.empty")
                # The map keeps its own handle; the file object can close.
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            if hasattr(mmap, "MADV_RANDOM"):
                # Binary search jumps about: reading ahead would only pull in
                # pages (megabytes per probe) that are never looked at.
                self._map.madvise(mmap.MADV_RANDOM)
        except OSError as error:
            raise self.error("breach.cannot_open", reason=error.strerror or error) from None

    def current_size(self) -> int:
        """The mapped file's size now (it shrinks if truncated in place)."""
        return self._map.size()

    def error(self, problem_id: str, **params: object) -> BreachFileError:
        return BreachFileError(Problem(problem_id, path=self.path, **params))

    def _where(self, where: Problem | None, start: int) -> Problem:
        return where or Problem("breach.where_byte", start=start)

    def _line_at(self, position: int) -> tuple[int, int]:
        """Start and end (excluding the newline) of the line holding *position*."""
        start = self._map.rfind(b"\n", 0, position) + 1
        end = self._map.find(b"\n", position)
        return start, self.size if end == -1 else end

    def _key(self, start: int, end: int, where: Problem | None = None) -> bytes:
        key = self._map[start : start + self.hash_length].upper()
        if (
            len(key) != self.hash_length
            or key.translate(None, _HEX_DIGITS)  # anything left is not hex
            or self._map[start + self.hash_length : start + self.hash_length + 1] != b":"
        ):
            where = self._where(where, start)
            raise self.error("breach.not_hash_count", where=where, digits=self.hash_length)
        return key

    def _count(self, start: int, end: int, where: Problem | None = None) -> int:
        text = self._map[start + self.hash_length + 1 : end].strip()
        # A count longer than _MAX_COUNT_DIGITS is malformed, not a number:
        # int() of thousands of digits is slow and past Python's limit raises.
        if not text.isdigit() or len(text) > _MAX_COUNT_DIGITS:
            raise self.error("breach.no_count", where=self._where(where, start))
        return int(text)

    def check_shape(self, fmt: str) -> None:
        start, end = self._line_at(0)
        try:
            self._key(start, end)
            self._count(start, end)
        except BreachFileError:
            raise self.error("breach.first_line", digits=self.hash_length, fmt=fmt) from None

    def check_all(self) -> None:
        """Every line's shape and order: for a file of at most FULL_CHECK_BYTES."""
        previous = b""
        start = 0
        for number, line in enumerate(self._map[:].split(b"\n"), start=1):
            end = start + len(line)
            if line.strip():
                where = Problem("breach.where_line", number=number)
                key = self._key(start, end, where)
                self._count(start, end, where)
                if key <= previous:
                    raise self.error("breach.unsorted", where=where)
                previous = key
            elif end < self.size and self._map[end + 1 :].strip():
                raise self.error("breach.blank_line", number=number)
            start = end + 1

    def check_sample(self) -> None:
        previous, previous_start = b"", -1
        for i in range(SORT_SAMPLES):
            start, end = self._line_at(self.size * i // SORT_SAMPLES)
            if start < previous_start:
                continue  # small file: this sample lands on a line already checked
            if end >= self.size - 1:
                break
            key = self._key(start, end)
            next_start = end + 1
            next_end = self._line_at(next_start)[1]
            if next_start >= next_end or not self._map[next_start:next_end].strip():
                break  # the last line (a trailing newline)
            following = self._key(next_start, next_end)
            if not previous <= key < following:
                raise self.error("breach.unsorted", where=self._where(None, start))
            previous, previous_start = following, next_start

    def count(self, target: bytes) -> int:
        low, high = 0, self.size  # byte range still to search; both are line starts
        floor, ceiling = b"", b"\xff"  # the keys met just below and above it
        # Interpolation: hashes are uniform, so the target sits about where
        # its leading digits fall between the keys around the range (2-5
        # probes in 10 million lines instead of 24 halvings).  The file is
        # untrusted: after _INTERPOLATION_PROBES a skewed file gets halving,
        # which bounds a lookup at that many probes plus a binary search.
        # A target that is not a hash of this format matches no line and is
        # just halved for (int() would accept spaces and underscores).
        guesses = _INTERPOLATION_PROBES if self._is_hash(target) else 0
        if guesses:
            wanted = int(target[:_INTERPOLATION_DIGITS], 16)
            floor_value, ceiling_value = 0, _INTERPOLATION_SPAN
        data, length = self._map, self.hash_length
        while low < high:
            if guesses and floor_value < ceiling_value:
                guesses -= 1
                # floor_value <= wanted <= ceiling_value, so low <= position <= high.
                span = ceiling_value - floor_value
                position = low + (wanted - floor_value) * (high - low) // span
                if position == high:
                    position -= 1
            else:
                position = (low + high) // 2
            # _line_at and _key inlined (this loop is the whole lookup), and
            # the line's end looked for only when it is needed.
            start = data.rfind(b"\n", 0, position) + 1
            key = data[start : start + length].upper()
            if data[start + length : start + length + 1] != b":" or key.translate(
                None, _HEX_DIGITS
            ):
                end = self._line_at(start)[1]
                if not data[start:end].strip():
                    # A blank line (only at the end of a well-formed file).
                    high = start
                    continue
                self._key(start, end)  # raises, naming the line
            if not floor < key < ceiling and key != target:
                raise self.error("breach.unsorted", where=self._where(None, start))
            if key == target:
                return self._count(start, self._line_at(start)[1])
            if key < target:
                end = data.find(b"\n", start)
                floor, low = key, self.size if end == -1 else end + 1
                if guesses:
                    floor_value = int(key[:_INTERPOLATION_DIGITS], 16)
            else:
                ceiling, high = key, start
                if guesses:
                    ceiling_value = int(key[:_INTERPOLATION_DIGITS], 16)
        return 0

    def _is_hash(self, target: bytes) -> bool:
        return len(target) == self.hash_length and not target.translate(None, _HEX_DIGITS)


class HashFile:
    """A sorted ``HASH:COUNT`` file, searched in place through a memory map.

    Before each lookup the mapped file's size is read again (an ``fstat``
    of the mapping's own descriptor); at most every
    :data:`PATH_RECHECK_SECONDS`, and whenever the size changed, the path is
    looked at again (a ``stat``).  If it now names another file, or the
    same file with another size or modification time, the new contents are
    mapped and checked as on opening, and a file that fails the checks
    raises :class:`~credguard.BreachFileError`.  A mapped file truncated in
    place would otherwise kill the process with ``SIGBUS`` on the next read
    of a page past its new end, so that is looked for at every lookup; a
    file renamed over the old one leaves the old mapping valid, so it is
    picked up within :data:`PATH_RECHECK_SECONDS`.  The look is not atomic
    with the lookup: a file rewritten in place *during* a lookup can still
    raise ``SIGBUS``.  Replace a breach file atomically (write the new file
    beside it, then rename it over the old one).
    """

    __slots__ = ("_failed", "_format", "_lock", "_looked_at", "_mapped", "hash_length", "path")

    def __init__(self, path: str | os.PathLike[str], fmt: str) -> None:
        self.path = str(path)
        self.hash_length = FORMATS[fmt]
        self._format = fmt
        self._lock = threading.Lock()
        # The identity of a changed file that failed its checks, and why.
        self._failed: tuple[tuple[int, int, int, int], Problem] | None = None
        self._mapped = self._open()
        self._looked_at = time.monotonic()

    @property
    def size(self) -> int:
        """The size in bytes of the file as last mapped."""
        return self._mapped.size

    def _open(self) -> _Mapped:
        mapped = _Mapped(self.path, self.hash_length)
        mapped.check_shape(self._format)
        if mapped.size <= FULL_CHECK_BYTES:
            mapped.check_all()
        else:
            mapped.check_sample()
        return mapped

    def _current(self) -> _Mapped:
        """The mapping of the file the path names now, remapped if it changed."""
        mapped = self._mapped
        # The size read through the mapping's own descriptor (an fstat:
        # 0.4 µs against 1.6-2.9 µs for a stat of the path) catches the one
        # change that can crash the process, a truncation in place; a file
        # renamed over the path leaves this mapping valid, so the path is
        # looked at only now and then.
        try:
            unchanged = mapped.current_size() == mapped.size
        except OSError:
            unchanged = False
        if unchanged and time.monotonic() - self._looked_at < PATH_RECHECK_SECONDS:
            return mapped
        self._looked_at = time.monotonic()
        try:
            now = _identity(os.stat(self.path))
        except OSError as error:
            raise mapped.error("breach.cannot_open", reason=error.strerror or error) from None
        if now == mapped.identity:
            return mapped
        with self._lock:  # one thread remaps; the others use its mapping
            failed = self._failed
            if failed is not None and failed[0] == now:
                # This version of the file was refused already: refuse it
                # again without reading it again.
                raise BreachFileError(failed[1])
            if self._mapped.identity != now:
                try:
                    # The old mapping is not closed: another thread may be
                    # searching it; it is released with the last reference.
                    self._mapped = self._open()
                except BreachFileError as error:
                    self._failed = (now, error.detail)
                    raise
            return self._mapped

    def __repr__(self) -> str:
        return f"<HashFile {self.path!r} size={self.size}>"

    def count(self, hex_hash: str) -> int:
        """How many times *hex_hash* appears in the corpus (0 if absent)."""
        return self._current().count(hex_hash.upper().encode("ascii"))
