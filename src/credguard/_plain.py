"""``as_dict``: the JSON-ready dict behind every public ``to_dict()``.

Violations, check results, audit findings and the descriptions of policies
are frozen dataclasses; each ``to_dict()`` delegates here, so they all turn
the same values into JSON the same way: tuples, lists and sets become
lists, mappings become dicts with string keys, and a nested object with a
``to_dict()`` (a :class:`~credguard.Provenance`) gives its own dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

__all__ = ["as_dict", "plain"]


def plain(value: object) -> object:
    """A JSON-ready copy of *value*."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return value


def as_dict(obj: Any, names: Iterable[str] | None = None, /, **extra: object) -> dict[str, object]:
    """*obj*'s attributes *names* (by default its dataclass fields), then *extra*, JSON-ready.

    *names* may include properties, and gives the keys' order.
    """
    if names is None:
        names = (item.name for item in fields(obj))
    out = {name: plain(getattr(obj, name)) for name in names}
    out.update((key, plain(value)) for key, value in extra.items())
    return out
