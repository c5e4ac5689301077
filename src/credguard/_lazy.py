"""Loaded on first use: credguard's lazy idioms, one of each.

:func:`lazy_names`, names a package resolves on first access (PEP 562): a
package lists its public names in ``__all__`` as usual, maps the ones it
does not import at once to the module that defines them, and gets from
:func:`lazy_names` its module ``__getattr__`` and ``__dir__`` (as packaging
does). A name is imported on first access and then kept in the package's
namespace, so ``from package import name`` and later lookups never come back
here.

:func:`once`, package data (word lists, the zxcvbn index) opened by the
first caller under a lock and shared, read-only, by every later call from
any thread.  Only package data is ever kept this way, never a user's value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import TypeVar

__all__ = ["lazy_names", "name_table", "once"]

T = TypeVar("T")


def name_table(modules: Mapping[str, str]) -> dict[str, str]:
    """Public name -> module, from ``{module: "Name other_name …"}``."""
    return {name: module for module, names in modules.items() for name in names.split()}


def lazy_names(
    namespace: MutableMapping[str, object], table: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package whose globals are *namespace*.

    *table* maps each lazy name to its module, relative to the package.
    """
    package = str(namespace["__name__"])

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module, package), name)
        namespace[name] = value  # found once; later lookups never come here
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__


def once(store: dict[str, T], lock: threading.Lock, name: str, opener: Callable[[str], T]) -> T:
    """``store[name]``, set to ``opener(name)`` by the first caller (under *lock*).

    A stored ``None`` counts as opened: an opener may find nothing to open.
    """
    try:
        return store[name]
    except KeyError:
        with lock:  # double-checked: one caller opens, the others wait for it
            if name not in store:
                store[name] = opener(name)
            return store[name]
