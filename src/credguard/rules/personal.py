"""``personal.*``: passwords derived from the account holder's own data.

Every brokerage in ``shared/seeds`` forbids them: the birthdate in any
spelling (moomoo lists ``20100101``, ``201001``, ``100101``, ``201011``;
NCB adds era forms such as ``5812``), the last 4 digits of the phone, the
login ID or its last 6 characters (松井), the customer number (Mizuho: not
*equal* to it), the email local part, names and nicknames.

The tokens come from the context's personal data (each field derived once
per context when first wanted, see :mod:`credguard._personal.data`); this rule only decides which
fields count, whether containing a token is enough or only equality is, and
how short a token may be.  A page may *require* some fields and only
*advise* against others (みずほ: equal to the customer code is refused,
the birthdate, name and phone are advice): ``advised`` lists the advised
fields, whose findings take ``advised_severity`` (set to ``"warning"`` by
``load_policy(..., advice="warn")``).  One violation per field at most, with params that
say how it matched (``match``: contains / equals; ``how``: plain / reversed /
leet / digits) and never the value or the token.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._params import param, validate
from .._personal import (
    HOWS,
    MATCHES,
    MIN_CONTAINS_LENGTH,
    PERSONAL_FIELDS,
    Match,
    RuleSettings,
)
from .._violation import SEVERITIES, Severity, Violation, new_violation
from ..errors import PolicyError
from ._base import TupleRule, severity_param

__all__ = ["DEFAULT_MIN_TOKEN_LENGTH", "PERSONAL_FIELDS", "PersonalDataRule"]

#: Shortest token (in characters; a kana or kanji counts as two) that a
#: password may not *contain*; shorter tokens count only when the password
#: equals them.  Chosen from the false-positive measurement in
#: ``benchmarks/personal_false_positives.py`` (see ``docs/personal.md``).
DEFAULT_MIN_TOKEN_LENGTH: Final[Mapping[str, int]] = MappingProxyType(
    {
        "username": 4,
        "customer_number": 4,
        "birthdate": 4,
        "phone": 4,
        "email": 4,
        "names": 4,
        "other_words": 4,
        "address_numbers": 4,
        "postal_code": 7,
        "car_number": 4,
    }
)
_FIELD_ORDER: Final = {name: index for index, name in enumerate(PERSONAL_FIELDS)}
# A token longer than this is never the minimum anyone means.
_MAX_MIN_LENGTH: Final = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonalDataRule(TupleRule):
    """Forbid passwords containing (or equal to) tokens derived from personal data."""

    NAME: ClassVar[str] = "personal"

    fields: tuple[str, ...] = param(
        PERSONAL_FIELDS,
        doc="the personal data a password may not contain",
        choices=PERSONAL_FIELDS,
        min_items=1,
        stricter="superset",
    )
    equals_only: tuple[str, ...] = param(
        (),
        doc="fields a password may contain but not equal",
        choices=PERSONAL_FIELDS,
        stricter="subset",
    )
    # Compared but not hashed (a mapping is not hashable), so rules stay hashable.
    min_token_length: Mapping[str, int] = param(
        doc="field = the shortest token a password may not contain",
        default_factory=dict,
        hash=False,
        range=(MIN_CONTAINS_LENGTH, _MAX_MIN_LENGTH),
        choices=PERSONAL_FIELDS,
        stricter="lower",
    )
    advised: tuple[str, ...] = param(
        (),
        doc="fields of `fields` the page only advises against (the table's wording is the rest's)",
        choices=PERSONAL_FIELDS,
        unique=True,
    )
    advised_severity: Severity = param(
        "error",
        doc="the severity of findings on the advised fields (warning with advice = warn)",
        choices=SEVERITIES,
        stricter=("warning", "error"),
    )
    severity: Severity = severity_param()
    _min_lengths: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _equals_only: frozenset[str] = field(init=False, repr=False, compare=False)
    _fields: frozenset[str] = field(init=False, repr=False, compare=False)
    _all_fields: bool = field(init=False, repr=False, compare=False)
    _settings: RuleSettings = field(init=False, repr=False, compare=False)
    # Violations are immutable, and this rule can report only a few: field ->
    # (match, how) -> the finding, built once.
    _found: Mapping[str, Mapping[Match, tuple[Violation]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        validate(self)
        # A field named twice is named once.
        fields = tuple(dict.fromkeys(self.fields))
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "_fields", frozenset(fields))
        object.__setattr__(self, "_all_fields", set(fields) == set(PERSONAL_FIELDS))
        equals_only = tuple(dict.fromkeys(self.equals_only))
        object.__setattr__(self, "equals_only", equals_only)
        object.__setattr__(self, "_equals_only", frozenset(equals_only))
        if not set(self.advised) <= set(fields):
            raise PolicyError.of("personal.advised_not_in_fields", key="advised")
        lengths = {**DEFAULT_MIN_TOKEN_LENGTH, **self.min_token_length}
        object.__setattr__(self, "_min_lengths", MappingProxyType(lengths))
        object.__setattr__(self, "_settings", (self._equals_only, self._min_lengths))
        found = {
            name: {
                Match(match, how): (
                    new_violation(f"personal.{name}", {"match": match, "how": how}, severity),
                )
                for match in MATCHES
                for how in HOWS
            }
            for name in fields
            for severity in (self.advised_severity if name in self.advised else self.severity,)
        }
        object.__setattr__(self, "_found", MappingProxyType(found))

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        equals_only = set(self.equals_only)
        contains = tuple(f"personal.{name}" for name in self.fields if name not in equals_only)
        equals = tuple(f"personal.{name}" for name in self.fields if name in equals_only)
        if contains:
            yield "personal.contains", {"fields": contains}
        if equals:
            yield "personal.equals", {"fields": equals}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        data = context._personal_data()
        # The default rule wants every field: no set to build per check.
        wanted = data.present if self._all_fields else self._fields & data.present
        if not wanted:
            return ()
        found = data.matches(candidate, wanted, rule=self._settings)
        if not found:
            return ()
        if len(found) == 1:  # the usual case
            ((name, match),) = found.items()
            return self._found[name][match]
        # In the order of PERSONAL_FIELDS.
        return tuple(
            self._found[name][found[name]][0]
            for name in sorted(found, key=_FIELD_ORDER.__getitem__)
        )
