"""``UserContext``: what a backend knows about the account being checked.

Every field is optional.  Values are validated and normalized at
construction; errors name the field, never the value, and the ``repr`` lists
only which fields are set.  Personal fields feed the ``personal.*`` rules:
the tokens derived from them (:mod:`credguard._personal.tokens`) are computed on
first use, field by field as rules ask, and cached in a private slot, so a
context made for one check pays for little more than its validation and a
context reused for many checks derives them once.  ``password_history`` and
``other_credentials`` hold stored hashes for the ``history.*`` and ``separation.*`` rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ._pickling import by_fields
from .errors import ContextError

if TYPE_CHECKING:
    import datetime

    from ._personal import PersonalData

__all__ = [
    "KINDS",
    "MAX_FIELD_LENGTH",
    "MAX_HISTORY",
    "MAX_ITEMS",
    "Kind",
    "UserContext",
]

Kind = str  # one of KINDS; kept a plain str so policy files can name it
#: The password kinds a brokerage account has.
KINDS: Final = ("login", "trade", "withdrawal")

#: Longest accepted value of any text field, in code points.  Personal
#: values are short; the cap keeps token derivation bounded.
MAX_FIELD_LENGTH: Final = 256
#: Most items accepted in a tuple field (names, other words, addresses).
MAX_ITEMS: Final = 32
#: Most stored hashes accepted in ``password_history``.
MAX_HISTORY: Final = 24
#: Longest accepted stored hash (an Argon2 encoding is about 100 characters).
_MAX_HASH_LENGTH: Final = 512

# Compiled by its first use, in re's cache, not at import.
_ISO_DATE: Final = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
# The Meiji era begins in 1868; nobody with an account was born earlier.
_MIN_BIRTH_YEAR: Final = 1868
_MAX_BIRTH_YEAR: Final = 2200


def _text(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ContextError(name, f"must be str, not {type(value).__name__}")
    if len(value) > MAX_FIELD_LENGTH:
        raise ContextError(name, f"is longer than {MAX_FIELD_LENGTH} characters")
    if not value.strip():
        return None
    return value


def _plain_text(value: object) -> bool:
    """Whether *value* is a text field's value as it will be kept (the common case)."""
    return type(value) is str and 0 < len(value) <= MAX_FIELD_LENGTH and not value.isspace()


def _plain_texts(value: tuple[object, ...]) -> bool:
    """Whether a tuple field's *value* is kept as it is (every item a plain text)."""
    return len(value) <= MAX_ITEMS and all(map(_plain_text, value))


