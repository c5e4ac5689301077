"""Where integrations keep a user's past password hashes: the ``HistoryStore`` protocol.

credguard stores nothing itself.  The ``history.*`` and ``separation.*``
checks compare a new password with *stored hashes*
(``UserContext.password_history`` and ``UserContext.other_credentials``);
a web integration needs somewhere to read them from and to write the new
hash to when a password changes.  That place is any object with two
methods, :class:`HistoryStore`:

``get(user, kind) -> Sequence[str]``
    the stored hashes of *user*'s *kind* password, newest first: the first
    is the hash of the current password (``()`` when there are none);
``set(user, kind, hashes)``
    replace them (newest first).

A store holds credguard (Argon2id) hashes, separate from the framework's
own password field: Django's ``user.password`` keeps working as it does.
:func:`record_password` adds a new password's hash after a change and
:func:`with_stored_hashes` reads them into a context before a check.
:class:`InMemoryHistoryStore` is a thread-safe reference implementation for
tests and examples; a real one is a table or a JSON column keyed by user and
kind.  This module depends on nothing outside credguard.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Protocol, runtime_checkable

from .._context import KINDS, MAX_HISTORY, UserContext
from .._hashing import PasswordHasher
from ..errors import CredguardError
from ..rules.history import updated_history

__all__ = [
    "HistoryStore",
    "HistoryStoreError",
    "InMemoryHistoryStore",
    "record_password",
    "with_stored_hashes",
]


class HistoryStoreError(CredguardError, ValueError):
    """A history store was used with an unknown kind or a user it cannot key."""


@runtime_checkable
class HistoryStore(Protocol):
    """Reads and writes a user's stored password hashes, per password kind."""

    def get(self, user: Any, kind: str) -> Sequence[str]:
        """The stored hashes of *user*'s *kind* password, newest (current) first."""
        ...

    def set(self, user: Any, kind: str, hashes: Sequence[str]) -> None:
        """Replace the stored hashes of *user*'s *kind* password (newest first)."""
        ...


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise HistoryStoreError(f"unknown password kind {kind!r}; kinds are {', '.join(KINDS)}")


def _primary_key(user: Any) -> Hashable:
    key: Hashable = getattr(user, "pk", None)
    return key


class InMemoryHistoryStore:
    """A :class:`HistoryStore` in a dict, keyed by ``key(user)`` (default ``user.pk``).

    For tests and examples: the history is lost when the process ends.  A
    user whose key is ``None`` (an unsaved Django user) has no history, and
    ``set`` refuses it.
    """

    def __init__(self, key: Callable[[Any], Hashable] = _primary_key) -> None:
        self._key = key
        self._data: dict[tuple[Hashable, str], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def get(self, user: Any, kind: str) -> tuple[str, ...]:
        _check_kind(kind)
        key = self._key(user)
        if key is None:
            return ()
        with self._lock:
            return self._data.get((key, kind), ())

    def set(self, user: Any, kind: str, hashes: Sequence[str]) -> None:
        _check_kind(kind)
        key = self._key(user)
        if key is None:
            raise HistoryStoreError("the user has no key (save it before recording a password)")
        stored = tuple(hashes)
        if not all(isinstance(item, str) and item for item in stored):
            raise HistoryStoreError("hashes must be a sequence of non-empty str")
        with self._lock:
            self._data[(key, kind)] = stored

    def __repr__(self) -> str:
        # Counts only: the values are password hashes.
        with self._lock:
            return f"InMemoryHistoryStore(<{len(self._data)} histories>)"


def with_stored_hashes(
    context: UserContext,
    store: HistoryStore,
    user: Any,
    kind: str,
    *,
    depth: int = MAX_HISTORY,
) -> UserContext:
    """*context* with the stored hashes of *user* from *store* filled in.

    ``password_history`` gets the newest *depth* hashes of *kind*;
    ``other_credentials`` gets the current hash of every other kind that has
    one, for the ``separation.*`` checks.  The result is validated like any
    context (a store returning something other than hashes raises
    :class:`~credguard.ContextError`: a broken store must not pass a check
    silently).
    """
    _check_kind(kind)
    if not 0 <= depth <= MAX_HISTORY:
        raise HistoryStoreError(f"depth must be between 0 and {MAX_HISTORY}")
    history = tuple(store.get(user, kind))[:depth]
    others: dict[str, str] = {}
    for other in KINDS:
        if other != kind:
            hashes = tuple(store.get(user, other))
            if hashes:
                others[other] = hashes[0]
    return dataclasses.replace(context, password_history=history, other_credentials=others)


def record_password(
    store: HistoryStore,
    user: Any,
    kind: str,
    password: str,
    *,
    hasher: PasswordHasher,
    generations: int = MAX_HISTORY,
) -> None:
    """After a change, store a hash of *password* as *user*'s newest *kind* hash.

    The history becomes :func:`credguard.updated_history`: the new hash
    first, then the previous ones, trimmed to *generations*.  Nothing is
    returned and nothing logged: the values are password hashes.
    """
    _check_kind(kind)
    new_hash = hasher.hash(password)
    store.set(user, kind, updated_history(store.get(user, kind), new_hash, generations=generations))
