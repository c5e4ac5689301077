"""Open-once caching of package data, shared by the word-list loaders.

The lists are read the first time a rule asks for them, under a lock, and
every later call (from any thread) gets the same object: the double-checked
lookup below.  Only package data is ever cached here, never a user's value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["once"]

T = TypeVar("T")


def once(store: dict[str, T], lock: threading.Lock, name: str, opener: Callable[[str], T]) -> T:
    """``store[name]``, set to ``opener(name)`` by the first caller (under *lock*)."""
    found = store.get(name)
    if found is None:
        with lock:
            found = store.get(name)
            if found is None:
                found = store[name] = opener(name)
    return found