def _texts(name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        # A single string is one item, not a sequence of characters.
        value = (value,)
    if not isinstance(value, Iterable):
        raise ContextError(name, f"must be a sequence of str, not {type(value).__name__}")
    items = tuple(value)
    if len(items) > MAX_ITEMS:
        raise ContextError(name, f"has more than {MAX_ITEMS} items")
    out: list[str] = []
    for index, item in enumerate(items):
        text = _text(f"{name}[{index}]", item)
        if text is not None:
            out.append(text)
    return tuple(out)


_TEXT_FIELDS: Final = ("username", "customer_number", "phone", "email", "postal_code", "car_number")
_TUPLE_FIELDS: Final = ("names", "other_words", "address_numbers")
#: The ``other_credentials`` of a context given none (read-only, so shared).
_NO_CREDENTIALS: Final[Mapping[str, str]] = MappingProxyType({})


def _birthdate(value: object) -> datetime.date | None:
    if value is None:
        return None
    import datetime  # only for a context with a birthdate: 1.2 ms of the import

    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        match = re.fullmatch(_ISO_DATE, value.strip())
        if match is None:
            raise ContextError("birthdate", "must be a date or a 'YYYY-MM-DD' string")
        try:
            value = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ContextError("birthdate", "is not a valid calendar date") from None
    if not isinstance(value, datetime.date):
        raise ContextError("birthdate", f"must be a date or str, not {type(value).__name__}")
    if not _MIN_BIRTH_YEAR <= value.year <= _MAX_BIRTH_YEAR:
        raise ContextError(
            "birthdate", f"year must be between {_MIN_BIRTH_YEAR} and {_MAX_BIRTH_YEAR}"
        )
    return value


def _hash_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ContextError(name, f"must be a stored hash (str), not {type(value).__name__}")
    if not value or len(value) > _MAX_HASH_LENGTH:
        raise ContextError(name, f"must be a stored hash of 1 to {_MAX_HASH_LENGTH} characters")
    return value


def _history(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ContextError("password_history", "must be a sequence of stored hashes, newest first")
    items = tuple(value)
    if len(items) > MAX_HISTORY:
        raise ContextError("password_history", f"has more than {MAX_HISTORY} entries")
    return tuple(_hash_text(f"password_history[{i}]", item) for i, item in enumerate(items))


def _credentials(value: object) -> Mapping[str, str]:
    if value is None:
        return _NO_CREDENTIALS
    if not isinstance(value, Mapping):
        raise ContextError("other_credentials", "must be a mapping of kind to stored hash")
    out: dict[str, str] = {}
    for kind, stored in value.items():
        if kind not in KINDS:
            raise ContextError("other_credentials", f"keys must be one of {', '.join(KINDS)}")
        out[kind] = _hash_text(f"other_credentials[{kind}]", stored)
    return MappingProxyType(out)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False, eq=False)
class UserContext:
    """The account data a check may compare a password against.  All optional."""

    username: str | None = None
    customer_number: str | None = None
    birthdate: datetime.date | str | None = None
    phone: str | None = None
    email: str | None = None
    names: tuple[str, ...] = ()
    other_words: tuple[str, ...] = ()
    address_numbers: tuple[str, ...] = ()
    postal_code: str | None = None
    car_number: str | None = None
    password_history: tuple[str, ...] = ()
    other_credentials: Mapping[str, str] = field(default_factory=dict)
    # Derived personal tokens, computed on first use and kept for the
    # context's lifetime (the context is immutable, so they never go stale).
    _derived: PersonalData | None = field(default=None, init=False, repr=False, compare=False)
    # fields_set, kept: every check with a context asks it (the unused-field note).
    _set: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One pass, and a value already in its final form is not set again:
        # a context is built for every login check, and a field left at its
        # default (None, ()) or given a plain short string costs one test.
        set_ = object.__setattr__
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not _plain_text(value):
                set_(self, name, _text(name, value))
        for name in _TUPLE_FIELDS:
            value = getattr(self, name)
            if not (type(value) is tuple and _plain_texts(value)):
                set_(self, name, _texts(name, value))
        value = self.birthdate
        if value is not None:
            set_(self, "birthdate", _birthdate(value))
        value = self.password_history
        if not (type(value) is tuple and not value):
            set_(self, "password_history", _history(value))
        value = self.other_credentials
        # The empty default is shared: a read-only view of an empty dict.
        empty = type(value) is dict and not value
        set_(self, "other_credentials", _NO_CREDENTIALS if empty else _credentials(value))

    @property
    def fields_set(self) -> tuple[str, ...]:
        """Names of the fields that hold a value."""
        names = self._set
        if names is None:
            names = tuple(f.name for f in fields(self) if f.init and getattr(self, f.name))
            object.__setattr__(self, "_set", names)
        return names

    def _personal_data(self) -> PersonalData:
        """The cache of what is derived from the personal fields, made on first use.

        It derives each field's tokens, and builds the matching index, only
        when a check needs them (:mod:`credguard._personal.data`).
        """
        derived = self._derived
        if derived is None:
            # Imported here: romanization and the index cost ~9 ms at import.
            from ._personal import PersonalData

            derived = PersonalData(self)
            object.__setattr__(self, "_derived", derived)
        return derived

    def personal_tokens(self) -> Mapping[str, tuple[str, ...]]:
        """Field name -> the normalized, lower-case tokens derived from it.

        Only fields that are set appear.  Computed once per context.  The
        tokens *are* personal data: never log or display them.
        """
        return self._personal_data().tokens

    def personal_words(self) -> tuple[str, ...]:
        """Every token of :meth:`personal_tokens` once, lower-cased, in field
        order: the words an attacker who knows the customer would try (the
        ``strength`` rule gives them to zxcvbn as user inputs).

        Computed once per context.  Personal data: never log or display them.
        """
        return self._personal_data().every_token

    # Pickled as its fields, without the derived tokens (made again on use).
    __reduce__ = by_fields

    def __repr__(self) -> str:
        # Only which fields are set: the values are personal data or hashes.
        return f"UserContext(<set: {', '.join(self.fields_set) or 'none'}>)"


#: The context used when a check is given none.
EMPTY_CONTEXT: Final = UserContext()
