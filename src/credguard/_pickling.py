"""Pickling credguard's frozen objects: by what built them, never by their caches.

A policy, a rule, a ``UserContext`` and a ``CheckResult`` keep read-only
mappings (``MappingProxyType``, which the standard library cannot pickle)
and caches (a rule's prebuilt findings, a context's derived personal
tokens).  Each is pickled instead as the call that rebuilds it:

* a rule, a context, a section: its class and its constructor arguments
  (:func:`by_fields`); unpickling runs the constructor, so the object is
  validated again and its caches are rebuilt on first use;
* a policy loaded from a preset or a file: its *source* (:data:`Source`:
  the loader's call with the preset name, or with the file's text and
  path), loaded again on the other side; a policy built in code, or bound to a hasher: its fields;
* a breach-file rule: its path and options, the memory map opened again
  on the first lookup (see :mod:`credguard.rules.breached`).

Secrets are never pickled: a :class:`~credguard.Pepper` refuses
(:func:`refuse_secret`), so a policy bound with ``with_hasher`` to a
peppered hasher refuses too, with a message saying how to rebuild it in the
worker.  See ``docs/scale.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._policy import Policy

__all__ = ["Source", "by_fields", "rebuild", "refuse_secret", "remember_source"]


#: What a loaded policy pickles as: the loader's own call that made it
#: (``functools.partial(load_policy, "moomoo")``, or ``parse_policy`` of the
#: text read and the file's absolute path), which pickle stores by name.
Source = Callable[[], "Policy"]


def remember_source(policy: Policy, source: Source) -> Policy:
    """*policy*, recording *source* as what it pickles as (the loader calls this).

    *source* must pickle by reference: a ``functools.partial`` of a public
    loading function and plain arguments.
    """
    object.__setattr__(policy, "_source", source)
    return policy


def _plain(value: object) -> object:
    """*value* with every read-only mapping in it made a dict (which pickles)."""
    if isinstance(value, MappingProxyType):
        return {key: _plain(item) for key, item in value.items()}
    return value


def rebuild(cls: type, arguments: Mapping[str, Any]) -> object:
    """``cls(**arguments)``: how :func:`by_fields` objects are unpickled."""
    return cls(**arguments)


def by_fields(self: Any) -> tuple[Any, ...]:
    """A ``__reduce__`` for a dataclass: rebuilt from its constructor arguments.

    Fields not taken by the constructor (``init=False``: caches, prepared
    plans) are left out and made again by ``__post_init__``.
    """
    arguments = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.init}
    return rebuild, (type(self), arguments)


def refuse_secret(self: Any) -> tuple[Any, ...]:
    """A ``__reduce__`` for an object holding a secret: pickling it is an error."""
    raise TypeError(
        f"a {type(self).__name__} holds a secret key and is never pickled; build it in each"
        " process from your secret store (see docs/scale.md)"
    )
