"""``Problem``: what is wrong with a policy, as a message id and its parameters.

Every :class:`~credguard.PolicyError` carries one; :data:`PROBLEMS`, a
:class:`~credguard._catalogue.Catalogue`, holds the English and Japanese
wording of each id.  The English wording is what ``str(error)`` has always
said, byte for byte; the Japanese is for ``--lang ja``.

A parameter may itself be a :class:`Problem` (a "did you mean" hint, a type
name such as "an integer") or a :class:`~credguard.PolicyError` (the reason
a parent policy could not be read): each is rendered in the same language.
A tuple is joined with the language's list separator.

Parameters are names and numbers from the code, never a value from the
policy file (a pasted secret must not come back in an error).  The wording
lives in :mod:`._problem_texts`; this module is imported by
:mod:`credguard.errors`, so it imports nothing of credguard but the
catalogue type and that table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Protocol

from ._catalogue import Catalogue, Lang
from ._problem_texts import TEXTS

__all__ = ["PROBLEMS", "Problem", "did_you_mean", "wrong_type"]

#: Every problem's wording: id -> (English, Japanese).
PROBLEMS: Final = Catalogue(TEXTS)

_SEPARATOR: Final = {"en": ", ", "ja": "、"}


class _Localized(Protocol):
    def message_in(self, lang: Lang) -> str: ...


class Problem:
    """One problem: an id of :data:`PROBLEMS` and the parameters its templates use.

    The id ``""`` stands for a caller's own text (``params["text"]``),
    shown as written in every language: a :class:`~credguard.PolicyError`
    built from a plain string, as code outside credguard may still do.
    """

    __slots__ = ("id", "params")

    def __init__(self, problem_id: str, /, **params: object) -> None:
        if problem_id and problem_id not in PROBLEMS:
            raise KeyError(f"no problem {problem_id!r} in the catalogue")
        self.id: Final = problem_id
        self.params: Final[Mapping[str, object]] = MappingProxyType(params)

    @classmethod
    def text(cls, text: str) -> Problem:
        """A problem worded by the caller, the same in every language."""
        return cls("", text=text)

    def message_in(self, lang: Lang) -> str:
        """The problem in *lang* (``"en"`` or ``"ja"``)."""
        if not self.id:
            return str(self.params["text"])
        params = {name: _value(value, lang) for name, value in self.params.items()}
        return PROBLEMS.render(self.id, params, lang)

    def __str__(self) -> str:
        return self.message_in("en")

    def __repr__(self) -> str:
        return f"Problem({self.id!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.id == other.id and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.id)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled with the error that holds it (multiprocessing, logging handlers).
        return (_rebuild, (self.id, dict(self.params)))


def _rebuild(problem_id: str, params: dict[str, object]) -> Problem:
    return Problem(problem_id, **params)


def _value(value: object, lang: Lang) -> object:
    """A parameter ready for ``str.format``: nested messages rendered, tuples joined."""
    if isinstance(value, tuple):
        return _SEPARATOR[lang].join(str(_value(item, lang)) for item in value)
    message_in = getattr(value, "message_in", None)
    if callable(message_in):
        localized: _Localized = value  # type: ignore[assignment]
        return localized.message_in(lang)
    return value


def wrong_type(wanted: str, value: object) -> Problem:
    """ "must be *wanted* (a ``type.*`` id), not <the Python type of *value*>"."""
    actual = Problem("hint.code_name", name=type(value).__name__)
    return Problem("value.type", wanted=Problem(wanted), actual=actual)


def did_you_mean(word: str, options: object, cutoff: float = 0.6) -> Problem | str:
    """A "did you mean" hint for *word* among *options*, or ``""`` when none is close.

    *word* is only compared, never shown: the hint names an option.
    """
    import difflib  # only when an error is being worded

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)  # type: ignore[call-overload]
    return Problem("hint.did_you_mean", name=close[0]) if close else ""
