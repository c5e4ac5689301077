"""Which :class:`UserContext` fields a policy's rules use, and the warning when some go unused.

A ``password_history`` handed to a policy without a ``history`` rule, or a
``birthdate`` to one without a ``personal`` (or ``strength``) rule, is
silently ignored by the check; the caller almost certainly expected it to
count.  :func:`note_unused` warns with
:class:`~credguard.errors.UnusedContextWarning`, once per policy, kind and
set of unused fields, naming the fields and never their values.

A rule says which fields it reads with a ``CONTEXT_FIELDS`` class attribute;
the built-in ones are known here by name.  A user-registered rule that does
not declare its fields might read any of them, so a policy holding one
never warns.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from typing import Any, Final

from ._context import UserContext
from .errors import UnusedContextWarning

__all__ = ["fields_used", "note_unused", "unused_fields"]

# The built-in rules that read the context, by name; every other built-in
# rule reads none of it.
_BUILT_IN: Final = {
    "history": ("password_history",),
    "separation": ("other_credentials",),
}
_BUILT_IN_MODULE: Final = "credguard."

_lock = threading.Lock()
# (policy name, id of its plan, kind, unused fields): warned already.  Bounded
# by the policies and field combinations a process uses.
_warned: set[tuple[str, int, str, frozenset[str]]] = set()


def fields_used(rules: Iterable[Any]) -> frozenset[str] | None:
    """The context fields *rules* read; ``None`` when a rule does not say."""
    used: set[str] = set()
    for rule in rules:
        declared = getattr(rule, "CONTEXT_FIELDS", None)
        if declared is not None:
            used.update(declared)
        elif rule.NAME == "personal":
            used.update(rule.fields)
        elif rule.NAME == "strength":
            # zxcvbn is given the personal tokens as known words.  Imported
            # here, not at import: the strength rule brings _personal anyway.
            from ._personal import PERSONAL_FIELDS

            used.update(PERSONAL_FIELDS)
        elif rule.NAME in _BUILT_IN:
            used.update(_BUILT_IN[rule.NAME])
        elif not type(rule).__module__.startswith(_BUILT_IN_MODULE):
            return None  # a user's rule may read anything
    return frozenset(used)


def unused_fields(used: frozenset[str] | None, context: UserContext) -> frozenset[str]:
    """The fields set in *context* that no rule reads (empty when unknown)."""
    if used is None:
        return frozenset()
    return frozenset(context.fields_set).difference(used)


def note_unused(
    policy: str, token: object, kind: str, used: frozenset[str] | None, context: UserContext
) -> None:
    """Warn once that *context* sets fields no rule of *policy* for *kind* reads."""
    unused = unused_fields(used, context)
    if not unused:
        return
    key = (policy, id(token), kind, unused)
    if key in _warned:  # every later check: a read needs no lock
        return
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    names = ", ".join(sorted(unused))
    warnings.warn(
        UnusedContextWarning(
            f"policy {policy!r} ({kind}) has no rule that uses these context fields: {names}"
        ),
        stacklevel=3,
    )
